package dev.nn.tests.optim;

import static dev.nn.tck.OptimizerContract.assertRejectsSetting;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Optimizer;
import dev.nn.core.optim.AdagradProvider;
import dev.nn.spi.Settings;
import dev.nn.tck.OptimizerContract;
import java.nio.DoubleBuffer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract with the defaults (ε = 1e-10, s₀ = 0), and again with ε = 1e-6, s₀ = 0.1. */
class AdagradTests implements OptimizerContract {

  /** Duchi et al. / PyTorch Adagrad: s ← s + g², w ← w − η·g/(√s + ε), s starting at s₀. */
  static double[] adagrad(double eps, double s0, double[] w0, double[][] grads, double[] rates) {
    double[] w = w0.clone();
    double[] s = new double[w.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = s0;
    }
    for (int t = 0; t < grads.length; t++) {
      for (int i = 0; i < w.length; i++) {
        double g = grads[t][i];
        s[i] += g * g;
        w[i] = w[i] - rates[t] * g / (Math.sqrt(s[i]) + eps);
      }
    }
    return w;
  }

  @Override
  public Optimizer optimizer() {
    return new AdagradProvider().create(Settings.empty("optimizer \"adagrad\""));
  }

  @Override
  public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
    return adagrad(1e-10, 0, w0, grads, rates);
  }

  /** AdaGrad's steps shrink like 1/√t, so it needs a larger η to travel as far. */
  @Override
  public double descentRate() {
    return 0.5;
  }

  @Test
  void firstStepMovesEachWeightByAboutEta() {
    DoubleBuffer w = DoubleBuffer.wrap(new double[] {1.0, 1.0});
    optimizer().newUpdater(2).step(w, DoubleBuffer.wrap(new double[] {3.0, -0.01}), 0.1, 1);
    assertEquals(1.0 - 0.1 * 3.0 / (3.0 + 1e-10), w.get(0), 1e-15);
    assertEquals(1.0 + 0.1 * 0.01 / (0.01 + 1e-10), w.get(1), 1e-15);
  }

  @Test
  void exportsTheAccumulatorStartingFromTheInitialValue() {
    Optimizer optimizer =
        new AdagradProvider().create(Settings.of("optimizer \"adagrad\"", Map.of("initial-accumulator", 0.5)));
    Optimizer.Updater updater = optimizer.newUpdater(2);
    assertArrayEquals(new double[] {0.5, 0.5}, updater.exportState());
    updater.step(DoubleBuffer.allocate(2), DoubleBuffer.wrap(new double[] {2.0, -1.0}), 0.1, 1);
    assertArrayEquals(new double[] {4.5, 1.5}, updater.exportState());
  }

  @Test
  void rejectsNonPositiveEpsAndNegativeInitialAccumulator() {
    AdagradProvider provider = new AdagradProvider();
    assertRejectsSetting(provider, "eps", 0);
    assertRejectsSetting(provider, "initial-accumulator", -0.1);
  }

  @Test
  void leavesTheLearningRateAndScheduleToTheCore() {
    OptimizerContract.assertLeavesCoreKeysUnread(new AdagradProvider());
  }

  @Nested
  class WithAnInitialAccumulator implements OptimizerContract {

    @Override
    public Optimizer optimizer() {
      return new AdagradProvider()
          .create(Settings.of("optimizer \"adagrad\"", Map.of("eps", 1e-6, "initial-accumulator", 0.1)));
    }

    @Override
    public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
      return adagrad(1e-6, 0.1, w0, grads, rates);
    }

    @Override
    public double descentRate() {
      return 0.5;
    }
  }
}
