package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.OwnedData;
import dev.nn.core.testing.FakePlugins;
import dev.nn.core.testing.Plugins;
import dev.nn.core.train.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data read from an experiment's sources is held once: preparation splits and standardises the data it read
 * in place or into the parts' own arrays, and the trainer's samples read those arrays. The figures are those
 * of preparing a caller's data, which preparation copies and leaves as it was.
 */
class DataHeldOnceTests {
  @TempDir Path dir;

  private Experiment experiment(String data) throws IOException {
    Path file = dir.resolve("data.yaml");
    Files.writeString(file,
        "seed: 7\n"
            + "data: {train: {source: generator, name: lecture-regression, samples: 50}" + data + "}\n"
            + "network:\n"
            + "  layers: [{units: auto}, {units: 3, activation: tanh}, {units: auto, activation: identity}]\n"
            + "loss: squared\n");
    return new ExperimentReader(FakePlugins.lookup()).read(file, List.of());
  }

  /** 50 rows of 3 features and 2 targets, all different. */
  private static Dataset rows() {
    int n = 50;
    double[] x = new double[n * 3];
    double[] y = new double[n * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i * 0.37) * (1 + i % 7);
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.cos(i * 0.11);
    }
    return Dataset.regression("rows", x, y, List.of("a", "b", "c"), List.of("u", "v"));
  }

  private static PreparedData prepare(Experiment e, Dataset train, Dataset validation, boolean owned) {
    return DataPreparation.prepare(e, Plugins.SQUARED,
        new RawData(train, validation, null, List.of(), false, owned, Map.of(), new int[0]));
  }

  private static void assertSameRows(Dataset expected, Dataset actual) {
    if (expected == null) {
      assertNull(actual);
      return;
    }
    assertNotNull(actual);
    assertEquals(expected.size(), actual.size());
    assertArrayEquals(expected.copyX(), actual.copyX());
    assertArrayEquals(expected.copyY(), actual.copyY());
  }

  private static void assertSameParts(PreparedData expected, PreparedData actual) {
    assertSameRows(expected.train(), actual.train());
    assertSameRows(expected.validation(), actual.validation());
    assertSameRows(expected.test(), actual.test());
  }

  @Test
  void dataReadHereIsSplitAndStandardisedAsACallersDataIsAndTheSamplesReadItsArrays() throws IOException {
    Experiment e = experiment(", validation: {split: 0.2}, test: {split: 0.1}, standardize: true");
    Dataset callers = rows();
    double[] callersX = callers.copyX();

    PreparedData copied = prepare(e, callers, null, false);
    PreparedData owned = prepare(e, rows(), null, true);

    assertSameParts(copied, owned);
    assertArrayEquals(copied.scaler().means(), owned.scaler().means());
    assertArrayEquals(copied.scaler().stds(), owned.scaler().stds());
    assertArrayEquals(callersX, callers.copyX(), "a caller's data is left as it was");
    assertEquals(35, owned.train().size());
    Samples train = owned.trainSamples();
    assertSame(train.x(), owned.trainSamples().x(), "the samples read the split's arrays");
    assertArrayEquals(owned.train().copyX(), train.x());
    assertSame(owned.validationSamples().x(), owned.validationSamples().x());
    assertSame(owned.testSamples().y(), owned.testSamples().y());
  }

  @Test
  void withNothingHeldOutTheRowsAsReadAreShuffledInPlace() throws IOException {
    Experiment e = experiment(", standardize: false");
    // validation data of its own: nothing is split off
    PreparedData copied = prepare(e, rows(), rows().head(10), false);
    Dataset read = rows();
    PreparedData owned = prepare(e, read, rows().head(10), true);

    assertSameParts(copied, owned);
    assertEquals(50, owned.train().size());
    assertFalse(Arrays.equals(rows().copyX(), owned.train().copyX()), "the rows are shuffled");
    assertSame(OwnedData.lend(read, (x, y, n, d, k) -> x), owned.trainSamples().x(), "in place");
  }

  @Test
  void aCallersValidationDataIsStandardisedAsACopy() throws IOException {
    Experiment e = experiment(", standardize: true");
    Dataset validation = rows().head(10);
    double[] before = validation.copyX();

    PreparedData p = prepare(e, rows(), validation, false);

    assertArrayEquals(before, validation.copyX());
    assertSameRows(prepare(e, rows(), rows().head(10), true).validation(), p.validation());
  }
}
