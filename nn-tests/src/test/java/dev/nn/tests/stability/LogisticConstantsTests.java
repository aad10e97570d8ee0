package dev.nn.tests.stability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Loss;
import dev.nn.core.Nn;
import dev.nn.core.network.Network;
import dev.nn.core.network.Workspace;
import dev.nn.core.plugin.PluginKind;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The constants {@code nn stability} puts into the convex bound (docs/cli.md, "The convex bound"), checked
 * against the engine's own gradients of logistic regression: with x̃ = (x, 1), the per-sample gradient's norm
 * stays within L = c·‖x̃‖ (c = 1 for binary, √2 for softmax cross-entropy) and the gradient changes by at most
 * β = ‖x̃‖²/4 (binary) or ‖x̃‖²/2 (softmax) times the parameters' change. Parameters are drawn large enough to
 * saturate the outputs, where the gradient is largest, and the tightest ratio seen must come near the constant,
 * so the check would notice a constant that is far too generous as well as one that is too small.
 */
class LogisticConstantsTests {
  private static final Nn NN = Nn.create();

  @ParameterizedTest(name = "{0}, {1} outputs")
  @CsvSource({"binary-cross-entropy, 1, 1.0, 4", "softmax-cross-entropy, 3, 1.4142135623730951, 2"})
  void lipschitzAndSmoothnessHoldOnTheEnginesGradients(String lossName, int outputs, double lipschitzFactor,
      double smoothnessDivisor) {
    int inputs = 4;
    Loss loss = NN.plugins().create(PluginKind.LOSS, lossName);
    Network network = NN.network(new int[] {inputs, outputs}, "identity");
    Workspace ws = network.newWorkspace(1);
    SplittableRandom random = new SplittableRandom(2016);
    int size = network.parameters().size();
    double worstLipschitz = 0;
    double worstSmoothness = 0;
    for (int trial = 0; trial < 2000; trial++) {
      double[] x = new double[inputs];
      double norm2 = 1;
      for (int i = 0; i < inputs; i++) {
        x[i] = random.nextGaussian() * 1.5;
        norm2 += x[i] * x[i];
      }
      double[] y = new double[outputs];
      if (outputs == 1) {
        y[0] = random.nextInt(2);
      } else {
        y[random.nextInt(outputs)] = 1;
      }
      double scale = trial % 2 == 0 ? 0.3 : 5;
      double[] w = randomVector(random, size, scale);
      double[] v = w.clone();
      int k = random.nextInt(size);
      v[k] += random.nextGaussian() * 0.01;
      double[] gw = gradient(network, loss, ws, x, y, w);
      double[] gv = gradient(network, loss, ws, x, y, v);
      double lipschitz = lipschitzFactor * Math.sqrt(norm2);
      double smoothness = norm2 / smoothnessDivisor;
      double gradientNorm = norm(gw, null);
      assertTrue(gradientNorm <= lipschitz * (1 + 1e-12), "‖∇ℓ‖ = " + gradientNorm + " > L = " + lipschitz);
      double change = norm(gw, gv) / norm(w, v);
      assertTrue(change <= smoothness * (1 + 1e-6), "‖Δ∇ℓ‖/‖Δw‖ = " + change + " > β = " + smoothness);
      worstLipschitz = Math.max(worstLipschitz, gradientNorm / lipschitz);
      worstSmoothness = Math.max(worstSmoothness, change / smoothness);
    }
    assertTrue(worstLipschitz > 0.9, "L is tight for saturated outputs: " + worstLipschitz);
    assertTrue(worstSmoothness > 0.2, "β is not far too generous: " + worstSmoothness);
  }

  private static double[] randomVector(SplittableRandom random, int n, double scale) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = random.nextGaussian() * scale;
    }
    return w;
  }

  private static double[] gradient(Network network, Loss loss, Workspace ws, double[] x, double[] y, double[] w) {
    network.parameters().load(w);
    ws.setInputRow(0, x, 0);
    System.arraycopy(y, 0, ws.target(), 0, y.length);
    network.forward(ws, 1);
    network.backward(ws, loss);
    return network.parameters().grads().toArray();
  }

  /** ‖a − b‖, or ‖a‖ when {@code b} is null. */
  private static double norm(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - (b == null ? 0 : b[i]);
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
