package dev.nn.tck;

import static dev.nn.tck.InitializerContract.ALPHA;
import static dev.nn.tck.InitializerContract.STANDARD_ERRORS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/**
 * Checks of a sample of drawn values against a documented {@link WeightDistribution}, for
 * {@link InitializerContract}; kept apart so that the contract's public surface is only its tests.
 *
 * <p>Each takes the {@link Precision} the sample was stored in: in float32 every value has been rounded
 * to float, up to {@link #roundingError} away from what the initializer drew, and each check allows
 * exactly for that.
 */
final class SampleChecks {
  private SampleChecks() {}

  /**
   * The sample mean within {@link InitializerContract#STANDARD_ERRORS} standard errors σ/√n of the
   * documented mean, and the unbiased sample variance within as many of √((μ₄ − σ⁴)/n), its
   * large-sample standard error; every value equal to it for a constant. In float32 the constant is
   * rounded to float, and the mean may move by δ and the variance by δ·(2s + δ)·n/(n − 1) more, δ the
   * largest rounding error of the sample and s its standard deviation: x + e with |e| ≤ δ has a sample
   * variance within 2·s_x·s_e + s_e² of x's.
   */
  static void assertMoments(double[] x, WeightDistribution d, Precision precision, String what) {
    assertFinite(x, precision, what);
    int n = x.length;
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double variance = ss / (n - 1);
    if (d.variance() == 0) {
      double expected = precision.round(d.mean());
      for (int k = 0; k < n; k++) {
        if (Double.compare(x[k], expected) != 0) {
          fail(what + ": value " + k + " is " + x[k] + ", expected " + expected + " in " + precision);
        }
      }
      return;
    }
    double rounding = 0;
    for (double v : x) {
      rounding = Math.max(rounding, roundingError(precision, v));
    }
    double meanError = Math.sqrt(d.variance() / n);
    assertEquals(d.mean(), mean, STANDARD_ERRORS * meanError + rounding,
        what + ": sample mean vs " + d + " in " + precision);
    double varianceError = Math.sqrt((d.fourthCentralMoment() - d.variance() * d.variance()) / n);
    double varianceRounding = rounding * (2 * Math.sqrt(variance) + rounding) * n / (n - 1);
    assertEquals(d.variance(), variance, STANDARD_ERRORS * varianceError + varianceRounding,
        what + ": sample variance vs " + d + " in " + precision);
  }

  /**
   * Every value finite and within [low, high] (in float32, [low, high] rounded to float: rounding keeps
   * order); for a bounded, non-constant distribution the sample also comes within 1 % of the width of
   * each end, which n ≥ 2000 uniform draws miss with probability below 1e-8.
   */
  static void assertSupport(double[] x, WeightDistribution d, Precision precision, String what) {
    double low = precision.round(d.low());
    double high = precision.round(d.high());
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < x.length; k++) {
      if (!Double.isFinite(x[k]) || x[k] < low || x[k] > high) {
        fail(what + ": value " + k + " = " + x[k] + " outside [" + low + ", " + high + "] of " + d + " in "
            + precision);
      }
      min = Math.min(min, x[k]);
      max = Math.max(max, x[k]);
    }
    boolean bounded = Double.isFinite(d.low()) && Double.isFinite(d.high()) && d.high() > d.low();
    if (bounded && x.length >= 2000) {
      double slack = 0.01 * (d.high() - d.low());
      assertTrue(min <= d.low() + slack, what + ": the smallest value " + min + " stays far from " + d.low());
      assertTrue(max >= d.high() - slack, what + ": the largest value " + max + " stays far from " + d.high());
    }
  }

  /**
   * The Kolmogorov–Smirnov distance D = sup |Fₙ(x) − F(x)| below ε = √(ln(2/α)/(2n)): the
   * Dvoretzky–Kiefer–Wolfowitz inequality (with Massart's constant) bounds P(D > ε) by α for every n.
   * In float32 each sorted value v stands for a draw somewhere in [v − δ, v + δ], δ its
   * {@link #roundingError}, so the i-th is compared as (i + 1)/n − F(v − δ) and F(v + δ) − i/n: a bound
   * on the distance of the draws themselves. Skipped for a constant, whose values {@link #assertMoments}
   * already pins down.
   */
  static void assertDistribution(double[] x, WeightDistribution d, Precision precision, String what) {
    if (d.variance() == 0) {
      return;
    }
    // a NaN would reach the distribution function, whose series never ends on one
    assertFinite(x, precision, what);
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double distance = 0;
    for (int i = 0; i < n; i++) {
      double v = sorted[i];
      double e = roundingError(precision, v);
      double below = d.cdf(v - e);
      double above = d.cdf(v + e);
      distance = Math.max(distance, Math.max((i + 1.0) / n - below, above - (double) i / n));
    }
    double bound = Math.sqrt(Math.log(2 / ALPHA) / (2.0 * n));
    assertTrue(distance <= bound, what + ": Kolmogorov–Smirnov distance " + distance + " to " + d + " exceeds "
        + bound + " (α = " + ALPHA + ") in " + precision);
  }

  /**
   * Every value a finite number, before any figure of the sample: one NaN made the mean NaN, and JUnit then said only
   * "positive delta expected but was: &lt;NaN&gt;" of the tolerance.
   */
  static void assertFinite(double[] x, Precision precision, String what) {
    for (int k = 0; k < x.length; k++) {
      if (!Double.isFinite(x[k])) {
        fail(what + ": value " + k + " is " + x[k] + " in " + precision + "; an initializer writes finite weights");
      }
    }
  }

  /**
   * How far a stored value {@code v} may lie from the value the initializer wrote: 0 in float64, half
   * a float ulp of v in float32 (round to nearest).
   */
  private static double roundingError(Precision precision, double v) {
    return precision == Precision.FLOAT32 ? Math.ulp((float) v) / 2 : 0;
  }
}
