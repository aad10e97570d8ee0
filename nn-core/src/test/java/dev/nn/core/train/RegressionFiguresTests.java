package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RMSE, MAE and R² of regression predictions, against sums written out by hand. */
class RegressionFiguresTests {

  @Test
  void theFiguresOfAFewRows() {
    double[] target = {1, 2, 3, 4};
    double[] predicted = {1.5, 2, 2, 4};
    Metrics m = Metrics.of(Double.NaN, predicted, target, 4, 1, false, 0.5);
    // errors -0.5, 0, 1, 0: SSE 1.25; mean 2.5, SST 5
    assertEquals(Math.sqrt(1.25 / 4), m.rmse(), 1e-15);
    assertEquals(1.5 / 4, m.mae(), 1e-15);
    assertEquals(1 - 1.25 / 5, m.r2(), 1e-15);
  }

  /** Two targets of different scales: each target's figures alone, beside the pooled ones that mix them. */
  @Test
  void eachTargetOfSeveralHasItsOwnFigures() {
    // rows (y1, y2): (1, 100), (2, 300), (3, 200); predictions (1, 110), (3, 300), (3, 170)
    double[] target = {1, 100, 2, 300, 3, 200};
    double[] predicted = {1, 110, 3, 300, 3, 170};
    Metrics m = Metrics.of(Double.NaN, predicted, target, 3, 2, false, 0.5);
    assertEquals(2, m.byTarget().size());
    Metrics first = m.byTarget().get(0);
    // errors 0, 1, 0: SSE 1; mean 2, SST 2
    assertEquals(Math.sqrt(1.0 / 3), first.rmse(), 1e-15);
    assertEquals(1.0 / 3, first.mae(), 1e-15);
    assertEquals(1 - 1.0 / 2, first.r2(), 1e-15);
    Metrics second = m.byTarget().get(1);
    // errors 10, 0, -30: SSE 1000; mean 200, SST 20000
    assertEquals(Math.sqrt(1000.0 / 3), second.rmse(), 1e-12);
    assertEquals(40.0 / 3, second.mae(), 1e-12);
    assertEquals(1 - 1000.0 / 20000, second.r2(), 1e-15);
    assertEquals(Math.sqrt(1001.0 / 6), m.rmse(), 1e-12, "pooled over all six values");
    assertTrue(Double.isNaN(first.loss()), "a loss is not split by target");
    assertEquals(0, first.byTarget().size());
    assertEquals(0, Metrics.of(Double.NaN, new double[] {1, 2}, new double[] {1, 3}, 2, 1, false, 0.5).byTarget()
        .size(), "one target has no figures of its own besides");
  }

  /** Errors of 1e200 square past the largest double; their RMSE does not, and is given. */
  @Test
  void hugeErrorsGiveAFiniteRmseAndR2() {
    double[] target = {1, 2, 3, 4};
    double[] predicted = {1e200, 2, 3, -1e200};
    Metrics m = Metrics.of(Double.NaN, predicted, target, 4, 1, false, 0.5);
    assertEquals(1e200 * Math.sqrt(0.5), m.rmse(), 1e186);
    assertEquals(0.5e200, m.mae(), 1e186);
    assertTrue(m.r2() < -1e300 && m.r2() > Double.NEGATIVE_INFINITY, "R² " + m.r2());
  }

  /**
   * Targets of 1e-170 that vary, predicted as 0.01: R² lies beyond the doubles, and is the most negative one, not
   * −∞, which says the targets do not vary.
   */
  @Test
  void tinyTargetsPredictedFarTooLargeGiveTheMostNegativeR2NotUndefined() {
    double[] target = {1e-170, -2e-170, 3e-170};
    Metrics m = Metrics.of(Double.NaN, new double[] {0.01, 0.02, 0.01}, target, 3, 1, false, 0.5);
    assertEquals(-Double.MAX_VALUE, m.r2());
    assertEquals(Math.sqrt((0.01 * 0.01 * 2 + 0.02 * 0.02) / 3), m.rmse(), 1e-15);
  }

  @Test
  void targetsThatDoNotVaryLeaveR2Undefined() {
    double[] target = {2, 2, 2};
    assertEquals(Double.NaN, Metrics.of(Double.NaN, new double[] {2, 2, 2}, target, 3, 1, false, 0.5).r2());
    assertEquals(Double.NEGATIVE_INFINITY, Metrics.of(Double.NaN, new double[] {2, 3, 2}, target, 3, 1, false, 0.5)
        .r2());
  }

  /** A column of one value (3,000 rows of 3.25) does not vary: R² is undefined, not −1e23 from a rounded mean. */
  @Test
  void aTargetColumnOfOneValueHasNoR2() {
    int rows = 3000;
    double[] target = new double[rows * 2];
    double[] predicted = new double[rows * 2];
    for (int r = 0; r < rows; r++) {
      target[2 * r] = 3.25;
      predicted[2 * r] = 3.25 + (r % 7 - 3) * 1e-3;
      target[2 * r + 1] = r;
      predicted[2 * r + 1] = r + 0.5;
    }
    Metrics m = Metrics.of(Double.NaN, predicted, target, rows, 2, false, 0.5);
    assertEquals(Double.NEGATIVE_INFINITY, m.byTarget().get(0).r2(), "undefined: the column does not vary");
    assertTrue(m.byTarget().get(1).r2() > 0.99);
    double[] exact = new double[rows];
    java.util.Arrays.fill(exact, 3.25);
    assertTrue(Double.isNaN(Metrics.of(Double.NaN, exact, exact, rows, 1, false, 0.5).r2()), "a perfect fit of it");
  }
}
