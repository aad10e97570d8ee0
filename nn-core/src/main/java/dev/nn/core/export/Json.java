package dev.nn.core.export;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough JSON for export headers: objects (keys in insertion order, or sorted for plugin settings),
 * arrays, strings, finite numbers, booleans and null, written on one line.
 */
final class Json {
  private Json() {}

  /** A JSON array of strings. */
  static String strings(List<String> values) {
    return value(values);
  }

  /**
   * {@code value} as JSON: a {@link Map} (keys as strings), a {@link List}, a {@link CharSequence}, a
   * {@link Number}, a {@link Boolean} or {@code null}.
   */
  static String value(Object value) {
    StringBuilder s = new StringBuilder();
    write(s, value);
    return s.toString();
  }

  private static void write(StringBuilder s, Object value) {
    if (value == null) {
      s.append("null");
    } else if (value instanceof Map<?, ?> map) {
      s.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        s.append(first ? "" : ", ");
        first = false;
        string(s, String.valueOf(e.getKey()));
        s.append(": ");
        write(s, e.getValue());
      }
      s.append('}');
    } else if (value instanceof List<?> list) {
      s.append('[');
      for (int i = 0; i < list.size(); i++) {
        s.append(i == 0 ? "" : ", ");
        write(s, list.get(i));
      }
      s.append(']');
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      s.append(d);
    } else if (value instanceof Number || value instanceof Boolean) {
      s.append(value);
    } else {
      string(s, value.toString());
    }
  }

  /** Plugin settings with their keys sorted, so that a header does not depend on a map's order. */
  static Map<String, Object> sorted(Map<String, Object> settings) {
    return new TreeMap<>(settings);
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
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }
}
