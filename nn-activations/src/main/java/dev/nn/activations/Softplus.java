package dev.nn.activations;

import dev.nn.api.Activation;

/**
 * PyTorch's Softplus: with t = β·z, φ(z) = log(1 + e^t)/β, and φ(z) = z where t &gt; threshold;
 * φ′(z) = σ(t), and 1 where t &gt; threshold.
 *
 * <p>The switch to the linear branch makes φ jump by log(1 + e^(−threshold))/β (2.1e−9 with the
 * defaults) and φ′ by 1 − σ(threshold) at z = threshold/β, so that point is declared a kink. At it,
 * t = threshold is not above the threshold, so φ′ = σ(threshold), as in PyTorch.
 *
 * <p>Below the threshold, log(1 + e^t) is computed as t + log(1 + e^(−t)) for t &gt; 0, so it stays
 * finite for any threshold; PyTorch's {@code log1p(exp(t))} overflows when a threshold above 709 is set.
 */
final class Softplus implements Activation {
  private final double beta;
  private final double threshold;

  /**
   * @param beta β &gt; 0 (checked by the provider)
   * @param threshold t above which φ is linear, &gt; 0 (checked by the provider)
   */
  Softplus(double beta, double threshold) {
    this.beta = beta;
    this.threshold = threshold;
  }

  @Override
  public double phi(double z) {
    return value(z, beta, threshold);
  }

  @Override
  public double phiPrime(double z, double x) {
    return slope(z, beta, threshold);
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    double b = beta;
    double th = threshold;
    for (int i = 0; i < count; i++) {
      x[i] = value(z[i], b, th);
    }
  }

  @Override
  public void backward(double[] z, double[] x, double[] delta, int count) {
    double b = beta;
    double th = threshold;
    for (int i = 0; i < count; i++) {
      delta[i] *= slope(z[i], b, th);
    }
  }

  @Override
  public double[] kinks() {
    return new double[] {threshold / beta};
  }

  @Override
  public String toString() {
    return "softplus(beta=" + beta + ", threshold=" + threshold + ")";
  }

  private static double value(double z, double beta, double threshold) {
    double t = beta * z;
    if (t > threshold) {
      return z;
    }
    double log1pExp = t <= 0 ? Math.log1p(Math.exp(t)) : t + Math.log1p(Math.exp(-t));
    return log1pExp / beta;
  }

  private static double slope(double z, double beta, double threshold) {
    double t = beta * z;
    return t > threshold ? 1.0 : Logistic.sigmoid(t);
  }
}
