package dev.nn.core.run;

import dev.nn.core.text.Grouped;
import dev.nn.core.text.Significant;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers and text as the report shows them. */
final class Fmt {
  private Fmt() {}

  /** Six significant digits without trailing zeros: "0.125", "1234.57", "3.2e-7"; "—" for NaN. */
  static String number(double v) {
    return significant(v, 6);
  }

  /**
   * An accuracy, an R² or a share as the terminal writes them: four decimals ("0.9667", "1.0000"), and four
   * significant digits for a wild R² ("-7.512e+04"); "—" for NaN.
   */
  static String fraction(double v) {
    if (!Double.isFinite(v)) {
      return number(v);
    }
    return minus(Math.abs(v) < 1e4 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4g", v));
  }

  /** An axis tick: the value to ten significant digits, so 0.30000000000000004 shows as "0.3". */
  static String tick(double v) {
    return significant(v, 10);
  }

  /**
   * An axis's tick labels in one notation: as {@link #tick} writes them, unless one of them needs a power of ten,
   * and then every one but zero as a mantissa and a power of ten ("1e5" … "1e9", not "100000" beside "1e7").
   */
  static List<String> ticks(List<Double> values) {
    List<String> plain = values.stream().map(Fmt::tick).toList();
    if (plain.stream().noneMatch(t -> t.contains("e"))) {
      return plain;
    }
    return values.stream().map(v -> v == 0 ? "0" : minus(scientific(v))).toList();
  }

  /** {@code v} to ten significant digits as "m.mmme±x", trailing zeros dropped: "1e6", "2.5e-3". */
  private static String scientific(double v) {
    BigDecimal d = new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros();
    String u = d.unscaledValue().abs().toString();
    int exponent = u.length() - 1 - d.scale();
    String mantissa = u.length() == 1 ? u : u.charAt(0) + "." + u.substring(1);
    return (v < 0 ? "-" : "") + mantissa + "e" + exponent;
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

  /** A count with thousands separated: "1,688". */
  static String count(long n) {
    return Grouped.of(n);
  }

  /**
   * A decimal number standing on its own in a sentence — not part of a word, a path or a version ("lr0.5",
   * "/runs/x-1.5", "0.1.0") — with a fraction or an exponent.
   */
  private static final Pattern DECIMAL =
      Pattern.compile("(?<![\\w./-])-?\\d+\\.\\d+(?:[eE][-+]?\\d+)?(?![\\w/-]|\\.\\w)");

  /**
   * {@code text} with its decimal numbers to six significant digits, as the page shows numbers elsewhere: a
   * message written for a log holds Java's full ones ("2.484810660284371E39", "(3.1529065866357824)").
   */
  static String numbersIn(String text) {
    Matcher m = DECIMAL.matcher(text);
    StringBuilder b = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(number(Double.parseDouble(m.group()))));
    }
    return m.appendTail(b).toString();
  }

  /** "42.0 s", "3 min 07 s", "2 h 05 min". */
  static String duration(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      return "—";
    }
    if (seconds > 0 && seconds < 0.005) {
      // what "0.00 s" would say of a run that took some time, however little
      return "under 0.01 s";
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

  /**
   * A name or a path as HTML that a browser may wrap only after a '-', '_' or '/' ({@code <wbr>}): after a hyphen
   * it would not break by itself when a digit follows ("digits-20261205"), and a name broken anywhere else reads as
   * other words. The cell holding it keeps the default {@code overflow-wrap}, so that nothing breaks elsewhere.
   */
  static String breakable(String s) {
    return html(s).replaceAll("([-_/])(?=.)", "$1<wbr>");
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
