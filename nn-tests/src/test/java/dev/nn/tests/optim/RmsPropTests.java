package dev.nn.tests.optim;

import static dev.nn.tck.OptimizerContract.assertRejectsSetting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Optimizer;
import dev.nn.core.optim.RmsPropProvider;
import dev.nn.spi.Settings;
import dev.nn.tck.OptimizerContract;
import java.nio.DoubleBuffer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract with the defaults (α = 0.99, ε = 1e-8), and again with α = 0.9, ε = 1e-4. */
class RmsPropTests implements OptimizerContract {

  /** Tieleman and Hinton / PyTorch RMSprop: v ← α·v + (1 − α)·g², w ← w − η·g/(√v + ε), v₀ = 0. */
  static double[] rmsprop(double alpha, double eps, double[] w0, double[][] grads, double[] rates) {
    double[] w = w0.clone();
    double[] v = new double[w.length];
    for (int t = 0; t < grads.length; t++) {
      for (int i = 0; i < w.length; i++) {
        double g = grads[t][i];
        v[i] = alpha * v[i] + (1 - alpha) * g * g;
        w[i] = w[i] - rates[t] * g / (Math.sqrt(v[i]) + eps);
      }
    }
    return w;
  }

  @Override
  public Optimizer optimizer() {
    return new RmsPropProvider().create(Settings.empty("optimizer \"rmsprop\""));
  }

  @Override
  public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
    return rmsprop(0.99, 1e-8, w0, grads, rates);
  }

  @Test
  void firstStepIsTenTimesEtaBecauseVStartsAtOneHundredthOfGSquared() {
    DoubleBuffer w = DoubleBuffer.wrap(new double[] {0.0});
    optimizer().newUpdater(1).step(w, DoubleBuffer.wrap(new double[] {2.0}), 0.01, 1);
    assertEquals(-0.01 * 2.0 / (Math.sqrt(0.01 * 4.0) + 1e-8), w.get(0), 1e-15);
    assertEquals(-0.1, w.get(0), 1e-8);
  }

  @Test
  void rejectsAlphaOutsideZeroToOneAndNonPositiveEps() {
    RmsPropProvider provider = new RmsPropProvider();
    assertRejectsSetting(provider, "alpha", 1.0);
    assertRejectsSetting(provider, "alpha", -0.5);
    assertRejectsSetting(provider, "eps", -1e-8);
  }

  @Test
  void leavesTheLearningRateAndScheduleToTheCore() {
    OptimizerContract.assertLeavesCoreKeysUnread(new RmsPropProvider());
  }

  @Nested
  class WithAlphaPointNine implements OptimizerContract {

    @Override
    public Optimizer optimizer() {
      return new RmsPropProvider().create(Settings.of("optimizer \"rmsprop\"", Map.of("alpha", 0.9, "eps", 1e-4)));
    }

    @Override
    public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
      return rmsprop(0.9, 1e-4, w0, grads, rates);
    }
  }
}
