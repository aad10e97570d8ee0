package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * Cross-entropy of a softmax over the K output nodes, fused: for one-hot y,
 * L_n = −Σ_k y_k log softmax(z)_k = logsumexp(z) − Σ_k y_k z_k, δ(L+1) = softmax(z) − y, and the link
 * is softmax(z). With the core's 1/B, J equals PyTorch's {@code CrossEntropyLoss()} (mean over the
 * batch) given the class indices of the one-hot rows.
 *
 * <p>With label smoothing ε the target is q = (1 − ε)·y + ε/K in place of y, in L_n and δ alike (so
 * Σ_k q_k = 1 still, and logsumexp(z) − Σ_k q_k z_k is still −Σ_k q_k log softmax(z)_k): PyTorch's
 * {@code CrossEntropyLoss(label_smoothing=ε)}.
 *
 * <p>Every exponent is z_k − max(z) ≤ 0, so nothing overflows for any finite z, and
 * L_n = (max(z) − z_c) + log Σ_k e^(z_k − max(z)) adds two non-negative terms.
 */
final class SoftmaxCrossEntropy implements Loss {
  private final double smoothing;

  /** @param smoothing ε in [0, 1): the share of each target spread evenly over the K classes */
  SoftmaxCrossEntropy(double smoothing) {
    this.smoothing = smoothing;
  }

  /** q_k: y_k, smoothed. Exactly y_k without smoothing. */
  private double target(double y, int cols) {
    return smoothing == 0 ? y : (1 - smoothing) * y + smoothing / cols;
  }

  @Override
  public Seeding seeding() {
    return Seeding.FUSED;
  }

  @Override
  public TargetKind targets() {
    return TargetKind.ONE_HOT;
  }

  @Override
  public double value(double[] z, double[] x, double[] y, int rows, int cols) {
    double sum = 0;
    for (int row = 0, base = 0; row < rows; row++, base += cols) {
      double max = rowMax(z, base, cols);
      double exps = 0;
      double targetLogit = 0;
      for (int i = base, end = base + cols; i < end; i++) {
        exps += Math.exp(z[i] - max);
        targetLogit += target(y[i], cols) * z[i];
      }
      sum += (max - targetLogit) + Math.log(exps);
    }
    return sum;
  }

  @Override
  public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
    double sum = 0;
    for (int row = 0, base = 0; row < rows; row++, base += cols) {
      double max = rowMax(z, base, cols);
      double exps = 0;
      double targetLogit = 0;
      int end = base + cols;
      for (int i = base; i < end; i++) {
        double e = Math.exp(z[i] - max);
        delta[i] = e;
        exps += e;
        targetLogit += target(y[i], cols) * z[i];
      }
      sum += (max - targetLogit) + Math.log(exps);
      double scale = 1 / exps;
      for (int i = base; i < end; i++) {
        delta[i] = delta[i] * scale - target(y[i], cols);
      }
    }
    return sum;
  }

  @Override
  public void link(double[] z, double[] x, double[] out, int rows, int cols) {
    for (int row = 0, base = 0; row < rows; row++, base += cols) {
      double max = rowMax(z, base, cols);
      double exps = 0;
      int end = base + cols;
      for (int i = base; i < end; i++) {
        double e = Math.exp(z[i] - max);
        out[i] = e;
        exps += e;
      }
      double scale = 1 / exps;
      for (int i = base; i < end; i++) {
        out[i] *= scale;
      }
    }
  }

  private static double rowMax(double[] z, int base, int cols) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = base, end = base + cols; i < end; i++) {
      max = Math.max(max, z[i]);
    }
    return max;
  }

  @Override
  public String toString() {
    return smoothing == 0 ? "softmax-cross-entropy" : "softmax-cross-entropy (label-smoothing " + smoothing + ")";
  }
}
