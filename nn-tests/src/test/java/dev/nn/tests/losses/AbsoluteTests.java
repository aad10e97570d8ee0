package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nn.api.Loss;
import dev.nn.losses.AbsoluteProvider;
import org.junit.jupiter.api.Test;

class AbsoluteTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new AbsoluteProvider());
  }

  @Test
  void sumsAbsoluteResidualsAndSeedsTheirSignWithZeroAtAPerfectPrediction() {
    double[] x = {1, -2, 3};
    double[] y = {1, 1, 1};
    // |0| + |−3| + |2|; seed sign(x − y) with sign(0) = 0
    assertLossAndSeed(loss(), x, y, 1, 3, 5, new double[] {0, -1, 1}, 0);
  }

  @Test
  void hasItsKinkAtTheTarget() {
    assertArrayEquals(new double[] {0.75}, loss().kinks(0.75));
  }
}
