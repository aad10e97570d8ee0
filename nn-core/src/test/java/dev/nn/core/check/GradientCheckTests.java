package dev.nn.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.network.Workspace;
import dev.nn.core.testing.Plugins;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gradient check accepts the engine's gradient and rejects a planted 1e-4 error. */
class GradientCheckTests {

  private static Network network(long seed, Activation hidden) {
    Network net = new Network(new int[] {3, 5, 4, 2}, List.of(hidden, hidden, Plugins.IDENTITY),
        List.of("h", "h", "identity"), new JavaKernels());
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] theta = new double[net.parameters().size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = rnd.nextDouble(-1, 1);
    }
    net.parameters().load(theta);
    return net;
  }

  /** Backprop's gradient of the squared loss on {@code rows} rows, in store order. */
  private static double[] backprop(Network net, double[] x, double[] y, int rows) {
    Workspace ws = net.newWorkspace(rows);
    ws.setInput(x, 0, rows);
    System.arraycopy(y, 0, ws.target(), 0, y.length);
    net.forward(ws, rows);
    net.backward(ws, Plugins.SQUARED);
    return net.parameters().gradsToArray();
  }

  private static double[] data(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = rnd.nextDouble(-1, 1);
    }
    return d;
  }

  @Test
  void theEnginesGradientPasses() {
    Network net = network(7, Plugins.TANH);
    GradientCheck.Result r = GradientCheck.run(net, Plugins.SQUARED, data(21, 1), data(14, 2), 7, 0.01, 7);
    assertTrue(r.passed(), r.report());
    assertEquals(net.parameters().size(), r.checked());
    assertEquals(0, r.skipped());
  }

  /**
   * An input row of zeros leaves z(1) = b(1) for that row, at relu's kink when the biases are 0, whatever W(1) is:
   * perturbing w(1)ij does not move that z, so no kink is crossed and the coordinate is checked; only the biases of
   * layer 1, whose perturbation moves z(1) off the kink, are skipped. (Every W(1) coordinate was skipped, and the
   * check of a correct network failed for skipping more than 1%.)
   */
  @Test
  void aKinkThatAPerturbationLeavesWhereItIsIsNotCrossed() {
    int in = 120;
    int hidden = 20;
    Network net = new Network(new int[] {in, hidden, 1}, List.of(Plugins.RELU, Plugins.IDENTITY),
        List.of("relu", "identity"), new JavaKernels());
    SplittableRandom rnd = new SplittableRandom(5);
    double[] theta = new double[net.parameters().size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = rnd.nextDouble(-0.2, 0.2);
    }
    // every bias of layer 1 is 0 (a dense network's parameters are its edges): the zero row's z(1) sits on the kink
    java.util.Arrays.fill(theta, net.parameters().biasOffset(1), net.parameters().biasOffset(1) + hidden, 0.0);
    net.parameters().load(theta);
    double[] x = data(4 * in, 9);
    java.util.Arrays.fill(x, in, 2 * in, 0.0);
    GradientCheck.Result r = GradientCheck.run(net, Plugins.SQUARED, x, data(4, 3), 4, 0.0, 11);
    assertTrue(r.passed(), r.report());
    assertEquals(hidden, r.skipped(), r.report());
    assertEquals(net.parameters().size() - hidden, r.checked());
  }

  /** A loss below 0 for some rows, its gradient right: the check passes and notes the broken contract. */
  @Test
  void aNegativeObjectiveIsNotedAsTheLossBreakingItsContract() {
    Network net = network(7, Plugins.TANH);
    Loss shifted = new Loss() {
      @Override
      public dev.nn.api.Seeding seeding() {
        return Plugins.SQUARED.seeding();
      }

      @Override
      public dev.nn.api.TargetKind targets() {
        return Plugins.SQUARED.targets();
      }

      @Override
      public double value(double[] z, double[] x, double[] y, int rows, int cols) {
        return Plugins.SQUARED.value(z, x, y, rows, cols) - 5.0 * rows * cols;
      }

      @Override
      public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
        return Plugins.SQUARED.seed(z, x, y, delta, rows, cols) - 5.0 * rows * cols;
      }
    };
    GradientCheck.Result r = GradientCheck.run(net, shifted, data(21, 1), data(14, 2), 7, 0.0, 7);
    assertTrue(r.passed(), r.report());
    assertTrue(r.report().endsWith("\n  note: J is negative, but every row's loss L_n must be >= 0 (the loss SPI's"
        + " contract: divergence is judged by the loss's growth, and reports show it as a size); the loss breaks it"),
        r.report());
    GradientCheck.Result plain = GradientCheck.run(network(7, Plugins.TANH), Plugins.SQUARED, data(21, 1),
        data(14, 2), 7, 0.0, 7);
    assertFalse(plain.report().contains("note:"), plain.report());
  }

  /** A J that is not a number fails with one line saying so, not with every coordinate listed as a mismatch. */
  @Test
  void anObjectiveThatIsNotANumberFailsSayingSo() {
    Network net = network(7, Plugins.TANH);
    double[] y = data(14, 2);
    y[3] = Double.NaN;
    GradientCheck.Result r = GradientCheck.run(net, Plugins.SQUARED, data(21, 1), y, 7, 0.0, 7);
    assertFalse(r.passed());
    assertEquals("gradient check FAILED: J = NaN at the parameters given, so no derivative can be compared: the loss"
        + " or an activation gives a value that is not a finite number for these samples, whose values take it"
        + " beyond its finite range (a third-party plugin that does so for ordinary values is named instead); seed 7",
        r.report());
  }

  @Test
  void aPlantedErrorOfOneInTenThousandFails() {
    Network net = network(7, Plugins.TANH);
    double[] x = data(21, 1);
    double[] y = data(14, 2);
    double[] g = backprop(net, x, y, 7);
    int planted = net.parameters().weightIndex(2, 3, 1);
    g[planted] += 1e-4;
    GradientCheck.Result r = GradientCheck.compare(net, Plugins.SQUARED, x, y, 7, 0.0, g, 7);
    assertFalse(r.passed());
    assertEquals(1, r.mismatches().size(), r.report());
    assertEquals("layers[2].W[3][1]", r.mismatches().get(0).where());
    assertTrue(r.report().contains("layers[2].W[3][1]") && r.report().contains("seed 7"), r.report());
  }

  @Test
  void perturbationsAcrossAReluKinkAreSkippedAndCounted() {
    Network net = network(3, Plugins.RELU);
    // place one hidden pre-activation within the step of the kink: z(1)_0 of row 0 = b(1)_0 + Σ w x
    double[] x = {0.0, 0.0, 0.0};
    int b10 = net.parameters().biasIndex(1, 0);
    double[] theta = net.parameters().toArray();
    theta[b10] = 1e-7;
    net.parameters().load(theta);
    Loss loss = Plugins.SQUARED;
    GradientCheck.Result r = GradientCheck.run(net, loss, x, new double[] {0.5, -0.5}, 1, 0.0, 3);
    // only b(1)_0 moves z(1)_0 (the inputs are zero), so exactly one coordinate is skipped
    assertEquals(1, r.skipped(), r.report());
    assertEquals(net.parameters().size() - 1, r.checked());
    // one in 57 is more than 1%: the check refuses to call that a pass
    assertTrue(r.tooManySkipped(), r.report());
    assertFalse(r.passed());
    // and says why it failed with nothing mismatched, and what usually helps
    assertTrue(r.report().endsWith("\n  more than 1% of coordinates skipped at kinks: too few checked to speak for"
        + " the gradient (those checked agree); other weights or samples (another seed) usually move the"
        + " pre-activations off the kinks"), r.report());
  }

  /** The counts are grouped by thousands, as the network's line just before says "2,970 free parameters". */
  @Test
  void aReportGroupsItsCountsByThousands() {
    GradientCheck.Result r = new GradientCheck.Result(2970, 1200, List.of(), 1e-11, 4e-8, 0.5, 7);
    assertTrue(r.report().startsWith("gradient check FAILED: 2,970 parameters checked, 1,200 skipped at kinks, 0"
        + " mismatched; "), r.report());
  }

  @Test
  void theReportListsTheFiveWorstMismatchesWorstFirstWithReadableFigures() {
    List<GradientCheck.Mismatch> found = new java.util.ArrayList<>();
    // |difference| / allowed = 2, 7, 3, 11, 5, 13, 1.5: listed in the order 13, 11, 7, 5, 3
    double[] excess = {2, 7, 3, 11, 5, 13, 1.5};
    for (int i = 0; i < excess.length; i++) {
      found.add(new GradientCheck.Mismatch(i, "layers[1].W[0][" + i + "]", 0.5, 0.5 + excess[i] * 1e-6, 1e-6));
    }
    GradientCheck.Result r = new GradientCheck.Result(17, 0, found, 1.637201757001076E-11, 4.025849430454242E-8,
        0.7645443632353812, 7);
    List<String> lines = r.report().lines().toList();
    assertEquals("gradient check FAILED: 17 parameters checked, 0 skipped at kinks, 7 mismatched; ‖g − ĝ‖ = 1.64e-11"
        + " (allowed 4.03e-8); J = 0.764544; seed 7", lines.get(0));
    assertEquals("the 5 worst:", lines.get(1));
    assertEquals(List.of("5", "3", "1", "4", "2"), lines.subList(2, 7).stream()
        .map(l -> l.substring(l.indexOf("W[0][") + 5, l.indexOf("]:"))).toList());
    assertEquals("  layers[1].W[0][5]: backprop 0.5, finite difference 0.500013, |difference| 1.3e-5 > allowed 1e-6",
        lines.get(2));
    assertEquals(7, lines.size());
  }

  @Test
  void significantDigitsReadAsAPersonWritesThem() {
    assertEquals("1.64e-11", GradientCheck.sig(1.637201757001076E-11, 3));
    assertEquals("0.764544", GradientCheck.sig(0.7645443632353812, 6));
    assertEquals("2", GradientCheck.sig(2.0000001, 3));
    assertEquals("-350000", GradientCheck.sig(-349_999.9, 2));
    assertEquals("-3.5e+6", GradientCheck.sig(-3_499_999.9, 2));
    assertEquals("NaN", GradientCheck.sig(Double.NaN, 3));
    assertEquals("0.0", GradientCheck.sig(0, 3));
  }

  /**
   * A wrong φ′ at layer 1 of 3-5-4-2 spoils the gradients of layer 1 only (δ(1) is made from it; δ(2) and δ(3) are
   * not): the report names layers[1] and its activation. Every gradient scaled by 2 (a seed off by a factor) is
   * told as one factor. A correct network gets no hint.
   */
  @Test
  void aFailedCheckPointsAtWhereTheMismatchesSayTheErrorEnters() {
    Activation wrongPrime = new Activation() {
      @Override
      public double phi(double z) {
        return Math.tanh(z);
      }

      @Override
      public double phiPrime(double z, double x) {
        return 1 - x * x + 0.01;
      }
    };
    Network net = new Network(new int[] {3, 5, 4, 2}, List.of(wrongPrime, Plugins.TANH, Plugins.IDENTITY),
        List.of("odd-tanh", "tanh", "identity"), new JavaKernels());
    net.parameters().load(data(net.parameters().size(), 7));
    GradientCheck.Result r = GradientCheck.run(net, Plugins.SQUARED, data(21, 1), data(14, 2), 7, 0.0, 7);
    assertFalse(r.passed(), r.report());
    assertTrue(r.report().endsWith("\n  hint: the gradients of layers[2] and above agree and those of layers[1] do"
        + " not, so δ first goes wrong at layers[1], where it is multiplied by φ′ of its activation odd-tanh: check"
        + " that its φ′ is the derivative of its φ, and that its forward and backward leave z and x as they found"
        + " them"), r.report());

    Network right = network(7, Plugins.TANH);
    double[] x = data(21, 1);
    double[] y = data(14, 2);
    double[] doubled = backprop(right, x, y, 7);
    for (int k = 0; k < doubled.length; k++) {
      doubled[k] *= 2;
    }
    GradientCheck.Result twice = GradientCheck.compare(right, Plugins.SQUARED, x, y, 7, 0.0, doubled, 7);
    assertFalse(twice.passed(), twice.report());
    assertTrue(twice.report().endsWith("\n  hint: every mismatched gradient is 2.000 times its finite difference: one"
        + " factor throughout points at the loss's seed or the output activation identity's φ′, off by that factor"
        + " from the loss's value() (a ½ in one and not the other, a sum against a mean)"), twice.report());

    GradientCheck.Result fine = GradientCheck.run(network(7, Plugins.TANH), Plugins.SQUARED, x, y, 7, 0.0, 7);
    assertTrue(fine.passed() && fine.hint().isEmpty() && !fine.report().contains("hint"), fine.report());
  }

  /**
   * A factor very near 1 is shown with the digits that tell it from 1 ("1.000" read as no factor at all); one so
   * near that no parameter leaves its own tolerance fails the normwise bound alone, which the report then explains,
   * with the largest differences.
   */
  @Test
  void aFactorNearOneIsShownAsSuchAndANormwiseFailureIsExplained() {
    Network right = network(7, Plugins.TANH);
    double[] x = data(21, 1);
    double[] y = data(14, 2);
    double[] exact = backprop(right, x, y, 7);
    double[] near = exact.clone();
    for (int k = 0; k < near.length; k++) {
      near[k] *= 1.0001;
    }
    GradientCheck.Result slightly = GradientCheck.compare(right, Plugins.SQUARED, x, y, 7, 0.0, near, 7);
    assertFalse(slightly.passed(), slightly.report());
    assertTrue(slightly.report().contains("every mismatched gradient is 1.00010 times its finite difference"),
        slightly.report());
    double[] nearer = exact.clone();
    for (int k = 0; k < nearer.length; k++) {
      nearer[k] *= 1.000001;
    }
    GradientCheck.Result normwise = GradientCheck.compare(right, Plugins.SQUARED, x, y, 7, 0.0, nearer, 7);
    assertFalse(normwise.passed(), normwise.report());
    assertEquals(0, normwise.mismatches().size(), normwise.report());
    assertTrue(normwise.report().contains("\n  hint: every parameter is within its own tolerance, but ‖g − ĝ‖ is not:"),
        normwise.report());
    assertEquals(5, normwise.report().lines().filter(l -> l.startsWith("    ") && l.contains(", ratio 1.00000")).count(),
        normwise.report());
    assertEquals("1.010", MismatchPattern.factorText(1.01));
    assertEquals("0.5000", MismatchPattern.factorText(0.5));
  }
}
