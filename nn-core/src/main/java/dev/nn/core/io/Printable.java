package dev.nn.core.io;

/**
 * Text from a file, made fit for a one-line message: a damaged or hostile file may hold names with line
 * breaks or control characters, or values a megabyte long, and a message must stay one readable line.
 */
public final class Printable {
  /** Longer text is cut, with its length said. */
  private static final int MAX_CHARS = 60;

  private Printable() {}

  /** {@code text} on one line, control characters escaped, cut after {@value #MAX_CHARS} characters. */
  public static String of(Object text) {
    String s = String.valueOf(text);
    StringBuilder out = new StringBuilder();
    int end = Math.min(s.length(), MAX_CHARS);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (s.length() > MAX_CHARS) {
      out.append("… (").append(s.length()).append(" characters)");
    }
    return out.toString();
  }

  /** An entry or field name, quoted when it holds anything but letters, digits and {@code ._-}. */
  public static String name(String name) {
    return name.matches("[A-Za-z0-9._-]+") && name.length() <= MAX_CHARS ? name : "\"" + of(name) + "\"";
  }
}
