package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * φ(z) = σ(z) = 1/(1 + e^(−z)), φ′(z) = x(1 − x) with x = φ(z) from the forward pass, as PyTorch's
 * {@code sigmoid_backward} computes it from the output. σ is evaluated without overflow for any z
 * ({@link Logistic#sigmoid}).
 */
final class Sigmoid implements Activation {

  @Override
  public double phi(double z) {
    return Logistic.sigmoid(z);
  }

  @Override
  public double phiPrime(double z, double x) {
    return x * (1.0 - x);
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    for (int i = 0; i < count; i++) {
      x[i] = Logistic.sigmoid(z[i]);
    }
  }

  @Override
  public void backward(double[] z, double[] x, double[] delta, int count) {
    for (int i = 0; i < count; i++) {
      double xi = x[i];
      delta[i] *= xi * (1.0 - xi);
    }
  }

  @Override
  public String toString() {
    return "sigmoid";
  }
}
