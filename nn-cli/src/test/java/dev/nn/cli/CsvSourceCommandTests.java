package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV sources as people have them, through {@code nn train}, {@code nn predict} and {@code nn evaluate}: iris
 * with its species as words, written by pandas (an index column), gzipped, with missing values.
 */
class CsvSourceCommandTests {
  private static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

  @TempDir Path tmp;

  /** iris.csv with the species as words, a pandas index column first and quotes around the header's names. */
  private String pandasIris() throws IOException {
    List<String> lines = Files.readAllLines(Cli.EXAMPLES.resolve("data/iris.csv"));
    StringBuilder s = new StringBuilder(",\"sepal length\",\"sepal width\",\"petal, length\",petal_width,species\n");
    for (int r = 1; r < lines.size(); r++) {
      String[] f = lines.get(r).split(",");
      s.append(r - 1).append(',').append(f[0]).append(',').append(f[1]).append(',').append(f[2]).append(',')
          .append(f[3]).append(',').append(SPECIES[Integer.parseInt(f[4])]).append('\n');
    }
    return s.toString();
  }

  private Path experiment(String source) throws IOException {
    Path yaml = tmp.resolve("iris.yaml");
    Files.writeString(yaml, String.join("\n",
        "name: iris-words",
        "data:",
        "  train: {" + source + "}",
        "  validation: {split: 0.0}",
        "network:",
        "  layers: [{units: auto}, {units: 8, activation: tanh}, {units: auto, activation: identity}]",
        "loss: softmax-cross-entropy",
        "optimizer: {name: adam, learning-rate: 0.05}",
        "training: {epochs: 15, batch-size: 8}", ""));
    return yaml;
  }

  @Test
  void textLabelsTrainAndPredictionsNameTheSpecies() throws Exception {
    Path gz = tmp.resolve("iris.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(pandasIris().getBytes(StandardCharsets.UTF_8));
    }
    Path yaml = experiment("source: csv, path: iris.csv.gz, target: species, task: classification");
    Path runs = tmp.resolve("runs");
    Cli.Outcome t = Cli.run("train", yaml.toString(), "--output", runs.toString());
    assertEquals(0, t.code(), t.describe());
    Path model = Cli.onlyRun(runs).resolve("model.nnm");

    Path input = tmp.resolve("flowers.csv");
    Files.writeString(input, "\"sepal length\",\"sepal width\",\"petal, length\",petal_width\n"
        + "5.1,3.5,1.4,0.2\n6.3,3.3,6.0,2.5\n");
    Path out = tmp.resolve("predictions.csv");
    Cli.Outcome p = Cli.run("predict", model.toString(), "--input", input.toString(), "--output", out.toString());
    assertEquals(0, p.code(), p.describe());
    List<String> lines = Files.readAllLines(out);
    assertEquals("p_setosa,p_versicolor,p_virginica,class", lines.get(0));
    assertTrue(lines.get(1).endsWith(",setosa"), lines.get(1));
    assertTrue(lines.get(2).endsWith(",virginica"), lines.get(2));

    Path data = tmp.resolve("iris-words.csv");
    Files.writeString(data, pandasIris());
    Cli.Outcome e = Cli.run("evaluate", model.toString(), "--data", data.toString());
    assertEquals(0, e.code(), e.describe());
    assertTrue(e.out().contains("accuracy"), e.out());
  }

  @Test
  void aTestFileWithAClassTheTrainingFileLacksIsRefusedAndNothingIsWritten() throws Exception {
    Files.writeString(tmp.resolve("train.csv"), "a,kind\n1,cat\n2,dog\n3,cat\n4,dog\n");
    Path test = tmp.resolve("test.csv");
    Files.writeString(test, "a,kind\n1,dog\n2,cow\n");
    Path yaml = experiment("source: csv, path: train.csv, target: kind, task: classification}\n"
        + "  test: {source: csv, path: test.csv, target: kind, task: classification");
    Path runs = tmp.resolve("runs");
    Cli.Outcome t = Cli.run("train", yaml.toString(), "--output", runs.toString());
    assertEquals(2, t.code(), t.describe());
    assertEquals("nn: " + test + ":3: class label \"cow\" in column \"kind\" is not a class of the training data;"
        + " classes: cat, dog\n", t.err());
    assertFalse(Files.exists(runs));
  }

  @Test
  void missingDropLeavesRowsOutWithANote() throws Exception {
    Path csv = tmp.resolve("gaps.csv");
    Files.writeString(csv, "a,b,y\n1,2,0\n2,NA,1\n3,4,1\n,5,0\n5,6,1\n6,7,0\n");
    Path yaml = experiment("source: csv, path: gaps.csv, target: y, task: classification, missing: drop,"
        + " features: {ignore: [a]}");
    Path runs = tmp.resolve("runs");
    Cli.Outcome t = Cli.run("train", yaml.toString(), "--output", runs.toString());
    assertEquals(0, t.code(), t.describe());
    assertTrue(t.err().contains("nn: " + csv + ": 1 row with a missing value left out (missing: drop); 5 of 6 kept"),
        t.err());
  }

  /**
   * Inputs left unstandardized that reach 1000 or more get one note naming the largest: a run of such inputs ended
   * "completed" having learned little, without a word. Inputs of a network's scale, or standardized ones, get none.
   */
  @Test
  void largeUnstandardizedInputsGetOneNote() throws Exception {
    Files.writeString(tmp.resolve("money.csv"), "age,income,savings,y\n30,52000.5,-1200,0\n41,61000,300,1\n"
        + "25,38000,150,0\n52,99000,25000,1\n");
    Path yaml = experiment("source: csv, path: money.csv, target: y, task: classification");
    Cli.Outcome raw = Cli.run("train", yaml.toString(), "--set", "data.standardize=false", "--set",
        "training.epochs=1", "--set", "training.batch-size=2", "--output", tmp.resolve("raw").toString());
    assertEquals(0, raw.code(), raw.describe());
    assertEquals(List.of("nn: " + tmp.resolve("money.csv") + ": the input \"income\" reaches 99000 on the training"
        + " split (1 other input reaches 1000 or more too), and data.standardize is false: a network's weights start"
        + " at the scale of inputs near 1, so inputs this large saturate its first layer or make its updates as"
        + " large, and training may learn little. data.standardize: true (the default) standardizes the inputs, and"
        + " the model applies it to what it predicts"), raw.err().lines().toList());
    Cli.Outcome standardized = Cli.run("train", yaml.toString(), "--set", "training.epochs=1", "--set", "training.batch-size=2", "--output",
        tmp.resolve("standardized").toString());
    assertEquals(0, standardized.code(), standardized.describe());
    assertEquals("", standardized.err());
    Files.writeString(tmp.resolve("small.csv"), "a,b,y\n0.5,999.9,0\n-3,12,1\n2,40,0\n1,1,1\n");
    Cli.Outcome small = Cli.run("train", experiment("source: csv, path: small.csv, target: y, task: classification")
        .toString(), "--set", "data.standardize=false", "--set", "training.epochs=1", "--set", "training.batch-size=2", "--output",
        tmp.resolve("small").toString());
    assertEquals(0, small.code(), small.describe());
    assertEquals("", small.err());
  }

  /**
   * A price read as class names (labels: names) trains a class of its every value: one note names the classes for the
   * rows and task: regression; 51 classes of 10 rows each are taken without one.
   */
  @Test
  void aClassificationOfManyClassesWithFewRowsEachGetsOneNote() throws Exception {
    StringBuilder prices = new StringBuilder("size,price\n");
    for (int i = 0; i < 120; i++) {
      prices.append(i % 7).append(',').append(100_000 + 1_000 * (i % 60)).append('\n');
    }
    Files.writeString(tmp.resolve("prices.csv"), prices);
    Cli.Outcome t = Cli.run("train", experiment("source: csv, path: prices.csv, target: price, task: classification,"
        + " labels: names").toString(), "--set", "training.epochs=1", "--output", tmp.resolve("runs").toString());
    assertEquals(0, t.code(), t.describe());
    assertEquals(List.of("nn: " + tmp.resolve("prices.csv") + ": the target \"price\" holds 60 classes for 120"
        + " training rows (2.0 rows a class): a network learns little of a class from so few rows; if the column holds a"
        + " quantity, set task: regression on the source"), t.err().lines().toList());
    StringBuilder classes = new StringBuilder("size,kind\n");
    for (int i = 0; i < 510; i++) {
      classes.append(i % 7).append(",k").append(i % 51).append('\n');
    }
    Files.writeString(tmp.resolve("kinds.csv"), classes);
    Cli.Outcome k = Cli.run("train", experiment("source: csv, path: kinds.csv, target: kind, task: classification")
        .toString(), "--set", "training.epochs=1", "--output", tmp.resolve("runs").toString());
    assertEquals(0, k.code(), k.describe());
    assertEquals("", k.err(), k.describe());
  }

  /** Fewer training rows than classes, however few the classes: some class has no row at all, and the note says so. */
  @Test
  void fewerTrainingRowsThanClassesGetTheNoteBelowManyClasses() throws Exception {
    StringBuilder prices = new StringBuilder("size,price\n");
    for (int i = 0; i < 20; i++) {
      prices.append(i % 7).append(',').append(100_000 + 1_000 * i).append('\n');
    }
    Files.writeString(tmp.resolve("few.csv"), prices);
    Cli.Outcome t = Cli.run("train", experiment("source: csv, path: few.csv, target: price, task: classification,"
        + " labels: names").toString(), "--set", "data.validation.split=0.2", "--set", "training.epochs=1", "--output",
        tmp.resolve("runs").toString());
    assertEquals(0, t.code(), t.describe());
    assertEquals(List.of("nn: " + tmp.resolve("few.csv") + ": the target \"price\" holds 20 classes for 16"
        + " training rows (0.8 rows a class): a network learns little of a class from so few rows; if the column holds a"
        + " quantity, set task: regression on the source"), t.err().lines().toList());
  }

  /** Class labels alike but for case are two classes, as written, with one note naming them. */
  @Test
  void classLabelsAlikeButForCaseGetOneNote() throws Exception {
    Files.writeString(tmp.resolve("case.csv"), "a,kind\n1,cat\n2,Cat\n3,dog\n4,cat\n5,dog\n6,cat\n");
    Cli.Outcome t = Cli.run("train", experiment("source: csv, path: case.csv, target: kind, task: classification")
        .toString(), "--set", "training.epochs=1", "--set", "training.batch-size=2", "--output",
        tmp.resolve("runs").toString());
    assertEquals(0, t.code(), t.describe());
    assertEquals(List.of("nn: " + tmp.resolve("case.csv") + ": the class labels \"Cat\" and \"cat\" differ only in"
        + " case, and are different classes; if they are one class, write it one way in the file"),
        t.err().lines().toList());
    assertTrue(t.out().contains("network 1-8-3 "), t.out());
    // one-hot words alike but for case, the same
    Files.writeString(tmp.resolve("words.csv"), "colour,y\nRed,0\nred,1\nblue,0\nred,1\n");
    Cli.Outcome w = Cli.run("train", experiment("source: csv, path: words.csv, target: y, task: classification")
        .toString(), "--set", "data.one-hot=[colour]", "--set", "training.epochs=1", "--set", "training.batch-size=2",
        "--output", tmp.resolve("words-runs").toString());
    assertEquals(0, w.code(), w.describe());
    assertEquals(List.of("nn: " + tmp.resolve("words.csv") + ": the words \"Red\" and \"red\" of one-hot column"
        + " \"colour\" differ only in case, and are different categories; if they are one, write it one way in the"
        + " file"), w.err().lines().toList());
  }

  @Test
  void anUnknownFeatureIsAConfigProblemWithASuggestionAndNothingIsWritten() throws Exception {
    Path csv = tmp.resolve("cols.csv");
    Files.writeString(csv, "width,height,y\n1,2,0\n3,4,1\n");
    Path yaml = experiment("source: csv, path: cols.csv, target: y, task: classification, features: [width, hieght]");
    Path runs = tmp.resolve("runs");
    Cli.Outcome t = Cli.run("train", yaml.toString(), "--output", runs.toString());
    assertEquals(2, t.code(), t.describe());
    assertTrue(t.err().contains("data.train.features[1]"), t.err());
    assertTrue(t.err().contains("column \"hieght\" is not in the header of cols.csv"), t.err());
    assertTrue(t.err().contains("height"), t.err());
    assertFalse(Files.exists(runs));
  }

  @Test
  void aTargetTheHeaderLacksIsAConfigProblemAtItsKeyForTrainAndValidate() throws Exception {
    Files.writeString(tmp.resolve("cols.csv"), "width,height,y\n1,2,0\n3,4,1\n");
    Files.writeString(tmp.resolve("held.csv"), "width,height,z\n1,2,0\n");
    // the rows are ragged for tabs, so the comma in the header wins
    Files.writeString(tmp.resolve("tabs.csv"), "sepal width, cm\tpetal width\tspecies\n3.5, 1\n");
    Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
    cases.put("source: csv, path: cols.csv, target: yy, task: classification",
        List.of("data.train.target (line 3, col ", "column \"yy\" is not in the header of cols.csv", "Did you mean: y"));
    cases.put("source: csv, path: cols.csv, target: 3, task: classification",
        List.of("data.train.target (line 3, col ", "target column index 3 is outside the header of cols.csv, which has"
            + " 3 columns", "Allowed: an index in 0..2, or a column name"));
    cases.put("source: csv, path: cols.csv, target: [y, heigth]",
        List.of("data.train.target[1] (line 3, col ", "column \"heigth\" is not in the header of cols.csv"));
    cases.put("source: csv, path: cols.csv, target: y, task: classification}\n  test: {source: csv, path: held.csv",
        List.of("data.test (line 4, col ", "column \"y\" is not in the header of held.csv"));
    cases.put("source: csv, path: tabs.csv, target: species",
        List.of("data.train.target (line 3, col ", "column \"species\" is not in the header of tabs.csv. The header was"
            + " read as separated by commas, and its names hold tabs; if tabs separate the fields, set separator: tab"
            + " on the csv source."));
    // an index beyond a header misread as one column: counted as one, with what separator to set
    cases.put("source: csv, path: tabs.csv, target: 2",
        List.of("target column index 2 is outside the header of tabs.csv, which has 2 columns. The header was read as"
            + " separated by commas, and its names hold tabs;"));
    // two selectors of one column: at the second, with both as written
    cases.put("source: csv, path: cols.csv, target: [y, last]",
        List.of("data.train.target[1] (line 3, col ", "target column \"y\" is named twice (y and last)",
            "Allowed: each target column once"));
    // a held-out file without the target the training source picks by "last": named by its name
    Files.writeString(tmp.resolve("last.csv"), "width,height,y\n1,2,0\n3,4,1\n");
    Files.writeString(tmp.resolve("nolast.csv"), "width,height\n1,2\n");
    cases.put("source: csv, path: last.csv, task: classification}\n  test: {source: csv, path: nolast.csv",
        List.of("data.test (line 4, col ", "column \"y\" is not in the header of nolast.csv"));
    // a tab-separated file read right whose names hold commas: no word of commas for a column it lacks
    Files.writeString(tmp.resolve("right.tsv"), "width, cm\theight, cm\ty\n1\t2\t0\n3\t4\t1\n");
    cases.put("source: csv, path: right.tsv, target: z", List.of("column \"z\" is not in the header of right.tsv\n"));
    Path runs = tmp.resolve("runs");
    for (Map.Entry<String, List<String>> c : cases.entrySet()) {
      Path yaml = experiment(c.getKey());
      for (String command : List.of("train", "validate")) {
        Cli.Outcome t = command.equals("train") ? Cli.run("train", yaml.toString(), "--output", runs.toString())
            : Cli.run("validate", yaml.toString());
        assertEquals(2, t.code(), t.describe());
        for (String part : c.getValue()) {
          assertTrue(t.err().contains(part), c.getKey() + " → " + t.err());
        }
        assertTrue(t.err().contains("1 problem"), t.err());
        assertFalse(t.err().contains("Exception"), t.err());
      }
      assertFalse(Files.exists(runs));
    }
  }

  @Test
  void missingMeanWithoutATrainingValueIsRefusedByTrainAndValidateAndNothingIsWritten() throws Exception {
    Path train = tmp.resolve("train.csv");
    Files.writeString(train, "a,b,kind\n1,NA,cat\n2,,dog\n3,NA,cat\n4,NA,dog\n");
    Files.writeString(tmp.resolve("test.csv"), "a,b,kind\n1,7,dog\n2,8,cat\n");
    Path yaml = experiment("source: csv, path: train.csv, target: kind, task: classification, missing: mean}\n"
        + "  test: {source: csv, path: test.csv, target: kind, task: classification");
    Path runs = tmp.resolve("runs");
    String expected = "nn: " + train + ": column \"b\" has no value in any training row; missing: mean needs at least"
        + " one to take the mean of\n";
    Cli.Outcome t = Cli.run("train", yaml.toString(), "--output", runs.toString());
    assertEquals(2, t.code(), t.describe());
    assertEquals(expected, t.err());
    assertFalse(Files.exists(runs));
    Cli.Outcome v = Cli.run("validate", yaml.toString());
    assertEquals(2, v.code(), v.describe());
    assertEquals(expected, v.err());
  }

  @Test
  void aSemicolonFileTrainsAndPredictsAsItsCommaTwin() throws Exception {
    Files.writeString(tmp.resolve("eu.csv"), pandasIris().replace(",\"petal, length\",", ",\"petal; length\",")
        .replace(',', ';'));
    Path yaml = experiment("source: csv, path: eu.csv, target: species, task: classification");
    Path runs = tmp.resolve("runs");
    Cli.Outcome t = Cli.run("train", yaml.toString(), "--output", runs.toString());
    assertEquals(0, t.code(), t.describe());
    Path run = Cli.onlyRun(runs);
    Path rows = tmp.resolve("rows.tsv");
    Files.writeString(rows, "sepal length\tsepal width\tpetal; length\tpetal_width\n5.1\t3.5\t1.4\t0.2\n");
    Path out = tmp.resolve("out.csv");
    Cli.Outcome p = Cli.run("predict", run.resolve("model.nnm").toString(), "--input", rows.toString(), "--output",
        out.toString());
    assertEquals(0, p.code(), p.describe());
    assertTrue(Files.readString(out).contains("setosa"), Files.readString(out));
  }

  @Test
  void aDecimalCommaIsRefusedByTrainWithTheNumberToWriteAndNothingIsWritten() throws Exception {
    Path csv = tmp.resolve("eu.csv");
    Files.writeString(csv, "a;b;kind\n1;2;cat\n3,5;4;dog\n");
    Path yaml = experiment("source: csv, path: eu.csv, target: kind, task: classification");
    Path runs = tmp.resolve("runs");
    Cli.Outcome t = Cli.run("train", yaml.toString(), "--output", runs.toString());
    assertEquals(2, t.code(), t.describe());
    assertEquals("nn: " + csv + ":3: column \"a\": \"3,5\" is not a number; values are decimal numbers such as 3,"
        + " -0.5 or 1e-3; a decimal comma is not read: write 3.5\n", t.err());
    assertFalse(Files.exists(runs));
  }
}
