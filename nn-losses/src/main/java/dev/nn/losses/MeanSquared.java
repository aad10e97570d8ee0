package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * L_n = (1/K)·Σ_k (y_k − x_k)² over the K output nodes, seeded with ∂L_n/∂x = (2/K)(x − y). With the
 * core's 1/B this makes J the mean over all B·K elements, as PyTorch's {@code MSELoss()}.
 */
final class MeanSquared implements Loss {

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
    return sum / cols;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    int n = rows * cols;
    double scale = 2.0 / cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = x[i] - y[i];
      sum += r * r;
      delta[i] = scale * r;
    }
    return sum / cols;
  }

  @Override
  public String toString() {
    return "mean-squared";
  }
}
