package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/** L_n = ½·Σ_k (y_k − x_k)², seeded with ∂L_n/∂x = x − y: the squared loss without the factor 2. */
final class HalfSquared implements Loss {

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
      double r = x[i] - y[i];
      sum += r * r;
    }
    return 0.5 * sum;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    int n = rows * cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = x[i] - y[i];
      sum += r * r;
      delta[i] = r;
    }
    return 0.5 * sum;
  }

  @Override
  public String toString() {
    return "half-squared";
  }
}
