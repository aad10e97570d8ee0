package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Loss;
import dev.nn.losses.MeanSquaredProvider;
import org.junit.jupiter.api.Test;

class MeanSquaredTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new MeanSquaredProvider());
  }

  @Test
  void averagesTheSquaredResidualsOverTheOutputNodes() {
    double[] x = {1, -2, 0};
    double[] y = {0.5, 1, 0};
    // (0.25 + 9 + 0)/3; seed (2/3)(x − y)
    assertLossAndSeed(loss(), x, y, 1, 3, 9.25 / 3, new double[] {1.0 / 3, -2, 0}, 1e-15);
  }

  @Test
  void overTheBatchSizeIsTheMeanOverAllElementsAsPyTorchMseLoss() {
    double[] x = {1, -2, 0, 4, 0.5, -1};
    double[] y = {0.5, 1, 0, 2, 0.5, 1};
    int rows = 2;
    double meanOfAllSquares = 0;
    for (int i = 0; i < x.length; i++) {
      meanOfAllSquares += (x[i] - y[i]) * (x[i] - y[i]) / x.length;
    }
    assertEquals(meanOfAllSquares, loss().value(x, x, y, rows, 3) / rows, 1e-15);
  }
}
