package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.data.DataException;
import dev.nn.core.data.Dataset;
import dev.nn.core.testing.FakePlugins;
import dev.nn.core.testing.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code missing: mean} in a run takes its means from the training rows only and fills the validation and test
 * rows with them — as the standardizer does — whether the hold-out is a split of the training file or a file
 * of its own: no held-out value reaches training, and a held-out row is filled as a new row would be.
 */
class MissingMeansTests {
  @TempDir Path dir;

  private PreparedData prepare(String data) throws IOException {
    Path file = dir.resolve("e.yaml");
    Files.writeString(file, "seed: 3\ndata: " + data + "\n"
        + "network:\n  layers: [{units: auto}, {units: auto, activation: identity}]\nloss: squared\n");
    Experiment e = new ExperimentReader(FakePlugins.lookup()).read(file, List.of());
    return new DataPreparation(e, Plugins.SQUARED).get();
  }

  private Path csv(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aTestFileIsFilledWithTheTrainingMeansNotItsOwn() throws Exception {
    csv("train.csv", "a,b,y\n1,10,0\nNA,20,1\n5,,2\n");
    csv("test.csv", "a,b,y\n100,NA,0\nNA,200,1\n");
    PreparedData p = prepare("{train: {source: csv, path: train.csv, target: y, missing: mean}, "
        + "validation: {split: 0}, test: {source: csv, path: test.csv, target: y, missing: mean}, standardize: false}");
    // training means: a = (1 + 5) / 2 = 3, b = (10 + 20) / 2 = 15; the test file's own would be 100 and 200
    // the training rows come in the split's shuffled order: find them by their other value
    assertEquals(3.0, valueOf(p.train(), rowWhere(p.train(), 1, 20), 0));
    assertEquals(15.0, valueOf(p.train(), rowWhere(p.train(), 0, 5), 1));
    assertEquals(15.0, valueOf(p.test(), 0, 1));
    assertEquals(3.0, valueOf(p.test(), 1, 0));
    assertEquals(100.0, valueOf(p.test(), 0, 0), "a present value is kept");
  }

  @Test
  void aSplitHoldOutIsFilledWithTheMeansOfTheRowsLeftForTraining() throws Exception {
    StringBuilder s = new StringBuilder("id,a,y\n");
    for (int i = 0; i < 40; i++) {
      s.append(i).append(',').append(i % 4 == 0 ? "NA" : Integer.toString(i * i)).append(',').append(i % 3).append('\n');
    }
    csv("all.csv", s.toString());
    PreparedData p = prepare("{train: {source: csv, path: all.csv, target: y, missing: mean}, "
        + "validation: {split: 0.25}, test: {split: 0.25}, standardize: false}");
    double sum = 0;
    int n = 0;
    for (int r = 0; r < p.train().size(); r++) {
      int id = (int) p.train().x(r, 0);
      if (id % 4 != 0) {
        sum += id * id;
        n++;
      }
    }
    double trainingMean = sum / n;
    int filled = 0;
    for (Dataset part : new Dataset[] {p.train(), p.validation(), p.test()}) {
      for (int r = 0; r < part.size(); r++) {
        int id = (int) part.x(r, 0);
        if (id % 4 == 0) {
          assertEquals(trainingMean, part.x(r, 1), 1e-12, "row id " + id + " of " + part.source());
          filled++;
        }
      }
    }
    assertEquals(10, filled);
  }

  @Test
  void aColumnWithoutATrainingValueIsNamed() throws Exception {
    csv("train.csv", "a,b,y\n1,NA,0\n2,,1\n");
    csv("test.csv", "a,b,y\n1,7,0\n");
    DataException e = assertThrows(DataException.class, () -> prepare("{train: {source: csv, path: train.csv, "
        + "target: y, missing: mean}, validation: {split: 0}, test: {source: csv, path: test.csv, target: y}, "
        + "standardize: false}"));
    assertEquals(dir.resolve("train.csv") + ": column \"b\" has no value in any training row; missing: mean needs "
        + "at least one to take the mean of", e.getMessage());
  }

  private static int rowWhere(Dataset d, int column, double value) {
    for (int r = 0; r < d.size(); r++) {
      if (d.x(r, column) == value) {
        return r;
      }
    }
    throw new AssertionError("no row with " + value + " in column " + column);
  }

  private static double valueOf(Dataset d, int row, int column) {
    return d.x(row, column);
  }
}
