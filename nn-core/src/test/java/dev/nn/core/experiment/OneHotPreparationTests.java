package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.data.CsvReader;
import dev.nn.core.data.DataException;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Standardizer;
import dev.nn.core.kernel.Precision;
import dev.nn.core.testing.FakePlugins;
import dev.nn.core.testing.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.one-hot} in a run: the encoding is fitted on the whole training source before the split, so every
 * split has the same 0/1 columns; the standardizer leaves them as they are and scales the other columns with the
 * training split's statistics; a hold-out file of its own goes through the same encoding.
 */
class OneHotPreparationTests {
  @TempDir Path dir;

  private static final Path PENGUINS = Path.of("../examples/data/penguins.csv").toAbsolutePath().normalize();
  private static final List<String> ENCODED = List.of("island=0", "island=1", "island=2", "bill_length_mm",
      "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year");

  private PreparedData prepare(String data, String precision) throws IOException {
    Path file = dir.resolve("penguins.yaml");
    Files.writeString(file,
        "seed: 11\n"
            + "data:\n" + data
            + "network:\n"
            + "  layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]\n"
            + "loss: softmax-cross-entropy\n"
            + "compute: {precision: " + precision + "}\n");
    Experiment e = new ExperimentReader(FakePlugins.lookup()).read(file, List.of());
    return new DataPreparation(e, Plugins.SOFTMAX_CROSS_ENTROPY).get();
  }

  private PreparedData penguins(boolean standardize, String precision) throws IOException {
    return prepare("  train: {source: csv, path: " + PENGUINS + ", target: species, task: classification}\n"
        + "  validation: {split: 0.2}\n"
        + "  test: {split: 0.2}\n"
        + "  standardize: " + standardize + "\n"
        + "  one-hot: [island]\n", precision);
  }

  @Test
  void everySplitHasTheIslandsAs0And1ColumnsWhichTheScalerLeavesAndTheOtherColumnsScaledByTheTrainingSplit()
      throws IOException {
    PreparedData plain = penguins(false, "float64");
    PreparedData scaled = penguins(true, "float64");
    assertNull(plain.scaler());
    assertNotNull(scaled.oneHot());
    assertEquals(plain.oneHot(), scaled.oneHot());
    assertEquals(List.of("island"), List.copyOf(scaled.oneHot().categories().keySet()));
    assertArrayEquals(new double[] {0, 1, 2}, scaled.oneHot().categories().get("island"), 0.0);
    assertEquals(ENCODED, scaled.oneHot().features());

    Dataset[] parts = {scaled.train(), scaled.validation(), scaled.test()};
    Dataset[] raw = {plain.train(), plain.validation(), plain.test()};
    assertEquals(333, parts[0].size() + parts[1].size() + parts[2].size());
    assertEquals(67, parts[2].size(), "a fifth of 333 for the test split");
    for (Dataset part : parts) {
      assertEquals(ENCODED, part.featureNames(), part.source());
      for (int r = 0; r < part.size(); r++) {
        int ones = 0;
        for (int k = 0; k < 3; k++) {
          double v = part.x(r, k);
          assertTrue(v == 0.0 || v == 1.0, "row " + r + " island=" + k + " is " + v);
          ones += (int) v;
        }
        assertEquals(1, ones, "row " + r);
      }
    }

    // the scaler: mean 0 and scale 1 for the 0/1 columns, the training split's raw statistics for the others
    Standardizer fitted = Standardizer.fit(plain.train());
    Standardizer scaler = scaled.scaler();
    for (int j = 0; j < ENCODED.size(); j++) {
      assertEquals(j < 3 ? 0.0 : fitted.means()[j], scaler.means()[j], 0.0, ENCODED.get(j));
      assertEquals(j < 3 ? 1.0 : fitted.stds()[j], scaler.stds()[j], 0.0, ENCODED.get(j));
    }
    assertEquals(fitted.means()[6], scaler.means()[6], 0.0);
    assertTrue(scaler.means()[6] > 3000 && scaler.stds()[6] > 300, "body mass in grams: " + scaler.means()[6]);
    // the same rows in the same splits, the 0/1 columns as they were, the others standardised
    for (int p = 0; p < 3; p++) {
      assertEquals(raw[p].size(), parts[p].size());
      for (int r = 0; r < parts[p].size(); r++) {
        for (int j = 0; j < ENCODED.size(); j++) {
          double expected = j < 3 ? raw[p].x(r, j) : (raw[p].x(r, j) - fitted.means()[j]) / fitted.stds()[j];
          assertEquals(expected, parts[p].x(r, j), 0.0, "split " + p + " row " + r + " " + ENCODED.get(j));
        }
        assertEquals(raw[p].classOf(r), parts[p].classOf(r));
      }
    }
  }

  /**
   * A one-hot column of a category for every second row or more (an id) gets one note naming it; the penguins'
   * three islands get none, and nor do a few rows of as many categories.
   */
  @Test
  void aOneHotColumnOfAboutACategoryPerRowGetsANote() throws IOException {
    Dataset penguins = CsvReader.classification("species").read(PENGUINS);
    assertEquals(java.util.Optional.empty(), DataNotes.idCategories(dev.nn.core.data.OneHot.fit(penguins, List.of("island")),
        penguins));
    double[] x = new double[2 * 40];
    int[] classes = new int[40];
    for (int r = 0; r < 40; r++) {
      x[2 * r] = r % 20;
      x[2 * r + 1] = r * 0.5;
      classes[r] = r % 2;
    }
    Dataset ids = Dataset.classification("ids.csv", x, classes, List.of("customer", "spend"), "churn",
        List.of("no", "yes"));
    assertEquals(java.util.Optional.of("ids.csv: one-hot column \"customer\" has 20 categories for 40 rows, as an id or"
        + " a name does: a category seen in a row or two teaches the network nothing for another row, and nn predict"
        + " refuses a new row's category as one the model was not trained on; if it is an id, leave it out with"
        + " features: {ignore: [customer]} on the source"),
        DataNotes.idCategories(dev.nn.core.data.OneHot.fit(ids, List.of("customer")), ids));
    Dataset few = ids.head(10);
    assertEquals(java.util.Optional.empty(), DataNotes.idCategories(dev.nn.core.data.OneHot.fit(few, List.of("customer")), few));
  }

  @Test
  void everyRowKeepsItsIslandAndItsClass() throws IOException {
    Dataset source = CsvReader.classification("species").read(PENGUINS);
    // each penguin by its measurements; the file has no two alike
    Map<String, Integer> rowOf = new HashMap<>();
    for (int r = 0; r < source.size(); r++) {
      rowOf.put(key(source.x(r, 1), source.x(r, 2), source.x(r, 3), source.x(r, 4), source.x(r, 5), source.x(r, 6)),
          r);
    }
    assertEquals(333, rowOf.size());
    PreparedData plain = penguins(false, "float64");
    boolean[] seen = new boolean[333];
    for (Dataset part : new Dataset[] {plain.train(), plain.validation(), plain.test()}) {
      for (int r = 0; r < part.size(); r++) {
        Integer at = rowOf.get(key(part.x(r, 3), part.x(r, 4), part.x(r, 5), part.x(r, 6), part.x(r, 7),
            part.x(r, 8)));
        assertNotNull(at, "row " + r + " of " + part.source());
        assertTrue(!seen[at], "data row " + (at + 1) + " twice");
        seen[at] = true;
        int island = (int) source.x(at, 0);
        for (int k = 0; k < 3; k++) {
          assertEquals(k == island ? 1.0 : 0.0, part.x(r, k), "data row " + (at + 1) + " island=" + k);
        }
        assertEquals(source.classOf(at), part.classOf(r), "data row " + (at + 1));
      }
    }
    for (int r = 0; r < 333; r++) {
      assertTrue(seen[r], "data row " + (r + 1) + " in no split");
    }
  }

  @Test
  void aFloat32RunHoldsTheEncodedColumnsAsFloats() throws IOException {
    PreparedData floats = penguins(true, "float32");
    PreparedData doubles = penguins(true, "float64");
    for (Dataset part : new Dataset[] {floats.train(), floats.validation(), floats.test()}) {
      assertEquals(Precision.FLOAT32, part.inputPrecision());
      assertEquals(ENCODED, part.featureNames());
    }
    assertEquals(doubles.train().size(), floats.train().size());
    for (int r = 0; r < floats.train().size(); r++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(doubles.train().x(r, k), floats.train().x(r, k), 0.0, "row " + r + " island=" + k);
      }
    }
    for (int k = 0; k < 3; k++) {
      assertEquals(0.0, floats.scaler().means()[k]);
      assertEquals(1.0, floats.scaler().stds()[k]);
    }
  }

  @Test
  void aCategoryOfOneRowGetsItsColumnInEverySplitWhereverThatRowGoes() throws IOException {
    StringBuilder s = new StringBuilder("a,c,y\n");
    for (int i = 0; i < 30; i++) {
      s.append(i).append(',').append(i == 17 ? 9 : i % 2).append(',').append(i % 3).append('\n');
    }
    Path csv = dir.resolve("rare.csv");
    Files.writeString(csv, s.toString());
    PreparedData p = prepare("  train: {source: csv, path: rare.csv, target: y, task: classification}\n"
        + "  validation: {split: 0.3}\n"
        + "  test: {split: 0.3}\n"
        + "  one-hot: [c]\n", "float64");
    List<String> features = List.of("a", "c=0", "c=1", "c=9");
    int nines = 0;
    for (Dataset part : new Dataset[] {p.train(), p.validation(), p.test()}) {
      assertEquals(features, part.featureNames());
      for (int r = 0; r < part.size(); r++) {
        // a is standardised with the training split's mean and scale: find the row by undoing it
        int a = (int) Math.round(part.x(r, 0) * p.scaler().stds()[0] + p.scaler().means()[0]);
        assertEquals(a == 17 ? 1.0 : 0.0, part.x(r, 3), "a = " + a);
        assertEquals(a != 17 && a % 2 == 0 ? 1.0 : 0.0, part.x(r, 1), "a = " + a);
        nines += (int) part.x(r, 3);
      }
    }
    assertEquals(1, nines);
    assertEquals(0.0, p.scaler().means()[3]);
    assertEquals(1.0, p.scaler().stds()[3]);
  }

  @Test
  void aTestFileOfItsOwnIsEncodedAndACategoryTheTrainingSourceLacksIsRefused() throws IOException {
    List<String> lines = Files.readAllLines(PENGUINS);
    // every tenth penguin held out: 33 in the test file, 300 to train on
    List<String> training = new ArrayList<>(List.of(lines.get(0)));
    List<String> heldOut = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      (i % 10 == 0 ? heldOut : training).add(lines.get(i));
    }
    Files.writeString(dir.resolve("train.csv"), String.join("\n", training) + "\n");
    Path test = dir.resolve("test.csv");
    Files.writeString(test, lines.get(0) + "\n" + String.join("\n", heldOut) + "\n");
    String data = "  train: {source: csv, path: train.csv, target: species, task: classification}\n"
        + "  validation: {split: 0.1}\n"
        + "  test: {source: csv, path: test.csv, target: species, task: classification}\n"
        + "  one-hot: [island]\n";
    PreparedData p = prepare(data, "float64");
    assertEquals(ENCODED, p.test().featureNames());
    assertEquals(33, p.test().size());
    Dataset held = CsvReader.classification("species").read(test);
    for (int r = 0; r < 33; r++) {
      int island = (int) held.x(r, 0);
      for (int k = 0; k < 3; k++) {
        assertEquals(k == island ? 1.0 : 0.0, p.test().x(r, k), "test row " + r + " island=" + k);
      }
      assertEquals((held.x(r, 1) - p.scaler().means()[3]) / p.scaler().stds()[3], p.test().x(r, 3), 1e-12);
      assertEquals(held.classOf(r), p.test().classOf(r));
    }

    // an island only the test file has: the network has no input for it
    List<String> unknown = new ArrayList<>(heldOut);
    unknown.set(4, "3" + unknown.get(4).substring(1));
    Files.writeString(test, lines.get(0) + "\n" + String.join("\n", unknown) + "\n");
    DataException e = assertThrows(DataException.class, () -> prepare(data, "float64"));
    assertEquals(test + ": data row 5 has 3 for \"island\", which is not one of the categories it has in the training"
        + " data: 0, 1, 2", e.getMessage());
  }

  @Test
  void aColumnThatIsNotAFeatureIsRefusedAtItsPlaceInTheList() {
    String train = "  train: {source: csv, path: " + PENGUINS + ", target: TARGET, task: classification"
        + "FEATURES}\n";
    // every way a column of the header is not a feature, each refused as the experiment is read (nn validate)
    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put(train.replace("TARGET", "species").replace("FEATURES", "") + "  one-hot: [island, species]\n",
        "column \"species\" is the target column; one-hot encodes feature columns");
    refusals.put(train.replace("TARGET", "last").replace("FEATURES", "") + "  one-hot: [island, species]\n",
        "column \"species\" is the target column; one-hot encodes feature columns");
    refusals.put(train.replace("TARGET", "0").replace("FEATURES", "") + "  one-hot: [sex, island]\n",
        "column \"island\" is the target column; one-hot encodes feature columns");
    refusals.put(train.replace("TARGET", "species").replace("FEATURES", ", features: {ignore: [island]}")
        + "  one-hot: [sex, island]\n", "column \"island\" is ignored by data.train.features; one-hot encodes"
        + " feature columns");
    refusals.put(train.replace("TARGET", "species").replace("FEATURES", ", features: [sex, year]")
        + "  one-hot: [sex, island]\n", "column \"island\" is not among data.train.features; one-hot encodes"
        + " feature columns");
    refusals.put(train.replace("TARGET", "species").replace("FEATURES", "") + "  one-hot: [island, sexx]\n",
        "column \"sexx\" is not in the header of " + PENGUINS);
    for (Map.Entry<String, String> r : refusals.entrySet()) {
      dev.nn.spi.ConfigException c = assertThrows(dev.nn.spi.ConfigException.class,
          () -> prepare(r.getKey(), "float64"), r.getKey());
      assertEquals(1, c.problems().size(), r.getKey());
      assertEquals("data.one-hot[1]", c.problems().get(0).path(), r.getKey());
      assertEquals(r.getValue(), c.problems().get(0).message(), r.getKey());
      assertEquals(4, c.problems().get(0).line(), r.getKey());
    }
  }

  @Test
  void aMissingIslandIsNamedByItsDataRowUnlessTheRowIsDropped() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(PENGUINS));
    lines.set(7, lines.get(7).substring(1)); // data row 7 without its island
    Path csv = dir.resolve("gap.csv");
    Files.writeString(csv, String.join("\n", lines) + "\n");
    String data = "  train: {source: csv, path: gap.csv, target: species, task: classification, missing: MISSING}\n"
        + "  validation: {split: 0.2}\n"
        + "  one-hot: [island]\n";
    DataException e = assertThrows(DataException.class, () -> prepare(data.replace("MISSING", "mean"), "float64"));
    assertEquals(csv + ": data row 7 has no value for \"island\", a one-hot column; its values must be categories"
        + " (missing: drop leaves such rows out)", e.getMessage());
    PreparedData dropped = prepare(data.replace("MISSING", "drop"), "float64");
    assertEquals(332, dropped.train().size() + dropped.validation().size());
    assertEquals(ENCODED, dropped.train().featureNames());
  }

  @Test
  void aMissingValueOfAnotherColumnIsFilledWithTheTrainingMeanAfterTheEncoding() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(PENGUINS));
    lines.set(1, "2,,18.7,181,3750,1,2007,0"); // data row 1 without its bill length
    Path csv = dir.resolve("bill.csv");
    Files.writeString(csv, String.join("\n", lines) + "\n");
    PreparedData p = prepare("  train: {source: csv, path: bill.csv, target: species, task: classification,"
        + " missing: mean}\n"
        + "  validation: {split: 0.2}\n"
        + "  standardize: false\n"
        + "  one-hot: [island]\n", "float64");
    assertEquals(ENCODED, p.train().featureNames());
    // the row is found by its other measurements wherever the split put it; its bill length is the mean of the
    // training split's other rows
    int found = 0;
    for (Dataset part : new Dataset[] {p.train(), p.validation()}) {
      for (int r = 0; r < part.size(); r++) {
        if (part.x(r, 4) == 18.7 && part.x(r, 5) == 181 && part.x(r, 6) == 3750 && part.x(r, 8) == 2007) {
          double sum = 0;
          int n = 0;
          for (int t = 0; t < p.train().size(); t++) {
            if (part != p.train() || t != r) {
              sum += p.train().x(t, 3);
              n++;
            }
          }
          assertEquals(sum / n, part.x(r, 3), 1e-12);
          assertArrayEquals(new double[] {0, 0, 1}, new double[] {part.x(r, 0), part.x(r, 1), part.x(r, 2)}, 0.0);
          found++;
        }
      }
    }
    assertEquals(1, found);
  }

  private static String key(double... values) {
    return java.util.Arrays.toString(values);
  }
}
