package dev.nn.tests.optim;

import static dev.nn.tck.OptimizerContract.assertRejectsSetting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Optimizer;
import dev.nn.core.optim.NesterovProvider;
import dev.nn.spi.Settings;
import dev.nn.tck.OptimizerContract;
import java.nio.DoubleBuffer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract with the default momentum 0.9, and again with 0.6. */
class NesterovTests implements OptimizerContract {

  /** PyTorch's SGD with nesterov=True: b ← μ·b + g, w ← w − η·(g + μ·b), b₀ = 0. */
  static double[] nesterov(double mu, double[] w0, double[][] grads, double[] rates) {
    double[] w = w0.clone();
    double[] b = new double[w.length];
    for (int t = 0; t < grads.length; t++) {
      for (int i = 0; i < w.length; i++) {
        double g = grads[t][i];
        b[i] = mu * b[i] + g;
        double lookAhead = g + mu * b[i];
        w[i] = w[i] - rates[t] * lookAhead;
      }
    }
    return w;
  }

  @Override
  public Optimizer optimizer() {
    return new NesterovProvider().create(Settings.empty("optimizer \"nesterov\""));
  }

  @Override
  public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
    return nesterov(0.9, w0, grads, rates);
  }

  @Test
  void firstStepMovesByEtaTimesOnePlusMuTimesTheGradient() {
    DoubleBuffer w = DoubleBuffer.wrap(new double[] {1.0});
    optimizer().newUpdater(1).step(w, DoubleBuffer.wrap(new double[] {2.0}), 0.1, 1);
    assertEquals(1.0 - 0.1 * (2.0 + 0.9 * 2.0), w.get(0), 1e-15);
  }

  @Test
  void rejectsMomentumOutsideZeroToOne() {
    NesterovProvider provider = new NesterovProvider();
    assertRejectsSetting(provider, "momentum", 1.5);
    assertRejectsSetting(provider, "momentum", -1);
  }

  @Test
  void leavesTheLearningRateAndScheduleToTheCore() {
    OptimizerContract.assertLeavesCoreKeysUnread(new NesterovProvider());
  }

  @Nested
  class WithMomentumPointSix implements OptimizerContract {

    @Override
    public Optimizer optimizer() {
      return new NesterovProvider().create(Settings.of("optimizer \"nesterov\"", Map.of("momentum", 0.6)));
    }

    @Override
    public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
      return nesterov(0.6, w0, grads, rates);
    }
  }
}
