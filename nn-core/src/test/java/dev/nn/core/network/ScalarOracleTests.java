package dev.nn.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.testing.Plugins;
import dev.nn.core.testing.ScalarOracle.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine's gradient of J on small random networks equals the scalar oracle's, edge by edge. */
class ScalarOracleTests {
  private static final Activation[] ACTIVATIONS = {Plugins.SIGMOID, Plugins.TANH, Plugins.IDENTITY, Plugins.RELU};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void engineGradientEqualsScalarOracle(long seed) {
    compare(seed, false);
  }

  /** Shared edges reuse one oracle node, so the oracle sums their gradients by itself, as the lecture says. */
  @ParameterizedTest
  @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108})
  void withSharedAndAbsentEdgesTheEngineEqualsTheOracleUsingOneNodePerParameter(long seed) {
    compare(seed, true);
  }

  private static void compare(long seed, boolean tie) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int hidden = 1 + rnd.nextInt(3);
    int[] widths = new int[hidden + 2];
    for (int l = 0; l < widths.length; l++) {
      widths[l] = 1 + rnd.nextInt(5);
    }
    boolean classify = seed % 2 == 0;
    if (classify) {
      widths[widths.length - 1] = Math.max(2, widths[widths.length - 1]);
    }
    List<Activation> phis = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int l = 1; l < widths.length; l++) {
      Activation a = (l == widths.length - 1 && classify) ? Plugins.IDENTITY : ACTIVATIONS[rnd.nextInt(ACTIVATIONS.length)];
      phis.add(a);
      names.add("a" + l);
    }
    Loss loss = classify ? Plugins.SOFTMAX_CROSS_ENTROPY : Plugins.SQUARED;
    int rows = 1 + rnd.nextInt(4);
    double lambda = seed % 3 == 0 ? 0.01 : 0.0;
    Structure structure = null;
    if (tie) {
      StructureBuilder sb = new StructureBuilder(widths);
      int edges = Structure.dense(widths).edges();
      boolean[] used = new boolean[edges];
      for (int g = 0; g < 3; g++) {
        int a = rnd.nextInt(edges);
        int b = rnd.nextInt(edges);
        used[a] = true;
        used[b] = true;
        sb.share(a, b);
      }
      int e = rnd.nextInt(edges);
      if (!used[e]) {
        sb.absent(e);
      }
      structure = sb.build();
    }
    Network net = new Network(widths, phis, names, new JavaKernels(), structure);
    double[] theta = new double[net.parameters().size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = rnd.nextDouble(-1, 1);
    }
    net.parameters().load(theta);
    int in = widths[0];
    int out = widths[widths.length - 1];
    double[] x = new double[rows * in];
    double[] y = new double[rows * out];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextDouble(-2, 2);
    }
    for (int r = 0; r < rows; r++) {
      if (classify) {
        y[r * out + rnd.nextInt(out)] = 1.0;
      } else {
        for (int k = 0; k < out; k++) {
          y[r * out + k] = rnd.nextDouble(-1, 1);
        }
      }
    }

    Workspace ws = net.newWorkspace(rows);
    ws.setInput(x, 0, rows);
    System.arraycopy(y, 0, ws.target(), 0, y.length);
    net.forward(ws, rows);
    double lossSum = net.backward(ws, loss);
    double l2 = net.addL2(lambda);
    double[] engine = net.parameters().gradsToArray();

    Value[] slots = new Value[theta.length];
    for (int k = 0; k < theta.length; k++) {
      slots[k] = Value.of(theta[k]);
    }
    ParameterStore store = net.parameters();
    // one node per edge: the slot's node, or a constant 0 for an absent edge
    Value[] params = new Value[store.edgeCount()];
    for (int e = 0; e < params.length; e++) {
      params[e] = store.slotOf(e) < 0 ? Value.of(0) : slots[store.slotOf(e)];
    }
    Value total = Value.of(0);
    for (int r = 0; r < rows; r++) {
      Value[] act = new Value[in];
      for (int i = 0; i < in; i++) {
        act[i] = Value.of(x[r * in + i]);
      }
      Value[] z = null;
      for (int l = 1; l < widths.length; l++) {
        Value[] next = new Value[widths[l]];
        z = new Value[widths[l]];
        for (int j = 0; j < widths[l]; j++) {
          Value s = params[store.biasIndex(l, j)];
          for (int i = 0; i < widths[l - 1]; i++) {
            s = s.plus(params[store.weightIndex(l, i, j)].times(act[i]));
          }
          z[j] = s;
          next[j] = s.apply(phis.get(l - 1));
        }
        act = next;
      }
      Value ln;
      if (classify) {
        Value sumExp = Value.of(0);
        for (int k = 0; k < out; k++) {
          sumExp = sumExp.plus(z[k].exp());
        }
        ln = sumExp.log();
        for (int k = 0; k < out; k++) {
          ln = ln.plus(z[k].times(-y[r * out + k]));
        }
      } else {
        ln = Value.of(0);
        for (int k = 0; k < out; k++) {
          Value d = act[k].plus(Value.of(-y[r * out + k]));
          ln = ln.plus(d.times(d));
        }
      }
      total = total.plus(ln);
    }
    Value j = total.times(1.0 / rows);
    for (int k = 0; k < slots.length; k++) {
      if (store.structure().decayed(k)) {
        j = j.plus(slots[k].times(slots[k]).times(lambda / 2));
      }
    }
    j.backward();

    assertEquals(j.data, lossSum / rows + l2, 1e-12 * Math.max(1, Math.abs(j.data)), "J");
    for (int k = 0; k < theta.length; k++) {
      double scale = Math.max(1e-12, Math.abs(slots[k].grad));
      assertEquals(slots[k].grad, engine[k], 1e-11 * Math.max(1, scale),
          store.describe(k) + " seed " + seed + " widths " + java.util.Arrays.toString(widths));
    }
  }
}
