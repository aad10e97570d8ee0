package dev.nn.tests.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Loss;

/** Checks a loss against a value and seed worked out by hand. */
final class KnownValues {
  private KnownValues() {}

  /**
   * Asserts that value() and seed() of {@code loss} return {@code expectedLoss} and that seed() writes
   * {@code expectedSeed}, each within {@code tolerance}.
   *
   * @param z output pre-activations. Not modified.
   * @param x output activations. Not modified.
   * @param y targets. Not modified.
   */
  static void assertLossAndSeed(Loss loss, double[] z, double[] x, double[] y, int rows, int cols,
      double expectedLoss, double[] expectedSeed, double tolerance) {
    assertEquals(expectedLoss, loss.value(z, x, y, rows, cols), tolerance, loss + ": value()");
    double[] delta = new double[rows * cols];
    assertEquals(expectedLoss, loss.seed(z, x, y, delta, rows, cols), tolerance, loss + ": seed() return value");
    assertArrayEquals(expectedSeed, delta, tolerance, loss + ": seed written into delta");
  }

  /** A default loss, whose z is not read: z = x. */
  static void assertLossAndSeed(Loss loss, double[] x, double[] y, int rows, int cols, double expectedLoss,
      double[] expectedSeed, double tolerance) {
    assertLossAndSeed(loss, x, x, y, rows, cols, expectedLoss, expectedSeed, tolerance);
  }
}
