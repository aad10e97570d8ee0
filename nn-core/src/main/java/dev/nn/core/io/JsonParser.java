package dev.nn.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value for {@link Json#parse}: objects into maps in the text's key order, arrays into lists,
 * strings, numbers ({@link Long} for integers of up to 18 digits, {@link Double} otherwise), booleans and nulls.
 */
final class JsonParser {
  /** How deep objects and arrays may nest: nn writes 4 levels; a damaged file of thousands would overflow the stack. */
  static final int MAX_DEPTH = 100;

  private final String text;
  private int at;
  private int depth;

  private JsonParser(String text) {
    this.text = text;
  }

  /** The value {@code text} holds; a {@link Json.SyntaxError} when it is not one JSON value. */
  static Object parse(String text) {
    JsonParser p = new JsonParser(text);
    p.skipSpace();
    Object v = p.value();
    p.skipSpace();
    if (p.at < text.length()) {
      throw p.error("unexpected text after the value");
    }
    return v;
  }

  private Object value() {
    if (at >= text.length()) {
      throw error("the text ends where a value was expected");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        for (String word : new String[] {"true", "false", "null"}) {
          if (text.startsWith(word, at)) {
            at += word.length();
            return word.equals("null") ? null : Boolean.valueOf(word);
          }
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    items('}', () -> {
      if (peek() != '"') {
        throw error("expected a key in quotes");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      m.put(key, value());
    });
    return m;
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    items(']', () -> list.add(value()));
    return list;
  }

  /** Reads the items of an object or array, from its opening bracket to {@code close}, each by {@code item}. */
  private void items(char close, Runnable item) {
    if (++depth > MAX_DEPTH) {
      throw error("objects and arrays nested more than " + MAX_DEPTH + " deep");
    }
    at++;
    skipSpace();
    if (peek() == close) {
      at++;
      depth--;
      return;
    }
    while (true) {
      skipSpace();
      item.run();
      skipSpace();
      char c = next();
      if (c == close) {
        depth--;
        return;
      }
      if (c != ',') {
        throw error("expected ',' or '" + close + "'", at - 1);
      }
    }
  }

  private String string() {
    at++;
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case '"', '\\', '/' -> b.append(e);
        case 'u' -> {
          if (at + 4 > text.length() || !text.substring(at, at + 4).chars().allMatch(JsonParser::isHexDigit)) {
            throw error("a \\u escape needs four hex digits");
          }
          b.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("\\" + e + " is not a JSON escape", at - 2);
      }
    }
  }

  private Object number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String n = text.substring(start, at);
    try {
      if (n.matches("-?[0-9]{1,18}")) {
        return Long.valueOf(n);
      }
      return Double.valueOf(n);
    } catch (NumberFormatException e) {
      throw error("\"" + n + "\" is not a number", start);
    }
  }

  private static boolean isHexDigit(int c) {
    return Character.digit(c, 16) >= 0 && c < 0x80;
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private char next() {
    if (at >= text.length()) {
      throw error("the text ends too early");
    }
    return text.charAt(at++);
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected '" + c + "'", at - 1);
    }
  }

  /** An error at the character reading stands before. */
  private Json.SyntaxError error(String what) {
    return error(what, at);
  }

  /** An error at the character of index {@code index}, counted from 1 in the message as editors count. */
  private Json.SyntaxError error(String what, int index) {
    return new Json.SyntaxError(what + " at character " + (index + 1));
  }
}
