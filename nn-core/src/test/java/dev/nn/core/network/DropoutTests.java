package dev.nn.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.core.check.GradientCheck;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.kernel.Precision;
import dev.nn.core.testing.Plugins;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dropout: the masks (their rate, scale and what they depend on), the forward pass against one computed by
 * hand, backprop through the masks against central differences, predictions without masks, and the fused SGD
 * step and thread counts giving what the generic path and one thread give.
 */
class DropoutTests {

  @Test
  void aMaskKeepsAFractionOneMinusPOfTheValuesEachScaledByOneOverOneMinusP() {
    Dropout d = new Dropout(new double[] {0.2, 0.5, 0.0}, 11);
    int n = 200_000;
    double[] mask = new double[n];
    for (int l = 0; l < 2; l++) {
      double p = d.rate(l);
      d.fill(3, l, n, mask);
      int dropped = 0;
      for (double m : mask) {
        if (m == 0) {
          dropped++;
        } else {
          assertEquals(1 / (1 - p), m, 0.0);
        }
      }
      // four standard deviations of a binomial fraction: 0.0036 at p = 0.5, 0.0036 at p = 0.2
      double sd = Math.sqrt(p * (1 - p) / n);
      assertEquals(p, dropped / (double) n, 4 * sd, "layer " + l);
    }
  }

  @Test
  void aMaskDependsOnTheSeedTheUpdateAndTheLayerAndOnNothingElse() {
    Dropout d = new Dropout(new double[] {0.5, 0.5, 0.5, 0.0}, 5);
    double[] a = new double[1000];
    double[] b = new double[1000];
    d.fill(7, 1, 1000, a);
    new Dropout(new double[] {0.5, 0.5, 0.5, 0.0}, 5).fill(7, 1, 1000, b);
    assertArrayEquals(a, b, "the same seed, update and layer");
    double[] prefix = new double[10];
    d.fill(7, 1, 10, prefix);
    assertArrayEquals(Arrays.copyOf(a, 10), prefix, "a value's draw does not depend on how many are drawn");
    d.fill(8, 1, 1000, b);
    assertFalse(Arrays.equals(a, b), "another update");
    d.fill(7, 2, 1000, b);
    assertFalse(Arrays.equals(a, b), "another layer of the same rate");
    new Dropout(new double[] {0.5, 0.5, 0.5, 0.0}, 6).fill(7, 1, 1000, b);
    assertFalse(Arrays.equals(a, b), "another seed");
  }

  /** fill tests in integers without a branch; the rule it must follow is the plain one, draw ≥ p. */
  @Test
  void eachMaskValueIsOneOverOneMinusPExactlyWhenItsDrawIsAtLeastP() {
    long stream0 = dev.nn.core.random.RandomStream.DROPOUT.streamSeed(99, 4);
    // a rate equal to one value's draw keeps that value, and one just above it drops it
    double seventh = dev.nn.core.random.RandomStream.draw(stream0, 7);
    double[] rates = {seventh, 0.5, 0.1, 1 - 0x1.0p-20, 0x1.0p-40, 0.0};
    Dropout d = new Dropout(rates, 99);
    double[] first = new double[8];
    d.fill(4, 0, 8, first);
    assertEquals(1 / (1 - seventh), first[7], 0.0);
    new Dropout(new double[] {Math.nextUp(seventh), 0.0}, 99).fill(4, 0, 8, first);
    assertEquals(0.0, first[7], 0.0);
    double[] mask = new double[50_000];
    for (int l = 0; l < rates.length - 1; l++) {
      d.fill(4, l, mask.length, mask);
      long stream = dev.nn.core.random.RandomStream.DROPOUT.streamSeed(99, 4);
      for (int i = 0; i < mask.length; i++) {
        double draw = dev.nn.core.random.RandomStream.draw(stream, ((long) l << 40) + i);
        assertEquals(draw >= rates[l] ? 1 / (1 - rates[l]) : 0.0, mask[i], 0.0, "layer " + l + " value " + i);
      }
    }
  }

  @Test
  void theOutputLayerAndRatesOutsideZeroToOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Dropout(new double[] {0.0, 0.5}, 1));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(new double[] {1.0, 0.0}, 1));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(new double[] {-0.1, 0.0}, 1));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(new double[] {Double.NaN, 0.0}, 1));
  }

  /** 3-4-2, tanh then identity, dropout on the input and the hidden layer, worked out with plain loops. */
  @Test
  void theTrainingForwardPassMultipliesEachDroppedLayerByItsMaskBeforeTheNextLayerReadsIt() {
    int[] widths = {3, 4, 2};
    Network net = network(widths, List.of(Plugins.TANH, Plugins.IDENTITY), kernels("java", 1, Precision.FLOAT64, widths));
    double[] rates = {0.3, 0.5, 0.0};
    net.setDropout(rates, 21);
    randomize(net, 4);
    int rows = 5;
    double[] x = random(new SplittableRandom(9), rows * 3);
    Workspace ws = net.newWorkspace(rows);
    ws.setInput(x, 0, rows);
    ws.dropoutUpdate(17);
    net.forward(ws, rows);

    Dropout d = net.dropout();
    double[] m0 = new double[rows * 3];
    double[] m1 = new double[rows * 4];
    d.fill(17, 0, m0.length, m0);
    d.fill(17, 1, m1.length, m1);
    double[] out = new double[rows * 2];
    int dropped = 0;
    for (int r = 0; r < rows; r++) {
      double[] hidden = new double[4];
      for (int j = 0; j < 4; j++) {
        double z = net.parameters().bias(1, j);
        for (int i = 0; i < 3; i++) {
          z += x[r * 3 + i] * m0[r * 3 + i] * net.parameters().weight(1, i, j);
        }
        hidden[j] = Math.tanh(z) * m1[r * 4 + j];
        dropped += m1[r * 4 + j] == 0 ? 1 : 0;
      }
      for (int k = 0; k < 2; k++) {
        double z = net.parameters().bias(2, k);
        for (int j = 0; j < 4; j++) {
          z += hidden[j] * net.parameters().weight(2, j, k);
        }
        out[r * 2 + k] = z;
      }
    }
    assertTrue(dropped > 0 && dropped < rows * 4, "this seed drops some hidden values and keeps others");
    double[] got = new double[rows * 2];
    net.output(ws, null, got);
    assertArrayEquals(out, got, 1e-14);
    double[] tilde = new double[rows * 4];
    ws.input(1).get(0, tilde, 0, tilde.length);
    double[] plain = new double[rows * 4];
    ws.x(1).get(0, plain, 0, plain.length);
    for (int i = 0; i < tilde.length; i++) {
      assertEquals(plain[i] * m1[i], tilde[i], 0.0, "x̃ = x ⊙ mask, x kept for φ′");
    }
  }

  @ParameterizedTest
  @CsvSource({"java, 1", "blas, 1", "blas, 2"})
  void backpropThroughTheMasksEqualsCentralDifferencesWithTheMasksHeldFixed(String backend, int threads) {
    for (long seed = 1; seed <= 6; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int[] widths = {2 + rnd.nextInt(6), 3 + rnd.nextInt(6), 3 + rnd.nextInt(6), 2};
      boolean classify = seed % 2 == 0;
      List<Activation> phis = List.of(Plugins.SIGMOID, Plugins.TANH, classify ? Plugins.IDENTITY : Plugins.TANH);
      Loss loss = classify ? Plugins.SOFTMAX_CROSS_ENTROPY : Plugins.SQUARED;
      Network net = network(widths, phis, kernels(backend, threads, Precision.FLOAT64, widths));
      net.setDropout(new double[] {0.25, 0.5, 0.4, 0.0}, seed);
      randomize(net, seed);
      int rows = 6;
      double[] x = random(rnd, rows * widths[0]);
      double[] y = targets(rnd, rows, classify);
      double lambda = seed % 3 == 0 ? 0.01 : 0.0;

      GradientCheck.Result result = GradientCheck.run(net, loss, x, y, rows, lambda, seed);
      assertTrue(result.passed(), result.report());
      assertTrue(result.checked() > 0.98 * net.parameters().size(), result.report());

      // the masks are in the gradient: without them it differs
      double[] withMasks = net.parameters().gradsToArray();
      Network plain = network(widths, phis, kernels(backend, threads, Precision.FLOAT64, widths));
      plain.parameters().load(net.parameters().toArray());
      GradientCheck.run(plain, loss, x, y, rows, lambda, seed);
      assertTrue(maxDifference(withMasks, plain.parameters().gradsToArray()) > 1e-3, "seed " + seed);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "blas"})
  void predictionsDropNothing(String backend) {
    int[] widths = {5, 8, 3};
    Kernels k = kernels(backend, 1, Precision.FLOAT64, widths);
    Network withDropout = network(widths, List.of(Plugins.RELU, Plugins.IDENTITY), k);
    withDropout.setDropout(new double[] {0.5, 0.5, 0.0}, 3);
    randomize(withDropout, 8);
    Network without = network(widths, List.of(Plugins.RELU, Plugins.IDENTITY), k);
    without.parameters().load(withDropout.parameters().toArray());
    double[] x = random(new SplittableRandom(2), 4 * 5);
    assertArrayEquals(outputs(without, x, 4, false), outputs(withDropout, x, 4, false), 0.0);
    assertFalse(Arrays.equals(outputs(without, x, 4, true), outputs(withDropout, x, 4, true)), "training passes do drop");
  }

  /**
   * The fused SGD step (and at batch size 1 its one pass over W) equals backward, then θ − η·g, with dropout on
   * every layer but the output; and two threads give the bits of one.
   */
  @ParameterizedTest
  @CsvSource({"java, 1, FLOAT64", "java, 32, FLOAT64", "blas, 128, FLOAT64", "blas, 128, FLOAT32", "java, 16, FLOAT32"})
  void theFusedStepEqualsTheGenericStepAndTwoThreadsGiveTheBitsOfOne(String backend, int rows, Precision precision) {
    int[] widths = {40, 160, 128, 2};
    List<Activation> phis = List.of(Plugins.RELU, Plugins.TANH, Plugins.IDENTITY);
    double[] rates = {0.2, 0.5, 0.3, 0.0};
    double rate = 0.05;
    SplittableRandom rnd = new SplittableRandom(rows);
    double[] x = random(rnd, rows * widths[0]);
    double[] y = targets(rnd, rows, false);
    double[][] fused = new double[2][];
    for (int threads = 1; threads <= 2; threads++) {
      Network net = dropping(widths, phis, kernels(backend, threads, precision, widths), rates);
      Workspace ws = load(net, x, y, rows);
      for (long t = 1; t <= 3; t++) {
        ws.dropoutUpdate(t);
        net.forward(ws, rows);
        net.backward(ws, Plugins.SQUARED, SgdStep.of(net).with(rate, 0.0));
      }
      fused[threads - 1] = net.parameters().toArray();
    }
    assertArrayEquals(fused[0], fused[1], 0.0, "1 and 2 threads");

    Network net = dropping(widths, phis, kernels(backend, 1, precision, widths), rates);
    Workspace ws = load(net, x, y, rows);
    for (long t = 1; t <= 3; t++) {
      ws.dropoutUpdate(t);
      net.forward(ws, rows);
      net.backward(ws, Plugins.SQUARED);
      double[] theta = net.parameters().toArray();
      double[] g = net.parameters().gradsToArray();
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= rate * g[i];
      }
      net.parameters().load(theta);
    }
    double[] generic = net.parameters().toArray();
    double tolerance = precision == Precision.FLOAT32 ? 1e-5 : 1e-12;
    for (int i = 0; i < generic.length; i++) {
      assertEquals(generic[i], fused[0][i], tolerance * Math.max(1, Math.abs(generic[i])), "parameter " + i);
    }
  }

  // ---- helpers

  private static Kernels kernels(String backend, int threads, Precision precision, int[] widths) {
    return KernelChoice.choose(backend, threads, precision, "auto", null, widths, 64).kernels();
  }

  private static Network network(int[] widths, List<Activation> phis, Kernels kernels) {
    List<String> names = phis.stream().map(a -> "a").toList();
    return new Network(widths, phis, names, kernels);
  }

  /** A network with dropout {@code rates} (seed 13) and parameters drawn from seed 13. */
  private static Network dropping(int[] widths, List<Activation> phis, Kernels kernels, double[] rates) {
    Network net = network(widths, phis, kernels);
    net.setDropout(rates, 13);
    randomize(net, 13);
    return net;
  }

  private static void randomize(Network net, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
    double[] theta = new double[net.parameters().size()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = rnd.nextDouble(-0.6, 0.6);
    }
    net.parameters().load(theta);
  }

  private static double[] random(SplittableRandom rnd, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextDouble(-1, 1);
    }
    return v;
  }

  /** Two outputs per row: one-hot classes, or values in (−1, 1). */
  private static double[] targets(SplittableRandom rnd, int rows, boolean classify) {
    double[] y = new double[rows * 2];
    for (int r = 0; r < rows; r++) {
      if (classify) {
        y[r * 2 + rnd.nextInt(2)] = 1;
      } else {
        y[r * 2] = rnd.nextDouble(-0.9, 0.9);
        y[r * 2 + 1] = rnd.nextDouble(-0.9, 0.9);
      }
    }
    return y;
  }

  private static Workspace load(Network net, double[] x, double[] y, int rows) {
    Workspace ws = net.newWorkspace(rows);
    ws.setInput(x, 0, rows);
    int out = net.width(net.outputLayer());
    for (int i = 0; i < rows * out; i++) {
      ws.target()[i] = y[i % y.length];
    }
    return ws;
  }

  /** The outputs of a prediction ({@code training} false) or of a training pass of update 1. */
  private static double[] outputs(Network net, double[] x, int rows, boolean training) {
    Workspace ws = net.newWorkspace(rows);
    ws.setInput(x, 0, rows);
    ws.dropoutUpdate(1);
    if (training) {
      net.forward(ws, rows);
    } else {
      net.infer(ws, rows);
    }
    double[] out = new double[rows * net.width(net.outputLayer())];
    net.output(ws, null, out);
    return out;
  }

  private static double maxDifference(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
