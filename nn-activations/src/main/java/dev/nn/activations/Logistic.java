package dev.nn.activations;

/** The logistic function σ(t) = 1/(1 + e^(−t)), shared by sigmoid, silu, softplus and gelu's tanh form. */
final class Logistic {
  private Logistic() {}

  /**
   * σ(t) for any t: exp is only ever taken of −|t|, so it cannot overflow, and for t &lt; 0 the result
   * keeps its relative accuracy down to the smallest doubles instead of rounding 1 + e^(−t).
   */
  static double sigmoid(double t) {
    // 1/(1 + e^(−t)) for t ≥ 0 and e^t/(1 + e^t) below, so the exponential never overflows; written without
    // a branch on the sign, which a layer's pre-activations take at random
    double e = Math.exp(-Math.abs(t));
    return (t >= 0 ? 1.0 : e) / (1.0 + e);
  }
}
