package dev.nn.core.run;

import dev.nn.core.text.Significant;
import java.util.Locale;

/** Numbers and text as the report shows them. */
final class Fmt {
  private Fmt() {}

  /** Six significant digits without trailing zeros: "0.125", "1234.57", "3.2e-7"; "—" for NaN. */
  static String number(double v) {
    return significant(v, 6);
  }

  /** An axis tick: the value to ten significant digits, so 0.30000000000000004 shows as "0.3". */
  static String tick(double v) {
    return significant(v, 10);
  }

  private static String significant(double v, int digits) {
    if (Double.isNaN(v)) {
      return "—";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    return minus(Significant.of(v, digits));
  }

  private static String minus(String s) {
    return s.startsWith("-") ? "−" + s.substring(1) : s;
  }

  /** "42.0 s", "3 min 07 s", "2 h 05 min". */
  static String duration(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      return "—";
    }
    if (seconds < 60) {
      return String.format(Locale.ROOT, seconds < 10 ? "%.2f s" : "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
  }

  /**
   * A coordinate for SVG, to a tenth of a pixel. Built by hand rather than by {@code String.format}, which
   * takes most of a report's time: a 1,000-epoch report, rewritten after every epoch, holds thousands.
   */
  static String px(double v) {
    long tenths = Math.round(v * 10);
    long abs = Math.abs(tenths);
    return (tenths < 0 ? "-" : "") + abs / 10 + "." + abs % 10;
  }

  /** Text safe inside HTML elements and quoted attributes. */
  static String html(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
