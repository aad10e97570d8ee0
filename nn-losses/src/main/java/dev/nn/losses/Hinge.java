package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * The hinge loss for ±1 targets, L_n = Σ_k max(0, 1 − y_k·x_k), seeded with ∂L_n/∂x = −y where the
 * margin 1 − y·x is positive and 0 elsewhere. At the kink y·x = 1 (that is x = y) the seed is 0,
 * the subgradient PyTorch's relu′(0) = 0 gives.
 */
final class Hinge implements Loss {

  @Override
  public Seeding seeding() {
    return Seeding.DEFAULT;
  }

  @Override
  public TargetKind targets() {
    return TargetKind.SIGNED;
  }

  @Override
  public double value(double[] z, double[] x, double[] y, int rows, int cols) {
    int n = rows * cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double m = 1 - y[i] * x[i];
      if (m > 0) {
        sum += m;
      }
    }
    return sum;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    int n = rows * cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double m = 1 - y[i] * x[i];
      if (m > 0) {
        sum += m;
        delta[i] = -y[i];
      } else {
        delta[i] = 0;
      }
    }
    return sum;
  }

  @Override
  public double[] kinks(double y) {
    return y == 0 ? new double[0] : new double[] {1 / y};
  }

  @Override
  public String toString() {
    return "hinge";
  }
}
