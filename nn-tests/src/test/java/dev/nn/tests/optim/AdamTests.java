package dev.nn.tests.optim;

import static dev.nn.tck.OptimizerContract.assertRejectsSetting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Optimizer;
import dev.nn.core.optim.AdamProvider;
import dev.nn.spi.Settings;
import dev.nn.tck.OptimizerContract;
import java.nio.DoubleBuffer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract with the defaults (β₁ = 0.9, β₂ = 0.999, ε = 1e-8), and again with other settings. */
class AdamTests implements OptimizerContract {

  /**
   * Kingma and Ba, Algorithm 1, with PyTorch's ε outside the root, and AdamW's decoupled decay λ applied
   * first (λ = 0 for Adam).
   */
  static double[] adam(
      double beta1, double beta2, double eps, double lambda, double[] w0, double[][] grads, double[] rates) {
    double[] w = w0.clone();
    double[] m = new double[w.length];
    double[] v = new double[w.length];
    for (int step = 1; step <= grads.length; step++) {
      double eta = rates[step - 1];
      for (int i = 0; i < w.length; i++) {
        double g = grads[step - 1][i];
        w[i] = w[i] - eta * lambda * w[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        double mHat = m[i] / (1 - Math.pow(beta1, step));
        double vHat = v[i] / (1 - Math.pow(beta2, step));
        w[i] = w[i] - eta * mHat / (Math.sqrt(vHat) + eps);
      }
    }
    return w;
  }

  @Override
  public Optimizer optimizer() {
    return new AdamProvider().create(Settings.empty("optimizer \"adam\""));
  }

  @Override
  public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
    return adam(0.9, 0.999, 1e-8, 0, w0, grads, rates);
  }

  @Test
  void biasCorrectionMakesTheFirstStepEtaTimesTheSignOfTheGradient() {
    DoubleBuffer w = DoubleBuffer.wrap(new double[] {1.0, 1.0});
    optimizer().newUpdater(2).step(w, DoubleBuffer.wrap(new double[] {0.5, -3.0}), 0.1, 1);
    assertEquals(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), w.get(0), 1e-14);
    assertEquals(1.0 + 0.1 * 3.0 / (3.0 + 1e-8), w.get(1), 1e-14);
  }

  @Test
  void exportsBothMomentsTwoValuesPerParameter() {
    Optimizer.Updater updater = optimizer().newUpdater(3);
    updater.step(DoubleBuffer.allocate(3), DoubleBuffer.wrap(new double[] {1.0, 2.0, -1.0}), 0.1, 1);
    double[] state = updater.exportState();
    assertEquals(6, state.length);
    assertEquals(0.1 * 2.0, state[1], 1e-15);
    assertEquals(0.001 * 4.0, state[4], 1e-15);
  }

  @Test
  void rejectsBetasOutsideZeroToOneAndNonPositiveEps() {
    AdamProvider provider = new AdamProvider();
    assertRejectsSetting(provider, "beta1", 1.0);
    assertRejectsSetting(provider, "beta1", -0.1);
    assertRejectsSetting(provider, "beta2", 1.5);
    assertRejectsSetting(provider, "eps", 0.0);
  }

  @Test
  void leavesTheLearningRateAndScheduleToTheCore() {
    OptimizerContract.assertLeavesCoreKeysUnread(new AdamProvider());
  }

  @Nested
  class WithOtherBetasAndEps implements OptimizerContract {

    @Override
    public Optimizer optimizer() {
      return new AdamProvider()
          .create(Settings.of("optimizer \"adam\"", Map.of("beta1", 0.8, "beta2", 0.99, "eps", 1e-3)));
    }

    @Override
    public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
      return adam(0.8, 0.99, 1e-3, 0, w0, grads, rates);
    }
  }
}
