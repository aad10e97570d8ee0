package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * The lecture's squared loss L_n = Σ_k (y_k − x_k)², seeded with ∂L_n/∂x = −2(y − x), so that
 * δ(L+1) = −2(y − x) ⊙ φ′(z) once the core applies φ′.
 */
final class Squared implements Loss {

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
      double r = y[i] - x[i];
      sum += r * r;
    }
    return sum;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    int n = rows * cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - x[i];
      sum += r * r;
      delta[i] = -2 * r;
    }
    return sum;
  }

  @Override
  public String toString() {
    return "squared";
  }
}
