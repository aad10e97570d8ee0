package dev.nn.tck;

/**
 * A derivative estimated from central differences at two steps, h and h/2, for the contracts' derivative checks.
 * One central difference D(h) is off by its truncation error, about h²·f‴/6, which no fixed tolerance covers: at
 * large |z| the kit's relative step makes h large, and a strongly curved function (a periodic activation, say)
 * then fails although its derivative is exact. The two steps give Richardson's estimate (4·D(h/2) − D(h))/3,
 * whose truncation error is of order h⁴, and |D(h) − D(h/2)| as an allowance for what is left of it: about
 * three quarters of D(h)'s own truncation error where f is smooth, half of its O(h) error where f″ jumps, and
 * nothing where f is a polynomial of degree 3 or less. A wrong derivative is still caught, since two
 * differences of a smooth function agree to far less than a wrong derivative's error.
 *
 * @param atStep D(h)
 * @param atHalfStep D(h/2)
 */
record CentralDifference(double atStep, double atHalfStep) {
  /** Richardson's estimate of the derivative from the two differences. */
  double estimate() {
    return atHalfStep + (atHalfStep - atStep) / 3;
  }

  /** How far the true derivative may lie from {@link #estimate()} for truncation alone. */
  double truncationAllowance() {
    return Math.abs(atStep - atHalfStep);
  }

  /**
   * How many times a rounding error of D(h) the estimate may carry: D(h/2) divides the same rounding by half the
   * step, so (4·2 + 1)/3 = 3.
   */
  static final double ROUNDING_FACTOR = 3;
}
