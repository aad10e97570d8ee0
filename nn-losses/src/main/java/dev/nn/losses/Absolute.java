package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * L_n = Σ_k |y_k − x_k|, seeded with ∂L_n/∂x = sign(x − y). At x = y the derivative does not exist;
 * the seed there is sign(0) = 0, as PyTorch's {@code L1Loss} gradient.
 */
final class Absolute implements Loss {

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
      sum += Math.abs(x[i] - y[i]);
    }
    return sum;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    int n = rows * cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = x[i] - y[i];
      sum += Math.abs(r);
      // signum(0) is 0: the subgradient PyTorch picks, so a perfect prediction gets no push
      delta[i] = Math.signum(r);
    }
    return sum;
  }

  @Override
  public double[] kinks(double y) {
    return new double[] {y};
  }

  @Override
  public String toString() {
    return "absolute";
  }
}
