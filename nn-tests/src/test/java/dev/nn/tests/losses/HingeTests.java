package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Loss;
import dev.nn.api.TargetKind;
import dev.nn.losses.HingeProvider;
import org.junit.jupiter.api.Test;

class HingeTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new HingeProvider());
  }

  @Test
  void sumsPositiveMarginsAndSeedsMinusTheTargetWhereTheMarginIsPositive() {
    double[] x = {0.3, 0.5, 2, -1};
    double[] y = {1, -1, 1, -1};
    // margins 1 − y·x = 0.7, 1.5, −1, 0; the last sits on the kink, where the seed is 0
    assertLossAndSeed(loss(), x, y, 1, 4, 2.2, new double[] {-1, 1, 0, 0}, 1e-15);
  }

  @Test
  void takesSignedTargetsWithTheKinkAtTheTarget() {
    assertEquals(TargetKind.SIGNED, loss().targets());
    assertArrayEquals(new double[] {1}, loss().kinks(1));
    assertArrayEquals(new double[] {-1}, loss().kinks(-1));
  }
}
