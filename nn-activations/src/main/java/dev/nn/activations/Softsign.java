package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * φ(z) = z/(1 + |z|), φ′(z) = 1/(1 + |z|)². φ′ is continuous at 0 (only φ″ jumps there), so there is
 * no kink; PyTorch's autograd of {@code z / (1 + |z|)} gives the same φ′(0) = 1.
 */
final class Softsign implements Activation {

  @Override
  public double phi(double z) {
    return z / (1.0 + Math.abs(z));
  }

  @Override
  public double phiPrime(double z, double x) {
    return slope(z);
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    for (int i = 0; i < count; i++) {
      double zi = z[i];
      x[i] = zi / (1.0 + Math.abs(zi));
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
    return "softsign";
  }

  private static double slope(double z) {
    double d = 1.0 + Math.abs(z);
    return 1.0 / (d * d);
  }
}
