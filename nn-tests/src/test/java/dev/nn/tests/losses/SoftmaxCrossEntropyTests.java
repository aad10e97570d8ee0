package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.losses.SoftmaxCrossEntropyProvider;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new SoftmaxCrossEntropyProvider());
  }

  private static final double E = Math.E;

  @Test
  void isLogSumExpMinusTheTargetLogitSeededWithSoftmaxMinusTarget() {
    double[] z = {1, 2, 3};
    double[] y = {0, 0, 1};
    double sum = E + E * E + E * E * E;
    double[] seed = {E / sum, E * E / sum, E * E * E / sum - 1};
    assertLossAndSeed(loss(), z, z, y, 1, 3, Math.log(sum) - 3, seed, 1e-15);
  }

  @Test
  void predictsTheSoftmaxOfEachRow() {
    double[] z = {1, 2, 3, 0, 0, Math.log(2)};
    double[] p = new double[6];
    loss().link(z, z, p, 2, 3);
    double sum = E + E * E + E * E * E;
    assertArrayEquals(new double[] {E / sum, E * E / sum, E * E * E / sum, 0.25, 0.25, 0.5}, p, 1e-15);
  }

  @Test
  void sumsOverRowsAndIgnoresAShiftOfAllLogits() {
    double[] z = {1, 2, 3, 501, 502, 503};
    double[] y = {0, 1, 0, 0, 1, 0};
    double oneRow = Math.log(E + E * E + E * E * E) - 2;
    assertEquals(2 * oneRow, loss().value(z, z, y, 2, 3), 1e-12);
  }

  @Test
  void isExactAtLogitsOfPlusMinusAThousand() {
    double[] z = {1000, 0, -1000};
    double[] y = {0, 0, 1};
    // logsumexp = 1000 (e^(−1000) vanishes), minus the target logit −1000
    assertLossAndSeed(loss(), z, z, y, 1, 3, 2000, new double[] {1, 0, -1}, 0);
  }

  @Test
  void isFusedOnOneHotTargetsAndNeedsAnIdentityOutputLayer() {
    Loss loss = loss();
    assertEquals(Seeding.FUSED, loss.seeding());
    assertEquals(TargetKind.ONE_HOT, loss.targets());
    assertFalse(loss.acceptsOutputActivation("softmax"));
  }
}
