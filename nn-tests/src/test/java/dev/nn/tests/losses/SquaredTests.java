package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.losses.SquaredProvider;
import org.junit.jupiter.api.Test;

class SquaredTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new SquaredProvider());
  }

  @Test
  void isTheLecturesSumOfSquaredResidualsSeededWithMinusTwoTimesTheResidual() {
    double[] x = {1, -2};
    double[] y = {0.5, 1};
    // (0.5 − 1)² + (1 − (−2))² = 0.25 + 9; seed −2(y − x)
    assertLossAndSeed(loss(), x, y, 1, 2, 9.25, new double[] {1, -6}, 0);
  }

  @Test
  void givesTheLecturesOutputDeltaOnceTheCoreAppliesTheSigmoidDerivative() {
    Activation sigmoid = TestActivations.sigmoid();
    double[] z = {0.3, -1.2};
    double[] x = {sigmoid.phi(z[0]), sigmoid.phi(z[1])};
    double[] y = {1, 0};
    double[] delta = new double[2];
    loss().seed(z, x, y, delta, 1, 2);
    sigmoid.backward(z, x, delta, 2);
    for (int k = 0; k < 2; k++) {
      double sigma = 1 / (1 + Math.exp(-z[k]));
      double lecture = -2 * (y[k] - sigma) * sigma * (1 - sigma);
      assertEquals(lecture, delta[k], 1e-15, "δ(L+1) of output node " + k);
    }
  }

  @Test
  void sumsOverTheRowsOfABatchAndSeedsEachRowUndivided() {
    double[] x = {1, 2};
    double[] y = {0, 0};
    // two samples of one output: L = 1² + 2², seeds 2·1 and 2·2, not halved by the batch size
    assertLossAndSeed(loss(), x, y, 2, 1, 5, new double[] {2, 4}, 0);
  }

  @Test
  void acceptsAnyOutputActivationAndRealTargets() {
    Loss loss = loss();
    assertEquals(Seeding.DEFAULT, loss.seeding());
    assertEquals(TargetKind.REAL, loss.targets());
    assertTrue(loss.acceptsOutputActivation("sigmoid"));
    assertTrue(loss.acceptsOutputActivation("identity"));
  }
}
