package dev.nn.tests.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.core.check.GradientCheck;
import dev.nn.core.random.Rng;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backpropagation of J checked against central finite differences on random networks: 1 to 4 hidden
 * layers of widths 1 to 20, every built-in activation in the hidden layers, every built-in loss with an
 * output layer it accepts, batch sizes 1 and 7, random initialisation, with and without L2. The rule is
 * {@link GradientCheck}'s: h = 1e-5·max(1, |θ|), per coordinate atol + 1e-6 relative, normwise 1e-7,
 * at most 1% skipped at kinks.
 */
class WholeNetworkGradientCheckTests {
  private static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 1000;
    for (String loss : REGISTRY.names(PluginKind.LOSS)) {
      for (String activation : REGISTRY.names(PluginKind.ACTIVATION)) {
        for (int batch : new int[] {1, 7}) {
          cases.add(Arguments.of(loss, activation, batch, seed++));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} after {1} hidden layers, batch {2}, seed {3}")
  @MethodSource("cases")
  void backpropMatchesFiniteDifferences(String lossName, String hiddenName, int batch, long seed) {
    RandomGenerator rnd = Rng.create(seed);
    Loss loss = REGISTRY.create(PluginKind.LOSS, lossName);
    int hidden = 1 + rnd.nextInt(4);
    int[] widths = new int[hidden + 2];
    for (int l = 0; l < widths.length; l++) {
      widths[l] = 1 + rnd.nextInt(20);
    }
    // keep the largest networks' check quick: no more than ~1500 parameters
    while (parameters(widths) > 1500) {
      int l = 1 + rnd.nextInt(widths.length - 1);
      widths[l] = Math.max(1, widths[l] / 2);
    }
    if (loss.targets() == TargetKind.ONE_HOT) {
      widths[widths.length - 1] = Math.max(2, widths[widths.length - 1]);
    }
    List<String> names = new ArrayList<>();
    for (int l = 1; l <= hidden; l++) {
      names.add(hiddenName);
    }
    names.add(outputActivation(loss, rnd));
    List<Activation> activations = new ArrayList<>();
    for (String n : names) {
      activations.add(REGISTRY.create(PluginKind.ACTIVATION, n));
    }
    Network net = new Network(widths, activations, names, new JavaKernels());
    net.initialize(REGISTRY.create(PluginKind.INITIALIZER, "xavier-normal"), rnd);
    // random, non-zero biases, so no z sits on a kink by construction
    double[] theta = net.parameters().toArray();
    for (var block : net.parameters().blocks()) {
      if (!block.weights()) {
        for (int k = block.offset(); k < block.offset() + block.length(); k++) {
          theta[k] = rnd.nextDouble(-0.5, 0.5);
        }
      }
    }
    net.parameters().load(theta);
    int in = widths[0];
    int out = widths[widths.length - 1];
    double[] x = new double[batch * in];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    double[] y = targets(loss.targets(), batch, out, rnd);
    double lambda = seed % 2 == 0 ? 0.0 : 0.05;

    GradientCheck.Result r = GradientCheck.run(net, loss, x, y, batch, lambda, seed);
    assertTrue(r.passed(), r.report() + "\nnetwork " + net);
    assertEquals(net.parameters().size(), r.checked() + r.skipped());
  }

  private static String outputActivation(Loss loss, RandomGenerator rnd) {
    if (loss.seeding() == Seeding.FUSED) {
      return "identity";
    }
    List<String> smooth = List.of("identity", "sigmoid", "tanh", "softplus", "softsign");
    return smooth.get(rnd.nextInt(smooth.size()));
  }

  private static int parameters(int[] widths) {
    int p = 0;
    for (int l = 1; l < widths.length; l++) {
      p += widths[l - 1] * widths[l] + widths[l];
    }
    return p;
  }

  private static double[] targets(TargetKind kind, int rows, int cols, RandomGenerator rnd) {
    double[] y = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        int i = r * cols + k;
        switch (kind) {
          case REAL -> y[i] = rnd.nextGaussian();
          case BINARY -> y[i] = rnd.nextBoolean() ? 1 : 0;
          case SIGNED -> y[i] = rnd.nextBoolean() ? 1 : -1;
          case ONE_HOT -> y[i] = 0;
          default -> throw new AssertionError(kind);
        }
      }
      if (kind == TargetKind.ONE_HOT) {
        y[r * cols + rnd.nextInt(cols)] = 1;
      }
    }
    return y;
  }
}
