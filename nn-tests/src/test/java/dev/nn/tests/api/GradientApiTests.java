package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.core.Nn;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.network.Structure;
import dev.nn.core.network.StructureBuilder;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.random.Rng;
import dev.nn.core.train.Gradient;
import dev.nn.core.train.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@code nn.gradient}: J and ∂J/∂θ at parameters set through {@code Network.setLayer}, in the lecture's layout,
 * against the lecture's equations written out by hand and against central finite differences of J; shared and
 * absent edges; and what {@code setLayer} refuses.
 */
class GradientApiTests {
  private static final Nn NN = Nn.create();

  private static final double[][] W1 = {{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}};
  private static final double[] B1 = {0.01, 0.02, 0.03};
  private static final double[][] W2 = {{0.7}, {-0.8}, {0.9}};
  private static final double[] B2 = {0.05};
  private static final double[] X = {1, 2, -1, 0.5};
  private static final double[] Y = {0.3, -0.4};

  /**
   * A 2-3-1 tanh network with the squared loss on two rows and λ = 0.1: the forward pass, δ(2) = −2(y − x),
   * δ(1) = W(2)δ(2) ⊙ (1 − tanh²), gradients δj·xi and δj averaged over the rows, λw added to the weights.
   */
  @Test
  void theGradientIsTheLecturesBackwardPassWrittenOutByHand() {
    Network network = NN.network(new int[] {2, 3, 1}, "tanh", "identity");
    network.setLayer(1, W1, B1);
    network.setLayer(2, W2, B2);
    double lambda = 0.1;
    Gradient g = NN.gradient(network, NN.plugins().create(PluginKind.LOSS, "squared"),
        new Samples(X.clone(), Y.clone(), 2, 2, 1), lambda);

    double j = 0;
    double[][] gw1 = new double[2][3];
    double[] gb1 = new double[3];
    double[][] gw2 = new double[3][1];
    double[] gb2 = new double[1];
    int rows = 2;
    for (int n = 0; n < rows; n++) {
      double[] x0 = {X[2 * n], X[2 * n + 1]};
      double[] x1 = new double[3];
      for (int jj = 0; jj < 3; jj++) {
        double z = B1[jj];
        for (int i = 0; i < 2; i++) {
          z += W1[i][jj] * x0[i];
        }
        x1[jj] = Math.tanh(z);
      }
      double out = B2[0];
      for (int i = 0; i < 3; i++) {
        out += W2[i][0] * x1[i];
      }
      j += (Y[n] - out) * (Y[n] - out) / rows;
      double d2 = -2 * (Y[n] - out);
      gb2[0] += d2 / rows;
      for (int i = 0; i < 3; i++) {
        gw2[i][0] += x1[i] * d2 / rows;
        double d1 = W2[i][0] * d2 * (1 - x1[i] * x1[i]);
        gb1[i] += d1 / rows;
        for (int k = 0; k < 2; k++) {
          gw1[k][i] += x0[k] * d1 / rows;
        }
      }
    }
    double squares = 0;
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 2; k++) {
        gw1[k][i] += lambda * W1[k][i];
        squares += W1[k][i] * W1[k][i];
      }
      gw2[i][0] += lambda * W2[i][0];
      squares += W2[i][0] * W2[i][0];
    }
    j += lambda / 2 * squares;

    assertEquals(j, g.objective(), 1e-15 * j);
    assertEquals(2, g.outputLayer());
    for (int k = 0; k < 2; k++) {
      assertArrayEquals(gw1[k], g.weights(1)[k], 1e-15, "∂J/∂W(1) row " + k);
    }
    assertArrayEquals(gb1, g.biases(1), 1e-15);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(gw2[i], g.weights(2)[i], 1e-15, "∂J/∂W(2) row " + i);
    }
    assertArrayEquals(gb2, g.biases(2), 1e-15);
    // taking the gradient leaves the parameters as they were set
    assertArrayEquals(W1[1], network.weights(1)[1]);
    assertArrayEquals(B2, network.biases(2));
  }

  /** Every coordinate of a 3-5-4-3 network with softmax cross-entropy and L2, against (J(θ+h) − J(θ−h))/2h. */
  @Test
  void everyCoordinateAgreesWithCentralFiniteDifferencesOfJ() {
    RandomGenerator rnd = Rng.create(5);
    Network network = NN.network(new int[] {3, 5, 4, 3}, "tanh", "softplus", "identity");
    for (int l = 1; l <= 3; l++) {
      network.setLayer(l, randomMatrix(network.width(l - 1), network.width(l), rnd),
          randomMatrix(1, network.width(l), rnd)[0]);
    }
    int rows = 6;
    double[] x = randomMatrix(1, rows * 3, rnd)[0];
    double[] y = new double[rows * 3];
    for (int r = 0; r < rows; r++) {
      y[r * 3 + rnd.nextInt(3)] = 1;
    }
    Samples batch = new Samples(x, y, rows, 3, 3);
    Loss loss = NN.plugins().create(PluginKind.LOSS, "softmax-cross-entropy");
    double lambda = 0.03;
    Gradient g = NN.gradient(network, loss, batch, lambda);
    int compared = 0;
    for (int l = 1; l <= 3; l++) {
      double[][] w = network.weights(l);
      double[] b = network.biases(l);
      for (int i = 0; i <= w.length; i++) {
        for (int jj = 0; jj < b.length; jj++) {
          // row w.length stands for the biases
          double analytic = i < w.length ? g.weights(l)[i][jj] : g.biases(l)[jj];
          double theta = i < w.length ? w[i][jj] : b[jj];
          double h = 1e-5 * Math.max(1, Math.abs(theta));
          double plus = objectiveWith(network, l, i, jj, theta + h, loss, batch, lambda);
          double minus = objectiveWith(network, l, i, jj, theta - h, loss, batch, lambda);
          objectiveWith(network, l, i, jj, theta, loss, batch, lambda);
          double numeric = (plus - minus) / (2 * h);
          assertEquals(numeric, analytic, 1e-8 + 1e-6 * Math.abs(numeric), "layer " + l + " [" + i + "][" + jj + "]");
          compared++;
        }
      }
    }
    assertEquals(3 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3, compared);
  }

  /** Sets one parameter (row {@code i} = n(l−1) for b(l)j) and returns J there. */
  private static double objectiveWith(Network network, int l, int i, int j, double value, Loss loss, Samples batch,
      double lambda) {
    double[][] w = network.weights(l);
    double[] b = network.biases(l);
    if (i < w.length) {
      w[i][j] = value;
    } else {
      b[j] = value;
    }
    network.setLayer(l, w, b);
    return NN.gradient(network, loss, batch, lambda).objective();
  }

  /**
   * A weight shared by an edge of W(1) and one of W(2): both edges show it and the sum of their gradients,
   * which is the derivative of J as the one weight moves; an edge left out shows 0.
   */
  @Test
  void aSharedWeightShowsTheSumOfItsEdgesGradientsOnEachEdgeAndAnAbsentEdgeShowsZero() {
    int[] widths = {2, 3, 2};
    StructureBuilder sb = new StructureBuilder(widths);
    Structure s = sb.share(sb.weightEdge(1, 0, 1), sb.weightEdge(2, 2, 0)).absent(sb.weightEdge(1, 1, 2)).build();
    List<Activation> acts = new ArrayList<>();
    for (String name : List.of("tanh", "identity")) {
      acts.add(NN.plugins().create(PluginKind.ACTIVATION, name));
    }
    Network network = new Network(widths, acts, List.of("tanh", "identity"), new JavaKernels(), s);
    network.setLayer(1, new double[][] {{0.3, 0.6, -0.1}, {0.2, -0.5, 0}}, new double[] {0.1, -0.1, 0.2});
    network.setLayer(2, new double[][] {{0.4, -0.3}, {0.8, 0.1}, {0.6, -0.7}}, new double[] {0.05, 0});
    assertEquals(0.6, network.weights(2)[2][0], "setting W(1) set the weight its edge shares with W(2)");

    Loss loss = NN.plugins().create(PluginKind.LOSS, "squared");
    Samples batch = new Samples(new double[] {1, -2, 0.5, 1.5, -1, 0.25}, new double[] {0.2, -0.1, 0.4, 0.3, -0.6,
        0.9}, 3, 2, 2);
    Gradient g = NN.gradient(network, loss, batch, 0.0);
    assertEquals(g.weights(1)[0][1], g.weights(2)[2][0], "one weight, one gradient, on both of its edges");
    assertEquals(0.0, g.weights(1)[1][2], "an edge the network does not have");

    // the shared weight's gradient is dJ/dθ as θ moves on both edges at once
    double h = 1e-6;
    double plus = withShared(network, 0.6 + h, loss, batch);
    double minus = withShared(network, 0.6 - h, loss, batch);
    double numeric = (plus - minus) / (2 * h);
    assertEquals(numeric, g.weights(1)[0][1], 1e-7 * Math.abs(numeric));
    // and it is not the gradient of either edge alone: the two edges' parts are both in it
    assertTrue(Math.abs(g.weights(1)[0][1]) > 1e-3);
  }

  private static double withShared(Network network, double value, Loss loss, Samples batch) {
    double[][] w = network.weights(1);
    w[0][1] = value;
    network.setLayer(1, w, network.biases(1));
    return NN.gradient(network, loss, batch, 0.0).objective();
  }

  @Test
  void setLayerRefusesWhatNoParameterCanHoldAndSetsNothingThen() {
    int[] widths = {2, 2, 1};
    StructureBuilder sb = new StructureBuilder(widths);
    Structure s = sb.share(sb.weightEdge(1, 0, 0), sb.weightEdge(1, 1, 1)).absent(sb.weightEdge(1, 0, 1)).build();
    List<Activation> acts = List.of(NN.plugins().create(PluginKind.ACTIVATION, "tanh"),
        NN.plugins().create(PluginKind.ACTIVATION, "identity"));
    Network network = new Network(widths, acts, List.of("tanh", "identity"), new JavaKernels(), s);
    double[] b = {0, 0};

    IllegalArgumentException twoValues = assertThrows(IllegalArgumentException.class,
        () -> network.setLayer(1, new double[][] {{0.5, 0}, {0.1, 0.7}}, b));
    assertEquals("layers[1].W[0][0] and layers[1].W[1][1] share one weight, so they must be given the same value,"
        + " found 0.5 and 0.7", twoValues.getMessage());
    IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
        () -> network.setLayer(1, new double[][] {{0.5, 0.2}, {0.1, 0.5}}, b));
    assertEquals("layers[1].W[0][1] is not an edge of this network (its structure leaves it out), so it must be 0,"
        + " found 0.2", absent.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> network.setLayer(1, new double[][] {{0.5, 0}, {Double.NaN, 0.5}}, b));
    assertEquals("layers[1].W[1][0] must be a finite number, found NaN", nan.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> network.setLayer(2, new double[][] {{1}, {2}, {3}}, new double[] {0}));
    assertEquals("W(2) is 2x1 and b(2) has 1 values, found 3 rows and 1 biases", shape.getMessage());
    IndexOutOfBoundsException layer = assertThrows(IndexOutOfBoundsException.class, () -> network.weights(3));
    assertEquals("layer 3 has no parameters: layers 1 … 2 have", layer.getMessage());
    for (double[] row : network.weights(1)) {
      assertArrayEquals(new double[] {0, 0}, row, "nothing was set by a refused call");
    }

    network.setLayer(1, new double[][] {{0.5, 0}, {0.1, 0.5}}, new double[] {0.25, -0.25});
    assertArrayEquals(new double[] {0.1, 0.5}, network.weights(1)[1]);
    assertArrayEquals(new double[] {0.25, -0.25}, network.biases(1));
  }

  @Test
  void aBatchOfTheWrongWidthIsRefused() {
    Network network = NN.network(new int[] {2, 3, 1}, "tanh", "identity");
    Loss loss = NN.plugins().create(PluginKind.LOSS, "squared");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NN.gradient(network, loss, new Samples(new double[] {1, 2, 3}, new double[] {1}, 1, 3, 1), 0));
    assertEquals("the batch has 3 inputs and 1 targets a row, the network 2 inputs and 1 outputs", e.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> NN.gradient(network, loss, new Samples(new double[] {1, 2}, new double[] {1}, 1, 2, 1), -1));
    assertEquals("λ of the L2 term must be a finite number >= 0, found -1.0", negative.getMessage());
  }

  /** A plugin that fails while the gradient is taken is named, as it is when a run trains. */
  @Test
  void aPluginThatFailsIsNamed() {
    dev.nn.spi.ActivationProvider broken = new dev.nn.spi.ActivationProvider() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public String summary() {
        return "fails in phi";
      }

      @Override
      public Activation create(dev.nn.spi.Settings settings) {
        return new Activation() {
          @Override
          public double phi(double z) {
            throw new IllegalStateException("no phi today");
          }

          @Override
          public double phiPrime(double z, double x) {
            return 1;
          }
        };
      }
    };
    Nn nn = Nn.withPlugins(dev.nn.core.plugin.PluginRegistry.of(List.of(broken, new dev.nn.activations.IdentityProvider(),
        new dev.nn.losses.SquaredProvider(), new dev.nn.core.optim.SgdProvider(),
        new dev.nn.core.init.XavierUniformProvider())));
    Network network = nn.network(new int[] {1, 2, 1}, "broken", "identity");
    dev.nn.core.plugin.PluginFailureException e = assertThrows(dev.nn.core.plugin.PluginFailureException.class,
        () -> nn.gradient(network, nn.plugins().create(PluginKind.LOSS, "squared"),
            new Samples(new double[] {1}, new double[] {0}, 1, 1, 1), 0));
    assertTrue(e.getMessage().contains("\"broken\"") && e.getMessage().contains("while computing a gradient"),
        e.getMessage());
  }

  private static double[][] randomMatrix(int rows, int cols, RandomGenerator rnd) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = rnd.nextDouble(-0.8, 0.8);
      }
    }
    return m;
  }

  /**
   * What a Trainer refuses to train has no gradient either: these pairs gave numbers (J = −0.477 for
   * softmax-cross-entropy over one output, a loss nn's plugins promise is ≥ 0), now the Trainer's message.
   */
  @Test
  void theGradientRefusesWhatATrainerRefuses() {
    Network network = NN.network(new int[] {2, 3, 1}, "tanh", "identity");
    network.setLayer(1, W1, B1);
    network.setLayer(2, W2, B2);
    Samples batch = new Samples(X.clone(), Y.clone(), 2, 2, 1);
    IllegalArgumentException oneHot = assertThrows(IllegalArgumentException.class,
        () -> NN.gradient(network, NN.plugins().create(PluginKind.LOSS, "softmax-cross-entropy"), batch, 0));
    assertEquals("this loss takes one-hot targets, one output per class, but the network has 1 output, over which its"
        + " probabilities are always 1; give the network an output per class, or use a loss of one 0/1 output, such"
        + " as binary-cross-entropy", oneHot.getMessage());
    IllegalArgumentException bce = assertThrows(IllegalArgumentException.class,
        () -> NN.gradient(network, NN.plugins().create(PluginKind.LOSS, "binary-cross-entropy"), batch, 0));
    assertEquals("target row 0 does not suit the loss: found 0.3, expected 0 or 1", bce.getMessage());
    IllegalArgumentException hinge = assertThrows(IllegalArgumentException.class,
        () -> NN.gradient(network, NN.plugins().create(PluginKind.LOSS, "hinge"), batch, 0));
    assertEquals("target row 0 does not suit the loss: found 0.3, expected -1 or +1", hinge.getMessage());

    Network tanhOut = NN.network(new int[] {2, 1}, "tanh");
    IllegalArgumentException link = assertThrows(IllegalArgumentException.class,
        () -> NN.gradient(tanhOut, NN.plugins().create(PluginKind.LOSS, "binary-cross-entropy"),
            new Samples(new double[] {1, 2}, new double[] {1}, 1, 2, 1), 0));
    assertEquals("this loss owns the output link and needs an identity output layer, found activation \"tanh\" on"
        + " layer 1", link.getMessage());
    // targets the loss accepts still give the gradient
    assertEquals(0.6931471805599453, NN.gradient(NN.network(new int[] {2, 1}, "identity"),
        NN.plugins().create(PluginKind.LOSS, "binary-cross-entropy"),
        new Samples(new double[] {1, 2}, new double[] {1}, 1, 2, 1), 0).objective(), 1e-15);
  }
}
