package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * SiLU (also called swish): φ(z) = z·σ(z), φ′(z) = σ(z)(1 + z·σ(−z)), where PyTorch writes
 * σ(z)(1 + z(1 − σ(z))). σ(−z) is computed directly rather than as 1 − σ(z), which keeps the second
 * term accurate for large z.
 */
final class Silu implements Activation {

  @Override
  public double phi(double z) {
    return z * Logistic.sigmoid(z);
  }

  @Override
  public double phiPrime(double z, double x) {
    return slope(z);
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    for (int i = 0; i < count; i++) {
      double zi = z[i];
      x[i] = zi * Logistic.sigmoid(zi);
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
    return "silu";
  }

  private static double slope(double z) {
    return Logistic.sigmoid(z) * (1.0 + z * Logistic.sigmoid(-z));
  }
}
