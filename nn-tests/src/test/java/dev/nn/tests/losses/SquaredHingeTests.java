package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Loss;
import dev.nn.api.TargetKind;
import dev.nn.losses.SquaredHingeProvider;
import org.junit.jupiter.api.Test;

class SquaredHingeTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new SquaredHingeProvider());
  }

  @Test
  void sumsSquaredPositiveMarginsSeededWithMinusTwoTargetTimesMargin() {
    double[] x = {0.3, 0.5, 2, -1};
    double[] y = {1, -1, 1, -1};
    // margins 0.7, 1.5, −1, 0: 0.49 + 2.25; seed −2y·max(0, margin)
    assertLossAndSeed(loss(), x, y, 1, 4, 2.74, new double[] {-1.4, 3, 0, 0}, 1e-15);
  }

  @Test
  void takesSignedTargets() {
    assertEquals(TargetKind.SIGNED, loss().targets());
  }
}
