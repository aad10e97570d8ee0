package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.Json;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn runs} over run directories written by hand: summaries, and older runs without one. */
class RunsCommandTests {
  @TempDir
  Path tmp;

  /** A run directory with a summary.json in the shared format. */
  static Path summarized(Path dir, String status, String started, double valAccuracy, String test,
      String overrides) throws Exception {
    Files.createDirectories(dir.resolve("checkpoints"));
    Files.writeString(dir.resolve("experiment.yaml"), "name: xor\nseed: 7\n");
    Files.writeString(dir.resolve("summary.json"), """
        {
          "format": 1,
          "name": "xor",
          "status": "%s",
          "message": %s,
          "started": "%s",
          "ended": "2026-12-03T01:00:12.5Z",
          "duration_seconds": 12.5,
          "epochs_planned": 40, "epochs": 12, "updates": 600, "best_epoch": 11,
          "train": {"loss": 0.0123},
          "validation": {"loss": 0.2, "accuracy": %s},
          "test": %s,
          "seed": 7,
          "overrides": [%s],
          "nn_version": "0.1.0-SNAPSHOT",
          "git_commit": null,
          "host": "box",
          "a_key_from_a_later_format": {"ignored": [1, 2]}
        }
        """.formatted(status, status.equals("failed") ? "\"data file missing\"" : "null", started, valAccuracy,
        test, overrides));
    return dir;
  }

  /** A run directory as nn wrote them before summaries: metrics, provenance, status, maybe a model. */
  static Path legacy(Path dir, boolean model, String state) throws Exception {
    Files.createDirectories(dir.resolve("checkpoints"));
    Files.writeString(dir.resolve("experiment.yaml"), "name: iris\nseed: 3\ntraining: {epochs: 3, batch-size: 8,"
        + " early-stopping: {patience: 3, monitor: val-loss}}\n");
    Files.writeString(dir.resolve("metrics.csv"), """
        epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,val_rmse,val_mae,val_r2,seconds
        1,10,0.1,0.9,0.8,0.6,,,,0.5
        2,20,0.1,0.5,0.4,0.85,,,,0.5
        3,30,0.1,0.3,0.45,0.8,,,,0.5
        """);
    Files.writeString(dir.resolve("provenance.yaml"), """
        nn-version: 0.1.0
        random: {algorithm: L64X128MixRandom, seed: 3}
        command-line: [nn, train, iris.yaml, --set, optimizer.learning-rate=0.1, --output, runs]
        started: '2026-12-03T00:30:00Z'
        ended: '2026-12-03T00:32:05Z'
        """);
    if (state != null) {
      Files.writeString(dir.resolve("status.yaml"), "state: " + state + "\nmessage: the loss became NaN\n");
    }
    if (model) {
      Files.writeString(dir.resolve("model.nnm"), "not read");
    }
    return dir;
  }

  private Path fixtures() throws Exception {
    Path runs = tmp.resolve("runs");
    summarized(runs.resolve("xor-a"), "completed", "2026-12-03T01:00:00Z", 0.9, "{\"loss\": 0.3, \"accuracy\": 0.88}",
        "\"optimizer.learning-rate=0.1\"");
    summarized(runs.resolve("xor-b"), "failed", "2026-12-03T02:00:00Z", 0.95, "null", "");
    legacy(runs.resolve("older").resolve("iris-c"), true, "finished");
    Files.createDirectories(runs.resolve("not-a-run").resolve("empty"));
    return runs;
  }

  @Test
  void tablesEveryRunOneAndTwoLevelsDownSortedByStart() throws Exception {
    Path runs = fixtures();
    Cli.Outcome o = Cli.run("runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    assertEquals(4, lines.size(), o.out());
    assertTrue(lines.get(0).matches("RUN +STATUS +STARTED +DURATION +OVERRIDES +VALIDATION +TEST"), lines.get(0));
    assertTrue(lines.get(1).startsWith("older/iris-c "), lines.get(1));
    assertTrue(lines.get(1).matches(".*completed .*2m05s +optimizer.learning-rate=0.1 +acc 0.8500 +-"), lines.get(1));
    assertTrue(lines.get(2).matches("xor-a +completed .*13s +optimizer.learning-rate=0.1 +acc 0.9000 +acc 0.8800"),
        lines.get(2));
    assertTrue(lines.get(3).matches("xor-b +failed .*13s +- +acc 0.9500 +-"), lines.get(3));
  }

  @Test
  void sortsByValidationDescendingWithMinusOrReverse() throws Exception {
    Path runs = fixtures();
    for (String[] args : List.of(new String[] {"runs", runs.toString(), "--sort", "-val"},
        new String[] {"runs", runs.toString(), "--sort", "val", "--reverse"})) {
      Cli.Outcome o = Cli.run(args);
      assertEquals(0, o.code(), o.describe());
      List<String> names = o.out().lines().skip(1).map(l -> l.split(" ")[0]).toList();
      assertEquals(List.of("xor-b", "xor-a", "older/iris-c"), names);
    }
    Cli.Outcome byTest = Cli.run("runs", runs.toString(), "--sort", "test");
    // runs without test figures come last, in path order
    assertEquals(List.of("xor-a", "older/iris-c", "xor-b"),
        byTest.out().lines().skip(1).map(l -> l.split(" ")[0]).toList());
  }

  /** Accuracies and RMSEs do not compare: sorted by a figure, each metric's runs are listed together. */
  @Test
  void aFolderOfClassifiersAndRegressionsSortsEachMetricsRunsTogether() throws Exception {
    Path runs = tmp.resolve("mixed");
    summarized(runs.resolve("xor-a"), "completed", "2026-12-03T01:00:00Z", 0.9, "null", "");
    summarized(runs.resolve("xor-b"), "completed", "2026-12-03T02:00:00Z", 0.95, "null", "");
    for (String[] reg : List.of(new String[] {"reg-c", "50.5"}, new String[] {"reg-d", "0.5"})) {
      Path summary = summarized(runs.resolve(reg[0]), "completed", "2026-12-03T03:00:00Z", 0.1, "null", "")
          .resolve("summary.json");
      Files.writeString(summary, Files.readString(summary).replace("\"accuracy\": 0.1", "\"rmse\": " + reg[1]));
    }
    Cli.Outcome down = Cli.run("runs", runs.toString(), "--sort", "-val");
    assertEquals(0, down.code(), down.describe());
    assertEquals(List.of("xor-b", "xor-a", "reg-c", "reg-d"), down.out().lines().skip(1).map(l -> l.split(" ")[0])
        .toList(), down.out());
    assertTrue(down.out().contains("rmse 50.5000"), down.out());
    Cli.Outcome up = Cli.run("runs", runs.toString(), "--sort", "val");
    assertEquals(List.of("xor-a", "xor-b", "reg-d", "reg-c"), up.out().lines().skip(1).map(l -> l.split(" ")[0])
        .toList(), up.out());
  }

  @Test
  void jsonIsTheSummariesWithTheirDirectories() throws Exception {
    Path runs = fixtures();
    Cli.Outcome o = Cli.run("runs", runs.toString(), "--json", "--sort", "name");
    assertEquals(0, o.code(), o.describe());
    List<?> all = (List<?>) Json.parse(o.out());
    assertEquals(3, all.size());
    Map<?, ?> legacy = (Map<?, ?>) all.get(0);
    assertEquals(runs.resolve("older").resolve("iris-c").toString(), legacy.get("directory"));
    assertEquals("completed", legacy.get("status"));
    assertEquals(List.of("optimizer.learning-rate=0.1"), legacy.get("overrides"));
    assertEquals(2L, legacy.get("best_epoch"));
    assertEquals(Map.of("loss", 0.4, "accuracy", 0.85), legacy.get("validation"));
    assertEquals(125.0, legacy.get("duration_seconds"));
    assertEquals("2026-12-03T00:30:00Z", legacy.get("started"));
    Map<?, ?> failed = (Map<?, ?>) all.get(2);
    assertEquals("failed", failed.get("status"));
    assertEquals("data file missing", failed.get("message"));
    assertEquals(600L, failed.get("updates"));
  }

  @Test
  void anOlderRunsStatusComesFromItsModelElseStatusYamlElseUnknown() throws Exception {
    Path runs = tmp.resolve("runs");
    legacy(runs.resolve("a"), false, "diverged");
    legacy(runs.resolve("b"), false, null);
    legacy(runs.resolve("c"), true, "diverged");
    Cli.Outcome o = Cli.run("runs", runs.toString(), "--sort", "name");
    List<String> statuses = o.out().lines().skip(1).map(l -> l.split(" +")[1]).toList();
    assertEquals(List.of("diverged", "unknown", "completed"), statuses, o.out());
  }

  /**
   * A finished run whose checkpoints/ was deleted to save room is still a run: listed by nn runs and compared by nn
   * compare (it vanished from both); a folder with an experiment.yaml alone is not one.
   */
  @Test
  void aRunWhoseCheckpointsWereDeletedIsStillListedAndCompared() throws Exception {
    Path runs = tmp.resolve("pruned");
    Path a = summarized(runs.resolve("xor-a"), "completed", "2026-12-03T01:00:00Z", 0.9, "null", "");
    Path b = summarized(runs.resolve("xor-b"), "completed", "2026-12-03T02:00:00Z", 0.95, "null", "");
    Files.delete(a.resolve("checkpoints"));
    Files.createDirectories(runs.resolve("notes"));
    Files.writeString(runs.resolve("notes").resolve("experiment.yaml"), "name: draft\n");
    Cli.Outcome o = Cli.run("runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals(List.of("xor-a", "xor-b"), o.out().lines().skip(1).map(l -> l.split(" +")[0]).toList(), o.out());
    Cli.Outcome compared = Cli.run("compare", a.toString(), b.toString(), "--output",
        tmp.resolve("pruned.html").toString());
    assertEquals(0, compared.code(), compared.describe());
  }

  @Test
  void aRunDirectoryWithOnlyItsExperimentIsListedAsUnknown() throws Exception {
    Path bare = Files.createDirectories(tmp.resolve("runs").resolve("xor-killed").resolve("checkpoints")).getParent();
    Files.writeString(bare.resolve("experiment.yaml"), "name: xor\n");
    Cli.Outcome o = Cli.run("runs", tmp.resolve("runs").toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals(List.of("xor-killed  unknown  -        -         -          -           -"),
        o.out().lines().skip(1).toList());
  }

  @Test
  void fitsATerminalByShorteningTheOverridesKeys() throws Exception {
    Path runs = fixtures();
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "80"), true, "runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    o.out().lines().forEach(l -> assertTrue(l.length() <= 80, l));
    assertTrue(o.out().contains(" learning-rate=0.1 "), o.out());
    assertFalse(o.out().contains("optimizer."), o.out());
    Cli.Outcome piped = Cli.run(Map.of("COLUMNS", "100"), false, "runs", runs.toString());
    assertTrue(piped.out().contains("optimizer.learning-rate=0.1"), piped.out());
  }

  @Test
  void keysOfSeveralWordsGoByTheirInitialsOthersStayWhole() {
    assertEquals(List.of("lr=0.1", "bs=8", "epochs=40", "optimizer.name=sgd", "es=3"),
        RunTable.initials(List.of("learning-rate=0.1", "batch-size=8", "epochs=40", "optimizer.name=sgd",
            "early-stopping=3")));
  }

  /**
   * At 80 columns, long names and a sweep's overrides: every line fits, a name keeps enough to tell the run (its
   * timestamp), the overrides keep every value (keys of several words by their initials), and the duration and the
   * start give way; at 100 the overrides are whole. Wide enough, nothing is cut.
   */
  @Test
  void fitsEightyColumnsByLeavingOutWhatTellsRunsApartLeast() throws Exception {
    Path runs = tmp.resolve("sweep");
    String name = "xor-with-a-rather-long-descriptive-experiment-name-20261204-0329";
    summarized(runs.resolve(name + "06"), "completed", "2026-12-03T01:00:00Z", 0.9, "{\"accuracy\": 0.88}",
        "\"optimizer.learning-rate=0.1\", \"training.batch-size=8\"");
    summarized(runs.resolve(name + "08"), "completed", "2026-12-03T02:00:00Z", 0.95, "{\"accuracy\": 0.9026}",
        "\"optimizer.learning-rate=100\", \"training.batch-size=32\"");
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "80"), true, "runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    lines.forEach(l -> assertTrue(l.length() <= 80, l.length() + ": " + l));
    assertTrue(lines.get(0).matches("RUN +STATUS +OVERRIDES +VALIDATION +TEST"), lines.get(0));
    // a name cut in its middle keeps the timestamp that tells the runs apart; every value of the sweep's points stays
    // (cut at their end, the overrides kept only the first key)
    assertEquals("xor-with-a…name-20261204-032906  completed  lr=0.1 bs=8   acc 0.9000  acc 0.8800", lines.get(1));
    assertEquals("xor-with-a…name-20261204-032908  completed  lr=100 bs=32  acc 0.9500  acc 0.9026", lines.get(2));

    Cli.Outcome hundred = Cli.run(Map.of("COLUMNS", "100"), true, "runs", runs.toString());
    assertTrue(hundred.out().contains("-032908  completed  learning-rate=100 batch-size=32  acc 0.9500"),
        hundred.out());
    Cli.Outcome wide = Cli.run(Map.of("COLUMNS", "250"), true, "runs", runs.toString());
    assertTrue(wide.out().contains(name + "08  completed  2026-12-03 "), wide.out());
    assertTrue(wide.out().contains("optimizer.learning-rate=100 training.batch-size=32"), wide.out());
  }

  /**
   * A folder with a sweep's three points beside other runs, at 80 columns: the values that tell the points apart stay
   * whole, keys by their initials before any value is cut ("epochs=2 batch-size=…" three times), and a name keeps its
   * experiment's name and its time, giving up its folders first ("sw/mni…261205-175644").
   */
  @Test
  void atEightyColumnsASweepsPointsStayToldApart() throws Exception {
    Path runs = sweepAmongOthers();
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "80"), true, "runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    lines.forEach(l -> assertTrue(l.length() <= 80, l.length() + ": " + l + "\n" + o.out()));
    for (String point : List.of("175644", "175649", "175707")) {
      String line = lines.stream().filter(l -> l.contains(point)).findFirst().orElseThrow(() -> new AssertionError(
          point + " in\n" + o.out()));
      assertTrue(line.matches("(sw/|…/)?mnist-\\S*-" + point + " .*"), line + "\n" + o.out());
    }
    for (String size : List.of("64", "128", "256")) {
      assertTrue(o.out().contains(" bs=" + size + " "), "bs=" + size + " in\n" + o.out());
    }
    assertTrue(o.out().contains(" lr=0.01 "), o.out());
  }

  /**
   * Keys of one word give way to their first letter before any override is dropped: a sweep of three keys, each of
   * which tells points apart, keeps all three values ("units=4 activation=relu …" hid the learning rate of every
   * pair of points); two keys of one letter stay whole.
   */
  @Test
  void keysOfOneWordGiveWayToTheirFirstLetterBeforeAnyOverrideIsDropped() {
    assertEquals(List.of("u=4", "a=relu", "lr=0.05"), RunTable.firstLetters(List.of("units=4", "activation=relu",
        "lr=0.05")));
    assertEquals(List.of("epochs=2", "eps=1e-8", "s=7"), RunTable.firstLetters(List.of("epochs=2", "eps=1e-8",
        "seed=7")));
    assertEquals(List.of("s=7", "shuffle=false"), RunTable.firstLetters(List.of("s=7", "shuffle=false")));
  }

  /** A name gives up the folders it shares with its neighbours before its own name is cut. */
  @Test
  void aNameGivesUpItsFoldersBeforeItsOwnName() {
    String name = "sw/mnist-sweep-20261205-175642/mnist-20261205-175644";
    assertEquals(name, RunTable.cutName(name, 60));
    assertEquals("sw/…/mnist-20261205-175644", RunTable.cutName(name, 30));
    assertEquals("…/mnist-20261205-175644", RunTable.cutName(name, 24));
    assertEquals("mnist-…261205-175644", RunTable.cutName(name, 20));
    assertEquals("xor-with-a…name-20261204-032906",
        RunTable.cutName("xor-with-a-rather-long-descriptive-experiment-name-20261204-032906", 31));
  }

  /** A folder holding a sweep's three points and its table, beside runs with longer names and overrides. */
  private Path sweepAmongOthers() throws Exception {
    Path runs = tmp.resolve("docs");
    Path sweep = Files.createDirectories(runs.resolve("sw").resolve("mnist-sweep-20261205-175642"));
    StringBuilder table = new StringBuilder("training.batch-size,status,run_directory,validation_metric,validation,"
        + "test_metric,test,message\n");
    String[][] points = {{"64", "175644", "0.9635"}, {"128", "175649", "0.9562"}, {"256", "175707", "0.9477"}};
    for (String[] point : points) {
      Path run = runs.resolve("sw").resolve("mnist-20261205-" + point[1]);
      summarized(run, "completed", "2026-12-05T17:" + point[1].substring(2, 4) + ":" + point[1].substring(4) + "Z",
          Double.parseDouble(point[2]), "{\"accuracy\": 0.9650}",
          "\"training.epochs=2\", \"optimizer.momentum=0.9\", \"training.batch-size=" + point[0] + "\"");
      table.append(point[0]).append(",completed,").append(run).append(",accuracy,").append(point[2])
          .append(",accuracy,0.965,\n");
    }
    Files.writeString(sweep.resolve("sweep.csv"), table.toString());
    Files.writeString(sweep.resolve("sweep.yaml"), "experiment: mnist.yaml\n");
    summarized(runs.resolve("l2").resolve("linear-regularised-20261205-180000"), "completed",
        "2026-12-05T18:00:00Z", 0.91, "{\"accuracy\": 0.90}",
        "\"network.layers[0].l2=0.001\", \"optimizer.learning-rate=0.01\", \"training.epochs=30\"");
    summarized(runs.resolve("newdir").resolve("xor-with-a-longer-name-20261205-181500"), "interrupted",
        "2026-12-05T18:15:00Z", 0.75, "null", "\"optimizer.momentum=0.95\", \"training.batch-size=4\"");
    return runs;
  }

  /**
   * nn runs SWEEP_FOLDER lists the sweep's points' runs, which are beside the folder, as nn compare takes them; it
   * said "no runs in" the folder.
   */
  @Test
  void aSweepFolderListsItsPointsRuns() throws Exception {
    Path sweep = sweepAmongOthers().resolve("sw").resolve("mnist-sweep-20261205-175642");
    Cli.Outcome o = Cli.run("runs", sweep.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    assertEquals(4, lines.size(), o.out());
    assertTrue(lines.get(1).startsWith("mnist-20261205-175644  completed  "), o.out());
    assertTrue(lines.get(3).startsWith("mnist-20261205-175707  completed  "), o.out());
    assertTrue(lines.get(3).contains("training.epochs=2 optimizer.momentum=0.9 training.batch-size=256"), o.out());
    assertEquals("", o.err());
    // too narrow for every override: the one that tells the points apart stays, those they share give way
    Cli.Outcome narrow = Cli.run(Map.of("COLUMNS", "74"), true, "runs", sweep.toString());
    narrow.out().lines().forEach(l -> assertTrue(l.length() <= 74, l + "\n" + narrow.out()));
    for (String size : List.of("64", "128", "256")) {
      assertTrue(narrow.out().contains(" bs=" + size + " … "), "bs=" + size + " in\n" + narrow.out());
    }
  }

  /**
   * At 40 columns a line per run left a name of 3 characters ("…54") and still wrapped: each run takes two lines,
   * its whole name, then its status and figures indented, and no line is wider than the terminal.
   */
  @Test
  void onAVeryNarrowTerminalEachRunIsItsNameThenItsFigures() throws Exception {
    Path runs = tmp.resolve("narrow");
    summarized(runs.resolve("diabetes-20261205-004702"), "completed", "2026-12-05T00:47:02Z", 0.9,
        "{\"rmse\": 55.28}", "\"optimizer.name=sgd\"");
    summarized(runs.resolve("diabetes-20261205-004754"), "completed", "2026-12-05T00:47:54Z", 0.9,
        "{\"rmse\": 62.80}", "");
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "40"), true, "runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    lines.forEach(l -> assertTrue(l.length() <= 40, l.length() + ": " + l));
    assertEquals("RUN", lines.get(0));
    assertTrue(lines.get(1).matches(" +STATUS +VALIDATION +TEST"), o.out());
    assertEquals("diabetes-20261205-004702", lines.get(2), o.out());
    assertTrue(lines.get(3).matches(" +completed +.* rmse 55\\.28.*"), o.out());
    assertEquals("diabetes-20261205-004754", lines.get(4), o.out());
    // a key whose last part is "name" keeps the part before it: "name=sgd" would read as the run's name
    Cli.Outcome eighty = Cli.run(Map.of("COLUMNS", "80"), true, "runs", runs.toString());
    assertTrue(eighty.out().contains("optimizer.name=sgd"), eighty.out());
  }

  /**
   * At 40 columns the figures of a regression ("rmse 126.598  rmse 131.189"), beside an interrupted run's status, are
   * one character too wide for two spaces between columns: they are set one space apart, whole; a figure was cut to "rmse 131.1…", which reads as another
   * number.
   */
  @Test
  void onAVeryNarrowTerminalAFigureIsNeverCut() throws Exception {
    Path runs = tmp.resolve("regressions");
    // an interrupted run widens the status column by two
    for (String name : List.of("diabetes-20261205-131340", "diabetes-20261205-131342", "diabetes-20261205-131350")) {
      Path run = summarized(runs.resolve(name), name.endsWith("50") ? "interrupted" : "completed",
          "2026-12-05T13:13:40Z", 0.9, "{\"rmse\": 131.189}", "");
      Path summary = run.resolve("summary.json");
      Files.writeString(summary, Files.readString(summary).replace("\"accuracy\": 0.9", "\"rmse\": 126.598"));
    }
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "40"), true, "runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    lines.forEach(l -> assertTrue(l.length() <= 40, l.length() + ": " + l));
    assertFalse(o.out().contains("…"), o.out());
    assertEquals(2, lines.stream().filter(l -> l.matches(" +completed +rmse 126\\.598 rmse 131\\.189")).count(),
        o.out());
  }

  /**
   * Names that differ in their middle and long overrides at 132 columns: the layout that cuts least is taken
   * (here the start and duration go, which the names' timestamps hold), so the names stay told apart.
   */
  @Test
  void namesThatDifferInTheMiddleAreNotCutWhereAColumnCanGo() throws Exception {
    Path runs = tmp.resolve("diabetes");
    summarized(runs.resolve("diabetes-diverged-20261204-041234"), "diverged", "2026-12-04T04:12:34Z", 0.1, "null",
        "\"optimizer={name: sgd, learning-rate: 100}\", \"name=diabetes-diverged\"");
    summarized(runs.resolve("diabetes-sgd-0.1-20261204-041301"), "completed", "2026-12-04T04:13:01Z", 0.2, "null",
        "\"optimizer={name: sgd, learning-rate: 0.1}\", \"name=diabetes-sgd-0.1\"");
    Cli.Outcome o = Cli.run(Map.of("COLUMNS", "132"), true, "runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    o.out().lines().forEach(l -> assertTrue(l.length() <= 132, l.length() + ": " + l));
    assertTrue(o.out().contains("\ndiabetes-diverged-20261204-041234  diverged "), o.out());
    assertTrue(o.out().contains("\ndiabetes-sgd-0.1-20261204-041301   completed "), o.out());
  }

  @Test
  void anEmptyFolderSaysSoAndAMissingOneIsAnError() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Cli.Outcome o = Cli.run("runs", empty.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("no runs in " + empty + " (a run directory holds experiment.yaml, and checkpoints/ or summary.json)\n", o.out());
    Cli.Outcome missing = Cli.run("runs", tmp.resolve("nope").toString());
    assertEquals(2, missing.code());
    assertEquals("nn: " + tmp.resolve("nope") + ": no such folder; expected a folder of run directories\n",
        missing.err());
  }

  @Test
  void anUnknownSortFieldIsAUsageError() throws Exception {
    Cli.Outcome o = Cli.run("runs", tmp.toString(), "--sort", "loss");
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("nn: --sort: \"loss\" is not a field; expected one of name, status, started, val,"
        + " test"), o.err());
  }

  @Test
  void aBrokenSummaryIsNamedAndTheRunListedFromItsOtherFilesWithTheOthers() throws Exception {
    Path run = summarized(tmp.resolve("r"), "completed", "2026-12-03T01:00:00Z", 0.9, "null", "");
    Files.writeString(run.resolve("summary.json"), "{\"format\": 1,");
    Files.writeString(run.resolve("model.nnm"), "not read");
    Path worse = legacy(tmp.resolve("s"), false, null);
    Files.writeString(worse.resolve("summary.json"), "");
    Files.writeString(worse.resolve("experiment.yaml"), "name: [unclosed\n");
    summarized(tmp.resolve("t"), "failed", "2026-12-03T02:00:00Z", 0.5, "null", "");
    Cli.Outcome o = Cli.run("runs", tmp.toString(), "--sort", "name");
    assertEquals(0, o.code(), o.describe());
    List<String> problems = o.err().lines().toList();
    assertEquals(3, problems.size(), o.err());
    assertTrue(problems.get(0).startsWith("nn: " + run.resolve("summary.json") + ": not a run summary: "), o.err());
    assertTrue(problems.get(0).endsWith("; listed from the run's other files"), o.err());
    assertTrue(problems.get(2).startsWith("nn: " + worse.resolve("experiment.yaml") + ": not readable as YAML"),
        o.err());
    assertTrue(problems.get(2).endsWith("; listed as unknown"), o.err());
    List<String> rows = o.out().lines().toList();
    assertEquals(4, rows.size(), o.out());
    assertTrue(rows.stream().anyMatch(l -> l.startsWith("r ") && l.contains("completed")), o.out());
    assertTrue(rows.stream().anyMatch(l -> l.startsWith("s ") && l.contains("unknown")), o.out());
    assertTrue(rows.stream().anyMatch(l -> l.startsWith("t ") && l.contains("failed")), o.out());
  }

  /**
   * A file of a run that is not UTF-8 (an editor's Latin-1 save, a damaged block), or a summary nested thousands deep,
   * is named with where and why, and the other runs are listed: such files broke the whole listing ("Input length =
   * 3", or a stack overflow).
   */
  @Test
  void aRunFileThatIsNotUtf8OrNestedTooDeepIsNamedAndTheOthersListed() throws Exception {
    Path runs = tmp.resolve("bytes");
    Path latin = summarized(runs.resolve("latin"), "completed", "2026-12-03T01:00:00Z", 0.9, "null", "");
    Files.write(latin.resolve("summary.json"), "{\"format\": 1, \"name\": \"sl\u00e9w\"}"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Path deep = summarized(runs.resolve("deep"), "completed", "2026-12-03T01:00:00Z", 0.9, "null", "");
    Files.writeString(deep.resolve("summary.json"), "[".repeat(5000));
    Path legacyLatin = legacy(runs.resolve("old"), true, "finished");
    Files.write(legacyLatin.resolve("status.yaml"), "state: finished\n# caf\u00e9\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    summarized(runs.resolve("fine"), "failed", "2026-12-03T02:00:00Z", 0.5, "null", "");
    Cli.Outcome o = Cli.run("runs", runs.toString(), "--sort", "name");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.err().contains("nn: " + latin.resolve("summary.json") + ": not a run summary: not UTF-8 text: byte"
        + " 0xE9 at line 1, column 26 (byte offset 25) is not valid UTF-8"), o.err());
    assertTrue(o.err().contains("nn: " + deep.resolve("summary.json") + ": not a run summary: objects and arrays"
        + " nested more than 100 deep"), o.err());
    assertTrue(o.err().contains(legacyLatin.resolve("status.yaml") + ": not UTF-8 text: byte 0xE9 at line 2"), o.err());
    assertEquals(4, o.out().lines().count() - 1, o.out());
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("fine ") && l.contains("failed")), o.out());
  }

  /**
   * A summary that is JSON but holds a field nn never writes so ("status": 42, a start that is no time) is told of on
   * stderr and the run described from its other files: it was listed with status 42 and no word.
   */
  @Test
  void aSummaryWithAFieldOfAnotherKindIsToldOfAndTheRunDescribedFromItsFiles() throws Exception {
    Path runs = tmp.resolve("typed");
    Path run = legacy(runs.resolve("iris-g"), true, "finished");
    Files.writeString(run.resolve("summary.json"), "{\"format\": 1, \"status\": 42, \"started\": \"yesterday\","
        + " \"epochs\": \"x\"}");
    Cli.Outcome o = Cli.run("runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.err().contains(run.resolve("summary.json") + ": not a run summary: \"status\" is 42, not one of"
        + " running, completed, diverged, interrupted, failed, unknown; listed from the run's other files"), o.err());
    assertTrue(o.out().lines().anyMatch(l -> l.startsWith("iris-g ") && l.contains("completed")), o.out());
    // a summary without a status ({}, or a format alone) showed the run as unknown, every column a dash, and no word
    for (String empty : List.of("{}", "{\"format\": 1}")) {
      Files.writeString(run.resolve("summary.json"), empty);
      Cli.Outcome e = Cli.run("runs", runs.toString());
      assertEquals(0, e.code(), e.describe());
      assertTrue(e.err().contains(run.resolve("summary.json") + ": not a run summary: it has no \"status\", which"
          + " every summary nn writes has; listed from the run's other files"), e.err());
      assertTrue(e.out().lines().anyMatch(l -> l.startsWith("iris-g ") && l.contains("completed")), e.out());
    }
    // a summary of its status alone was listed with blank name, start, duration and validation, and no word: those
    // come from the run's other files now, as for a run without a summary, and the gap is told
    Files.delete(run.resolve("summary.json"));
    String pieced = row(Cli.run("runs", runs.toString()).out(), "iris-g ");
    Files.writeString(run.resolve("summary.json"), "{\"format\": 1, \"status\": \"completed\"}");
    Cli.Outcome statusOnly = Cli.run("runs", runs.toString());
    assertEquals(0, statusOnly.code(), statusOnly.describe());
    assertEquals("nn: " + run.resolve("summary.json") + " lacks name, started, duration_seconds, overrides, validation; listed"
        + " from the run's other files\n", statusOnly.err());
    assertEquals(pieced, row(statusOnly.out(), "iris-g "));
  }

  private static String row(String table, String start) {
    return table.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(table));
  }

  /**
   * A status.yaml whose state nn never writes (a file cut short: "state: int"; "state: 42"), that says the run finished
   * though it has no model, or that is not YAML is told of once on stderr, and the run listed from its other files:
   * such states were shown as the status, "finished" as completed, and a file not YAML gave two contradictory notes
   * and a row without any of the run's figures.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "state: int|\"state\" is \"int\", not one of finished, failed, diverged, interrupted",
      "state: 42|\"state\" is 42, not one of finished, failed, diverged, interrupted",
      "message: x|holds no \"state\", not one of finished, failed, diverged, interrupted",
      "state: finished|\"state\" is \"finished\", but the run has no model.nnm, which a run writes before it records"
          + " that it finished",
      "state: [unclosed|not readable as YAML: while parsing a flow sequence",
  })
  void aStatusFileNnNeverWritesIsToldOfOnceAndTheRunListedFromItsOtherFiles(String status, String problem)
      throws Exception {
    Path runs = tmp.resolve("status");
    Path run = legacy(runs.resolve("iris-s"), false, null);
    Files.writeString(run.resolve("status.yaml"), status + "\n");
    Cli.Outcome o = Cli.run("runs", runs.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("nn: " + run.resolve("status.yaml") + ": " + problem + "; listed from the run's other files\n",
        o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals(2, lines.size(), o.out());
    assertTrue(lines.get(1).matches("iris-s +unknown .*2m05s +optimizer.learning-rate=0.1 +acc 0.8500 +-"),
        lines.get(1));
  }

  @Test
  void aRunningSummaryWithoutALockHolderWasKilledAndIsShownInterrupted() throws Exception {
    Path killed = summarized(tmp.resolve("killed"), "running", "2026-12-03T01:00:00Z", 0.9, "null", "");
    Files.writeString(killed.resolve(".lock"), "");
    Path live = summarized(tmp.resolve("live"), "running", "2026-12-03T02:00:00Z", 0.9, "null", "");
    try (FileChannel channel = FileChannel.open(live.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = channel.lock()) {
      Cli.Outcome o = Cli.run("runs", tmp.toString(), "--json");
      assertEquals(0, o.code(), o.err());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> runs = (List<Map<String, Object>>) Json.parse(o.out());
      assertEquals(killed.toString(), runs.get(0).get("directory"), "sorted by start: the killed run first");
      assertEquals("interrupted", runs.get(0).get("status"));
      assertEquals("the process training it ended without recording an end (killed?); nn train --resume " + killed
          + " continues it", runs.get(0).get("message"));
      assertEquals("running", runs.get(1).get("status"), "a run whose lock is held still trains");
      // the table, which users read, says it too, under the table
      Cli.Outcome table = Cli.run("runs", tmp.toString());
      assertEquals(List.of("note: " + killed.getFileName() + ": the process training it ended without recording an"
          + " end (killed?); nn train --resume " + killed + " continues it"),
          table.out().lines().filter(l -> l.startsWith("note: ")).toList(), table.out());
      assertTrue(held.isValid());
    }
    assertTrue(Files.readString(killed.resolve("summary.json")).contains("\"status\": \"running\""),
        "the file is left as the run wrote it");
  }
}
