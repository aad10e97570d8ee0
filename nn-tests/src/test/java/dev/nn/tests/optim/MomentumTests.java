package dev.nn.tests.optim;

import static dev.nn.tck.OptimizerContract.assertRejectsSetting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Optimizer;
import dev.nn.core.optim.MomentumProvider;
import dev.nn.spi.ConfigException;
import dev.nn.spi.Settings;
import dev.nn.tck.OptimizerContract;
import java.nio.DoubleBuffer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract with the default momentum 0.9, and again with 0.5. */
class MomentumTests implements OptimizerContract {

  /** PyTorch's SGD with momentum μ and dampening 0: b ← μ·b + g, w ← w − η·b, b₀ = 0. */
  static double[] momentum(double mu, double[] w0, double[][] grads, double[] rates) {
    double[] w = w0.clone();
    double[] b = new double[w.length];
    for (int t = 0; t < grads.length; t++) {
      for (int i = 0; i < w.length; i++) {
        b[i] = mu * b[i] + grads[t][i];
        w[i] = w[i] - rates[t] * b[i];
      }
    }
    return w;
  }

  @Override
  public Optimizer optimizer() {
    return new MomentumProvider().create(Settings.empty("optimizer \"momentum\""));
  }

  @Override
  public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
    return momentum(0.9, w0, grads, rates);
  }

  @Test
  void twoStepsWithAConstantGradientMoveByEtaTimesOnePlusOnePointNine() {
    DoubleBuffer w = DoubleBuffer.wrap(new double[] {1.0});
    Optimizer.Updater updater = optimizer().newUpdater(1);
    updater.step(w, DoubleBuffer.wrap(new double[] {1.0}), 0.1, 1);
    assertEquals(0.9, w.get(0), 1e-15);
    updater.step(w, DoubleBuffer.wrap(new double[] {1.0}), 0.1, 2);
    assertEquals(1.0 - 0.1 - 0.19, w.get(0), 1e-15);
  }

  @Test
  void rejectsMomentumOutsideZeroToOne() {
    MomentumProvider provider = new MomentumProvider();
    ConfigException e = assertRejectsSetting(provider, "momentum", 1.0);
    assertEquals("in [0, 1)", e.problems().get(0).allowed());
    assertRejectsSetting(provider, "momentum", -0.1);
    assertRejectsSetting(provider, "momentum", "fast");
  }

  @Test
  void leavesTheLearningRateAndScheduleToTheCore() {
    OptimizerContract.assertLeavesCoreKeysUnread(new MomentumProvider());
  }

  @Nested
  class WithMomentumOneHalf implements OptimizerContract {

    @Override
    public Optimizer optimizer() {
      return new MomentumProvider().create(Settings.of("optimizer \"momentum\"", Map.of("momentum", 0.5)));
    }

    @Override
    public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
      return momentum(0.5, w0, grads, rates);
    }
  }
}
