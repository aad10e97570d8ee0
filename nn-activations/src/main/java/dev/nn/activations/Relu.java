package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * φ(z) = max(0, z); φ′(z) = 1 for z &gt; 0, else 0. At the kink z = 0, φ′ = 0, the value PyTorch's
 * autograd gives ({@code threshold_backward} passes the gradient only where the output is &gt; 0).
 * A NaN input stays NaN rather than being hidden as 0.
 */
final class Relu implements Activation {
  private static final double[] KINKS = {0.0};

  @Override
  public double phi(double z) {
    return Math.max(0.0, z);
  }

  @Override
  public double phiPrime(double z, double x) {
    return z > 0 ? 1.0 : 0.0;
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    for (int i = 0; i < count; i++) {
      x[i] = Math.max(0.0, z[i]);
    }
  }

  @Override
  public void backward(double[] z, double[] x, double[] delta, int count) {
    for (int i = 0; i < count; i++) {
      delta[i] *= z[i] > 0 ? 1.0 : 0.0;
    }
  }

  @Override
  public double[] kinks() {
    return KINKS.clone();
  }

  @Override
  public String toString() {
    return "relu";
  }
}
