package dev.nn.tests.ties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.random.Rng;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.network.Structure;
import dev.nn.core.network.StructureBuilder;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Training keeps the structure exactly: every edge of a group equal bit for bit, absent edges exactly zero. */
class TiedTrainingTests {
  private final PluginRegistry registry = PluginRegistry.loadDefault();

  private Network tied(Structure s, int[] widths) {
    List<dev.nn.api.Activation> acts = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    for (int l = 1; l < widths.length; l++) {
      String n = l == widths.length - 1 ? "identity" : "tanh";
      acts.add(registry.create(PluginKind.ACTIVATION, n));
      names.add(n);
    }
    Network net = new Network(widths, acts, names, new JavaKernels(), s);
    net.initialize(registry.create(PluginKind.INITIALIZER, "xavier-uniform"), Rng.create(5));
    return net;
  }

  private static Samples data(int rows, int in, int out, long seed) {
    RandomGenerator rnd = Rng.create(seed);
    double[] x = new double[rows * in];
    double[] y = new double[rows * out];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < out; k++) {
        y[r * out + k] = Math.tanh(x[r * in + (k % in)]);
      }
    }
    return new Samples(x, y, rows, in, out);
  }

  @Test
  void afterTrainingEveryGroupHoldsOneValueAndAbsentEdgesAreExactlyZero() {
    int[] widths = {6, 4, 4, 6};
    StructureBuilder b = new StructureBuilder(widths).tieWeights(3, 1, true);
    b.share(b.biasEdge(1, 0), b.biasEdge(3, 5), b.weightEdge(1, 0, 0)); // merges with the transposed pair of w(1)00
    b.absent(b.weightEdge(2, 3, 1), b.weightEdge(2, 0, 2));
    Structure s = b.build();
    Network net = tied(s, widths);
    double lambda = 0.01;
    Trainer t = new Trainer(net, registry.create(PluginKind.LOSS, "squared"), registry.create(PluginKind.OPTIMIZER, "adam"), (u, e) -> 0.01,
        new TrainingOptions(15, 4, true, lambda, 3, 0, TrainingOptions.Monitor.VAL_LOSS, 0), List.of());
    double first = t.runEpoch(data(64, 6, 6, 9));
    for (int e = 1; e < 15; e++) {
      t.runEpoch(data(64, 6, 6, 9));
    }
    ParameterStore p = net.parameters();
    double[] edges = p.edgesToArray();
    double[] values = p.toArray();
    for (int e = 0; e < edges.length; e++) {
      int slot = p.slotOf(e);
      long expected = Double.doubleToRawLongBits(slot < 0 ? 0.0 : values[slot]);
      assertEquals(expected, Double.doubleToRawLongBits(edges[e]), p.describeEdge(e));
    }
    // the transposed tie holds: w(3)ji = w(1)ij, bit for bit
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(Double.doubleToRawLongBits(p.weight(1, i, j)), Double.doubleToRawLongBits(p.weight(3, j, i)));
      }
    }
    assertEquals(0L, Double.doubleToRawLongBits(p.weight(2, 3, 1)));
    assertEquals(0L, Double.doubleToRawLongBits(p.weight(2, 0, 2)));
    assertEquals(Double.doubleToRawLongBits(p.bias(1, 0)), Double.doubleToRawLongBits(p.weight(1, 0, 0)));
    assertEquals(Double.doubleToRawLongBits(p.bias(3, 5)), Double.doubleToRawLongBits(p.weight(3, 0, 0)));
    assertTrue(p.weight(1, 0, 0) != 0.0 && p.weight(2, 1, 1) != 0.0);
    assertTrue(t.runEpoch(data(64, 6, 6, 9)) < first, "training reduced the loss");
  }

  @Test
  void anEdgeBothSharedAndAbsentIsRejected() {
    StructureBuilder b = new StructureBuilder(new int[] {6, 4, 6}).tieWeights(2, 1, true);
    b.absent(b.weightEdge(1, 5, 3));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, b::build);
    assertEquals("layers[1].W[5][3] is both shared and absent", e.getMessage());
  }

  @Test
  void anEdgeListedInTwoGroupsMergesThem() {
    StructureBuilder b = new StructureBuilder(new int[] {3, 2, 1});
    b.share(b.weightEdge(1, 0, 0), b.weightEdge(1, 1, 1));
    b.share(b.weightEdge(1, 1, 1), b.biasEdge(2, 0));
    Structure s = b.build();
    int slot = s.slotOf(b.weightEdge(1, 0, 0));
    assertEquals(slot, s.slotOf(b.weightEdge(1, 1, 1)));
    assertEquals(slot, s.slotOf(b.biasEdge(2, 0)));
    assertEquals(3, s.members(slot));
    assertEquals(s.edges() - 2, s.freeParameters());
  }

  @Test
  void l2CountsEachFreeParameterOnceNotEachEdge() {
    int[] widths = {5, 3, 5};
    Structure s = new StructureBuilder(widths).tieWeights(2, 1, true).build();
    Network net = tied(s, widths);
    ParameterStore p = net.parameters();
    double sum = 0;
    for (int k = 0; k < p.size(); k++) {
      if (s.decayed(k)) {
        sum += p.values().get(k) * p.values().get(k);
      }
    }
    double edgesSum = 0;
    for (int l = 1; l <= 2; l++) {
      for (int i = 0; i < net.width(l - 1); i++) {
        for (int j = 0; j < net.width(l); j++) {
          edgesSum += p.weight(l, i, j) * p.weight(l, i, j);
        }
      }
    }
    assertEquals(0.5 * 0.1 * sum, net.l2Value(0.1), 1e-15);
    assertEquals(edgesSum / 2, sum, 1e-12, "the 15 shared weights are counted once, not twice");
    assertEquals(15 + 3 + 5, p.size());
    assertEquals(2 * 15 + 3 + 5, p.edgeCount());
  }

  @Test
  void theOptimizerHoldsOneStatePerFreeParameter() {
    int[] widths = {5, 3, 5};
    Structure s = new StructureBuilder(widths).tieWeights(2, 1, true).build();
    Network net = tied(s, widths);
    int blockTotal = net.parameters().blocks().stream().mapToInt(ParameterStore.Block::length).sum();
    assertEquals(net.parameters().size(), blockTotal);
    assertEquals(List.of("layers[1].W", "layers[1].b", "layers[2].b"),
        net.parameters().blocks().stream().map(ParameterStore.Block::name).toList());
  }
}
