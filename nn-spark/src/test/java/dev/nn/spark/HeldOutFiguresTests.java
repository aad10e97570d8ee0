package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.core.train.Metrics;
import org.junit.jupiter.api.Test;

/**
 * The figures a held-out table's added sums give, against those of one process ({@link Metrics#of}) on the same
 * rows: pooled, and each target's own for a regression of several.
 */
class HeldOutFiguresTests {
  @Test
  void aRegressionOfTwoTargetsGivesEachTargetsFiguresAsOneProcessDoes() {
    // rows (y1, y2): (1, 100), (2, 300), (3, 200); predictions (1, 110), (3, 300), (3, 170)
    double[] target = {1, 100, 2, 300, 3, 200};
    double[] predicted = {1, 110, 3, 300, 3, 170};
    // Σ L_n, n, Σe², Σ|e|, each output's Σy, each output's Σy², each output's Σe², each output's Σ|e|
    double[] sums = {6, 3, 1001, 41, 6, 600, 14, 140_000, 1, 1000, 1, 40};
    Metrics table = HeldOutFrame.metrics(sums, false, 2);
    Metrics one = Metrics.of(6, predicted, target, 3, 2, false, 0.5);
    assertEquals(one.rmse(), table.rmse(), 1e-12);
    assertEquals(one.mae(), table.mae(), 1e-12);
    assertEquals(one.r2(), table.r2(), 1e-12);
    assertEquals(2, table.byTarget().size());
    for (int k = 0; k < 2; k++) {
      Metrics a = one.byTarget().get(k);
      Metrics b = table.byTarget().get(k);
      assertEquals(a.rmse(), b.rmse(), 1e-12 * a.rmse(), "target " + k);
      assertEquals(a.mae(), b.mae(), 1e-12 * a.mae(), "target " + k);
      assertEquals(a.r2(), b.r2(), 1e-12, "target " + k);
    }
    assertEquals(0, HeldOutFrame.metrics(new double[] {1, 2, 1, 1, 4, 10, 1, 1}, false, 1).byTarget().size(),
        "one target has no figures of its own besides");
  }
}
