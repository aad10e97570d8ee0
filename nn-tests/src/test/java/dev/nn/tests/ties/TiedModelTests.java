package dev.nn.tests.ties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.plugin.PluginKind;
import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.model.Model;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model keeps its ties and masks: reloaded, it still shares parameters, and further training keeps them. */
class TiedModelTests {
  private static final Nn NN = Nn.create();

  @TempDir
  Path runs;

  @Test
  void aReloadedConvolutionModelStillSharesItsParametersAndPredictsBitForBit() {
    // batch 16 on 64-288-10 is enough work for the auto backend to pick OpenBLAS
    TrainingRun.Result run = NN.train(NN.load(Path.of("..", "examples", "digits-conv.yaml"),
        List.of("training.epochs=2", "output.dir=" + runs)));
    Model saved = run.model();
    // bit for bit at the same batch size and backend: load with the kernels the run trained with
    Model loaded = Model.load(run.directory().modelFile(), NN.plugins(), saved.network().kernels());
    ParameterStore p = loaded.network().parameters();
    assertArrayEquals(saved.network().parameters().structure().slotMap(), p.structure().slotMap());
    assertEquals(2970, p.size());
    assertEquals(64 * 288 + 288 + 288 * 10 + 10, p.edgeCount());
    assertArrayEquals(saved.network().parameters().toArray(), p.toArray(), 0.0);

    double[] rows = new double[5 * 64];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (i * 7) % 17;
    }
    double[] a = new double[50];
    double[] b = new double[50];
    saved.predict(rows, 5, a);
    loaded.predict(rows, 5, b);
    assertArrayEquals(a, b, 0.0);

    // train the reloaded network further: groups stay equal, absent edges stay exactly zero
    double[] y = new double[5 * 10];
    for (int r = 0; r < 5; r++) {
      y[r * 10 + r] = 1;
    }
    Trainer t = new Trainer(loaded.network(), loaded.loss(), NN.plugins().create(PluginKind.OPTIMIZER, "adam"), (u, e) -> 0.01,
        TrainingOptions.of(3, 2, 1), List.of());
    t.train(new Samples(rows, y, 5, 64, 10), null, true);
    double[] values = p.toArray();
    double[] edges = p.edgesToArray();
    int absent = 0;
    for (int e = 0; e < edges.length; e++) {
      int s = p.slotOf(e);
      if (s < 0) {
        absent++;
        assertEquals(0L, Double.doubleToRawLongBits(edges[e]), p.describeEdge(e));
      } else {
        assertEquals(Double.doubleToRawLongBits(values[s]), Double.doubleToRawLongBits(edges[e]), p.describeEdge(e));
      }
    }
    assertEquals(64 * 288 - 8 * 9 * 36, absent);
    assertTrue(!java.util.Arrays.equals(values, saved.network().parameters().toArray()), "training changed them");
  }
}
