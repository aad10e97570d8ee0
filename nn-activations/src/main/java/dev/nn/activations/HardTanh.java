package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * PyTorch's Hardtanh: φ(z) = clip(z, min, max); φ′(z) = 1 for min &lt; z &lt; max, else 0. At both kinks,
 * z = min and z = max, φ′ = 0, as PyTorch's {@code hardtanh_backward} (which zeroes the gradient where
 * z ≤ min or z ≥ max).
 */
final class HardTanh implements Activation {
  private final double min;
  private final double max;

  /**
   * @param min the lower clip value
   * @param max the upper clip value, &gt; min (checked by the provider)
   */
  HardTanh(double min, double max) {
    this.min = min;
    this.max = max;
  }

  @Override
  public double phi(double z) {
    return value(z, min, max);
  }

  @Override
  public double phiPrime(double z, double x) {
    return slope(z, min, max);
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    double lo = min;
    double hi = max;
    for (int i = 0; i < count; i++) {
      x[i] = value(z[i], lo, hi);
    }
  }

  @Override
  public void backward(double[] z, double[] x, double[] delta, int count) {
    double lo = min;
    double hi = max;
    for (int i = 0; i < count; i++) {
      delta[i] *= slope(z[i], lo, hi);
    }
  }

  @Override
  public double[] kinks() {
    return new double[] {min, max};
  }

  @Override
  public String toString() {
    return "hard-tanh(min=" + min + ", max=" + max + ")";
  }

  /** A NaN z fails both comparisons and comes back as NaN. */
  private static double value(double z, double min, double max) {
    return z < min ? min : z > max ? max : z;
  }

  private static double slope(double z, double min, double max) {
    return z > min && z < max ? 1.0 : 0.0;
  }
}
