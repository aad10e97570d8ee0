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

  /** Errors of 1e200 square past the largest double; their RMSE does not, and is given. */
  @Test
  void hugeErrorsGiveAFiniteRmseAndR2() {
    double[] target = {1, 2, 3, 4};
    double[] predicted = {1e200, 2, 3, -1e200};
    Metrics m = Metrics.of(Double.NaN, predicted, target, 4, 1, false, 0.5);
    assertEquals(1e200 * Math.sqrt(0.5), m.rmse(), 1e186);
    assertEquals(0.5e200, m.mae(), 1e186);
    assertTrue(m.r2() == Double.NEGATIVE_INFINITY || m.r2() < -1e300, "R² " + m.r2());
  }

  @Test
  void targetsThatDoNotVaryLeaveR2Undefined() {
    double[] target = {2, 2, 2};
    assertEquals(Double.NaN, Metrics.of(Double.NaN, new double[] {2, 2, 2}, target, 3, 1, false, 0.5).r2());
    assertEquals(Double.NEGATIVE_INFINITY, Metrics.of(Double.NaN, new double[] {2, 3, 2}, target, 3, 1, false, 0.5)
        .r2());
  }
}
