package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.data.Dataset;
import dev.nn.core.testing.FakePlugins;
import dev.nn.core.testing.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training.shuffle: false} trains on the rows in the file's order: the split still draws which rows are
 * held out, with the seed, but the training part keeps the rest as the file has them — with or without
 * hold-outs, for a fold of a cross-validation, and for data preparation owns or copies. With shuffling the
 * training part is in the split's drawn order, which each epoch then permutes.
 */
class TrainingOrderTests {
  @TempDir Path dir;

  private Experiment experiment(String data, boolean shuffle) throws IOException {
    Path file = dir.resolve("order.yaml");
    Files.writeString(file,
        "seed: 7\n"
            + "data: {train: {source: generator, name: lecture-regression, samples: 40}" + data + "}\n"
            + "network:\n"
            + "  layers: [{units: auto}, {units: 3, activation: tanh}, {units: auto, activation: identity}]\n"
            + "loss: squared\n"
            + "training: {epochs: 1, batch-size: 4, shuffle: " + shuffle + "}\n");
    return new ExperimentReader(FakePlugins.lookup()).read(file, List.of());
  }

  /** 40 rows whose first feature is the row's number in the file. */
  private static Dataset numbered() {
    int n = 40;
    double[] x = new double[n * 2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = Math.sin(i);
      y[i] = Math.cos(i);
    }
    return Dataset.regression("numbered", x, y, List.of("row", "s"), List.of("t"));
  }

  /** The file row numbers of the training part, in its order (standardising keeps their order: a scale > 0). */
  private static List<Double> trainingRows(Experiment e, boolean owned) {
    PreparedData p = DataPreparation.prepare(e, Plugins.SQUARED,
        new RawData(numbered(), null, null, List.of(), false, owned, Map.of(), new int[0]));
    List<Double> rows = new ArrayList<>();
    for (int i = 0; i < p.train().size(); i++) {
      rows.add(p.train().x(i, 0));
    }
    return rows;
  }

  private static boolean ascending(List<Double> values) {
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i) <= values.get(i - 1)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void withoutShufflingTheTrainingRowsAreInTheFilesOrderAndTheHeldOutRowsAreTheSame() throws IOException {
    for (String data : List.of(", validation: {split: 0.0}", ", validation: {split: 0.25}, test: {split: 0.2}",
        ", test: {fold: 1, of: 4}")) {
      for (boolean owned : new boolean[] {true, false}) {
        List<Double> inOrder = trainingRows(experiment(data, false), owned);
        List<Double> drawn = trainingRows(experiment(data, true), owned);
        assertTrue(ascending(inOrder), data + ", owned " + owned + ": " + inOrder);
        assertFalse(ascending(drawn), data + ", owned " + owned + ": " + drawn);
        // the same rows are held out either way: only their order differs
        assertEquals(drawn.stream().sorted().toList(), inOrder, data + ", owned " + owned);
      }
    }
  }
}
