package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
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
 * Rows that carry weights ({@code weight:} of a csv source): the objective J = (1/B)·Σ_n w_n·L_n, checked
 * against central differences through the whole network and against the weighted sum of each row's own
 * gradient; a row of weight 0 is as good as absent; figures are unweighted; weights travel with their rows.
 */
class RowWeightsTests {

  private static double[] random(SplittableRandom rnd, int n, double from, double to) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextDouble(from, to);
    }
    return v;
  }

  private static Network network(SplittableRandom rnd, int[] widths, Activation out, String outName,
      String kernels, Precision precision) {
    Network net = new Network(widths, List.of(Plugins.TANH, out), List.of("tanh", outName),
        KernelChoice.choose(kernels, 1, precision, "auto", null, widths, 64).kernels());
    net.parameters().load(random(rnd, net.parameters().size(), -1, 1));
    return net;
  }

  /** Three classes one-hot, or one real target a row for the squared loss. */
  private static double[] targets(SplittableRandom rnd, Loss loss, int rows, int cols) {
    if (loss != Plugins.SOFTMAX_CROSS_ENTROPY) {
      return random(rnd, rows * cols, -1, 1);
    }
    double[] y = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      y[r * cols + rnd.nextInt(cols)] = 1;
    }
    return y;
  }

  /** The lecture's backward pass from the weighted seed is the gradient of the weighted J, fused or not. */
  @Test
  void theNetworksGradientOfTheWeightedObjectiveEqualsCentralDifferences() {
    for (long seed = 1; seed <= 4; seed++) {
      for (Loss loss : List.of(Plugins.SOFTMAX_CROSS_ENTROPY, Plugins.SQUARED)) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean fused = loss == Plugins.SOFTMAX_CROSS_ENTROPY;
        int[] widths = {3 + rnd.nextInt(4), 4 + rnd.nextInt(5), fused ? 3 : 2};
        Network net = network(rnd, widths, fused ? Plugins.IDENTITY : Plugins.TANH, fused ? "identity" : "tanh",
            seed % 2 == 0 ? "java" : "blas", Precision.FLOAT64);
        double[] theta = net.parameters().values().toArray();
        int rows = 9;
        double[] x = random(rnd, rows * widths[0], -2, 2);
        double[] y = targets(rnd, loss, rows, widths[2]);
        double[] w = random(rnd, rows, 0, 3);
        w[4] = 0;

        GradientCheck.Result result = GradientCheck.run(net, loss, x, y, w, rows, 0.0, seed, done -> { });
        assertTrue(result.passed(), result.report());
        assertTrue(result.checked() > 0.98 * net.parameters().size(), result.report());
        double[] weighted = net.parameters().gradsToArray();

        // the weights are in that gradient: the unweighted one is another
        net.parameters().load(theta);
        GradientCheck.run(net, loss, x, y, rows, 0.0, seed);
        double[] unweighted = net.parameters().gradsToArray();
        double diff = 0;
        for (int i = 0; i < weighted.length; i++) {
          diff = Math.max(diff, Math.abs(weighted[i] - unweighted[i]));
        }
        assertTrue(diff > 1e-3, "seed " + seed + ", " + loss + ": " + diff);
      }
    }
  }

  /** J and ∂J/∂θ of a weighted batch are (1/B)·Σ_n w_n times each row's own J and gradient, to rounding. */
  @Test
  void theGradientIsTheWeightedMeanOfEachRowsGradient() {
    SplittableRandom rnd = new SplittableRandom(21);
    int[] widths = {4, 6, 3};
    Network net = network(rnd, widths, Plugins.IDENTITY, "identity", "java", Precision.FLOAT64);
    int rows = 7;
    Samples batch = new Samples(random(rnd, rows * 4, -2, 2), targets(rnd, Plugins.SOFTMAX_CROSS_ENTROPY, rows, 3),
        rows, 4, 3).withWeights(new double[] {0.5, 2, 0, 1, 3.25, 0.125, 1});

    Gradient all = Gradient.of(net, Plugins.SOFTMAX_CROSS_ENTROPY, batch, 0.0);
    double objective = 0;
    double[][] w2 = new double[6][3];
    double[] b1 = new double[6];
    for (int r = 0; r < rows; r++) {
      Gradient one = Gradient.of(net, Plugins.SOFTMAX_CROSS_ENTROPY, batch.rows(new int[] {r}).withWeights(null),
          0.0);
      double share = batch.weight(r) / rows;
      objective += share * one.objective();
      for (int i = 0; i < 6; i++) {
        b1[i] += share * one.biases(1)[i];
        for (int j = 0; j < 3; j++) {
          w2[i][j] += share * one.weights(2)[i][j];
        }
      }
    }
    assertEquals(objective, all.objective(), 1e-14 * Math.abs(objective));
    assertArrayEquals(b1, all.biases(1), 1e-14);
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(w2[i], all.weights(2)[i], 1e-14);
    }
  }

  /**
   * A row of weight 0 adds nothing: the gradient is that of the batch without it, times B'/B (the mean is over the
   * batch's B rows), even where the loss of that row is not finite.
   */
  @Test
  void aRowOfWeightZeroIsAsGoodAsAbsent() {
    SplittableRandom rnd = new SplittableRandom(5);
    int[] widths = {2, 5, 1};
    Network net = network(rnd, widths, Plugins.IDENTITY, "identity", "java", Precision.FLOAT64);
    double[] x = random(rnd, 6 * 2, -1, 1);
    double[] y = random(rnd, 6, -1, 1);
    y[3] = 1e300; // its squared loss overflows to infinity
    Samples withZero = new Samples(x, y, 6, 2, 1).withWeights(new double[] {1, 1, 1, 0, 1, 1});
    Samples without = withZero.rows(new int[] {0, 1, 2, 4, 5}).withWeights(null);

    Gradient a = Gradient.of(net, Plugins.SQUARED, withZero, 0.0);
    Gradient b = Gradient.of(net, Plugins.SQUARED, without, 0.0);
    assertEquals(b.objective() * 5 / 6, a.objective(), 1e-15);
    for (int l = 1; l <= 2; l++) {
      double[] expected = b.biases(l);
      for (int j = 0; j < expected.length; j++) {
        expected[j] *= 5.0 / 6;
      }
      assertArrayEquals(expected, a.biases(l), 1e-15);
    }
  }

  /** Weights of 1 give the gradient of no weights, bit for bit. */
  @Test
  void weightsOfOneGiveTheUnweightedGradientsBits() {
    SplittableRandom rnd = new SplittableRandom(8);
    int[] widths = {3, 4, 3};
    Network net = network(rnd, widths, Plugins.IDENTITY, "identity", "blas", Precision.FLOAT64);
    Samples plain = new Samples(random(rnd, 10 * 3, -1, 1), targets(rnd, Plugins.SOFTMAX_CROSS_ENTROPY, 10, 3), 10,
        3, 3);
    double[] ones = new double[10];
    Arrays.fill(ones, 1);
    Gradient a = Gradient.of(net, Plugins.SOFTMAX_CROSS_ENTROPY, plain, 0.0);
    Gradient b = Gradient.of(net, Plugins.SOFTMAX_CROSS_ENTROPY, plain.withWeights(ones), 0.0);
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(a.biases(l), b.biases(l), 0.0);
      for (int i = 0; i < widths[l - 1]; i++) {
        assertArrayEquals(a.weights(l)[i], b.weights(l)[i], 0.0);
      }
    }
  }

  /** Validation and test figures are the loss's own: the weights change what training minimises only. */
  @Test
  void figuresAreUnweighted() {
    Network net = TrainerTests.network(3);
    SplittableRandom rnd = new SplittableRandom(3);
    Samples plain = new Samples(random(rnd, 40 * 2, -1, 1), random(rnd, 40, -1, 1), 40, 2, 1);
    Samples weighted = plain.withWeights(random(rnd, 40, 0, 5));
    Evaluator evaluator = new Evaluator(net, Plugins.SQUARED, 16);
    assertEquals(evaluator.evaluate(plain, false).loss(), evaluator.evaluate(weighted, false).loss(), 0.0);
  }

  /** Training a float32 network on weighted rows falls, and weighs: rows of weight 0 hold a contrary target. */
  @Test
  void float32TrainingFollowsTheWeightedRows() {
    SplittableRandom rnd = new SplittableRandom(4);
    int rows = 200;
    double[] x = random(rnd, rows * 2, -1, 1);
    double[] y = new double[rows];
    double[] w = new double[rows];
    for (int r = 0; r < rows; r++) {
      boolean noise = r % 4 == 0;
      y[r] = noise ? -x[2 * r] : x[2 * r];
      w[r] = noise ? 0 : 1;
    }
    float[] fx = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      fx[i] = (float) x[i];
    }
    for (Precision precision : List.of(Precision.FLOAT64, Precision.FLOAT32)) {
      Network net = network(new SplittableRandom(9), new int[] {2, 8, 1}, Plugins.IDENTITY, "identity", "java",
          precision);
      Samples data = (precision == Precision.FLOAT32 ? new Samples(fx, y, rows, 2, 1) : new Samples(x, y, rows, 2, 1))
          .withWeights(w);
      new Trainer(net, Plugins.SQUARED, Plugins.SGD, (t, e) -> 0.05, TrainingOptions.of(60, 8, 2), List.of())
          .train(data, null, false);
      // the clean rows (y = x1) are fitted; the rows of weight 0 (y = −x1) are not
      Samples clean = data.rows(java.util.stream.IntStream.range(0, rows).filter(r -> r % 4 != 0).toArray());
      Samples noise = data.rows(java.util.stream.IntStream.range(0, rows).filter(r -> r % 4 == 0).toArray());
      Evaluator evaluator = new Evaluator(net, Plugins.SQUARED, 32);
      double cleanLoss = evaluator.evaluate(clean, false).loss();
      double noiseLoss = evaluator.evaluate(noise, false).loss();
      assertTrue(cleanLoss < 0.02, precision + ": " + cleanLoss);
      assertTrue(noiseLoss > 0.5, precision + ": " + noiseLoss);
    }
  }

  @Test
  void weightsTravelWithTheirRows() {
    Samples s = new Samples(new double[] {1, 2, 3}, new double[] {0, 0, 0}, 3, 1, 1).withWeights(
        new double[] {0.5, 2, 4});
    Samples picked = s.rows(new int[] {2, 0, 2});
    assertEquals(4, picked.weight(0));
    assertEquals(0.5, picked.weight(1));
    assertEquals(4, picked.weight(2));
    Samples replaced = s.withRow(1, new Samples(new double[] {9}, new double[] {1}, 1, 1, 1), 0);
    assertEquals(1, replaced.weight(1), "a row without a weight weighs 1");
    assertEquals(0.5, replaced.weight(0));
    assertFalse(s.withWeights(null).weighted());
    assertEquals(1, s.withWeights(null).weight(2));
  }

  @Test
  void aWeightThatIsNegativeOrNotFiniteIsRefused() {
    Samples s = new Samples(new double[] {1, 2}, new double[] {0, 0}, 2, 1, 1);
    for (double bad : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.withWeights(new double[] {1, bad}));
      assertEquals("the weight of row 1 is " + bad + "; a row's weight is a finite number >= 0", e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> s.withWeights(new double[] {1}));
  }

  /** A trainer given rows that all weigh 0 refuses them, as the command line does: nothing would train. */
  @Test
  void rowsThatAllWeigh0AreRefused() {
    Samples zero = new Samples(new double[] {1, 2}, new double[] {0, 1}, 2, 1, 1).withWeights(new double[2]);
    Network net = new Network(new int[] {1, 1}, List.of(Plugins.IDENTITY), List.of("identity"),
        new dev.nn.core.kernel.JavaKernels());
    Trainer trainer = new Trainer(net, Plugins.SQUARED, Plugins.SGD, (t, e) -> 0.1, TrainingOptions.of(1, 2, 1),
        List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(zero, null, false));
    assertEquals("every one of the 2 training samples weighs 0, so none counts in training; at least one weight must"
        + " be > 0", e.getMessage());
  }
}
