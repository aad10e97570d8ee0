package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;

import dev.nn.api.Loss;
import dev.nn.losses.HalfSquaredProvider;
import org.junit.jupiter.api.Test;

class HalfSquaredTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new HalfSquaredProvider());
  }

  @Test
  void isHalfTheSumOfSquaredResidualsSeededWithTheResidual() {
    double[] x = {1, -2};
    double[] y = {0.5, 1};
    // ½(0.25 + 9); seed x − y
    assertLossAndSeed(loss(), x, y, 1, 2, 4.625, new double[] {0.5, -3}, 0);
  }
}
