package com.example.acme.nn;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * The pseudo-Huber (Charbonnier) loss: with r = x − y, L_n = Σ_k δ²(√(1 + (r_k/δ)²) − 1), seeded with
 * ∂L_n/∂x_k = r_k / √(1 + (r_k/δ)²). About ½r² for |r| ≪ δ and δ|r| for |r| ≫ δ, like Huber, but smooth
 * everywhere, so it reports no kinks; the seed is bounded by δ in magnitude.
 */
final class AcmePseudoHuber implements Loss {
  private final double delta;

  /** @param delta the scale δ at which the loss turns from quadratic to linear, &gt; 0 (checked by the provider) */
  AcmePseudoHuber(double delta) {
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
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = x[i] - y[i];
      sum += term(r, Math.hypot(1, r / delta));
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
      double root = Math.hypot(1, r / d);
      sum += term(r, root);
      delta[i] = r / root;
    }
    return sum;
  }

  /**
   * δ²(√(1 + t²) − 1) with t = r/δ, rewritten as r·r/(1 + √(1 + t²)): subtracting 1 from the root
   * would cancel every digit of a small residual's loss, and forming r/(1 + root) first keeps a huge
   * residual from overflowing r².
   *
   * @param root √(1 + (r/δ)²), from {@link Math#hypot} so that large r/δ does not overflow
   */
  private static double term(double r, double root) {
    return r * (r / (1 + root));
  }

  @Override
  public String toString() {
    return "acme-pseudo-huber(delta=" + delta + ")";
  }
}
