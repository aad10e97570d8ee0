package dev.nn.core.text;

/**
 * Makes text that nn did not write safe to print on a terminal. A plugin's name, version, summary or
 * exception message is written by its author, and a control character in it (an ESC that starts a colour
 * or cursor sequence, a carriage return that overwrites the line, a right-to-left override) would change
 * what the user sees rather than show what the plugin said. Each such character is shown as an escape
 * instead, so the text stays on one line and reads as it is.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  /**
   * {@code text} with every control character written as an escape: {@code \e} for ESC, {@code \n},
   * {@code \r}, {@code \t}, {@code \b}, {@code \f}, {@code \0}, and {@code &#92;u00XX} for the other C0 and C1
   * controls, DEL, the bidirectional overrides and isolates and the line and paragraph separators.
   * {@code null} becomes {@code "null"}.
   */
  public static String escape(String text) {
    if (text == null) {
      return "null";
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder s = new StringBuilder(text.length() + 8).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (unsafe(c)) {
        s.append(escaped(c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /**
   * As {@link #escape}, but a line feed stays a line feed: for messages of several lines, whose parts may hold text
   * nn did not write.
   */
  public static String escapeKeepingLineEnds(String text) {
    if (text == null || text.indexOf('\n') < 0) {
      return escape(text);
    }
    StringBuilder s = new StringBuilder(text.length() + 8);
    int from = 0;
    for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) {
      s.append(escape(text.substring(from, end))).append('\n');
      from = end + 1;
    }
    return s.append(escape(text.substring(from))).toString();
  }

  /** Whether {@code text} holds a character {@link #escape} would change. */
  public static boolean present(String text) {
    return text != null && firstUnsafe(text) >= 0;
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (unsafe(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean unsafe(char c) {
    return Character.isISOControl(c) // C0, DEL and C1
        || c == '\u200E' || c == '\u200F' // left-to-right and right-to-left marks
        || (c >= '\u202A' && c <= '\u202E') // embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069') // isolates
        || c == '\u2028' || c == '\u2029'; // line and paragraph separators
  }

  private static String escaped(char c) {
    switch (c) {
      case '\u001B':
        return "\\e";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case '\b':
        return "\\b";
      case '\f':
        return "\\f";
      case '\0':
        return "\\0";
      default:
        return String.format("\\u%04X", (int) c);
    }
  }
}
