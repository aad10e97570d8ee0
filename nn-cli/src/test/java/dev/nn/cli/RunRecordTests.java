package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * What a run directory says about its run, however the run ends: summary.json (its figures those of
 * metrics.csv and of what nn train printed), status.yaml, the report's status, run.log (what nn train printed,
 * appended on resume), overrides.yaml (written once) and the git commit of the experiment file's repository.
 */
class RunRecordTests {
  @TempDir
  Path tmp;

  private static final String DIGITS = Cli.EXAMPLES.resolve("digits.yaml").toString();
  private static final String REFRESH = "http-equiv=\"refresh\"";

  /** summary.json as a map: JSON reads as YAML. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> summary(Path run) throws IOException {
    return (Map<String, Object>) new Yaml().load(Files.readString(run.resolve(RunDirectory.SUMMARY)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> summary, String key) {
    return (Map<String, Object>) summary.get(key);
  }

  private static double number(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String column(String header, String row, String name) {
    return row.split(",", -1)[List.of(header.split(",")).indexOf(name)];
  }

  @Test
  void aCompletedRunsSummaryHoldsTheFiguresOfMetricsCsvAndOfWhatWasPrinted() throws Exception {
    Cli.Outcome o = Cli.run("train", DIGITS, "--set", "training.epochs=4", "--output", tmp.toString());
    assertEquals(0, o.code(), o.describe());
    Path run = Cli.onlyRun(tmp);
    Map<String, Object> s = summary(run);
    List<String> rows = TrainCommandTests.metricsRows(run);
    String header = Files.readAllLines(run.resolve(RunDirectory.METRICS)).get(0);
    String last = rows.get(rows.size() - 1);
    int best = (Integer) s.get("best_epoch");
    String bestRow = rows.get(best - 1);

    assertEquals(1, s.get("format"));
    assertEquals("digits", s.get("name"));
    assertEquals("completed", s.get("status"));
    assertNull(s.get("message"));
    Instant started = Instant.parse((String) s.get("started"));
    Instant ended = Instant.parse((String) s.get("ended"));
    assertFalse(ended.isBefore(started));
    assertTrue(number(s, "duration_seconds") > 0);
    assertEquals(4, s.get("epochs_planned"));
    assertEquals(rows.size(), s.get("epochs"));
    assertEquals(Long.parseLong(column(header, last, "updates")), ((Number) s.get("updates")).longValue());
    assertEquals(Double.parseDouble(column(header, last, "train_loss")), number(section(s, "train"), "loss"));
    Map<String, Object> validation = section(s, "validation");
    assertEquals(List.of("loss", "accuracy"), List.copyOf(validation.keySet()));
    assertEquals(Double.parseDouble(column(header, bestRow, "val_loss")), number(validation, "loss"));
    assertEquals(Double.parseDouble(column(header, bestRow, "val_accuracy")), number(validation, "accuracy"));
    Map<String, Object> test = section(s, "test");
    assertTrue(o.out().contains("validation     " + Figures.of(figures(validation), "", true) + "\n"), o.out());
    assertTrue(o.out().contains("test           " + Figures.of(figures(test), "", true) + "\n"), o.out());
    if (best != rows.size()) {
      assertTrue(o.out().contains("the model keeps the weights of epoch " + best + ","), o.out());
    }
    assertEquals(42, s.get("seed"));
    assertEquals(List.of("training.epochs=4"), s.get("overrides"));
    assertEquals(Nn.version(), s.get("nn_version"));
    assertFalse(((String) s.get("host")).isBlank());

    assertEquals("- \"training.epochs=4\"\n", read(run.resolve(RunDirectory.OVERRIDES)));
    assertEquals(o.out(), read(run.resolve(RunDirectory.RUN_LOG)), "run.log holds what was printed");
    String report = read(run.resolve(RunDirectory.REPORT));
    assertFalse(report.contains(REFRESH), "a finished run's page does not reload");
    assertTrue(report.contains("<p class=\"status completed\">"));
    assertTrue(report.contains("<pre class=\"file\">" + read(run.resolve(RunDirectory.EXPERIMENT))
        .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;") + "</pre>"), "the experiment inline");
    Matcher rate = Pattern.compile("<polyline class=\"line rate\" points=\"([^\"]*)\"/>").matcher(report);
    assertTrue(rate.find());
    assertEquals(rows.size(), rate.group(1).split(" ").length, "one learning-rate point per epoch");
  }

  private static Metrics figures(Map<String, Object> m) {
    return new Metrics(number(m, "loss"), 1, number(m, "accuracy"), new long[1][1], Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * A run without a summary is described from its files with the epoch its trainer kept: early stopping's choice by
   * its own monitor and min-delta, else the last epoch. It was the epoch of the best validation accuracy, whatever
   * early stopping watched, and with early stopping off as well.
   */
  @Test
  void aRunWithoutASummaryKeepsTheEpochItsEarlyStoppingChoseOrElseTheLast() throws Exception {
    String metrics = "epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,seconds\n"
        + "1,9,0.01,1.6,1.40,0.50,0.1\n"
        + "2,18,0.01,1.2,1.10,0.62,0.1\n"  // the best accuracy
        + "3,27,0.01,1.0,1.05,0.58,0.1\n"  // the lowest loss
        + "4,36,0.01,0.9,1.049,0.55,0.1\n"; // lower by less than a min-delta of 0.01
    String[][] cases = {
        {"{patience: 3, monitor: val-loss, min-delta: 0.0}", "4", "1.049"},
        {"{patience: 3, monitor: val-loss, min-delta: 0.01}", "3", "1.05"},
        {"{patience: 3, monitor: val-accuracy, min-delta: 0.0}", "2", "1.1"},
        {"false", "4", "1.049"}};
    for (String[] c : cases) {
      Path run = Files.createDirectories(tmp.resolve("es-" + c[1] + "-" + c[0].hashCode()));
      Files.createDirectories(run.resolve(RunDirectory.CHECKPOINTS));
      Files.writeString(run.resolve(RunDirectory.EXPERIMENT), "name: glass\ntraining: {epochs: 10, early-stopping: "
          + c[0] + "}\n");
      Files.writeString(run.resolve(RunDirectory.METRICS), metrics);
      RunRecord r = RunRecord.read(run);
      assertFalse(r.fromSummaryFile());
      assertEquals(Long.parseLong(c[1]), ((Number) r.summary().get("best_epoch")).longValue(), c[0]);
      assertEquals(Double.parseDouble(c[2]), number(section(r.summary(), "validation"), "loss"), c[0]);
    }
  }

  @Test
  void aDivergedRunsSummaryAndReportSayDivergedWithTheMessage() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=10", "--set", "optimizer.name=sgd",
        "--set", "optimizer.learning-rate=0.15", "--output", tmp.toString());
    assertEquals(3, o.code(), o.describe());
    Path run = Cli.onlyRun(tmp);
    Map<String, Object> s = summary(run);
    assertEquals("diverged", s.get("status"));
    String message = (String) s.get("message");
    assertTrue(message.startsWith("training diverged: at the end of epoch "), message);
    assertEquals("nn: " + message, o.err().lines().findFirst().orElseThrow());
    assertNotNull(s.get("ended"));
    assertEquals(TrainCommandTests.metricsRows(run).size(), s.get("epochs"), "the epochs before the divergence");
    assertEquals(List.of("loss", "rmse", "mae", "r2"), List.copyOf(section(s, "validation").keySet()));
    // the best epoch is the kept checkpoint's, as the terminal names it, with its figures; not the last epoch's
    Matcher kept = Pattern.compile("the best checkpoint before it is kept: .*epoch-(\\d+)\\.ckpt").matcher(o.err());
    assertTrue(kept.find(), o.err());
    int best = Integer.parseInt(kept.group(1));
    assertEquals(best, s.get("best_epoch"));
    assertTrue(best < (Integer) s.get("epochs"), "this divergence's last epoch is not its best: " + s);
    // metrics.csv's row of that epoch: its val_rmse is the seventh column
    String row = TrainCommandTests.metricsRows(run).get(best - 1);
    assertEquals(Double.parseDouble(row.split(",")[6]), ((Number) section(s, "validation").get("rmse")).doubleValue());
    assertNull(s.get("test"));
    assertTrue(read(run.resolve(RunDirectory.STATUS)).startsWith("state: diverged\n"));
    String report = read(run.resolve(RunDirectory.REPORT));
    assertFalse(report.contains(REFRESH));
    assertTrue(report.contains("<p class=\"status diverged\"><span class=\"badge\">diverged</span> training diverged:"));
    String log = read(run.resolve(RunDirectory.RUN_LOG));
    assertTrue(log.startsWith(o.out()), log);
    assertTrue(log.endsWith(o.err()), "the message that ended the run is in the log: " + log);
  }

  @Test
  void aRunWhosePluginFailsIsMarkedFailedInItsSummaryAndReport() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "optimizer={name: failing-sgd, fail-at-update: 30}",
        "--output", tmp.toString());
    assertEquals(2, o.code(), o.describe());
    Path run = Cli.onlyRun(tmp);
    Map<String, Object> s = summary(run);
    assertEquals("failed", s.get("status"));
    // what the user was told, the plugin named, then that the run is kept to be resumed
    List<String> told = o.err().lines().toList();
    assertEquals(told.get(0).substring("nn: ".length()), s.get("message"));
    assertEquals(List.of("nn: the run is kept in " + run + "; once that is mended, nn train --resume "
        + run + " continues it (with --allow-changed-plugins if the plugin's jar itself was changed; a library"
        + " added beside it needs no flag)"), told.subList(1, told.size()));
    assertTrue(o.err().startsWith("nn: optimizer \"failing-sgd\" from "), o.err());
    // XOR: 200 samples in batches of 8, 25 updates an epoch: update 30 is in epoch 2
    assertEquals(1, s.get("epochs"));
    assertEquals(25, s.get("updates"));
    assertEquals(List.of("optimizer={name: failing-sgd, fail-at-update: 30}"), s.get("overrides"));
    String report = read(run.resolve(RunDirectory.REPORT));
    assertFalse(report.contains(REFRESH));
    assertTrue(report.contains("<p class=\"status failed\"><span class=\"badge\">failed</span> "
        + "optimizer &quot;failing-sgd&quot; from "), report);
    assertTrue(report.contains("threw IllegalStateException: failing-sgd: update 30 failed on purpose in an optimizer"
        + " step (step) during training"), report);
    assertTrue(report.contains(")). Once that is mended, nn train --resume "), "the failure is a sentence of its own"
        + " before the next step: " + report);
    assertTrue(read(run.resolve(RunDirectory.RUN_LOG)).endsWith(o.err()));
  }

  @Test
  void aRunStoppedBySigtermEndsInterruptedAndItsResumeKeepsTheOverridesAndAppendsToTheLog() throws Exception {
    Path output = tmp.resolve("runs");
    Process p = ChildTraining.start(output, ProcessBuilder.Redirect.DISCARD);
    Path run;
    try {
      // stopped as soon as a checkpoint exists: the summary then holds its epoch (the stop waits for it)
      run = ChildTraining.awaitCheckpoint(output, p, 1);
      p.destroy();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ends after SIGTERM");
      assertEquals(143, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
    Map<String, Object> s = summary(run);
    assertEquals("interrupted", s.get("status"));
    assertNotNull(s.get("ended"));
    assertTrue((Integer) s.get("epochs") >= 1);
    assertEquals("state: interrupted\n", read(run.resolve(RunDirectory.STATUS)).lines().findFirst().orElseThrow()
        + "\n");
    String report = read(run.resolve(RunDirectory.REPORT));
    assertFalse(report.contains(REFRESH), "an interrupted run's page does not reload");
    assertTrue(report.contains("<p class=\"status interrupted\">"));
    String firstLog = read(run.resolve(RunDirectory.RUN_LOG));
    assertTrue(firstLog.startsWith("training xor from " + Cli.XOR + "\nnetwork 2-4-1"), firstLog);
    assertTrue(firstLog.contains("nn: training was interrupted; the last checkpoint is "), firstLog);
    String overrides = read(run.resolve(RunDirectory.OVERRIDES));
    assertEquals("- \"training.epochs=1000000\"\n", overrides);

    // the resumed run ends two epochs after its last checkpoint
    int epoch = ChildTraining.epochOf(RunDirectory.latestCheckpointIn(run).orElseThrow());
    Path experiment = run.resolve(RunDirectory.EXPERIMENT);
    String yaml = read(experiment);
    assertTrue(yaml.contains("epochs: 1000000"), yaml);
    Files.writeString(experiment, yaml.replace("epochs: 1000000", "epochs: " + (epoch + 2)));
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertEquals(overrides, read(run.resolve(RunDirectory.OVERRIDES)), "a resume leaves overrides.yaml alone");
    String log = read(run.resolve(RunDirectory.RUN_LOG));
    assertTrue(log.startsWith(firstLog), "appended: " + log);
    // the edit of the epochs is said on stderr, and in the log among the lines of stdout
    String edited = "nn: experiment.yaml was edited since the run started";
    assertTrue(resumed.err().startsWith(edited), resumed.err());
    assertTrue(log.substring(firstLog.length()).contains(edited), log);
    String stdoutLines = log.lines().filter(l -> !l.startsWith(edited)).collect(Collectors.joining("\n", "", "\n"));
    assertTrue(stdoutLines.endsWith(resumed.out()), log);
    assertTrue(resumed.out().startsWith("resuming " + run + "\n"), resumed.out());
    Map<String, Object> after = summary(run);
    assertEquals("completed", after.get("status"));
    assertEquals(s.get("started"), after.get("started"), "a resumed run keeps its first start");
    assertEquals(List.of("training.epochs=1000000"), after.get("overrides"));
    assertEquals(epoch + 2, after.get("epochs"));
    assertTrue(number(after, "duration_seconds") > number(s, "duration_seconds"), "earlier attempts count");
    String provenance = read(run.resolve(RunDirectory.PROVENANCE));
    assertTrue(provenance.contains("\ncommand-line:\n- nn\n- train\n- --resume\n"), "this attempt's: " + provenance);
    assertTrue(provenance.contains("\nfirst-start:\n  started: "), provenance);
    assertTrue(provenance.contains("  - --set\n  - training.epochs=1000000\n"), "how the run started: " + provenance);
  }

  @Test
  void theGitCommitIsThatOfTheRepositoryHoldingTheExperimentFile() throws Exception {
    String commit = "89abcdef0123456789abcdef0123456789abcdef";
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve(".git/refs/heads"));
    Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(repo.resolve(".git/refs/heads/main"), commit + "\n");
    Path inRepo = Files.createDirectories(repo.resolve("experiments")).resolve("xor.yaml");
    Files.copy(Path.of(Cli.XOR), inRepo);
    Cli.Outcome o = Cli.run("train", inRepo.toString(), "--set", "training.epochs=1", "--output",
        tmp.resolve("a").toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals(commit, summary(Cli.onlyRun(tmp.resolve("a"))).get("git_commit"));

    Path outside = Files.copy(Path.of(Cli.XOR), tmp.resolve("xor.yaml"));
    Cli.Outcome none = Cli.run("train", outside.toString(), "--set", "training.epochs=1", "--output",
        tmp.resolve("b").toString());
    assertEquals(0, none.code(), none.describe());
    Map<String, Object> s = summary(Cli.onlyRun(tmp.resolve("b")));
    assertTrue(s.containsKey("git_commit"));
    assertNull(s.get("git_commit"), "no repository holds " + outside);
  }
}
