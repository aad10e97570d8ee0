package dev.nn.tests.optim;

import static dev.nn.tck.OptimizerContract.assertRejectsSetting;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Optimizer;
import dev.nn.core.optim.AdamProvider;
import dev.nn.core.optim.AdamWProvider;
import dev.nn.spi.Settings;
import dev.nn.tck.OptimizerContract;
import java.nio.DoubleBuffer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract with the defaults (λ = 0.01), and again with λ = 0.1 and other betas. */
class AdamWTests implements OptimizerContract {

  @Override
  public Optimizer optimizer() {
    return new AdamWProvider().create(Settings.empty("optimizer \"adamw\""));
  }

  /** Loshchilov and Hutter / PyTorch AdamW: w ← w − η·λ·w, then the Adam step. */
  @Override
  public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
    return AdamTests.adam(0.9, 0.999, 1e-8, 0.01, w0, grads, rates);
  }

  @Test
  void aZeroGradientStillDecaysTheWeightByEtaLambda() {
    DoubleBuffer w = DoubleBuffer.wrap(new double[] {2.0});
    optimizer().newUpdater(1).step(w, DoubleBuffer.wrap(new double[] {0.0}), 0.5, 1);
    assertEquals(2.0 - 0.5 * 0.01 * 2.0, w.get(0), 1e-15);
  }

  @Test
  void withoutWeightDecayItIsAdamBitForBit() {
    Optimizer adamw =
        new AdamWProvider().create(Settings.of("optimizer \"adamw\"", Map.of("weight-decay", 0)));
    Optimizer adam = new AdamProvider().create(Settings.empty("optimizer \"adam\""));
    double[] w1 = {1.0, -2.0, 0.5};
    double[] w2 = w1.clone();
    Optimizer.Updater u1 = adamw.newUpdater(3);
    Optimizer.Updater u2 = adam.newUpdater(3);
    for (int t = 1; t <= 5; t++) {
      double[] g = {0.1 * t, -0.3, 1.0 / t};
      u1.step(DoubleBuffer.wrap(w1), DoubleBuffer.wrap(g), 0.01, t);
      u2.step(DoubleBuffer.wrap(w2), DoubleBuffer.wrap(g), 0.01, t);
    }
    assertArrayEquals(w2, w1);
  }

  @Test
  void rejectsNegativeWeightDecayAndTheAdamSettingsAdamRejects() {
    AdamWProvider provider = new AdamWProvider();
    assertRejectsSetting(provider, "weight-decay", -0.01);
    assertRejectsSetting(provider, "beta1", 1.0);
    assertRejectsSetting(provider, "beta2", -0.5);
    assertRejectsSetting(provider, "eps", 0);
  }

  @Test
  void leavesTheLearningRateAndScheduleToTheCore() {
    OptimizerContract.assertLeavesCoreKeysUnread(new AdamWProvider());
  }

  @Nested
  class WithStrongerDecay implements OptimizerContract {

    @Override
    public Optimizer optimizer() {
      return new AdamWProvider()
          .create(
              Settings.of(
                  "optimizer \"adamw\"", Map.of("weight-decay", 0.1, "beta1", 0.5, "beta2", 0.9, "eps", 1e-6)));
    }

    @Override
    public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
      return AdamTests.adam(0.5, 0.9, 1e-6, 0.1, w0, grads, rates);
    }
  }
}
