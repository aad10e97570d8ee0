package dev.nn.cli;

import dev.nn.core.train.Metrics;
import java.util.Locale;

/** How the command line prints numbers and metrics. */
final class Figures {
  private Figures() {}

  /**
   * A metrics line: {@code loss 0.134000  accuracy 0.9650}, or {@code loss …  rmse …  mae …  r2 …}.
   *
   * @param prefix put before each name, e.g. {@code val-}
   * @param withLoss whether to print the loss
   */
  static String of(Metrics m, String prefix, boolean withLoss) {
    StringBuilder s = new StringBuilder();
    if (withLoss) {
      s.append(prefix).append("loss ").append(sixDigits(m.loss())).append("  ");
    }
    if (m.isClassification()) {
      s.append(prefix).append("accuracy ").append(fraction(m.accuracy()));
    } else {
      s.append(prefix).append("rmse ").append(sixDigits(m.rmse())).append("  ");
      s.append(prefix).append("mae ").append(sixDigits(m.mae())).append("  ");
      s.append(prefix).append("r2 ").append(r2(m.r2()));
    }
    return s.toString();
  }

  /** Six significant digits: readable for 0.000123 and for 1.5e+12 alike. */
  static String sixDigits(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /**
   * R², or "-" where it is undefined because the targets do not vary (one row, say), as summary.json's null and
   * nn runs say.
   */
  static String r2(double v) {
    return Double.isFinite(v) ? fraction(v) : "-";
  }

  /** Four decimals for an accuracy or an R² near [0, 1]; four significant digits for a wild R². */
  static String fraction(double v) {
    return Math.abs(v) < 1e4 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4g", v);
  }
}
