package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * Binary cross-entropy on logits, fused with the sigmoid: for each output node k an independent
 * probability σ(z_k) of the target y_k ∈ {0, 1}, and
 * L_n = Σ_k −[y_k log σ(z_k) + (1 − y_k) log(1 − σ(z_k))], computed as
 * Σ_k [max(z_k, 0) − z_k·y_k + log(1 + e^(−|z_k|))], where exp never sees a positive argument, so any
 * finite z is safe (PyTorch's {@code BCEWithLogitsLoss}, which averages over all elements where this
 * sums over k). δ(L+1) = σ(z) − y; the link is σ(z).
 */
final class BinaryCrossEntropy implements Loss {

  @Override
  public Seeding seeding() {
    return Seeding.FUSED;
  }

  @Override
  public TargetKind targets() {
    return TargetKind.BINARY;
  }

  @Override
  public double value(double[] z, double[] x, double[] y, int rows, int cols) {
    int n = rows * cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double zi = z[i];
      sum += Math.max(zi, 0) - zi * y[i] + Math.log1p(Math.exp(-Math.abs(zi)));
    }
    return sum;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    int n = rows * cols;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double zi = z[i];
      sum += Math.max(zi, 0) - zi * y[i] + Math.log1p(Math.exp(-Math.abs(zi)));
      delta[i] = sigmoid(zi) - y[i];
    }
    return sum;
  }

  @Override
  public void link(double[] z, double[] x, double[] out, int rows, int cols) {
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      out[i] = sigmoid(z[i]);
    }
  }

  /** σ(z) = 1/(1 + e^(−z)), with exp only of −|z| so that it never overflows. */
  static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  @Override
  public String toString() {
    return "binary-cross-entropy";
  }
}
