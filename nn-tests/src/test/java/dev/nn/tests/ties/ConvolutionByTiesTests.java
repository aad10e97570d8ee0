package dev.nn.tests.ties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.core.random.Rng;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.network.StructureBuilder;
import dev.nn.core.network.Workspace;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A convolution declared as tied, masked dense weights gives the outputs, and the gradients with respect to
 * kernel and bias, of a direct convolution written here independently (cross-correlation, valid padding,
 * channel-major C×H×W flattening).
 */
class ConvolutionByTiesTests {
  private final PluginRegistry registry = PluginRegistry.loadDefault();

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void outputsAndGradientsEqualADirectConvolution(long seed) {
    RandomGenerator rnd = Rng.create(seed);
    int c = 1 + rnd.nextInt(3);
    int h = 2 + rnd.nextInt(6);
    int w = 2 + rnd.nextInt(6);
    int kh = 1 + rnd.nextInt(h);
    int kw = 1 + rnd.nextInt(w);
    int sh = 1 + rnd.nextInt(3);
    int sw = 1 + rnd.nextInt(3);
    int co = 1 + rnd.nextInt(3);
    int ho = (h - kh) / sh + 1;
    int wo = (w - kw) / sw + 1;
    int rows = 1 + rnd.nextInt(4);
    int[] widths = {c * h * w, co * ho * wo};
    StructureBuilder b = new StructureBuilder(widths).conv2d(1, c, h, w, kh, kw, sh, sw, co);
    Network net = new Network(widths, List.of(registry.create(PluginKind.ACTIVATION, "identity")), List.of("identity"),
        new JavaKernels(), b.build());
    ParameterStore p = net.parameters();

    double[][][][] kernel = new double[co][c][kh][kw];
    double[] bias = new double[co];
    for (int o = 0; o < co; o++) {
      bias[o] = rnd.nextGaussian();
      p.values().set(p.slotOf(p.biasIndex(1, o * ho * wo)), bias[o]);
      for (int ch = 0; ch < c; ch++) {
        for (int u = 0; u < kh; u++) {
          for (int v = 0; v < kw; v++) {
            kernel[o][ch][u][v] = rnd.nextGaussian();
            // output (o, 0, 0) sees input (ch, u, v) through K[o][ch][u][v]
            p.values().set(p.slotOf(p.weightIndex(1, (ch * h + u) * w + v, o * ho * wo)), kernel[o][ch][u][v]);
          }
        }
      }
    }
    p.publish();
    assertEquals(co * c * kh * kw + co, p.size());

    double[] x = new double[rows * c * h * w];
    double[] y = new double[rows * co * ho * wo];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = rnd.nextGaussian();
    }
    Workspace ws = net.newWorkspace(rows);
    ws.setInput(x, 0, rows);
    System.arraycopy(y, 0, ws.target(), 0, y.length);
    net.forward(ws, rows);
    net.backward(ws, registry.create(PluginKind.LOSS, "half-squared"));

    // the direct convolution and its gradients, for J = (1/B)·Σ_n ½‖out − y‖²
    double[][][][] gradK = new double[co][c][kh][kw];
    double[] gradB = new double[co];
    for (int n = 0; n < rows; n++) {
      for (int o = 0; o < co; o++) {
        for (int pp = 0; pp < ho; pp++) {
          for (int q = 0; q < wo; q++) {
            double out = bias[o];
            for (int ch = 0; ch < c; ch++) {
              for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                  out += kernel[o][ch][u][v] * x[n * c * h * w + (ch * h + pp * sh + u) * w + q * sw + v];
                }
              }
            }
            int j = (o * ho + pp) * wo + q;
            assertEquals(out, ws.x(1).get(n * widths[1] + j), 1e-12 * (1 + Math.abs(out)), "output " + j);
            double delta = out - y[n * widths[1] + j];
            gradB[o] += delta / rows;
            for (int ch = 0; ch < c; ch++) {
              for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                  gradK[o][ch][u][v] += delta * x[n * c * h * w + (ch * h + pp * sh + u) * w + q * sw + v] / rows;
                }
              }
            }
          }
        }
      }
    }
    for (int o = 0; o < co; o++) {
      double g = p.grads().get(p.slotOf(p.biasIndex(1, o * ho * wo)));
      assertEquals(gradB[o], g, 1e-12 * (1 + Math.abs(g)), "bias " + o);
      for (int ch = 0; ch < c; ch++) {
        for (int u = 0; u < kh; u++) {
          for (int v = 0; v < kw; v++) {
            double gk = p.grads().get(p.slotOf(p.weightIndex(1, (ch * h + u) * w + v, o * ho * wo)));
            assertEquals(gradK[o][ch][u][v], gk, 1e-12 * (1 + Math.abs(gk)), "K[" + o + "][" + ch + "][" + u + "][" + v + "]");
          }
        }
      }
    }
  }
}
