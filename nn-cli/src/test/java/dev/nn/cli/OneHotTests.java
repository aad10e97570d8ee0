package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.model.Model;
import dev.nn.core.run.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Category columns encoded one-hot, as a user meets them: {@code nn train examples/penguins.yaml} (a penguin's body
 * mass from its species and island, each a code 0, 1 or 2, and its measurements), then {@code nn predict} and
 * {@code nn evaluate} on files that give the codes as they are; a row of an island the model has not seen, and
 * the experiment's mistakes, each one message with exit 2.
 */
class OneHotTests {
  private static final Path PENGUINS_CSV = Cli.EXAMPLES.resolve("data/penguins.csv");

  @TempDir
  static Path tmp;

  private static Cli.Outcome trained;
  private static Path run;
  private static Path model;

  @BeforeAll
  static void train() throws Exception {
    trained = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--output",
        tmp.resolve("runs").toString());
    assertEquals(0, trained.code(), trained.describe());
    assertEquals("", trained.err());
    run = Cli.onlyRun(tmp.resolve("runs"));
    model = run.resolve(RunDirectory.MODEL);
  }

  private static String entry(Path zipFile, String name) throws Exception {
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theModelFileKeepsTheCategoriesAndTheRunItsKey() throws Exception {
    String yaml = entry(model, "model.yaml");
    assertTrue(yaml.contains("format-version: 4\n"), yaml);
    assertTrue(yaml.contains("inputs:\n- island\n- bill_length_mm\n- bill_depth_mm\n- flipper_length_mm\n- sex\n"
        + "- year\n- species\n"), yaml);
    // in the inputs' order, whatever the order of the key
    assertTrue(yaml.contains("one-hot:\n- column: island\n  categories:\n  - 0.0\n  - 1.0\n  - 2.0\n"
        + "- column: species\n  categories:\n  - 0.0\n  - 1.0\n  - 2.0\n"), yaml);
    assertTrue(yaml.contains("features:\n- island=0\n- island=1\n- island=2\n- bill_length_mm\n- bill_depth_mm\n"
        + "- flipper_length_mm\n- sex\n- year\n- species=0\n- species=1\n- species=2\n"), yaml);
    assertTrue(yaml.contains("widths:\n- 11\n- 16\n- 1\n"), yaml);
    String experiment = Files.readString(run.resolve(RunDirectory.EXPERIMENT));
    assertTrue(experiment.contains("  one-hot: [species, island]\n"), experiment);
    // it learns: the held-out penguins' mass, in grams
    String test = trained.outLines("test ").get(0);
    double r2 = Double.parseDouble(test.replaceAll(".*r2 ([0-9.]+).*", "$1"));
    assertTrue(r2 > 0.7, test);
  }

  @Test
  void predictAndEvaluateReadTheCodesAsTheyAreAndAgree() throws Exception {
    Path out = tmp.resolve("predictions.csv");
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", PENGUINS_CSV.toString(), "--output",
        out.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = Files.readAllLines(out);
    assertEquals("body_mass_g", lines.get(0));
    assertEquals(334, lines.size());
    // the same as the model's own predictions of the raw rows, each code as it is in the file
    Model m = Nn.create().loadModel(model);
    assertEquals(7, m.inputs());
    List<String> csv = Files.readAllLines(PENGUINS_CSV);
    // island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year,species
    int[] inputColumns = {0, 1, 2, 3, 5, 6, 7};
    double sq = 0;
    for (int r = 1; r < csv.size(); r++) {
      String[] cells = csv.get(r).split(",");
      double[] row = new double[7];
      for (int j = 0; j < 7; j++) {
        row[j] = Double.parseDouble(cells[inputColumns[j]]);
      }
      double written = Double.parseDouble(lines.get(r));
      assertArrayEquals(m.predict(row), new double[] {written}, 0.0, "row " + r);
      assertTrue(written > 2000 && written < 7000, "grams, not standardized units: " + written);
      double e = written - Double.parseDouble(cells[4]);
      sq += e * e;
    }
    Cli.Outcome e = Cli.run("evaluate", model.toString(), "--data", PENGUINS_CSV.toString());
    assertEquals(0, e.code(), e.describe());
    assertEquals(String.format(Locale.ROOT, "rmse      %.6g", Math.sqrt(sq / 333)), e.outLines("rmse").get(0));
  }

  @Test
  void aRowOfAnIslandTheModelHasNotSeenIsOneMessageAndNoFile() throws Exception {
    List<String> lines = Files.readAllLines(PENGUINS_CSV);
    Path unseen = tmp.resolve("unseen.csv");
    Files.writeString(unseen, lines.get(0) + "\n" + lines.get(1) + "\n" + "3" + lines.get(2).substring(1) + "\n");
    Path out = tmp.resolve("never.csv");
    Cli.Outcome p = Cli.run("predict", model.toString(), "--input", unseen.toString(), "--output", out.toString());
    assertEquals(2, p.code(), p.describe());
    assertEquals("nn: " + unseen + ": data row 2 has 3 for \"island\", which is not one of the categories the model"
        + " was trained on: 0, 1, 2\n", p.err());
    assertFalse(Files.exists(out));
    Cli.Outcome e = Cli.run("evaluate", model.toString(), "--data", unseen.toString());
    assertEquals(2, e.code(), e.describe());
    assertEquals(p.err(), e.err());
    assertEquals("", e.out());
  }

  @Test
  void aColumnTheDataLacksIsOneMessageAndLeavesNoRunDirectory() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--set",
        "data.one-hot=[islnd]", "--output", tmp.resolve("never-islnd").toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + Cli.EXAMPLES.resolve("data/penguins.csv").toAbsolutePath().normalize()
        + ": one-hot column \"islnd\" is not a feature; did you mean \"island\"? Features: island, bill_length_mm,"
        + " bill_depth_mm, flipper_length_mm, sex, year, species\n", o.err());
    assertFalse(Files.exists(tmp.resolve("never-islnd")), "no run directory");
  }

  @Test
  void aColumnListedTwiceAndOneHotWithSparkAreEachOneMessageAtTheirLine() throws Exception {
    Path twice = tmp.resolve("twice.yaml");
    Files.writeString(twice, String.join("\n",
        "data:",
        "  train: {source: csv, path: " + PENGUINS_CSV.toAbsolutePath() + ", target: species, task: classification}",
        "  one-hot: [island, sex, island]",
        "network: {layers: [{units: auto}, {units: auto, activation: identity}]}",
        "loss: softmax-cross-entropy", ""));
    Cli.Outcome o = Cli.run("train", twice.toString(), "--output", tmp.resolve("never-twice").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("data.one-hot[2] (line 3"), o.err());
    assertTrue(o.err().contains("the column \"island\" is listed twice"), o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    assertFalse(Files.exists(tmp.resolve("never-twice")), "no run directory");

    Cli.Outcome spark = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--set",
        "distributed.master=local[2]", "--set", "data.standardize-targets=false", "--output", tmp.resolve("never-spark").toString());
    assertEquals(2, spark.code(), spark.describe());
    assertTrue(spark.err().contains("data.one-hot"), spark.err());
    assertTrue(spark.err().contains("a distributed run does not encode columns one-hot"), spark.err());
    assertFalse(Files.exists(tmp.resolve("never-spark")), "no run directory");
  }
}
