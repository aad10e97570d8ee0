package dev.nn.activations;

/** The logistic function σ(t) = 1/(1 + e^(−t)), shared by sigmoid, silu, softplus and gelu's tanh form. */
final class Logistic {
  private Logistic() {}

  /**
   * σ(t) for any t: exp is only ever taken of −|t|, so it cannot overflow, and for t &lt; 0 the result
   * keeps its relative accuracy down to the smallest doubles instead of rounding 1 + e^(−t).
   */
  static double sigmoid(double t) {
    if (t >= 0) {
      return 1.0 / (1.0 + Math.exp(-t));
    }
    double e = Math.exp(t);
    return e / (1.0 + e);
  }
}
