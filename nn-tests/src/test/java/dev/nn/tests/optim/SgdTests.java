package dev.nn.tests.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Optimizer;
import dev.nn.core.optim.SgdProvider;
import dev.nn.spi.Settings;
import dev.nn.tck.OptimizerContract;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SgdTests implements OptimizerContract {

  @Override
  public Optimizer optimizer() {
    return new SgdProvider().create(Settings.empty("optimizer \"sgd\""));
  }

  /** w ← w − η·g. */
  @Override
  public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
    double[] w = w0.clone();
    for (int t = 0; t < grads.length; t++) {
      for (int i = 0; i < w.length; i++) {
        w[i] = w[i] - rates[t] * grads[t][i];
      }
    }
    return w;
  }

  @Test
  void oneStepIsTheLecturesStep() {
    DoubleBuffer w = DoubleBuffer.wrap(new double[] {1.0, -2.0});
    optimizer().newUpdater(2).step(w, DoubleBuffer.wrap(new double[] {0.5, -4.0}), 0.25, 1);
    assertEquals(0.875, w.get(0));
    assertEquals(-1.0, w.get(1));
  }

  @Test
  void keepsNoState() {
    assertEquals(0, optimizer().newUpdater(5).exportState().length);
  }

  @Test
  void readsNoSettingsSoTheCoreCanReportMomentumAsUnknown() {
    Settings settings = Settings.of("optimizer \"sgd\"", Map.of("momentum", 0.9));
    new SgdProvider().create(settings);
    assertEquals(List.of("momentum"), settings.unreadKeys());
  }
}
