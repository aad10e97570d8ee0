package dev.nn.tests.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Optimizer;
import dev.nn.core.optim.AdagradProvider;
import dev.nn.core.optim.AdamProvider;
import dev.nn.core.optim.AdamWProvider;
import dev.nn.core.optim.MomentumProvider;
import dev.nn.core.optim.NesterovProvider;
import dev.nn.core.optim.RmsPropProvider;
import dev.nn.core.optim.SgdProvider;
import dev.nn.spi.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nn's seven optimizers against PyTorch 1.13's, step by step: {@code optim/torch-optimizers.csv} holds the parameters
 * PyTorch reached after each of 30 steps on seeded gradients, in float64, with a rate that changes every step, for
 * the settings below (written by {@code optim/torch_optimizers.py}, beside it). nn's updater takes the same
 * gradients and rates and must reach the same parameters within 1e-15 relative: the two write the same formulas with
 * their operations in a slightly different order (measured: adagrad bit for bit, the others within one or two ulps,
 * 2.2e-16 at most, over the 30 steps).
 */
class OptimizersAgainstPyTorchTests {
  private static final Map<String, Optimizer> NN = Map.of(
      "sgd", new SgdProvider().create(Settings.empty("sgd")),
      "momentum", new MomentumProvider().create(Settings.of("momentum", Map.of("momentum", 0.9))),
      "nesterov", new NesterovProvider().create(Settings.of("nesterov", Map.of("momentum", 0.8))),
      "adagrad", new AdagradProvider().create(Settings.of("adagrad", Map.of("eps", 1e-10,
          "initial-accumulator", 0.1))),
      "rmsprop", new RmsPropProvider().create(Settings.of("rmsprop", Map.of("alpha", 0.9, "eps", 1e-8))),
      "adam", new AdamProvider().create(Settings.of("adam", Map.of("beta1", 0.8, "beta2", 0.99, "eps", 1e-8))),
      "adamw", new AdamWProvider().create(Settings.of("adamw", Map.of("beta1", 0.9, "beta2", 0.999, "eps", 1e-8,
          "weight-decay", 0.05))));

  /** Each case's rows: step, rate, gradient, parameters after the step (step 0: the starting parameters). */
  private static Map<String, List<String[]>> fixture() throws IOException {
    Map<String, List<String[]>> cases = new LinkedHashMap<>();
    try (InputStream in = OptimizersAgainstPyTorchTests.class.getResourceAsStream("/optim/torch-optimizers.csv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] cells = lines[i].split(",", -1);
        cases.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells);
      }
    }
    return cases;
  }

  private static double[] numbers(String cell) {
    return Arrays.stream(cell.split(";")).mapToDouble(Double::parseDouble).toArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"})
  void eachStepReachesPyTorchsParameters(String name) throws IOException {
    List<String[]> rows = fixture().get(name);
    assertEquals(31, rows.size(), "the start and 30 steps");
    double[] w = numbers(rows.get(0)[4]);
    Optimizer.Updater updater = NN.get(name).newUpdater(w.length);
    double worst = 0;
    double moved = 0;
    for (int step = 1; step <= 30; step++) {
      String[] row = rows.get(step);
      double[] before = w.clone();
      updater.step(DoubleBuffer.wrap(w), DoubleBuffer.wrap(numbers(row[3])), Double.parseDouble(row[2]), step);
      double[] torch = numbers(row[4]);
      for (int i = 0; i < w.length; i++) {
        worst = Math.max(worst, Math.abs(w[i] - torch[i]) / Math.max(1, Math.abs(torch[i])));
        moved = Math.max(moved, Math.abs(w[i] - before[i]));
      }
    }
    assertTrue(worst <= 1e-15, name + ": " + worst + " from PyTorch's parameters");
    assertTrue(moved > 1e-3, name + " moved the parameters");
  }
}
