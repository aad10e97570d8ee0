package dev.nn.tests.ties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.core.check.GradientCheck;
import dev.nn.core.random.Rng;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.network.Structure;
import dev.nn.core.network.StructureBuilder;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With shared and absent edges, finite differences of J perturbing each <em>shared</em> parameter (all its
 * edges at once) match the summed gradient, under the engine's gradient-check rule.
 */
class TiedGradientCheckTests {
  private static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();

  private static Network network(int[] widths, String hidden, String output, Structure s, RandomGenerator rnd) {
    List<Activation> acts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int l = 1; l < widths.length; l++) {
      String n = l == widths.length - 1 ? output : hidden;
      acts.add(REGISTRY.create(PluginKind.ACTIVATION, n));
      names.add(n);
    }
    Network net = new Network(widths, acts, names, new JavaKernels(), s);
    net.initialize(REGISTRY.create(PluginKind.INITIALIZER, "xavier-normal"), rnd);
    double[] theta = net.parameters().toArray();
    for (int k = 0; k < theta.length; k++) {
      theta[k] += rnd.nextDouble(-0.2, 0.2); // no bias sits exactly at zero
    }
    net.parameters().load(theta);
    return net;
  }

  private static GradientCheck.Result check(Network net, Loss loss, int rows, boolean oneHot, long seed,
      RandomGenerator rnd) {
    int in = net.width(0);
    int out = net.width(net.outputLayer());
    double[] x = new double[rows * in];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    double[] y = new double[rows * out];
    for (int r = 0; r < rows; r++) {
      if (oneHot) {
        y[r * out + rnd.nextInt(out)] = 1;
      } else {
        for (int k = 0; k < out; k++) {
          y[r * out + k] = rnd.nextGaussian();
        }
      }
    }
    return GradientCheck.run(net, loss, x, y, rows, 0.03, seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void randomGroupsOfEdgesAndBiasesAcrossLayersWithAbsentEdges(long seed) {
    RandomGenerator rnd = Rng.create(seed);
    int[] widths = new int[2 + rnd.nextInt(3)];
    for (int l = 0; l < widths.length; l++) {
      widths[l] = 2 + rnd.nextInt(6);
    }
    StructureBuilder b = new StructureBuilder(widths);
    int edges = Structure.dense(widths).edges();
    boolean[] used = new boolean[edges];
    for (int g = 0; g < 1 + rnd.nextInt(5); g++) {
      int size = 2 + rnd.nextInt(4);
      int[] group = new int[size];
      for (int m = 0; m < size; m++) {
        group[m] = rnd.nextInt(edges);
        used[group[m]] = true;
      }
      b.share(group);
    }
    for (int a = 0; a < 1 + rnd.nextInt(6); a++) {
      int e = rnd.nextInt(edges);
      if (!used[e]) {
        b.absent(e);
      }
    }
    Structure s = b.build();
    Network net = network(widths, "tanh", "identity", s, rnd);
    GradientCheck.Result r = check(net, REGISTRY.create(PluginKind.LOSS, "squared"), 1 + rnd.nextInt(5), false, seed, rnd);
    assertTrue(r.passed(), r.report());
    assertEquals(s.freeParameters(), r.checked());
    assertTrue(s.freeParameters() < s.edges());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14})
  void aWholeBlockTiedTransposedTheTiedAutoencoder(long seed) {
    RandomGenerator rnd = Rng.create(seed);
    int visible = 3 + rnd.nextInt(6);
    int hidden = 2 + rnd.nextInt(4);
    int[] widths = {visible, hidden, visible};
    Structure s = new StructureBuilder(widths).tieWeights(2, 1, true).build();
    assertEquals(visible * hidden + hidden + visible, s.freeParameters());
    Network net = network(widths, "sigmoid", "identity", s, rnd);
    GradientCheck.Result r = check(net, REGISTRY.create(PluginKind.LOSS, "half-squared"), 4, false, seed, rnd);
    assertTrue(r.passed(), r.report());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {21, 22, 23, 24, 25, 26})
  void convolutionPatternsAsTiedMaskedDenseLayers(long seed) {
    RandomGenerator rnd = Rng.create(seed);
    int channels = 1 + rnd.nextInt(2);
    int h = 3 + rnd.nextInt(3);
    int w = 3 + rnd.nextInt(3);
    int kh = 1 + rnd.nextInt(Math.min(3, h));
    int kw = 1 + rnd.nextInt(Math.min(3, w));
    int sh = 1 + rnd.nextInt(2);
    int sw = 1 + rnd.nextInt(2);
    int co = 1 + rnd.nextInt(3);
    int ho = (h - kh) / sh + 1;
    int wo = (w - kw) / sw + 1;
    boolean twoD = seed % 2 == 0;
    int[] widths;
    StructureBuilder b;
    if (twoD) {
      widths = new int[] {channels * h * w, co * ho * wo, 3};
      b = new StructureBuilder(widths).conv2d(1, channels, h, w, kh, kw, sh, sw, co);
    } else {
      int wo1 = (w - kw) / sw + 1;
      widths = new int[] {channels * w, co * wo1, 3};
      b = new StructureBuilder(widths).conv1d(1, channels, w, kw, sw, co);
    }
    Structure s = b.build();
    int kernelParams = twoD ? co * channels * kh * kw : co * channels * kw;
    assertEquals(kernelParams + co + widths[1] * 3 + 3, s.freeParameters());
    Network net = network(widths, "tanh", "identity", s, rnd);
    GradientCheck.Result r = check(net, REGISTRY.create(PluginKind.LOSS, "softmax-cross-entropy"), 3, true, seed, rnd);
    assertTrue(r.passed(), r.report());
  }
}
