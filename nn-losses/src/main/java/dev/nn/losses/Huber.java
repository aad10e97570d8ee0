package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * PyTorch's {@code HuberLoss(delta)} per element, summed over the output nodes: with r = x − y,
 * L_n = Σ_k ½r_k² where |r_k| &lt; δ, and δ(|r_k| − ½δ) elsewhere. The seed ∂L_n/∂x is r inside and
 * δ·sign(r) outside; both branches give ±δ at |r| = δ, so the seed is continuous and only its
 * derivative jumps there (the kinks at y ± δ).
 */
final class Huber implements Loss {
  private final double delta;

  /** @param delta where the quadratic part turns linear, &gt; 0 (checked by the provider) */
  Huber(double delta) {
    this.delta = delta;
  }

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
    double d = delta;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double a = Math.abs(x[i] - y[i]);
      sum += a < d ? 0.5 * a * a : d * (a - 0.5 * d);
    }
    return sum;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    int n = rows * cols;
    double d = this.delta;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = x[i] - y[i];
      double a = Math.abs(r);
      if (a < d) {
        sum += 0.5 * a * a;
        delta[i] = r;
      } else {
        sum += d * (a - 0.5 * d);
        delta[i] = r > 0 ? d : -d;
      }
    }
    return sum;
  }

  @Override
  public double[] kinks(double y) {
    return new double[] {y - delta, y + delta};
  }

  @Override
  public String toString() {
    return "huber(delta=" + delta + ")";
  }
}
