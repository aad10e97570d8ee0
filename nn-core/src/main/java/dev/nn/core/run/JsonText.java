package dev.nn.core.run;

import java.util.List;
import java.util.Map;

/**
 * Pretty-printed JSON for the run files people and other programs read ({@code summary.json}): objects with
 * their keys in insertion order, arrays, strings, numbers, booleans and null, two spaces per level. A number
 * that is NaN or infinite has no JSON form and is written as {@code null}. (The export package's one-line
 * writer refuses such numbers, as a model header must, so it does not serve here.)
 */
final class JsonText {
  private JsonText() {}

  /**
   * {@code value} as JSON ending in a line break: a {@link Map} (keys as strings), a {@link List}, a
   * {@link CharSequence}, a {@link Number}, a {@link Boolean} or {@code null}.
   */
  static String pretty(Object value) {
    StringBuilder s = new StringBuilder(1024);
    write(s, value, "");
    return s.append('\n').toString();
  }

  private static void write(StringBuilder s, Object value, String indent) {
    if (value == null) {
      s.append("null");
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        s.append("{}");
        return;
      }
      String inner = indent + "  ";
      s.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        s.append(inner);
        string(s, String.valueOf(e.getKey()));
        s.append(": ");
        write(s, e.getValue(), inner);
        s.append(++i < map.size() ? ",\n" : "\n");
      }
      s.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      // a list of scalars stays on one line: the overrides read best that way
      s.append('[');
      for (int i = 0; i < list.size(); i++) {
        s.append(i == 0 ? "" : ", ");
        write(s, list.get(i), indent);
      }
      s.append(']');
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      s.append(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (value instanceof Number || value instanceof Boolean) {
      s.append(value);
    } else {
      string(s, value.toString());
    }
  }

  /** {@code text} as a JSON string, quoted and escaped. */
  static String quoted(String text) {
    StringBuilder s = new StringBuilder(text.length() + 2);
    string(s, text);
    return s.toString();
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
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validPair(text, i)) {
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
  private static boolean validPair(String text, int i) {
    char c = text.charAt(i);
    return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
