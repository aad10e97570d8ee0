package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * φ(z) = z for z &gt; 0, else slope·z; φ′(z) = 1 for z &gt; 0, else slope. At the kink z = 0, φ′ = slope,
 * as PyTorch's {@code leaky_relu_backward} (which tests {@code z > 0}). A NaN input stays NaN in φ and φ′.
 */
final class LeakyRelu implements Activation {
  private final double slope;

  /** @param slope the slope for z ≤ 0, in [0, 1] (checked by the provider) */
  LeakyRelu(double slope) {
    this.slope = slope;
  }

  @Override
  public double phi(double z) {
    return z > 0 ? z : slope * z;
  }

  @Override
  public double phiPrime(double z, double x) {
    return factor(Relu.step(z), slope);
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    double s = slope;
    for (int i = 0; i < count; i++) {
      double zi = z[i];
      x[i] = zi > 0 ? zi : s * zi;
    }
  }

  @Override
  public void backward(double[] z, double[] x, double[] delta, int count) {
    double s = slope;
    for (int i = 0; i < count; i++) {
      delta[i] *= factor(Relu.step(z[i]), s);
    }
  }

  /** 1 where step = 1, the slope where step = 0 (both exactly), NaN where step is NaN. */
  private static double factor(double step, double slope) {
    return step + slope * (1.0 - step);
  }

  /** {0}, unless slope = 1, where φ is the identity and has no kink. */
  @Override
  public double[] kinks() {
    return slope == 1.0 ? new double[0] : new double[] {0.0};
  }

  @Override
  public String toString() {
    return "leaky-relu(slope=" + slope + ")";
  }
}
