package com.example.acme.nn;

import dev.nn.api.Activation;

/**
 * Swish with a fixed β (Ramachandran, Zoph and Le, "Searching for Activation Functions", 2017):
 * φ(z) = z·σ(βz), where σ(u) = 1/(1 + e^(−u)). Its derivative is
 * φ′(z) = σ(βz) + βz·σ(βz)·(1 − σ(βz)). β = 1 is PyTorch's {@code SiLU}; β = 0 gives z/2; a large β
 * approaches relu. Smooth everywhere, so it reports no kinks.
 */
final class AcmeSwish implements Activation {
  private final double beta;

  /** @param beta the slope inside the sigmoid, finite and &gt;= 0 (checked by the provider) */
  AcmeSwish(double beta) {
    this.beta = beta;
  }

  @Override
  public double phi(double z) {
    return z * sigmoid(beta * z);
  }

  @Override
  public double phiPrime(double z, double x) {
    double u = beta * z;
    // e = e^(−|u|) ≤ 1 never overflows; σ(u) and 1 − σ(u) both come from it without cancellation.
    double e = Math.exp(-Math.abs(u));
    double s = u >= 0 ? 1 / (1 + e) : e / (1 + e);
    // σ(u)(1 − σ(u)) = e/(1 + e)²; once e underflows to 0 the term u·e is below any double, and
    // testing e keeps an infinite u from making 0·∞ = NaN.
    double slope = e == 0 ? 0 : u * e / ((1 + e) * (1 + e));
    return s + slope;
  }

  /** σ(u), without overflow for any u: e^(−u) is only formed where it is at most 1. */
  private static double sigmoid(double u) {
    if (u >= 0) {
      return 1 / (1 + Math.exp(-u));
    }
    double e = Math.exp(u);
    return e / (1 + e);
  }

  @Override
  public String toString() {
    return "acme-swish(beta=" + beta + ")";
  }
}
