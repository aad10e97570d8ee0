package dev.nn.core.data;

/**
 * Whether text is a plain decimal number: an optional sign, digits with an optional fraction (at least one
 * digit in all), and an optional exponent: {@code 3}, {@code -0.5}, {@code .5}, {@code 2.}, {@code 1e-3}.
 *
 * <p>{@link Double#parseDouble} alone accepts far more, which in a data file is almost always a mistake
 * read as a number: {@code 101d} and {@code 1f} (Java type suffixes), {@code 0x1.8p5} (hexadecimal),
 * {@code NaN}, {@code Infinity}, and control characters around a value. Checked here first, character by
 * character, a value costs one pass more than the parse.
 */
final class DecimalText {
  private DecimalText() {}

  /** Whether {@code s} is a decimal number, with nothing around it. */
  static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** Whether {@code s} names NaN or an infinity as parsers write them: {@code NaN}, {@code -inf}, {@code Infinity}. */
  static boolean isNonFiniteWord(String s) {
    String word = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    return word.equalsIgnoreCase("nan") || word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity");
  }

  /** {@code s} without the spaces and tabs around it, which a hand-written CSV file often has after commas. */
  static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isBlank(s.charAt(from))) {
      from++;
    }
    while (to > from && isBlank(s.charAt(to - 1))) {
      to--;
    }
    return from == 0 && to == s.length() ? s : s.substring(from, to);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
