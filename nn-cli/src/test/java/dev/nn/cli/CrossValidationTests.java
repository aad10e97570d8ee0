package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn train EXPERIMENT --folds K} as a user runs it: K runs, run i testing on fold i, tabled as a sweep, and
 * one line with the mean and standard deviation of their figures, recomputed here from the runs' own lines.
 */
class CrossValidationTests {
  @TempDir
  Path tmp;

  private static double figure(String line, String metric) {
    return Double.parseDouble(line.replaceAll(".*" + metric + " ([0-9.]+).*", "$1"));
  }

  /** The mean and the sample standard deviation (n − 1). */
  private static double[] meanAndSd(List<Double> v) {
    double mean = v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
    double sq = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
    return new double[] {mean, Math.sqrt(sq / (v.size() - 1))};
  }

  /** The mean and spread a summary gives after "{@code what} rmse". */
  private static double[] printed(String summary, String what) {
    String[] parts = summary.replaceAll(".*" + what + " rmse ([0-9.]+) ± ([0-9.]+).*", "$1 $2").split(" ");
    return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
  }

  @Test
  void threeFoldsTrainThreeRunsAndGiveTheMeanAndSpreadOfTheirFigures() throws Exception {
    Path out = tmp.resolve("cv");
    Cli.Outcome o = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--folds", "3", "--set",
        "training.epochs=5", "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> tests = o.outLines("test ");
    List<String> validations = o.outLines("validation ");
    assertEquals(3, tests.size(), o.out());
    List<Double> testRmse = new ArrayList<>();
    List<Double> validationRmse = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      testRmse.add(figure(tests.get(i), "rmse"));
      validationRmse.add(figure(validations.get(i), "rmse"));
    }
    List<String> summaries = o.outLines("cross-validation:");
    assertEquals(1, summaries.size(), o.out());
    String summary = summaries.get(0);
    assertTrue(summary.matches("cross-validation: 3 of 3 folds completed; test rmse [0-9.]+ ± [0-9.]+;"
        + " validation rmse [0-9.]+ ± [0-9.]+"), summary);
    // the runs' lines give six digits: their mean and spread agree with the summary's to about that
    double[] test = meanAndSd(testRmse);
    double[] validation = meanAndSd(validationRmse);
    assertEquals(test[0], printed(summary, "test")[0], 1e-5 * test[0]);
    assertEquals(test[1], printed(summary, "test")[1], 1e-3);
    assertEquals(validation[0], printed(summary, "validation")[0], 1e-5 * validation[0]);
    assertEquals(validation[1], printed(summary, "validation")[1], 1e-3);
    // told as a cross-validation of folds, not as a sweep of points, and its count said once
    assertTrue(o.out().startsWith("cross-validation of 3 folds into "), o.out());
    assertEquals(List.of("fold 1/3: data.test={fold: 0, of: 3}", "fold 2/3: data.test={fold: 1, of: 3}",
        "fold 3/3: data.test={fold: 2, of: 3}"), o.outLines("fold "));
    assertFalse(o.out().contains("point"), o.out());

    // each run holds out its own fold, as its experiment.yaml records; the sweep table ends with the summary
    List<Path> runs;
    try (Stream<Path> s = Files.list(out)) {
      runs = s.filter(p -> Files.exists(p.resolve(RunDirectory.EXPERIMENT))).sorted().toList();
    }
    assertEquals(3, runs.size());
    List<String> folds = new ArrayList<>();
    for (Path run : runs) {
      String experiment = Files.readString(run.resolve(RunDirectory.EXPERIMENT));
      folds.add(experiment.replaceAll("(?s).*\n  test: (\\{[^}]*}).*", "$1"));
    }
    assertEquals(List.of("{fold: 0, of: 3}", "{fold: 1, of: 3}", "{fold: 2, of: 3}"), folds.stream().sorted().toList());
    Path sweep;
    try (Stream<Path> s = Files.list(out)) {
      sweep = s.filter(p -> p.getFileName().toString().startsWith("penguins-sweep-")).findFirst().orElseThrow();
    }
    List<String> md = Files.readAllLines(sweep.resolve("sweep.md"));
    assertEquals(summary, md.get(md.size() - 1));
    assertTrue(md.contains("| `data.test` | status | run directory | validation | test | message |"), md.toString());
    // the folds table says what the command says: a cross-validation of folds
    assertTrue(md.get(0).startsWith("# Cross-validation penguins"), md.toString());
    assertTrue(md.contains("3 of 3 folds done."), md.toString());
  }

  @Test
  void aSweepOfSeedsAloneEndsWithTheMeanAndSpreadToo() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--sweep", "seed=1,2",
        "--set", "training.epochs=5", "--output", tmp.resolve("seeds").toString());
    assertEquals(0, o.code(), o.describe());
    List<Double> rmse = o.outLines("test ").stream().map(l -> figure(l, "rmse")).toList();
    assertEquals(2, rmse.size());
    String summary = o.outLines("seeds:").get(0);
    assertTrue(summary.startsWith("seeds: 2 of 2 runs completed; test rmse "), summary);
    assertEquals(meanAndSd(rmse)[0], printed(summary, "test")[0], 1e-5 * rmse.get(0));
    assertEquals(meanAndSd(rmse)[1], printed(summary, "test")[1], 1e-3);
    // a sweep of anything else is a comparison, not repeated measurements: no such line
    Cli.Outcome rates = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--sweep",
        "optimizer.learning-rate=0.01,0.02", "--set", "training.epochs=2", "--output", tmp.resolve("rates").toString());
    assertEquals(0, rates.code(), rates.describe());
    assertEquals(List.of(), rates.outLines("seeds:"));
    assertEquals(List.of(), rates.outLines("cross-validation:"));
  }

  /**
   * The folds' line is a cross-validation's end: one whose folds did not all complete says how the others ended
   * there, rather than in a second line counting the folds again, and the figures are the completed folds'.
   */
  @Test
  void theFoldsLineSaysHowTheFoldsThatDidNotCompleteEnded() {
    java.util.function.Function<String, dev.nn.core.sweep.SweepTable.Row> row = status ->
        new dev.nn.core.sweep.SweepTable.Row(List.of("{fold: 0, of: 4}"), status, "",
            status.equals("completed") ? new dev.nn.core.sweep.SweepTable.Figure("rmse", 2.0) : null,
            status.equals("completed") ? new dev.nn.core.sweep.SweepTable.Figure("rmse", 3.0) : null, "");
    assertEquals("cross-validation: 1 of 4 folds completed, 2 diverged, 1 failed; test rmse 3.00000; validation rmse 2.00000",
        SweepRunner.spreadSummary("cross-validation", "folds", List.of(row.apply("diverged"),
            row.apply("completed"), row.apply("failed"), row.apply("diverged"))));
    assertEquals("seeds: 2 of 2 runs completed; test rmse 3.00000 ± 0.00000; validation rmse 2.00000 ± 0.00000",
        SweepRunner.spreadSummary("seeds", "runs", List.of(row.apply("completed"), row.apply("completed"))));
  }

  /**
   * A spark training source's hold-outs are split off it by a fraction: --folds is refused in one line naming it, not
   * in three reports blaming a --sweep the user never gave, one per fold.
   */
  @Test
  void foldsOfASparkSourceAreOneLineNamingFolds() throws Exception {
    Path iris = Cli.EXAMPLES.resolve("data/iris.csv").toAbsolutePath();
    Path table = Files.writeString(tmp.resolve("sp.yaml"), String.join("\n",
        "data:",
        "  train: {source: spark, format: csv, path: " + iris + ", target: target, task: classification}",
        "network: {layers: [{units: auto}, {units: auto, activation: identity}]}",
        "loss: softmax-cross-entropy",
        "distributed: {master: \"local[2]\"}", ""));
    Cli.Outcome o = Cli.run("train", table.toString(), "--folds", "3", "--output", tmp.resolve("fo").toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: --folds 3 tests each run on a fold of data.train, but the training source of " + table + " is a"
        + " spark table, whose hold-outs are split off it by a fraction where its rows lie (data.test: {split: f}), not"
        + " by folds; cross-validate a csv or idx source, or train without --folds\n", o.err());
    assertFalse(Files.exists(tmp.resolve("fo")), "nothing written");
  }

  /** A test file kept for a final test is not what the folds test on: the command says it is not read. */
  @Test
  void foldsSayThatTheExperimentsOwnTestFileIsNotUsed() throws Exception {
    String testFile = Cli.EXAMPLES.resolve("data").resolve("penguins.csv").toString();
    Cli.Outcome o = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--folds", "2", "--set",
        "training.epochs=1", "--set", "data.test={source: csv, path: " + testFile + "}", "--output",
        tmp.resolve("cv").toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.err().contains("nn: note: --folds tests each run on a fold of data.train; data.test, a csv source ("
        + Path.of(testFile).toAbsolutePath().normalize() + "), is not used. Without --folds the run tests on it\n"),
        o.err());
    assertEquals(1, o.outLines("cross-validation: 2 of 2 folds completed").size(), o.out());
    assertTrue(o.out().contains("\nfolds table    " + tmp.resolve("cv")), o.out());
    // a test split of data.train is what the folds replace as a matter of course: no note
    Cli.Outcome split = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--folds", "2", "--set",
        "training.epochs=1", "--output", tmp.resolve("cv2").toString());
    assertEquals(0, split.code(), split.describe());
    assertFalse(split.err().contains("note: --folds"), split.err());
  }

  @Test
  void aFoldCountOutOfRangeAndFoldsWithASweepAreRefused() throws Exception {
    Cli.Outcome one = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--folds", "1", "--output",
        tmp.resolve("never").toString());
    assertEquals(2, one.code(), one.describe());
    assertTrue(one.err().startsWith("nn: --folds must be from 2 to 100, found 1"), one.err());
    Cli.Outcome sweep = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--folds", "3", "--sweep",
        "data.test.split=0.1,0.2", "--output", tmp.resolve("never").toString());
    assertEquals(2, sweep.code(), sweep.describe());
    assertTrue(sweep.err().contains("--folds sweeps data.test over its folds; a --sweep of data.test cannot go with"
        + " it"), sweep.err());
    Cli.Outcome resume = Cli.run("train", "--resume", tmp.toString(), "--folds", "3");
    assertEquals(2, resume.code(), resume.describe());
    assertTrue(resume.err().contains("--folds trains one new run per fold, a sweep of data.test; it cannot be"
        + " combined with --resume"), resume.err());
    assertFalse(Files.exists(tmp.resolve("never")), "nothing trained");
  }

  @Test
  void foldsWithASweepCrossValidateEachPointOfIt() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.EXAMPLES.resolve("penguins.yaml").toString(), "--folds", "2", "--sweep",
        "optimizer.learning-rate=0.01,0.02", "--set", "training.epochs=3", "--output", tmp.resolve("grid").toString());
    assertEquals(0, o.code(), o.describe());
    // the folds vary fastest: points 1-2 are the first rate's folds, 3-4 the second's
    assertEquals(List.of("sweep point 1/4: optimizer.learning-rate=0.01 data.test={fold: 0, of: 2}",
        "sweep point 2/4: optimizer.learning-rate=0.01 data.test={fold: 1, of: 2}",
        "sweep point 3/4: optimizer.learning-rate=0.02 data.test={fold: 0, of: 2}",
        "sweep point 4/4: optimizer.learning-rate=0.02 data.test={fold: 1, of: 2}"), o.outLines("sweep point"));
    List<Double> rmse = o.outLines("test ").stream().map(l -> figure(l, "rmse")).toList();
    List<String> summaries = o.outLines("cross-validation");
    assertEquals(2, summaries.size(), o.out());
    for (int p = 0; p < 2; p++) {
      String summary = summaries.get(p);
      assertTrue(summary.startsWith("cross-validation of optimizer.learning-rate=0.0" + (p + 1)
          + ": 2 of 2 folds completed; test rmse "), summary);
      double[] expected = meanAndSd(rmse.subList(2 * p, 2 * p + 2));
      assertEquals(expected[0], printed(summary, "test")[0], 1e-5 * expected[0]);
      assertEquals(expected[1], printed(summary, "test")[1], 1e-3);
    }
  }
}
