package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * GELU's tanh approximation, PyTorch's {@code gelu(approximate='tanh')}: with
 * u = √(2/π)(z + 0.044715z³), φ(z) = z(1 + tanh u)/2 and
 * φ′(z) = (1 + tanh u)/2 + (z/2)(1 − tanh²u)·√(2/π)(1 + 3·0.044715z²).
 *
 * <p>Computed through the identities (1 + tanh u)/2 = σ(2u) and (1 − tanh²u)/4 = σ(2u)σ(−2u), which
 * lose nothing when tanh u rounds to ±1: for z = −20, φ′ is about −2.9e−259 rather than 0.
 */
final class GeluTanh implements Activation {
  private static final double SQRT_2_OVER_PI = 0.7978845608028654;
  private static final double KAPPA = 0.044715;

  @Override
  public double phi(double z) {
    return value(z);
  }

  @Override
  public double phiPrime(double z, double x) {
    return slope(z);
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    for (int i = 0; i < count; i++) {
      x[i] = value(z[i]);
    }
  }

  @Override
  public void backward(double[] z, double[] x, double[] delta, int count) {
    for (int i = 0; i < count; i++) {
      delta[i] *= slope(z[i]);
    }
  }

  @Override
  public String toString() {
    return "gelu(approximate=tanh)";
  }

  private static double twiceU(double z) {
    return 2.0 * SQRT_2_OVER_PI * (z + KAPPA * (z * z * z));
  }

  private static double value(double z) {
    return z * Logistic.sigmoid(twiceU(z));
  }

  private static double slope(double z) {
    double v = twiceU(z);
    double s = Logistic.sigmoid(v);
    double both = s * Logistic.sigmoid(-v);
    if (both == 0.0) {
      // tanh u is ±1 exactly in double: the second term is 0, and for |z| > 1e154 computing it
      // would multiply 0 by an overflowed ∞.
      return s;
    }
    return s + 2.0 * z * both * SQRT_2_OVER_PI * (1.0 + 3.0 * KAPPA * (z * z));
  }
}
