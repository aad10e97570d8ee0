package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * PyTorch's Hardsigmoid: φ(z) = clip(z/6 + 1/2, 0, 1), computed as PyTorch does, min(max(z + 3, 0), 6)/6;
 * φ′(z) = 1/6 for −3 &lt; z &lt; 3, else 0. At both kinks z = ±3, φ′ = 0, as PyTorch's
 * {@code hardsigmoid_backward} (strict inequalities).
 *
 * <p>φ′ is exactly 1/6 rounded to double. PyTorch's float64 kernel uses the single-precision constant
 * {@code 1.0f / 6.0f} = 0.16666667163372040, which differs from 1/6 by 3e−8 relative.
 */
final class HardSigmoid implements Activation {
  private static final double[] KINKS = {-3.0, 3.0};
  private static final double ONE_SIXTH = 1.0 / 6.0;

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
  public double[] kinks() {
    return KINKS.clone();
  }

  @Override
  public String toString() {
    return "hard-sigmoid";
  }

  private static double value(double z) {
    return Math.min(Math.max(z + 3.0, 0.0), 6.0) / 6.0;
  }

  private static double slope(double z) {
    return z > -3.0 && z < 3.0 ? ONE_SIXTH : 0.0;
  }
}
