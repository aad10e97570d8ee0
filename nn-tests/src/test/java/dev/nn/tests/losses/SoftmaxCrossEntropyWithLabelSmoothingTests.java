package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Loss;
import dev.nn.losses.SoftmaxCrossEntropyProvider;
import dev.nn.spi.ConfigException;
import dev.nn.spi.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * softmax-cross-entropy with label smoothing 0.1: the whole loss contract (seed against finite differences of the
 * value, and the rest) with the smoothed target, values worked out by hand, and the setting's range.
 */
class SoftmaxCrossEntropyWithLabelSmoothingTests implements BuiltInLossContract {

  private static Loss smoothed(Object epsilon) {
    return new SoftmaxCrossEntropyProvider().create(Settings.of("loss \"softmax-cross-entropy\"",
        Map.of("label-smoothing", epsilon)));
  }

  @Override
  public Loss loss() {
    return smoothed(0.1);
  }

  /** z = (1, 2, 3), class 2: q = (1/30, 1/30, 28/30), L = log(e + e² + e³) − Σ q_k z_k = log(e + e² + e³) − 2.9. */
  @Test
  void theTargetBecomesOneMinusEpsilonTimesYPlusEpsilonOverK() {
    double[] z = {1, 2, 3};
    double[] y = {0, 0, 1};
    double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
    double[] q = {0.1 / 3, 0.1 / 3, 0.9 + 0.1 / 3};
    double[] seed = new double[3];
    for (int k = 0; k < 3; k++) {
      seed[k] = Math.exp(k + 1) / sum - q[k];
    }
    assertLossAndSeed(loss(), z, z, y, 1, 3, Math.log(sum) - 2.9, seed, 1e-15);
  }

  /** Smoothing pulls the loss's minimum in: a confident right answer costs more than without it. */
  @Test
  void aConfidentRightAnswerCostsMoreThanWithoutSmoothingAndTheSeedPushesBackFromCertainty() {
    double[] z = {0, 0, 12};
    double[] y = {0, 0, 1};
    Loss plain = BuiltInLossContract.create(new SoftmaxCrossEntropyProvider());
    assertTrue(loss().value(z, z, y, 1, 3) > 0.3, "ε·(12 + …) of cost for the wrong classes' share");
    assertTrue(plain.value(z, z, y, 1, 3) < 1e-4);
    double[] delta = new double[3];
    loss().seed(z, z, y, delta, 1, 3);
    // softmax puts nearly all on class 2, q only 28/30: its seed is positive, lowering z_2
    assertTrue(delta[2] > 0.06 && delta[0] < 0 && delta[1] < 0, java.util.Arrays.toString(delta));
  }

  @Test
  void aSmoothingOfZeroGivesTheBitsOfNoSetting() {
    Loss plain = BuiltInLossContract.create(new SoftmaxCrossEntropyProvider());
    double[] z = {0.3, -1.2, 2.5, 0.7, 0.1, -0.4};
    double[] y = {0, 0, 1, 1, 0, 0};
    double[] a = new double[6];
    double[] b = new double[6];
    assertEquals(plain.seed(z, z, y, a, 2, 3), smoothed(0.0).seed(z, z, y, b, 2, 3), 0.0);
    assertArrayEquals(a, b, 0.0);
  }

  @Test
  void aSmoothingOutsideZeroToOneIsRefusedNamingTheSettingAndItsRange() {
    for (double bad : new double[] {1.0, -0.1, 1.5}) {
      ConfigException e = assertThrows(ConfigException.class, () -> smoothed(bad));
      assertEquals("label-smoothing", e.problems().get(0).path());
      assertTrue(e.getMessage().contains("found " + bad), e.getMessage());
    }
    String help = new SoftmaxCrossEntropyProvider().settingsHelp();
    assertTrue(help.contains("label-smoothing") && help.contains("default 0"), help);
  }
}
