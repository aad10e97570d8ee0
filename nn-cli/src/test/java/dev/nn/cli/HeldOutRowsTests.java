package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code held-out-rows.csv} as a user uses it: the rows it names, cut from the training file, are the rows the run
 * tested and validated on, so {@code nn evaluate} on them prints the run's own test and validation figures.
 */
class HeldOutRowsTests {
  private static final Path DIABETES_CSV = Cli.EXAMPLES.resolve("data").resolve("diabetes.csv");

  @TempDir
  Path tmp;

  @Test
  void theRowsItNamesAreTheRowsTheRunTestedAndValidatedOn() throws Exception {
    Path out = tmp.resolve("runs");
    Cli.Outcome run = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=3", "--set", "training.early-stopping=false", "--output", out.toString());
    assertEquals(0, run.code(), run.describe());
    Path dir = Cli.onlyRun(out);
    List<String> lines = Files.readAllLines(dir.resolve("held-out-rows.csv"));
    assertEquals("row,part", lines.get(0));
    List<Integer> validation = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    int previous = -1;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      int row = Integer.parseInt(f[0]);
      assertTrue(row > previous, "rows in increasing order, each once: " + line);
      previous = row;
      (f[1].equals("test") ? test : validation).add(row);
      assertTrue(f[1].equals("test") || f[1].equals("validation"), line);
    }
    // diabetes.yaml's 442 rows: 88 test, 44 validation, as data.md counts them
    assertEquals(88, test.size());
    assertEquals(44, validation.size());
    assertTrue(previous < 442);

    List<String> file = Files.readAllLines(DIABETES_CSV);
    String testFigures = figures(run.outLines("test ").get(0));
    Cli.Outcome onTest = Cli.run("evaluate", dir.resolve("model.nnm").toString(), "--data",
        rowsOf(file, test, "test.csv").toString());
    assertEquals(0, onTest.code(), onTest.describe());
    assertTrue(onTest.out().contains(": 88 rows\n"), onTest.out());
    assertEquals(testFigures, figures(onTest.out()));
    // without early stopping the model is the last epoch's, whose validation line the run printed last
    List<String> epochs = run.outLines("epoch 3/3");
    String lastValidation = epochs.get(0).replaceAll(".*val-rmse ([0-9.]+).*", "$1");
    Cli.Outcome onValidation = Cli.run("evaluate", dir.resolve("model.nnm").toString(), "--data",
        rowsOf(file, validation, "validation.csv").toString());
    assertEquals(0, onValidation.code(), onValidation.describe());
    assertTrue(onValidation.out().contains("rmse      " + lastValidation + "\n"), onValidation.out() + "\n" + epochs);
  }

  /**
   * With {@code missing: drop} the numbers are still the file's: a row left out for its missing value is counted,
   * so the rows named, cut from the file, are the rows tested on, and no named row is one that was dropped.
   */
  @Test
  void rowsLeftOutForMissingValuesAreCountedAsTheFileNumbersItsRows() throws Exception {
    List<String> file = new ArrayList<>(Files.readAllLines(DIABETES_CSV));
    Set<Integer> dropped = new HashSet<>();
    // a missing value in the first column of every 7th data row, and the first
    for (int r = 0; r < file.size() - 1; r += 7) {
      file.set(r + 1, "NA" + file.get(r + 1).substring(file.get(r + 1).indexOf(',')));
      dropped.add(r);
    }
    Path holed = tmp.resolve("holed.csv");
    Files.write(holed, file);
    Path out = tmp.resolve("runs");
    Cli.Outcome run = Cli.run("train", Cli.DIABETES, "--set", "data.train.path=" + holed, "--set",
        "data.train.missing=drop", "--set", "training.epochs=2", "--set", "training.early-stopping=false",
        "--output", out.toString());
    assertEquals(0, run.code(), run.describe());
    assertTrue(run.err().contains(dropped.size() + " rows with a missing value left out"), run.err());
    Path dir = Cli.onlyRun(out);
    List<Integer> test = new ArrayList<>();
    List<String> lines = Files.readAllLines(dir.resolve("held-out-rows.csv"));
    for (String line : lines.subList(1, lines.size())) {
      int row = Integer.parseInt(line.split(",")[0]);
      assertFalse(dropped.contains(row), "a dropped row named: " + line);
      if (line.endsWith(",test")) {
        test.add(row);
      }
    }
    Cli.Outcome onTest = Cli.run("evaluate", dir.resolve("model.nnm").toString(), "--data",
        rowsOf(file, test, "test.csv").toString());
    assertEquals(0, onTest.code(), onTest.describe());
    assertEquals(figures(run.outLines("test ").get(0)), figures(onTest.out()));
  }

  /**
   * A float32 run's test figures are its model's on those rows, as {@code nn evaluate} computes them, even for a
   * column large next to its spread (timestamps near 1.7e9 varying by 400 s, on float32's grid of 128 there):
   * training standardises the values as read before rounding them, as the model's predictions do.
   */
  @Test
  void aFloat32RunsTestFiguresAreItsModelsOnThoseRows() throws Exception {
    List<String> file = new ArrayList<>(List.of("t,noise,y"));
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 400; i++) {
      file.add((1.7e9 + i) + "," + random.nextDouble() + "," + Math.sin(i / 60.0));
    }
    Path stamps = tmp.resolve("stamps.csv");
    Files.write(stamps, file);
    Path yaml = Files.writeString(tmp.resolve("stamps.yaml"), "name: stamps\nseed: 5\n"
        + "data:\n  train: {source: csv, path: " + stamps + ", target: y, task: regression}\n"
        + "  validation: {split: 0.1}\n  test: {split: 0.2}\n"
        + "network:\n  layers: [{units: auto}, {units: 8, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: squared\noptimizer: {name: adam, learning-rate: 0.02}\n"
        + "training: {epochs: 30, batch-size: 16, early-stopping: false}\ncompute: {precision: float32}\n");
    Path out = tmp.resolve("runs");
    Cli.Outcome run = Cli.run("train", yaml.toString(), "--output", out.toString());
    assertEquals(0, run.code(), run.describe());
    Path dir = Cli.onlyRun(out);
    List<Integer> test = new ArrayList<>();
    List<String> lines = Files.readAllLines(dir.resolve("held-out-rows.csv"));
    for (String line : lines.subList(1, lines.size())) {
      if (line.endsWith(",test")) {
        test.add(Integer.parseInt(line.split(",")[0]));
      }
    }
    Cli.Outcome onTest = Cli.run("evaluate", dir.resolve("model.nnm").toString(), "--data",
        rowsOf(file, test, "test.csv").toString());
    assertEquals(0, onTest.code(), onTest.describe());
    String figures = figures(run.outLines("test ").get(0));
    assertEquals(figures, figures(onTest.out()));
    assertTrue(Double.parseDouble(figures.replaceAll(".*r2 (-?[0-9.]+).*", "$1")) > 0.9, figures);
  }

  @Test
  void aRunThatHoldsNoRowOutWritesNoFile() throws Exception {
    Path out = tmp.resolve("runs");
    Cli.Outcome run = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=1", "--set", "training.early-stopping=false", "--set",
        "data.validation.split=0", "--set", "data.test.split=0", "--output", out.toString());
    assertEquals(0, run.code(), run.describe());
    assertFalse(Files.exists(Cli.onlyRun(out).resolve("held-out-rows.csv")));
  }

  /** Each fold's test rows are its own, and together the folds test every row once. */
  @Test
  void theFoldsTestRowsCoverTheFileOnce() throws Exception {
    Path out = tmp.resolve("cv");
    Cli.Outcome o = Cli.run("train", Cli.DIABETES, "--folds", "3", "--set", "training.epochs=1", "--set", "training.early-stopping=false", "--set",
        "data.validation.split=0", "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    Set<Integer> tested = new HashSet<>();
    int count = 0;
    // the fold's run directories, beside the sweep's folder
    try (var dirs = Files.list(out)) {
      for (Path dir : dirs.filter(d -> Files.exists(d.resolve("model.nnm"))).toList()) {
        List<String> lines = Files.readAllLines(dir.resolve("held-out-rows.csv"));
        for (String line : lines.subList(1, lines.size())) {
          assertTrue(line.endsWith(",test"), "no validation split: " + line);
          tested.add(Integer.parseInt(line.split(",")[0]));
          count++;
        }
      }
    }
    assertEquals(442, count, "three folds of 147 or 148 rows");
    assertEquals(442, tested.size());
  }

  /**
   * {@code data.split-seed} holds the held-out rows while {@code seed} varies the initial weights and the order:
   * runs of seeds 1 and 2 with split seed 42 hold out the rows a run of seed 42 does, and end with other weights.
   */
  @Test
  void aSplitSeedHoldsTheRowsWhileTheSeedChangesTheWeights() throws Exception {
    List<byte[]> rows = new ArrayList<>();
    List<byte[]> models = new ArrayList<>();
    for (String[] sets : List.of(new String[] {"seed=1", "data.split-seed=42"}, new String[] {"seed=2",
        "data.split-seed=42"}, new String[] {"seed=42", "training.epochs=2"})) {
      Path out = tmp.resolve(sets[0]);
      Cli.Outcome run = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=2", "--set", sets[0], "--set",
          sets[1], "--output", out.toString());
      assertEquals(0, run.code(), run.describe());
      Path dir = Cli.onlyRun(out);
      rows.add(Files.readAllBytes(dir.resolve("held-out-rows.csv")));
      models.add(Files.readAllBytes(dir.resolve("model.nnm")));
    }
    assertArrayEquals(rows.get(0), rows.get(1));
    assertArrayEquals(rows.get(2), rows.get(0), "split seed 42 splits as seed 42 does");
    assertFalse(java.util.Arrays.equals(models.get(0), models.get(1)), "other initial weights, other models");
    Cli.Outcome otherSplit = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=1", "--set", "seed=1",
        "--output", tmp.resolve("own").toString());
    assertEquals(0, otherSplit.code(), otherSplit.describe());
    assertFalse(java.util.Arrays.equals(rows.get(0),
        Files.readAllBytes(Cli.onlyRun(tmp.resolve("own")).resolve("held-out-rows.csv"))), "without it, the seed splits");
    Cli.Outcome bad = Cli.run("validate", Cli.DIABETES, "--set", "data.split-seed=0.5");
    assertEquals(2, bad.code(), bad.describe());
    assertTrue(bad.err().contains("data.split-seed: expected an integer"), bad.err());
  }

  /** "loss 3944.27  rmse 62.8034  mae 52.8059  r2 0.3473" from a run's test line or evaluate's table. */
  private static String figures(String text) {
    StringBuilder s = new StringBuilder();
    for (String metric : List.of("rmse", "mae", "r2")) {
      s.append(metric).append(' ').append(text.replaceAll("(?s).*\\b" + metric + " +(-?[0-9.]+).*", "$1")).append(' ');
    }
    return s.toString();
  }

  private Path rowsOf(List<String> file, List<Integer> rows, String name) throws Exception {
    List<String> lines = new ArrayList<>(List.of(file.get(0)));
    rows.stream().sorted().forEach(r -> lines.add(file.get(r + 1)));
    Path csv = tmp.resolve(name);
    Files.write(csv, lines);
    return csv;
  }
}
