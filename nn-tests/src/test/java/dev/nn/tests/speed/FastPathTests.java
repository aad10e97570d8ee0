package dev.nn.tests.speed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Optimizer;
import dev.nn.core.random.Rng;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.network.Network;
import dev.nn.core.network.Workspace;
import dev.nn.core.optim.PlainSgd;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused SGD step (chosen by the core for its own sgd on a network whose every edge is its own parameter)
 * equals the generic path — backward, L2, then the optimizer — on
 * random shapes, batch sizes, L2 and both kernels; and training is bit-identical at 1 and 2 threads.
 */
class FastPathTests {
  private static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();

  /** The same rule as sgd, but not the core's own sgd: the trainer takes the generic path. */
  private static Optimizer undeclaredSgd() {
    Optimizer sgd = REGISTRY.create(PluginKind.OPTIMIZER, "sgd");
    return size -> sgd.newUpdater(size);
  }

  private static Network network(int[] widths, Kernels kernels, long seed) {
    List<Activation> acts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int l = 1; l < widths.length; l++) {
      String n = l == widths.length - 1 ? "identity" : (l % 2 == 0 ? "tanh" : "relu");
      acts.add(REGISTRY.create(PluginKind.ACTIVATION, n));
      names.add(n);
    }
    Network net = new Network(widths, acts, names, kernels);
    net.initialize(REGISTRY.create(PluginKind.INITIALIZER, "he-uniform"), Rng.create(seed));
    return net;
  }

  private static Samples data(int rows, int in, int out, RandomGenerator rnd) {
    double[] x = new double[rows * in];
    double[] y = new double[rows * out];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = rnd.nextGaussian();
    }
    return new Samples(x, y, rows, in, out);
  }

  private static double[] train(int[] widths, Kernels kernels, Optimizer opt, TrainingOptions o, Samples s, long seed) {
    Network net = network(widths, kernels, seed);
    new Trainer(net, REGISTRY.create(PluginKind.LOSS, "half-squared"), opt, (u, e) -> 0.01 / (1 + 0.01 * u), o, List.of())
        .train(s, null, false);
    return net.parameters().toArray();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void theFusedStepEqualsTheGenericPath(long seed) {
    RandomGenerator rnd = Rng.create(seed);
    int[] widths = new int[3 + rnd.nextInt(2)];
    for (int l = 0; l < widths.length; l++) {
      widths[l] = 1 + rnd.nextInt(40);
    }
    int batch = new int[] {1, 3, 16}[rnd.nextInt(3)];
    double l2 = seed % 2 == 0 ? 0.0 : 0.01;
    TrainingOptions o = new TrainingOptions(3, batch, true, l2, seed, 0, TrainingOptions.Monitor.VAL_LOSS, 0);
    Samples s = data(50, widths[0], widths[widths.length - 1], rnd);
    Kernels kernels = seed % 3 == 0 ? KernelChoice.choose("blas", 1, widths, batch) : new JavaKernels(1);
    double[] fused = train(widths, kernels, REGISTRY.create(PluginKind.OPTIMIZER, "sgd"), o, s, seed);
    double[] generic = train(widths, kernels, undeclaredSgd(), o, s, seed);
    assertTrue(PlainSgd.is(REGISTRY.create(PluginKind.OPTIMIZER, "sgd")));
    assertFalse(PlainSgd.is(undeclaredSgd()));
    assertEquals(generic.length, fused.length);
    for (int k = 0; k < fused.length; k++) {
      assertEquals(generic[k], fused[k], 1e-12 * Math.max(1, Math.abs(generic[k])), "parameter " + k);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"java", "blas"})
  void trainingIsBitIdenticalOnEveryRunAndAtOneAndTwoThreads(String backend) {
    int[] widths = {300, 256, 128, 10};
    Samples s = data(256, 300, 10, Rng.create(9));
    TrainingOptions o = new TrainingOptions(2, 64, true, 0.001, 4, 0, TrainingOptions.Monitor.VAL_LOSS, 0);
    double[][] runs = new double[3][];
    int[] threads = {1, 2, 2};
    for (int r = 0; r < 3; r++) {
      Kernels k = backend.equals("java") ? new JavaKernels(threads[r]) : KernelChoice.choose("blas", threads[r], widths, 64);
      runs[r] = train(widths, k, REGISTRY.create(PluginKind.OPTIMIZER, "momentum"), o, s, 4);
    }
    assertArrayEquals(runs[1], runs[2], 0.0, "two runs at 2 threads");
    assertArrayEquals(runs[0], runs[1], 0.0, "1 thread against 2");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"java", "blas1", "blas2"})
  void inferenceGivesTheForwardPasssOutputAndLossBitForBit(String backend) {
    int[] widths = {300, 256, 128, 10};
    Kernels k = backend.equals("java") ? new JavaKernels(1) : KernelChoice.choose("blas", backend.equals("blas1") ? 1 : 2, widths, 200);
    Network net = network(widths, k, 5);
    Samples s = data(200, 300, 10, Rng.create(3));
    Workspace ws = net.newWorkspace(200);
    ws.setInput(s.x(), 0, 200);
    System.arraycopy(s.y(), 0, ws.target(), 0, s.y().length);
    double[] forwardOut = new double[200 * 10];
    double[] inferOut = new double[200 * 10];
    net.forward(ws, 200);
    net.output(ws, null, forwardOut);
    double forwardLoss = net.lossValue(ws, REGISTRY.create(PluginKind.LOSS, "half-squared"));
    ws.x(2).set(0, -1.0);  // a stale hidden value must not survive the next pass
    net.infer(ws, 200);
    net.output(ws, null, inferOut);
    assertArrayEquals(forwardOut, inferOut, 0.0);
    assertEquals(forwardLoss, net.lossValue(ws, REGISTRY.create(PluginKind.LOSS, "half-squared")), 0.0);
    assertTrue(forwardLoss > 0, "a real loss: " + forwardLoss);
  }
}
