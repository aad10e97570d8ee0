package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.core.check.GradientCheck;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Precision;
import dev.nn.core.network.Network;
import dev.nn.core.testing.Plugins;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code training.class-weights} around a loss: each row's L_n and δ_n times its class's weight, the class read
 * from the target (one-hot, 0/1 or −1/+1); the whole network's gradient of the weighted J against central
 * differences; weights of 1 give the loss's own bits; figures are the loss's own.
 */
class ClassWeightedLossTests {
  private static final double[] W3 = {0.5, 2.0, 3.25};

  /** (x − y)² summed over one output, for targets of {@code kind}: enough to see which weight a row takes. */
  private static Loss singleOutput(TargetKind kind) {
    return new Loss() {
      @Override
      public Seeding seeding() {
        return Seeding.DEFAULT;
      }

      @Override
      public TargetKind targets() {
        return kind;
      }

      @Override
      public double value(double[] z, double[] x, double[] y, int rows, int cols) {
        double s = 0;
        for (int i = 0; i < rows * cols; i++) {
          s += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return s;
      }

      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        for (int i = 0; i < rows * cols; i++) {
          delta[i] = 2 * (x[i] - y[i]);
        }
        return value(z, x, y, rows, cols);
      }
    };
  }

  private static double[] random(SplittableRandom rnd, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextDouble(-2, 2);
    }
    return v;
  }

  private static double[] oneHot(int[] classes, int k) {
    double[] y = new double[classes.length * k];
    for (int r = 0; r < classes.length; r++) {
      y[r * k + classes[r]] = 1;
    }
    return y;
  }

  /** Row r alone: the loss's value and δ on a batch of one. */
  private static double rowValue(Loss loss, double[] z, double[] y, int r, int cols, double[] delta) {
    double[] zr = Arrays.copyOfRange(z, r * cols, (r + 1) * cols);
    double[] yr = Arrays.copyOfRange(y, r * cols, (r + 1) * cols);
    double[] dr = new double[cols];
    double v = loss.seed(zr, zr, yr, dr, 1, cols);
    System.arraycopy(dr, 0, delta, r * cols, cols);
    return v;
  }

  @Test
  void eachOneHotRowWeighsByItsClassInTheValueAndTheSeed() {
    int[] classes = {2, 0, 1, 1, 2, 0, 2};
    int rows = classes.length;
    double[] z = random(new SplittableRandom(5), rows * 3);
    double[] y = oneHot(classes, 3);
    for (Loss plain : List.of(Plugins.SOFTMAX_CROSS_ENTROPY, Plugins.SQUARED)) {
      Loss weighted = ClassWeightedLoss.of(plain, W3);
      double expected = 0;
      double[] plainDelta = new double[rows * 3];
      for (int r = 0; r < rows; r++) {
        expected += W3[classes[r]] * rowValue(plain, z, y, r, 3, plainDelta);
      }
      double[] delta = new double[rows * 3];
      assertEquals(expected, weighted.seed(z, z, y, delta, rows, 3), 1e-15 * expected, plain.toString());
      assertEquals(expected, weighted.value(z, z, y, rows, 3), 1e-15 * expected, plain.toString());
      for (int i = 0; i < delta.length; i++) {
        assertEquals(W3[classes[i / 3]] * plainDelta[i], delta[i], 0.0, "δ " + i);
      }
    }
  }

  @Test
  void aSingleOutputRowTakesClassOneFor1AndForPlus1() {
    double[] z = {0.3, -0.4, 0.9, 0.1};
    double[] weights = {0.25, 4.0};
    // 0/1 targets: 1 is class 1; −1/+1 targets: +1 is class 1
    for (TargetKind kind : List.of(TargetKind.BINARY, TargetKind.SIGNED)) {
      double zero = kind == TargetKind.SIGNED ? -1 : 0;
      double[] y = {1, zero, zero, 1};
      Loss plain = singleOutput(kind);
      Loss weighted = ClassWeightedLoss.of(plain, weights);
      double[] delta = new double[4];
      double sum = weighted.seed(z, z, y, delta, 4, 1);
      double expected = 0;
      for (int r = 0; r < 4; r++) {
        double w = y[r] == 1 ? 4.0 : 0.25;
        expected += w * (z[r] - y[r]) * (z[r] - y[r]);
        assertEquals(w * 2 * (z[r] - y[r]), delta[r], 1e-15, kind + " row " + r);
      }
      assertEquals(expected, sum, 1e-14, kind.toString());
    }
  }

  @Test
  void weightsOfOneGiveTheLossItsOwnBits() {
    SplittableRandom rnd = new SplittableRandom(9);
    int rows = 64;
    double[] z = random(rnd, rows * 3);
    int[] classes = new int[rows];
    Arrays.setAll(classes, r -> rnd.nextInt(3));
    double[] y = oneHot(classes, 3);
    Loss ones = ClassWeightedLoss.of(Plugins.SOFTMAX_CROSS_ENTROPY, new double[] {1, 1, 1});
    double[] a = new double[rows * 3];
    double[] b = new double[rows * 3];
    assertEquals(Plugins.SOFTMAX_CROSS_ENTROPY.seed(z, z, y, a, rows, 3), ones.seed(z, z, y, b, rows, 3), 0.0);
    assertArrayEquals(a, b, 0.0);
  }

  /** The lecture's backward pass from the weighted seed is the gradient of the weighted J. */
  @Test
  void theNetworksGradientOfTheWeightedLossEqualsCentralDifferences() {
    for (long seed = 1; seed <= 4; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int[] widths = {3 + rnd.nextInt(4), 4 + rnd.nextInt(5), 3};
      List<Activation> phis = List.of(Plugins.TANH, Plugins.IDENTITY);
      Network net = new Network(widths, phis, List.of("tanh", "identity"),
          KernelChoice.choose(seed % 2 == 0 ? "java" : "blas", 1, Precision.FLOAT64, "auto", null, widths, 64)
              .kernels());
      double[] theta = random(rnd, net.parameters().size());
      net.parameters().load(theta);
      int rows = 8;
      double[] x = random(rnd, rows * widths[0]);
      int[] classes = new int[rows];
      Arrays.setAll(classes, r -> r % 3);
      double[] y = oneHot(classes, 3);
      Loss weighted = ClassWeightedLoss.of(Plugins.SOFTMAX_CROSS_ENTROPY, W3);

      GradientCheck.Result result = GradientCheck.run(net, weighted, x, y, rows, 0.0, seed);
      assertTrue(result.passed(), result.report());
      assertTrue(result.checked() > 0.98 * net.parameters().size(), result.report());
      double[] weightedGradient = net.parameters().gradsToArray();

      // the weights are in that gradient: the loss's own is another
      net.parameters().load(theta);
      GradientCheck.run(net, Plugins.SOFTMAX_CROSS_ENTROPY, x, y, rows, 0.0, seed);
      double[] plainGradient = net.parameters().gradsToArray();
      double diff = 0;
      for (int i = 0; i < plainGradient.length; i++) {
        diff = Math.max(diff, Math.abs(plainGradient[i] - weightedGradient[i]));
      }
      assertTrue(diff > 1e-3, "seed " + seed + ": " + diff);
    }
  }

  @Test
  void figuresAreTheLossItsOwn() {
    Network net = TrainerTests.network(1);
    Samples data = TrainerTests.regression(40, 2);
    Loss weighted = ClassWeightedLoss.of(Plugins.SQUARED, new double[] {3, 0.5});
    assertSame(Plugins.SQUARED, ClassWeightedLoss.plain(weighted));
    assertSame(Plugins.SQUARED, ClassWeightedLoss.plain(Plugins.SQUARED));
    assertSame(Plugins.SQUARED, ClassWeightedLoss.of(Plugins.SQUARED, null), "no weights: the loss itself");
    assertEquals(new Evaluator(net, Plugins.SQUARED, 16).evaluate(data, false).loss(),
        new Evaluator(net, weighted, 16).evaluate(data, false).loss(), 0.0);
    // weighing a weighted loss again replaces its weights
    Loss twice = ClassWeightedLoss.of(weighted, new double[] {2, 2});
    assertSame(Plugins.SQUARED, ClassWeightedLoss.plain(twice));
    assertArrayEquals(new double[] {2, 2}, ((ClassWeightedLoss) twice).weights(), 0.0);
  }

  @Test
  void aWeightThatIsNotAFinitePositiveNumberIsRefused() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ClassWeightedLoss.of(Plugins.SQUARED, new double[] {1, bad}));
      assertTrue(e.getMessage().contains("finite number > 0"), e.getMessage());
    }
  }

  @Test
  void weightsAreDescribedToFourDigits() {
    assertEquals("0.768, 1.433, 2, 0.0001235", ClassWeightedLoss.describe(new double[] {768.0 / (2 * 500),
        768.0 / (2 * 268), 2.0, 0.000123456}));
  }
}
