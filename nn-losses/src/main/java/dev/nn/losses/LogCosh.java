package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * L_n = Σ_k log(cosh(x_k − y_k)), seeded with ∂L_n/∂x = tanh(x − y). Quadratic (r²/2) for small
 * residuals r and linear (|r| − log 2) for large ones, smooth everywhere. cosh overflows beyond
 * |r| ≈ 710, so the value is computed without it.
 */
final class LogCosh implements Loss {
  private static final double LN_2 = Math.log(2);

  @Override
  public Seeding seeding() {
    return Seeding.DEFAULT;
  }

  @Override
  public TargetKind targets() {
    return TargetKind.REAL;
  }

  @Override
  public double value(double[] z, double[] x, double[] y, int rows, int cols) {
    int n = rows * cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += logCosh(x[i] - y[i]);
    }
    return sum;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    int n = rows * cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = x[i] - y[i];
      sum += logCosh(r);
      delta[i] = Math.tanh(r);
    }
    return sum;
  }

  /**
   * log(cosh r) for any finite r. Small |r|: cosh r = 1 + 2·sinh²(r/2), and log1p keeps the tiny
   * r²/2 that log(cosh r) would round to 0. Large |r|: cosh r = e^|r|(1 + e^(−2|r|))/2, which never
   * overflows; |r| − log 2 ≥ 0.3 there, so nothing cancels.
   */
  static double logCosh(double r) {
    double a = Math.abs(r);
    if (a < 1) {
      double s = Math.sinh(0.5 * a);
      return Math.log1p(2 * s * s);
    }
    return a - LN_2 + Math.log1p(Math.exp(-2 * a));
  }

  @Override
  public String toString() {
    return "log-cosh";
  }
}
