package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * The exact GELU (Hendrycks &amp; Gimpel, 2016), PyTorch's {@code gelu(approximate='none')}:
 * φ(z) = z·Φ(z) with Φ the standard normal distribution function, Φ(z) = erfc(−z/√2)/2 =
 * (1 + erf(z/√2))/2; φ′(z) = Φ(z) + z·e^(−z²/2)/√(2π).
 *
 * <p>Φ is computed through {@link Erf#erfc}, which keeps relative accuracy in the left tail: for z
 * below about −8.3, PyTorch's 1 + erf(z/√2) rounds to 0, while this gives the tiny true value.
 */
final class Gelu implements Activation {
  private static final double INV_SQRT2 = 0.7071067811865476;
  private static final double INV_SQRT_2PI = 0.3989422804014327;

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
    return "gelu(approximate=none)";
  }

  private static double cdf(double z) {
    return 0.5 * Erf.erfc(-z * INV_SQRT2);
  }

  private static double value(double z) {
    return z * cdf(z);
  }

  private static double slope(double z) {
    // For |z| > 1.3e154, z·z overflows to ∞ and the density term becomes z·0 = 0, as it should.
    return cdf(z) + z * (INV_SQRT_2PI * Math.exp(-0.5 * z * z));
  }
}
