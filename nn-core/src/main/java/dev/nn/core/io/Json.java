package dev.nn.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * nn's one JSON codec, for the files and outputs it writes as JSON ({@code summary.json}, {@code nn runs --json},
 * the headers of exported models) and reads back ({@code summary.json}).
 *
 * <p>Values are Java objects: a {@link Map} is an object (keys written as strings, in the map's order), a
 * {@link List} an array, a {@link Number} or {@link Boolean} itself, {@code null} null, and anything else a
 * string (its {@code toString()}). Text is written in one of two layouts: {@link #line} on one line, and
 * {@link #pretty} with two spaces per level, where an array of scalars stays on one line. A NaN or infinite
 * number has no JSON form; the caller says what to do with one ({@link NonFinite}).
 *
 * <p>Strings are escaped so that any Java string reads back unchanged and encodes as UTF-8: quote, backslash
 * and the control characters, DEL, and a surrogate that is not half of a pair (which UTF-8 cannot encode) are
 * written as escapes; everything else, surrogate pairs included, as itself.
 *
 * <p>{@link #parse} reads JSON back: objects as maps in the text's key order, integers of up to 18 digits as
 * {@link Long}, other numbers as {@link Double}.
 */
public final class Json {
  /** What to write for a number that is NaN or infinite, which JSON cannot express. */
  public enum NonFinite {
    /** Refuse it with an {@link IllegalArgumentException} naming the number and where it is. */
    REFUSE,
    /** Write {@code null}: the figure is unknown, as a summary a program reads should say. */
    AS_NULL
  }

  /** Why a text is not JSON; the message ends with the character offset (from 1) where reading stopped. */
  public static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  private static final String INDENT = "  ";

  private final StringBuilder out = new StringBuilder(256);
  private final NonFinite nonFinite;
  private final boolean pretty;
  /** The keys and indices from the top to the value being written, to say where a refused number is. */
  private final List<Object> path = new ArrayList<>();

  private Json(NonFinite nonFinite, boolean pretty) {
    this.nonFinite = nonFinite;
    this.pretty = pretty;
  }

  /**
   * {@code value} as JSON on one line, items separated by {@code ", "} and keys by {@code ": "}.
   *
   * @throws IllegalArgumentException for a non-finite number when {@code nonFinite} is {@link NonFinite#REFUSE}
   */
  public static String line(Object value, NonFinite nonFinite) {
    return new Json(nonFinite, false).write(value, "").out.toString();
  }

  /**
   * {@code value} as JSON over several lines, without a final line break: each key of an object on a line of
   * its own, indented by two spaces per level; an array of scalars on one line, any other array one item a line.
   *
   * @throws IllegalArgumentException for a non-finite number when {@code nonFinite} is {@link NonFinite#REFUSE}
   */
  public static String pretty(Object value, NonFinite nonFinite) {
    return new Json(nonFinite, true).write(value, "").out.toString();
  }

  /** {@code text} as a JSON string: quoted and escaped. It is a YAML double-quoted scalar too. */
  public static String quoted(String text) {
    StringBuilder s = new StringBuilder(text.length() + 2);
    string(s, text);
    return s.toString();
  }

  /**
   * The value {@code text} holds.
   *
   * @throws SyntaxError when {@code text} is not one JSON value, naming the offset where reading stopped
   */
  public static Object parse(String text) {
    return JsonParser.parse(text);
  }

  private Json write(Object value, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      object(map, indent);
    } else if (value instanceof List<?> list) {
      array(list, indent);
    } else if (value instanceof Double || value instanceof Float) {
      number(((Number) value).doubleValue());
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      string(out, value.toString());
    }
    return this;
  }

  private void object(Map<?, ?> map, String indent) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    String inner = indent + INDENT;
    out.append(pretty ? "{\n" : "{");
    int i = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      out.append(pretty ? inner : "");
      string(out, key);
      out.append(": ");
      path.add(key);
      write(e.getValue(), inner);
      path.remove(path.size() - 1);
      out.append(++i < map.size() ? (pretty ? ",\n" : ", ") : (pretty ? "\n" : ""));
    }
    out.append(pretty ? indent : "").append('}');
  }

  private void array(List<?> list, String indent) {
    // an array of scalars stays on one line even in the pretty layout: a run's overrides read best that way
    boolean multiline = pretty && list.stream().anyMatch(v -> v instanceof Map || v instanceof List);
    String inner = indent + INDENT;
    out.append(multiline ? "[\n" : "[");
    for (int i = 0; i < list.size(); i++) {
      out.append(multiline ? inner : "");
      path.add(i);
      write(list.get(i), inner);
      path.remove(path.size() - 1);
      out.append(i + 1 < list.size() ? (multiline ? ",\n" : ", ") : (multiline ? "\n" : ""));
    }
    out.append(multiline ? indent : "").append(']');
  }

  private void number(double d) {
    if (Double.isFinite(d)) {
      out.append(d);
    } else if (nonFinite == NonFinite.AS_NULL) {
      out.append("null");
    } else {
      throw new IllegalArgumentException(
          "cannot write " + d + where() + " as JSON: a JSON number must be finite");
    }
  }

  /** " at loss.settings.alpha", " at layers[0]"; "" for a value at the top. */
  private String where() {
    StringBuilder s = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer i) {
        s.append('[').append(i).append(']');
      } else {
        s.append(s.length() == 0 ? "" : ".").append(step);
      }
    }
    return s.length() == 0 ? "" : " at " + s;
  }

  private static void string(StringBuilder s, String text) {
    s.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !halfOfPair(text, i)) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }

  /** Whether the surrogate at {@code i} is half of a pair, which UTF-8 can encode; a lone half cannot be. */
  private static boolean halfOfPair(String text, int i) {
    char c = text.charAt(i);
    return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
