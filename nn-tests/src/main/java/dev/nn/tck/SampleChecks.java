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
 */
final class SampleChecks {
  private SampleChecks() {}

  /**
   * The sample mean within {@link InitializerContract#STANDARD_ERRORS} standard errors σ/√n of the
   * documented mean, and the unbiased sample variance within as many of √((μ₄ − σ⁴)/n), its
   * large-sample standard error; every value equal to it for a constant.
   */
  static void assertMoments(double[] x, WeightDistribution d, String what) {
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
    if (d instanceof WeightDistribution.Constant) {
      for (int k = 0; k < n; k++) {
        if (Double.compare(x[k], d.mean()) != 0) {
          fail(what + ": value " + k + " is " + x[k] + ", expected " + d.mean());
        }
      }
      return;
    }
    double meanError = Math.sqrt(d.variance() / n);
    assertEquals(d.mean(), mean, STANDARD_ERRORS * meanError, what + ": sample mean vs " + d);
    double varianceError = Math.sqrt((d.fourthCentralMoment() - d.variance() * d.variance()) / n);
    assertEquals(d.variance(), variance, STANDARD_ERRORS * varianceError, what + ": sample variance vs " + d);
  }

  /**
   * Every value finite and within [low, high]; for a bounded, non-constant distribution the sample also
   * comes within 1 % of the width of each end, which n ≥ 2000 uniform draws miss with probability
   * below 1e-8.
   */
  static void assertSupport(double[] x, WeightDistribution d, String what) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < x.length; k++) {
      if (!Double.isFinite(x[k]) || x[k] < d.low() || x[k] > d.high()) {
        fail(what + ": value " + k + " = " + x[k] + " outside [" + d.low() + ", " + d.high() + "] of " + d);
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
   * Skipped for a constant, whose values {@link #assertMoments} already pins down.
   */
  static void assertDistribution(double[] x, WeightDistribution d, String what) {
    if (d instanceof WeightDistribution.Constant) {
      return;
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double distance = 0;
    for (int i = 0; i < n; i++) {
      double f = d.cdf(sorted[i]);
      distance = Math.max(distance, Math.max((i + 1.0) / n - f, f - (double) i / n));
    }
    double bound = Math.sqrt(Math.log(2 / ALPHA) / (2.0 * n));
    assertTrue(distance <= bound,
        what + ": Kolmogorov–Smirnov distance " + distance + " to " + d + " exceeds " + bound + " (α = " + ALPHA + ")");
  }
}
