package dev.nn.activations;

import dev.nn.api.Activation;

/** φ(z) = tanh(z), φ′(z) = 1 − x² with x = φ(z) from the forward pass, as PyTorch's {@code tanh_backward}. */
final class Tanh implements Activation {

  @Override
  public double phi(double z) {
    return Math.tanh(z);
  }

  @Override
  public double phiPrime(double z, double x) {
    return 1.0 - x * x;
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    for (int i = 0; i < count; i++) {
      x[i] = Math.tanh(z[i]);
    }
  }

  @Override
  public void backward(double[] z, double[] x, double[] delta, int count) {
    for (int i = 0; i < count; i++) {
      double xi = x[i];
      delta[i] *= 1.0 - xi * xi;
    }
  }

  @Override
  public String toString() {
    return "tanh";
  }
}
