package dev.nn.tck;

/**
 * Φ, the standard normal distribution function, which the JDK lacks and which the kit needs without
 * extra dependencies (the kit is nn-api and JUnit only).
 *
 * <p>Φ(z) = ½ + φ(z)·(z + z³/3 + z⁵/(3·5) + z⁷/(3·5·7) + …), the series in Marsaglia, "Evaluating the
 * Normal Distribution", Journal of Statistical Software 11(4), 2004: every term has the sign of z, so
 * the series itself does not cancel, and Φ comes out with an absolute error near 1e-16, far below what a
 * test on a sample can resolve. Beyond |z| = 9, Φ is within 1e-18 of 0 or 1.
 */
final class StandardNormal {
  private static final double LIMIT = 9;

  private StandardNormal() {}

  static double cdf(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN; // the series below would never end: NaN + term != NaN
    }
    if (z <= -LIMIT) {
      return 0;
    }
    if (z >= LIMIT) {
      return 1;
    }
    double term = z;
    double sum = z;
    double z2 = z * z;
    for (int k = 3; sum + term != sum; k += 2) {
      term *= z2 / k;
      sum += term;
    }
    return 0.5 + sum * Math.exp(-0.5 * z2) / Math.sqrt(2 * Math.PI);
  }
}
