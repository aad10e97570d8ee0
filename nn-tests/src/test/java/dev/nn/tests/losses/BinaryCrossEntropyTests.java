package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.losses.BinaryCrossEntropyProvider;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new BinaryCrossEntropyProvider());
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  @Test
  void isTheCrossEntropyOfTheSigmoidOfTheLogitsSeededWithSigmoidMinusTarget() {
    double[] z = {0, 2, -3};
    double[] y = {1, 0, 1};
    double expected = 0;
    double[] seed = new double[3];
    for (int k = 0; k < 3; k++) {
      double p = sigmoid(z[k]);
      expected -= y[k] * Math.log(p) + (1 - y[k]) * Math.log(1 - p);
      seed[k] = p - y[k];
    }
    assertLossAndSeed(loss(), z, z, y, 1, 3, expected, seed, 1e-15);
    // the first term is −log σ(0) = log 2
    assertEquals(Math.log(2), loss().value(new double[] {0}, new double[] {0}, new double[] {1}, 1, 1), 0);
  }

  @Test
  void predictsTheSigmoidOfTheLogits() {
    double[] z = {0, 2, -3};
    double[] p = new double[3];
    loss().link(z, z, p, 1, 3);
    assertArrayEquals(new double[] {0.5, sigmoid(2), sigmoid(-3)}, p, 1e-16);
  }

  @Test
  void isExactAtLogitsOfPlusMinusAThousand() {
    double[] z = {1000, -1000, 1000, -1000};
    double[] y = {0, 1, 1, 0};
    // confidently wrong costs |z|, confidently right costs e^(−1000), which is 0 in float64
    assertLossAndSeed(loss(), z, z, y, 1, 4, 2000, new double[] {1, -1, 0, 0}, 0);
  }

  @Test
  void isFusedOnBinaryTargetsAndNeedsAnIdentityOutputLayer() {
    Loss loss = loss();
    assertEquals(Seeding.FUSED, loss.seeding());
    assertEquals(TargetKind.BINARY, loss.targets());
    assertTrue(loss.acceptsOutputActivation("identity"));
    assertFalse(loss.acceptsOutputActivation("sigmoid"));
  }
}
