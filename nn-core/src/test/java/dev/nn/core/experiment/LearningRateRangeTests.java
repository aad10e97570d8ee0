package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The range test's parts: its geometric rates and the lowest point it suggests from. */
class LearningRateRangeTests {
  @Test
  void theRatesGrowGeometricallyFromTheFirstToTheLast() {
    assertEquals(1e-7, LearningRateRange.rate(1e-7, 10, 100, 1), 0.0);
    assertEquals(10, LearningRateRange.rate(1e-7, 10, 100, 100), 1e-14);
    double ratio = LearningRateRange.rate(1e-7, 10, 100, 2) / LearningRateRange.rate(1e-7, 10, 100, 1);
    for (int u = 2; u < 100; u++) {
      assertEquals(ratio, LearningRateRange.rate(1e-7, 10, 100, u + 1) / LearningRateRange.rate(1e-7, 10, 100, u),
          1e-12, "update " + u);
    }
    assertEquals(Math.pow(1e8, 1.0 / 99), ratio, 1e-12);
  }

  @Test
  void theLowestPointLeavesOutTheFirstTenthOfTheSteps() {
    List<LearningRateRange.Step> steps = new ArrayList<>();
    // the first step's smoothed loss is a single batch's, here the lowest of all; after it, a valley at step 15
    for (int u = 1; u <= 30; u++) {
      double smoothed = u == 1 ? 0.1 : 1 + Math.abs(u - 15) * 0.01;
      steps.add(new LearningRateRange.Step(u, u * 0.01, smoothed, smoothed));
    }
    assertEquals(0.15, LearningRateRange.lowest(steps), 1e-15);
    assertEquals(0.015, new LearningRateRange.Result(steps, null, 0.15).suggested(), 1e-15);
    assertTrue(Double.isNaN(LearningRateRange.lowest(List.of())));
  }
}
