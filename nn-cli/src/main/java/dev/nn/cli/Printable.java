package dev.nn.cli;

/**
 * Text from outside nn (an environment variable, a path read from a file) made safe to print: each control
 * character becomes {@code ?}, so that it can neither move the cursor nor recolour the terminal.
 */
final class Printable {
  private Printable() {}

  static String of(String text) {
    StringBuilder s = new StringBuilder(text.length());
    text.codePoints().forEach(c -> s.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return s.toString();
  }
}
