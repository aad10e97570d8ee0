package dev.nn.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.testing.Plugins;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lecture's algorithm on a 2-2-1 network worked by hand: every z, x, δ and gradient below is written
 * as arithmetic on the given numbers, not read back from the engine.
 */
class HandWorkedBackpropTests {
  // x(0) = (1, 2), y = 1
  // W(1) = [[0.1, 0.2], [0.3, 0.4]] (w(1)ij from input i to hidden j), b(1) = (0.5, -0.5)
  // W(2) = [[0.7], [-0.6]], b(2) = 0.1; sigmoid hidden, identity output, squared loss
  private static final double TOL = 1e-15;

  private static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  @Test
  void forwardBackwardAndGradientsMatchTheLectureWorkedByHand() {
    Network net = new Network(new int[] {2, 2, 1}, List.of(Plugins.SIGMOID, Plugins.IDENTITY),
        List.of("sigmoid", "identity"), new JavaKernels());
    ParameterStore p = net.parameters();
    p.load(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, -0.5, 0.7, -0.6, 0.1});
    Workspace ws = net.newWorkspace(1);
    ws.setInput(new double[] {1, 2}, 0, 1);
    ws.target()[0] = 1.0;
    net.forward(ws, 1);
    double lossSum = net.backward(ws, Plugins.SQUARED);

    // forward pass: z(1) = W(1)ᵀ x(0) + b(1)
    double z11 = 0.1 * 1 + 0.3 * 2 + 0.5; // 1.2
    double z12 = 0.2 * 1 + 0.4 * 2 - 0.5; // 0.5
    double x11 = sigmoid(z11);
    double x12 = sigmoid(z12);
    double z21 = 0.7 * x11 + (-0.6) * x12 + 0.1;
    double x21 = z21;
    assertEquals(1.2, z11, TOL);
    assertEquals(0.5, z12, TOL);
    assertEquals(z11, ws.z(1).get(0), TOL);
    assertEquals(z12, ws.z(1).get(1), TOL);
    assertEquals(x11, ws.x(1).get(0), TOL);
    assertEquals(x12, ws.x(1).get(1), TOL);
    assertEquals(z21, ws.z(2).get(0), TOL);
    assertEquals(x21, ws.x(2).get(0), TOL);
    assertEquals((1 - x21) * (1 - x21), lossSum, TOL);

    // backward pass: δ(2) = −2(y − x(2))·φ′(z(2)) with φ′ = 1; δ(1) = (W(2)δ(2)) ⊙ σ′(z(1))
    double d21 = -2 * (1 - x21) * 1.0;
    double d11 = 0.7 * d21 * x11 * (1 - x11);
    double d12 = -0.6 * d21 * x12 * (1 - x12);
    assertEquals(d21, ws.delta(2).get(0), TOL);
    assertEquals(d11, ws.delta(1).get(0), TOL);
    assertEquals(d12, ws.delta(1).get(1), TOL);

    // gradients: ∂L/∂w(l)ij = δ(l)j x(l−1)i, ∂L/∂b(l)j = δ(l)j (B = 1)
    double[] g = p.gradsToArray();
    double[] expected = {
        d11 * 1, d12 * 1, d11 * 2, d12 * 2, // W(1) row-major: w11 w12 w21 w22
        d11, d12,                           // b(1)
        d21 * x11, d21 * x12,               // W(2)
        d21                                 // b(2)
    };
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], g[k], TOL, p.describe(k));
    }
    // the numbers themselves, for a reader checking by calculator
    assertEquals(0.7685247834990175, x11, 1e-15);
    assertEquals(0.6224593312018546, x12, 1e-15);
  }

  @Test
  void aBatchOfTwoAveragesThePerSampleGradients() {
    Network net = new Network(new int[] {2, 2, 1}, List.of(Plugins.SIGMOID, Plugins.IDENTITY),
        List.of("sigmoid", "identity"), new JavaKernels());
    double[] theta = {0.1, 0.2, 0.3, 0.4, 0.5, -0.5, 0.7, -0.6, 0.1};
    net.parameters().load(theta);
    double[][] xs = {{1, 2}, {-0.5, 3}};
    double[] ys = {1.0, -2.0};
    double[] sum = new double[theta.length];
    for (int n = 0; n < 2; n++) {
      Workspace one = net.newWorkspace(1);
      one.setInput(xs[n], 0, 1);
      one.target()[0] = ys[n];
      net.forward(one, 1);
      net.backward(one, Plugins.SQUARED);
      double[] g = net.parameters().gradsToArray();
      for (int k = 0; k < g.length; k++) {
        sum[k] += g[k];
      }
    }
    Workspace two = net.newWorkspace(2);
    two.setInput(new double[] {1, 2, -0.5, 3}, 0, 2);
    two.target()[0] = 1.0;
    two.target()[1] = -2.0;
    net.forward(two, 2);
    net.backward(two, Plugins.SQUARED);
    double[] g = net.parameters().gradsToArray();
    for (int k = 0; k < g.length; k++) {
      assertEquals(sum[k] / 2, g[k], 1e-15, net.parameters().describe(k));
    }
  }
}
