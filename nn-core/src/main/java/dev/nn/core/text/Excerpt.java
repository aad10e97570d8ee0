package dev.nn.core.text;

/**
 * A value as a message may quote it: whole when it is short, else its start and its length, so that a
 * 100 MB field in a data file does not become a 100 MB error message.
 */
public final class Excerpt {
  /** Characters quoted at most. */
  public static final int MAX_QUOTED = 40;

  private Excerpt() {}

  /** {@code text}, or its first {@value #MAX_QUOTED} characters followed by {@code …(N characters)}. */
  public static String of(String text) {
    return of(text, MAX_QUOTED);
  }

  /**
   * {@code text}, or its first {@code max} characters followed by {@code …(N characters)}: for what a message holds
   * whole when it is of a usual length (a key path, a whole message), but not when it is megabytes.
   */
  public static String of(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a character in two
    }
    return text.substring(0, end) + "…(" + text.length() + " characters)";
  }
}
