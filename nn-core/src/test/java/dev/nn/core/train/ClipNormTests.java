package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Optimizer;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.network.Workspace;
import dev.nn.core.optim.SgdProvider;
import dev.nn.core.testing.Plugins;
import dev.nn.spi.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradient clipping by the global norm ({@code optimizer.clip-norm}): the scaling itself, an update worked out by
 * hand, the core's sgd against a plugin's when clipping, and a rate that diverges without clipping and trains
 * with it.
 */
class ClipNormTests {
  private static final Optimizer CORE_SGD = new SgdProvider().create(Settings.empty("sgd"));

  /** The mean gradient of J without L2 over all rows of {@code data}, stored in the network. */
  private static double[] gradient(Network net, Samples data) {
    Workspace ws = net.newWorkspace(data.rows());
    int[] all = new int[data.rows()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    data.loadRows(all, 0, all.length, ws);
    net.forward(ws, all.length);
    net.backward(ws, Plugins.SQUARED);
    return net.parameters().gradsToArray();
  }

  private static double norm(double[] g) {
    double s = 0;
    for (double v : g) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static TrainingOptions options(int epochs, int batch, double l2, double clipNorm) {
    return new TrainingOptions(epochs, batch, false, l2, 3, 0, TrainingOptions.Monitor.VAL_LOSS, 0.0, clipNorm);
  }

  @Test
  void aLongerGradientIsScaledToTheLimitInItsOwnDirectionAndAShorterOneIsLeftAlone() {
    Network net = TrainerTests.network(1);
    double[] g = gradient(net, TrainerTests.regression(32, 2));
    double n = norm(g);
    assertTrue(n > 0.1, "a gradient worth clipping: " + n);
    ParameterStore params = net.parameters();

    assertEquals(n, params.clipGradientNorm(2 * n), 1e-15 * n);
    assertArrayEquals(g, params.gradsToArray(), 0.0, "under the limit: untouched");

    assertEquals(n, params.clipGradientNorm(n / 4), 1e-15 * n);
    double[] clipped = params.gradsToArray();
    assertEquals(n / 4, norm(clipped), 1e-14 * n);
    for (int k = 0; k < g.length; k++) {
      assertEquals(g[k] * (n / 4) / n, clipped[k], 1e-16 + 1e-15 * Math.abs(g[k]), "parameter " + k);
    }
  }

  /** One update over the whole batch: θ1 = θ0 − η·(g·c/‖g‖ + λ·w0), the L2 term added after clipping. */
  @Test
  void aClippedUpdateStepsWithTheScaledGradientThenTheL2Term() {
    Samples data = TrainerTests.regression(24, 4);
    double rate = 0.1;
    double lambda = 0.01;
    Network byHand = TrainerTests.network(5);
    double[] theta0 = byHand.parameters().toArray();
    double[] g = gradient(byHand, data);
    double c = norm(g) / 3;

    Network trained = TrainerTests.network(5);
    new Trainer(trained, Plugins.SQUARED, Plugins.SGD, (t, e) -> rate, options(1, 24, lambda, c), List.of())
        .runEpoch(data);
    double[] theta1 = trained.parameters().toArray();
    ParameterStore p = trained.parameters();
    for (int k = 0; k < theta0.length; k++) {
      double decay = isWeight(p, k) ? lambda * theta0[k] : 0.0;
      double expected = theta0[k] - rate * (g[k] * c / norm(g) + decay);
      assertEquals(expected, theta1[k], 1e-15, "parameter " + k);
    }
  }

  private static boolean isWeight(ParameterStore p, int k) {
    for (ParameterStore.Block b : p.blocks()) {
      if (k >= b.offset() && k < b.offset() + b.length()) {
        return b.weights();
      }
    }
    throw new IllegalArgumentException("parameter " + k);
  }

  /**
   * With clipping the core's sgd leaves its fused step for the stored gradient, and steps as a plugin's sgd does;
   * with a limit no gradient reaches it gives the fused step's parameters.
   */
  @Test
  void theCoreSgdClipsAsAPluginSgdDoesAndAnUnreachedLimitChangesNothing() {
    Samples data = TrainerTests.regression(96, 6);
    Network core = TrainerTests.network(7);
    new Trainer(core, Plugins.SQUARED, CORE_SGD, (t, e) -> 0.05, options(3, 8, 0.001, 0.05), List.of()).train(data,
        null, false);
    Network plugin = TrainerTests.network(7);
    new Trainer(plugin, Plugins.SQUARED, Plugins.SGD, (t, e) -> 0.05, options(3, 8, 0.001, 0.05), List.of()).train(
        data, null, false);
    assertArrayEquals(plugin.parameters().toArray(), core.parameters().toArray(), 0.0);

    Network unclipped = TrainerTests.network(7);
    new Trainer(unclipped, Plugins.SQUARED, CORE_SGD, (t, e) -> 0.05, options(3, 8, 0.001, 0.0), List.of()).train(
        data, null, false);
    Network unreached = TrainerTests.network(7);
    new Trainer(unreached, Plugins.SQUARED, CORE_SGD, (t, e) -> 0.05, options(3, 8, 0.001, 1e9), List.of()).train(
        data, null, false);
    double[] a = unclipped.parameters().toArray();
    double[] b = unreached.parameters().toArray();
    for (int k = 0; k < a.length; k++) {
      assertEquals(a[k], b[k], 1e-12 * Math.max(1, Math.abs(a[k])), "parameter " + k);
    }
    double[] clipped = core.parameters().toArray();
    double moved = 0;
    for (int k = 0; k < a.length; k++) {
      moved = Math.max(moved, Math.abs(a[k] - clipped[k]));
    }
    assertTrue(moved > 1e-3, "clipping at 0.05 changed the updates: " + moved);
  }

  /** The reason to clip: a step size that blows up on a steep start trains when each step's length is bounded. */
  @Test
  void aRateThatDivergesWithoutClippingTrainsWithIt() {
    Samples data = TrainerTests.regression(200, 8);
    double rate = 2.0;
    Trainer wild = new Trainer(TrainerTests.network(9), Plugins.SQUARED, CORE_SGD, (t, e) -> rate, options(20, 1, 0, 0),
        List.of());
    assertThrows(TrainingDivergedException.class, () -> wild.train(data, null, false));

    TrainingResult r = new Trainer(TrainerTests.network(9), Plugins.SQUARED, CORE_SGD, (t, e) -> rate, options(20, 1, 0, 0.05),
        List.of()).train(data, null, false);
    double first = r.epochs().get(0).trainLoss();
    double last = r.last().trainLoss();
    assertTrue(last < 0.2 * first && last < 0.05, "first " + first + ", last " + last);
  }
}
