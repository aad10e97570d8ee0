package dev.nn.core.text;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as a person writes them: a given count of significant digits, without trailing zeros. */
public final class Significant {
  private Significant() {}

  /**
   * {@code v} rounded to {@code digits} significant digits: plain from 1e-4 to below 1e7 ("0.025", "1234.57"),
   * otherwise as a mantissa and a power of ten ("3.16e-5", "1.5e12"); "0" for zero, and NaN and the infinities as
   * Java writes them.
   */
  public static String of(double v, int digits) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
    double a = Math.abs(v);
    if (a >= 1e-4 && a < 1e7) {
      return d.toPlainString();
    }
    // unscaled × 10^−scale = m.mmm × 10^exponent
    String u = d.unscaledValue().abs().toString();
    int exponent = u.length() - 1 - d.scale();
    String mantissa = u.length() == 1 ? u : u.charAt(0) + "." + u.substring(1);
    return (v < 0 ? "-" : "") + mantissa + "e" + exponent;
  }
}
