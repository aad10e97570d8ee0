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
import java.util.Map;
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
    // the island as a word, where the model was trained on its codes
    Path words = Files.writeString(tmp.resolve("word.csv"), lines.get(0) + "\n" + "Torgersen"
        + lines.get(1).substring(1) + "\n");
    Cli.Outcome w = Cli.run("predict", model.toString(), "--input", words.toString(), "--output", out.toString());
    assertEquals(2, w.code(), w.describe());
    assertEquals("nn: " + words + ":2: column \"island\": \"Torgersen\" is a word, but the model gives this category"
        + " column as codes; a category column holds codes or words, as the model does\n", w.err());
    assertFalse(Files.exists(out));
  }

  /**
   * penguins.csv with species, island and sex written as the words their codes stand for, as the source package
   * holds them.
   */
  private static Path penguinWords(String name) throws Exception {
    List<String> islands = List.of("Biscoe", "Dream", "Torgersen");
    List<String> species = List.of("Adelie", "Chinstrap", "Gentoo");
    List<String> lines = Files.readAllLines(PENGUINS_CSV);
    StringBuilder s = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      c[0] = islands.get(Integer.parseInt(c[0]));
      c[5] = c[5].equals("0") ? "female" : "male";
      c[7] = species.get(Integer.parseInt(c[7]));
      s.append(String.join(",", c)).append('\n');
    }
    return Files.writeString(tmp.resolve(name), s);
  }

  @Test
  void wordsTrainTheSameModelAsTheirCodesAndPredictAndEvaluateReadThem() throws Exception {
    Path words = penguinWords("penguin-words.csv");
    Path yaml = tmp.resolve("penguin-words.yaml");
    Files.writeString(yaml, Files.readString(Cli.EXAMPLES.resolve("penguins.yaml"))
        .replace("data/penguins.csv", words.toAbsolutePath().toString())
        .replace("one-hot: [species, island]", "one-hot: [species, island, sex]"));
    Cli.Outcome o = Cli.run("train", yaml.toString(), "--set", "training.epochs=5", "--output",
        tmp.resolve("words-runs").toString());
    assertEquals(0, o.code(), o.describe());
    Path wordsModel = Cli.onlyRun(tmp.resolve("words-runs")).resolve(RunDirectory.MODEL);
    String yamlText = entry(wordsModel, "model.yaml");
    assertTrue(yamlText.contains("- column: island\n  categories:\n  - 0.0\n  - 1.0\n  - 2.0\n  words:\n  - Biscoe\n"
        + "  - Dream\n  - Torgersen\n"), yamlText);
    assertTrue(yamlText.contains("features:\n- island=Biscoe\n- island=Dream\n- island=Torgersen\n"), yamlText);
    assertTrue(yamlText.contains("- sex=female\n- sex=male\n- year\n- species=Adelie\n"), yamlText);

    // the same penguins as codes, the same seed: the same network, bit for bit
    Cli.Outcome c = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--set", "training.epochs=5",
        "--set", "data.one-hot=[species, island, sex]", "--output", tmp.resolve("codes-runs").toString());
    assertEquals(0, c.code(), c.describe());
    assertEquals(o.outLines("test ").get(0), c.outLines("test ").get(0));
    Path codesModel = Cli.onlyRun(tmp.resolve("codes-runs")).resolve(RunDirectory.MODEL);
    Path fromWords = tmp.resolve("from-words.csv");
    Path fromCodes = tmp.resolve("from-codes.csv");
    assertEquals(0, Cli.run("predict", wordsModel.toString(), "--input", words.toString(), "--output",
        fromWords.toString()).code());
    assertEquals(0, Cli.run("predict", codesModel.toString(), "--input", PENGUINS_CSV.toString(), "--output",
        fromCodes.toString()).code());
    assertEquals(Files.readAllLines(fromCodes), Files.readAllLines(fromWords));
    // from Java: a word's code, and a row by name with its words
    Model m = Nn.create().loadModel(wordsModel);
    assertEquals(2.0, m.spec().oneHot().code("island", "Torgersen"));
    assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), m.spec().oneHot().words().get("species"));
    Map<String, Object> row = new java.util.HashMap<>(Map.of("island", "Torgersen", "bill_length_mm", 39.1,
        "bill_depth_mm", 18.7, "flipper_length_mm", 181, "sex", "male", "year", 2007, "species", "Adelie"));
    double[] byName = m.predict(row);
    assertArrayEquals(m.predict(new double[] {2, 39.1, 18.7, 181, 1, 2007, 0}), byName, 0.0);
    assertEquals(Double.parseDouble(Files.readAllLines(fromWords).get(1)), byName[0], 0.0, "the file's first row");
    row.put("body_mass_g", 3750);
    assertArrayEquals(byName, m.predict(row), 0.0, "other entries are ignored");
    row.put("species", 0);
    assertArrayEquals(byName, m.predict(row), 0.0, "a word's code will do");
    row.put("year", "2007");
    assertEquals("the input \"year\" takes a number, found the text \"2007\"",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.predict(row))
            .getMessage());
    row.put("year", 2007);
    row.put("island", "Atlantis");
    assertEquals("\"Atlantis\" is not one of the categories of \"island\": Biscoe, Dream, Torgersen",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.predict(row))
            .getMessage());
    row.remove("island");
    assertEquals("the row has no value for the input \"island\"; the model's inputs are island, bill_length_mm,"
        + " bill_depth_mm, flipper_length_mm, sex, year, species",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.predict(row))
            .getMessage());

    Cli.Outcome e = Cli.run("evaluate", wordsModel.toString(), "--data", words.toString());
    assertEquals(0, e.code(), e.describe());
    assertEquals(Cli.run("evaluate", codesModel.toString(), "--data", PENGUINS_CSV.toString()).out()
        .replace(codesModel.toString(), "M").replace(PENGUINS_CSV.toString(), "D"),
        e.out().replace(wordsModel.toString(), "M").replace(words.toString(), "D"));

    // exported, the columns of words are given as their codes, and the files name the words
    Map<String, Object> header = new org.yaml.snakeyaml.Yaml().load(NpyFiles.read(NpzExportTests.export(wordsModel,
        "penguin-words.npz")).get("header.npy").text());
    assertEquals(Map.of("island", List.of("Biscoe", "Dream", "Torgersen"), "sex", List.of("female", "male"),
        "species", List.of("Adelie", "Chinstrap", "Gentoo")), header.get("one_hot_words"));
    Path onnx = OnnxExportTests.export(wordsModel, "penguin-words.onnx");
    try (ai.onnxruntime.OrtSession session = ai.onnxruntime.OrtEnvironment.getEnvironment()
        .createSession(onnx.toString(), new ai.onnxruntime.OrtSession.SessionOptions())) {
      assertEquals("{\"island\": [\"Biscoe\", \"Dream\", \"Torgersen\"], \"sex\": [\"female\", \"male\"],"
          + " \"species\": [\"Adelie\", \"Chinstrap\", \"Gentoo\"]}",
          session.getMetadata().getCustomMetadata().get("one-hot-words"));
    }
    double[][] codes = ExportModels.rows(m, "penguins.csv", 333);
    OnnxExportTests.assertClose(ExportModels.predictions(m, codes), OnnxExportTests.run(onnx, codes, false), 1e-9,
        "penguin words (onnx)");

    // a word the model has not seen, and a code where the model reads words: one message each, with the line
    List<String> lines = Files.readAllLines(words);
    Path atlantis = Files.writeString(tmp.resolve("atlantis.csv"), lines.get(0) + "\n" + lines.get(1) + "\n"
        + lines.get(2).replaceFirst("^Torgersen,", "Atlantis,") + "\n");
    Cli.Outcome unknown = Cli.run("predict", wordsModel.toString(), "--input", atlantis.toString(), "--output",
        tmp.resolve("never-words.csv").toString());
    assertEquals(2, unknown.code(), unknown.describe());
    assertEquals("nn: " + atlantis + ":3: column \"island\": \"Atlantis\" is not one of the categories of the model:"
        + " Biscoe, Dream, Torgersen\n", unknown.err());
    Cli.Outcome code = Cli.run("evaluate", wordsModel.toString(), "--data", PENGUINS_CSV.toString());
    assertEquals(2, code.code(), code.describe());
    assertEquals("nn: " + PENGUINS_CSV + ":2: column \"island\": \"2\" is not one of the categories of the model:"
        + " Biscoe, Dream, Torgersen\n", code.err());
    assertFalse(Files.exists(tmp.resolve("never-words.csv")));
  }

  @Test
  void aHeldOutFileOfWordsIsCodedAsTheTrainingFileAndAnUnknownWordIsOneMessage() throws Exception {
    Path words = penguinWords("train-words.csv");
    List<String> lines = Files.readAllLines(words);
    // the last 50 penguins, Gentoo first: their words in another order than the training file's
    List<String> tail = new java.util.ArrayList<>(lines.subList(lines.size() - 50, lines.size()));
    java.util.Collections.reverse(tail);
    Path test = Files.writeString(tmp.resolve("test-words.csv"), lines.get(0) + "\n" + String.join("\n", tail) + "\n");
    Path yaml = tmp.resolve("held-out-words.yaml");
    String experiment = Files.readString(Cli.EXAMPLES.resolve("penguins.yaml"))
        .replace("data/penguins.csv", words.toAbsolutePath().toString())
        .replace("test: {split: 0.2}", "test: {source: csv, path: " + test.toAbsolutePath()
            + ", target: body_mass_g, task: regression}")
        .replace("one-hot: [species, island]", "one-hot: [species, island, sex]");
    Files.writeString(yaml, experiment);
    Cli.Outcome o = Cli.run("train", yaml.toString(), "--set", "training.epochs=5", "--output",
        tmp.resolve("held-out-runs").toString());
    assertEquals(0, o.code(), o.describe());
    // evaluate on the same file gives the run's test figures
    Path model = Cli.onlyRun(tmp.resolve("held-out-runs")).resolve(RunDirectory.MODEL);
    Cli.Outcome e = Cli.run("evaluate", model.toString(), "--data", test.toString());
    String rmse = o.outLines("test ").get(0).replaceAll(".*rmse ([0-9.]+).*", "$1");
    assertEquals(rmse, e.outLines("rmse").get(0).replaceAll("rmse +", ""), e.out());

    Path unknown = Files.writeString(tmp.resolve("test-unknown.csv"), lines.get(0) + "\n" + tail.get(0) + "\n"
        + tail.get(1).replaceFirst("^[A-Za-z]+,", "Atlantis,") + "\n");
    Files.writeString(yaml, experiment.replace(test.toAbsolutePath().toString(), unknown.toAbsolutePath().toString()));
    Cli.Outcome refused = Cli.run("train", yaml.toString(), "--output", tmp.resolve("never-held-out").toString());
    assertEquals(2, refused.code(), refused.describe());
    assertEquals("nn: " + unknown.toAbsolutePath() + ":3: column \"island\": \"Atlantis\" is not one of the"
        + " categories of the training data: Biscoe, Dream, Torgersen\n", refused.err());
    assertFalse(Files.exists(tmp.resolve("never-held-out")), "no run directory");
  }

  @Test
  void aColumnTheDataLacksIsOneMessageAndLeavesNoRunDirectory() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--set",
        "data.one-hot=[islnd]", "--output", tmp.resolve("never-islnd").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("1) [nn/OutOfRange] data.one-hot[0]: column \"islnd\" is not in the header of"
        + " data/penguins.csv (from --set data.one-hot=[islnd])\n   Did you mean: island\n"), o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    assertFalse(Files.exists(tmp.resolve("never-islnd")), "no run directory");
    // the target is a column of the header, but not a feature: refused as the experiment is read, at its place
    Cli.Outcome target = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--set",
        "data.one-hot=[body_mass_g]", "--output", tmp.resolve("never-target").toString());
    assertEquals(2, target.code(), target.describe());
    assertTrue(target.err().contains("1) [nn/OutOfRange] data.one-hot[0]: column \"body_mass_g\" is the target"
        + " column; one-hot encodes feature columns (from --set data.one-hot=[body_mass_g])\n"), target.err());
    assertFalse(Files.exists(tmp.resolve("never-target")), "no run directory");
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

    // a Spark table's rows stay on its executors, where no one sees all of a column's categories
    Path table = tmp.resolve("table.yaml");
    Files.writeString(table, String.join("\n",
        "data:",
        "  train: {source: spark, format: csv, path: " + PENGUINS_CSV.toAbsolutePath() + ", target: species,"
            + " task: classification}",
        "  one-hot: [island]",
        "network: {layers: [{units: auto}, {units: auto, activation: identity}]}",
        "loss: softmax-cross-entropy",
        "distributed: {master: \"local[2]\"}", ""));
    Cli.Outcome spark = Cli.run("train", table.toString(), "--output", tmp.resolve("never-spark").toString());
    assertEquals(2, spark.code(), spark.describe());
    assertTrue(spark.err().contains("data.one-hot"), spark.err());
    assertTrue(spark.err().contains("a spark source's features are used as they are; one-hot encoding is done for"
        + " csv sources"), spark.err());
    assertFalse(spark.err().contains("\tat "), "no stack trace: " + spark.err());
    assertFalse(Files.exists(tmp.resolve("never-spark")), "no run directory");
  }
}
