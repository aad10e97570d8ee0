package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.Sha256;
import dev.nn.core.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run killed at any file write — before, during or after each file is replaced: provenance, metrics,
 * checkpoints, the summary, the model, the report, the status — and then resumed ends exactly as the run that was not
 * killed: the same model bytes, metrics, checkpoints kept and status, with early stopping ending both. The
 * kill is {@code Runtime.halt} in a child JVM at the write chosen by {@code -Dnn.crash-at} (see nn-core's
 * {@code CrashPoint}), which is what {@code kill -9} does to the files.
 */
class KilledRunTests {
  @TempDir
  Path tmp;

  /** Diabetes at a learning rate that makes early stopping end the run after a handful of epochs. */
  static final String[] EARLY_STOPPING = {"--set", "optimizer.learning-rate=0.3", "--set",
      "training.early-stopping.patience=3", "--set", "training.epochs=60"};

  @Test
  void aRunKilledAtAnyFileWriteAndResumedEndsBitForBitAsTheUninterruptedOne() throws Exception {
    Path whole = train(tmp.resolve("whole"), null, 0);
    List<String> rows = TrainCommandTests.metricsRows(whole);
    int stopped = rows.size();
    assertTrue(stopped >= 4 && stopped < 60, "early stopping should end the run after a few epochs: " + stopped);
    assertTrue(Files.readString(whole.resolve(RunDirectory.STATUS)).startsWith("state: finished\nmessage: stopped "
        + "early at epoch " + stopped + " of 60"));

    String last = String.format("epoch-%04d.ckpt", stopped);
    // summary.json and report.html are written as training starts (twice) and after every epoch, then at the end
    int lastProgress = stopped + 3;
    List<Kill> kills = List.of(
        new Kill("provenance.yaml:1:temp", Resume.FROM_THE_START),
        new Kill("summary.json:1:temp", Resume.FROM_THE_START),
        new Kill("report.html:1:renamed", Resume.FROM_THE_START),
        new Kill("metrics.csv:1:renamed", Resume.FROM_THE_START),
        new Kill("metrics.csv:2:renamed", Resume.FROM_A_CHECKPOINT),
        new Kill("metrics.csv:3:temp", Resume.FROM_A_CHECKPOINT),
        new Kill("epoch-0002.ckpt:1:temp", Resume.FROM_A_CHECKPOINT),
        new Kill("epoch-0003.ckpt:1:renamed", Resume.FROM_A_CHECKPOINT),
        new Kill("report.html:4:temp", Resume.FROM_A_CHECKPOINT),
        new Kill(last + ":1:temp", Resume.FROM_A_CHECKPOINT),
        new Kill(last + ":1:renamed", Resume.ONLY_FINISHING),
        new Kill("model.nnm:1:temp", Resume.ONLY_FINISHING),
        new Kill("model.nnm:1:renamed", Resume.ONLY_FINISHING),
        new Kill("summary.json:" + lastProgress + ":temp", Resume.ONLY_FINISHING),
        new Kill("summary.json:" + lastProgress + ":renamed", Resume.ONLY_FINISHING),
        new Kill("report.html:" + lastProgress + ":temp", Resume.ONLY_FINISHING),
        new Kill("report.html:" + lastProgress + ":renamed", Resume.ONLY_FINISHING),
        new Kill("provenance.yaml:2:temp", Resume.ONLY_FINISHING),
        new Kill("provenance.yaml:2:renamed", Resume.ONLY_FINISHING),
        new Kill("status.yaml:1:temp", Resume.ONLY_FINISHING));
    for (Kill kill : kills) {
      String point = kill.point();
      Path run = train(tmp.resolve(point.replace(':', '-')), point, CRASHED);
      Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
      assertEquals(0, resumed.code(), point + ": " + resumed.describe());
      switch (kill.resume()) {
        case FROM_THE_START -> {
          assertEquals("nn: no checkpoint was written before the run stopped; training it again from the start with "
              + "the experiment it recorded\n", resumed.err(), point);
          assertEquals(stopped, resumed.outLines("epoch ").size(), point + ": " + resumed.describe());
        }
        case FROM_A_CHECKPOINT -> {
          assertEquals("", resumed.err(), point);
          assertFalse(resumed.outLines("epoch ").isEmpty(), point + ": " + resumed.describe());
        }
        case ONLY_FINISHING -> {
          assertEquals("nn: training had ended after epoch " + stopped + " (stopped early); writing what the "
              + "interrupted run did not finish, without training further\n", resumed.err(), point);
          assertEquals(List.of(), resumed.outLines("epoch "), point + ": trained further");
        }
        default -> throw new AssertionError(kill);
      }
      assertSameRun(whole, run, point);
    }
  }

  /**
   * A checkpoint that says training finished, but before the epochs experiment.yaml now plans (raised after the
   * kill, or the checkpoint edited): the trainer goes on to them, and the resume says that, not that it will write
   * what was left "without training further".
   */
  @Test
  void aFinishedCheckpointBeforeThePlannedEpochsTrainsOnAndSaysSo() throws Exception {
    Path run = train(tmp.resolve("more"), "model.nnm:1:temp", CRASHED, "--set", "training.early-stopping=null",
        "--set", "training.epochs=4");
    Path experiment = run.resolve(RunDirectory.EXPERIMENT);
    String yaml = Files.readString(experiment);
    assertTrue(yaml.contains("epochs: 4,"), yaml);
    Files.writeString(experiment, yaml.replace("epochs: 4,", "epochs: 6,"));
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.err().contains("nn: the checkpoint says training finished after epoch 4, but experiment.yaml"
        + " plans 6 epochs; training goes on to epoch 6\n"), resumed.err());
    assertFalse(resumed.err().contains("without training further"), resumed.err());
    assertEquals(2, resumed.outLines("epoch ").size(), resumed.describe());
    assertTrue(Files.exists(run.resolve(RunDirectory.MODEL)));
  }

  /**
   * With dropout and gradient clipping too: the masks of the updates after the checkpoint come from their update
   * numbers, so a JVM halted mid-run and resumed draws the ones the run that was not killed drew.
   */
  @Test
  void aRunWithDropoutAndClippingKilledAfterACheckpointResumesBitForBit() throws Exception {
    String[] more = {"--set", "network.layers[0].dropout=0.1", "--set", "network.layers[1].dropout=0.3", "--set",
        "optimizer.clip-norm=50"};
    Path whole = train(tmp.resolve("whole"), null, 0, more);
    Path run = train(tmp.resolve("killed"), "epoch-0003.ckpt:1:renamed", CRASHED, more);
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.out().contains("resuming after epoch 3"), resumed.out());
    assertSameRun(whole, run, "dropout, epoch-0003.ckpt:1:renamed");
  }

  /**
   * In float32 with an optimizer that keeps state: the parameters the next step starts from are the float32 ones a
   * checkpoint saves, not the doubles the optimizer computed before they were rounded, so a resumed run goes on
   * as the one that was not killed.
   */
  @ParameterizedTest
  @CsvSource({"adam, 0.3", "momentum, 0.0001"})
  void aFloat32RunWithAStatefulOptimizerKilledAfterACheckpointResumesBitForBit(String optimizer, String rate)
      throws Exception {
    String[] more = {"--set", "compute.precision=float32", "--set", "optimizer.name=" + optimizer, "--set",
        "optimizer.learning-rate=" + rate};
    Path whole = train(tmp.resolve("whole"), null, 0, more);
    Path run = train(tmp.resolve("killed"), "epoch-0003.ckpt:1:renamed", CRASHED, more);
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.out().contains("resuming after epoch 3"), resumed.out());
    assertSameRun(whole, run, "float32 " + optimizer + ", epoch-0003.ckpt:1:renamed");
  }

  /**
   * A run that takes checkpoints within its epochs (here after every batch), killed at any of their writes and
   * resumed, ends as the run that took none and was not killed: the same model bytes, metrics and checkpoints kept
   * (the partial ones gone). Killed partway through epoch 1, the first epoch's divergence check keeps its reference.
   */
  @Test
  void aRunKilledAroundItsCheckpointsWithinEpochsResumesBitForBit() throws Exception {
    Path whole = train(tmp.resolve("whole"), null, 0);
    String[] everyBatch = {"--set", "training.checkpoint-minutes=1e-9"};
    record Point(String crashAt, String said) { }
    List<Point> points = List.of(
        new Point("partial-epoch-0001.ckpt:5:renamed", "resuming partway through epoch 1 of 60, after 5 of its 20"
            + " batches"),
        new Point("partial-epoch-0003.ckpt:1:temp", "resuming after epoch 2 of 60"),
        new Point("partial-epoch-0003.ckpt:7:renamed", "resuming partway through epoch 3 of 60, after 7 of its 20"
            + " batches"),
        // epoch 4's checkpoint in place, the partial one of epoch 4 not yet deleted
        new Point("epoch-0004.ckpt:1:renamed", "resuming after epoch 4 of 60"));
    for (Point point : points) {
      Path run = train(tmp.resolve(point.crashAt().replace(':', '-')), point.crashAt(), CRASHED, everyBatch);
      Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
      assertEquals(0, resumed.code(), point + ": " + resumed.describe());
      assertTrue(resumed.out().contains(point.said() + "\n"), point + ": " + resumed.out());
      assertEquals("", resumed.err(), point.crashAt());
      assertSameRun(whole, run, point.crashAt());
    }
  }

  /**
   * SIGTERM while a checkpoint within an epoch is written, with checkpoints at every third epoch's end: the stop waits
   * for it (and for the one it asks for after the next batch), names the last as the last checkpoint, and counts the epochs it holds (4, past epoch 3's checkpoint) in
   * metrics.csv; the resume goes on from it and ends as the run that was not stopped.
   */
  @Test
  void aStopWhileAPartialCheckpointIsWrittenWaitsForItAndCountsItsEpochs() throws Exception {
    String[] settings = {"--set", "training.checkpoint-every=3", "--set", "training.checkpoint-minutes=1e-9"};
    Path whole = train(tmp.resolve("whole"), null, 0, settings);
    Path output = tmp.resolve("stopped");
    List<String> args = new ArrayList<>(List.of("train", Cli.DIABETES, "--output", output.toString()));
    args.addAll(List.of(EARLY_STOPPING));
    args.addAll(List.of(settings));
    Process p = ChildJvm.start(List.of("--add-modules", "jdk.incubator.vector",
        "-Dnn.crash-at=partial-epoch-0005.ckpt:2:renamed:exit"), Main.class, args.toArray(String[]::new));
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), text);
    assertEquals(143, p.exitValue(), text);
    Path run = Cli.onlyRun(output);
    Path partial = run.resolve(RunDirectory.CHECKPOINTS).resolve("partial-epoch-0005.ckpt");
    assertTrue(text.contains("nn: training was interrupted; the last checkpoint is " + partial + "\n"), text);
    assertEquals(List.of("epoch-0003.ckpt", "partial-epoch-0005.ckpt"),
        RunFiles.names(run.resolve(RunDirectory.CHECKPOINTS)));
    assertEquals(4, TrainCommandTests.metricsRows(run).size(), "the epochs the partial checkpoint holds");
    assertTrue(Files.readString(run.resolve(RunDirectory.STATUS)).startsWith("state: interrupted"));

    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    // after the batch of the checkpoint under way, the stop asked for another
    assertTrue(resumed.out().matches("(?s).*\nresuming partway through epoch 5 of 60, after \\d+ of its 20 batches\n.*"),
        resumed.out());
    assertSameRun(whole, run, "stopped at partial-epoch-0005.ckpt:2:renamed");
  }

  /**
   * SIGTERM partway through an epoch, with no checkpoint within it due by the clock (the default 10 minutes): the stop
   * has the trainer take one after its current batch, names it, and the resume goes on from it to the model of the
   * run that was not stopped.
   */
  @Test
  void aStopPartwayThroughAnEpochTakesACheckpointThereAndTheResumeLosesNothing() throws Exception {
    // digits at batch size 1 through 3,000 hidden units: epochs of a few seconds
    String[] settings = {"--set", "network.layers[1].units=3000", "--set", "training.batch-size=1", "--set",
        "training.epochs=2", "--set", "training.early-stopping=false"};
    String digits = Cli.EXAMPLES.resolve("digits-dense.yaml").toString();
    List<String> args = new ArrayList<>(List.of("train", digits, "--output", tmp.resolve("whole").toString()));
    args.addAll(List.of(settings));
    Cli.Outcome straight = Cli.run(args.toArray(String[]::new));
    assertEquals(0, straight.code(), straight.describe());
    Path whole = Cli.onlyRun(tmp.resolve("whole"));

    Path output = tmp.resolve("stopped");
    args.set(3, output.toString());
    Process p = ChildJvm.start(List.of("--add-modules", "jdk.incubator.vector"), Main.class,
        args.toArray(String[]::new));
    StringBuilder text = new StringBuilder();
    try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        text.append(line).append('\n');
        if (line.startsWith("network ")) {
          // training has begun: stop it a little way into its first epoch
          Thread.sleep(300);
          // SIGTERM, leaving the streams open (Process.destroy closes them)
          p.toHandle().destroy();
        }
      }
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), text.toString());
    assertEquals(143, p.exitValue(), text.toString());
    Path run = Cli.onlyRun(output);
    Path partial = run.resolve(RunDirectory.CHECKPOINTS).resolve("partial-epoch-0001.ckpt");
    assertTrue(Files.isRegularFile(partial), text.toString());
    assertTrue(text.toString().contains("nn: training was interrupted; the last checkpoint is " + partial + "\n"),
        text.toString());

    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.out().contains("resuming partway through epoch 1 of 2, after "), resumed.out());
    assertArrayEquals(Files.readAllBytes(whole.resolve(RunDirectory.MODEL)),
        Files.readAllBytes(run.resolve(RunDirectory.MODEL)), "model.nnm");
    assertEquals(ResumeTests.withoutSeconds(TrainCommandTests.metricsRows(whole)),
        ResumeTests.withoutSeconds(TrainCommandTests.metricsRows(run)), "metrics.csv");
    assertEquals(List.of("epoch-0001.ckpt", "epoch-0002.ckpt"), RunFiles.names(run.resolve(RunDirectory.CHECKPOINTS)));
  }

  /**
   * A checkpoint taken within an epoch goes on after the batch it stopped at, which means the same rows only at its
   * batch size: an experiment.yaml edited to another is refused with exit 2, saying what to restore or delete.
   */
  @Test
  void aCheckpointWithinAnEpochOfAnotherBatchSizeIsRefusedSayingWhatToDo() throws Exception {
    Path run = killedAndEdited("partial-epoch-0002.ckpt:3:renamed", "batch-size: 16", "batch-size: 32");
    Cli.Outcome refused = Cli.run("train", "--resume", run.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertEquals("nn: " + run + ": the checkpoint partway through epoch 2 was taken with batches of 16 rows, and"
        + " training.batch-size is now 32. Restore training.batch-size: 16 in experiment.yaml to resume from where it"
        + " stopped, or delete checkpoints/partial-epoch-0002.ckpt to resume from the checkpoint before it\n",
        refused.err());
    Files.delete(run.resolve(RunDirectory.CHECKPOINTS).resolve("partial-epoch-0002.ckpt"));
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.out().contains("resuming after epoch 1 of 60"), resumed.out());    // partway through epoch 1 there is no checkpoint before it: deleting it trains the run again from the start
    Files.move(tmp.resolve("killed"), tmp.resolve("killed-in-epoch-2"));
    Path first = killedAndEdited("partial-epoch-0001.ckpt:3:renamed", "batch-size: 16", "batch-size: 32");
    Cli.Outcome alone = Cli.run("train", "--resume", first.toString());
    assertEquals(2, alone.code(), alone.describe());
    assertTrue(alone.err().endsWith(" or delete checkpoints/partial-epoch-0001.ckpt to train the run again from the"
        + " start (no checkpoint was taken before it)\n"), alone.describe());
  }

  /**
   * Partway through epoch 5, the run has begun it: training.epochs edited down to 3 is refused, saying that it must be
   * at least 5 (and not that the partial checkpoint may be deleted: epoch 4's checkpoint before it is beyond 3 too,
   * and the advice led to a second refusal); edited to 4, the refusal adds that the partial checkpoint may be deleted;
   * deleted, the run resumes from epoch 4's checkpoint and ends there, with epoch 4's weights (it ended with weights
   * from within epoch 5, counted as 4 epochs).
   */
  @Test
  void aPartialCheckpointBeyondTheEpochsAnEditPlansIsRefused() throws Exception {
    Path run = killedAndEdited("partial-epoch-0005.ckpt:3:renamed", "epochs: 60", "epochs: 3", "--set",
        "training.early-stopping=false");
    Cli.Outcome three = Cli.run("train", "--resume", run.toString());
    assertEquals(2, three.code(), three.describe());
    assertEquals("nn: " + run + ": the checkpoint partway through epoch 5 is beyond the 3 epochs its experiment.yaml"
        + " plans (training.epochs must be at least 5); experiment.yaml was changed after the run started. Restore it,"
        + " or train a new run\n", three.err());
    Path yaml = run.resolve(RunDirectory.EXPERIMENT);
    Files.writeString(yaml, Files.readString(yaml).replace("epochs: 3", "epochs: 4"));
    Cli.Outcome refused = Cli.run("train", "--resume", run.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertEquals("nn: " + run + ": the checkpoint partway through epoch 5 is beyond the 4 epochs its experiment.yaml"
        + " plans (training.epochs must be at least 5; or delete checkpoints/partial-epoch-0005.ckpt to resume from the"
        + " checkpoint before it); experiment.yaml was changed after the run started. Restore it, or train a new run\n",
        refused.err());
    Path partial = run.resolve(RunDirectory.CHECKPOINTS).resolve("partial-epoch-0005.ckpt");
    Files.delete(partial);
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertEquals(List.of("epoch-0003.ckpt", "epoch-0004.ckpt"), RunFiles.names(run.resolve(RunDirectory.CHECKPOINTS)));
    assertTrue(Files.readString(run.resolve(RunDirectory.STATUS)).startsWith("state: finished"));
    assertEquals(4, TrainCommandTests.metricsRows(run).size());
  }

  /**
   * The run directory of a training that took a checkpoint after every batch, killed at {@code crashAt}, whose
   * experiment.yaml was then edited from {@code was} to {@code now}.
   */
  private Path killedAndEdited(String crashAt, String was, String now, String... more) throws Exception {
    List<String> settings = new ArrayList<>(List.of("--set", "training.checkpoint-minutes=1e-9"));
    settings.addAll(List.of(more));
    Path run = train(tmp.resolve("killed"), crashAt, CRASHED, settings.toArray(String[]::new));
    Path yaml = run.resolve(RunDirectory.EXPERIMENT);
    String text = Files.readString(yaml);
    assertTrue(text.contains(was), text);
    Files.writeString(yaml, text.replace(was, now));
    return run;
  }

  /**
   * A run whose experiment.yaml was edited after it started so that its checkpoint no longer fits — another
   * width, another optimizer — is an unusable run directory: exit 2 naming the checkpoint and what does not fit,
   * not an unexpected error, and the run is not marked failed.
   */
  @Test
  void aCheckpointThatNoLongerFitsAnEditedExperimentIsRefusedWithExit2() throws Exception {
    Path run = train(tmp.resolve("killed"), "epoch-0003.ckpt:1:renamed", CRASHED);
    Path yaml = run.resolve(RunDirectory.EXPERIMENT);
    String original = Files.readString(yaml);
    Files.writeString(yaml, original.replace("units: 16", "units: 12"));
    Cli.Outcome wider = Cli.run("train", "--resume", run.toString());
    assertEquals(2, wider.code(), wider.describe());
    assertEquals("nn: " + run + ": the checkpoint of epoch 3 holds 193 parameters, but the network its"
        + " experiment.yaml describes has 145; experiment.yaml was changed after the run started. Restore it, or"
        + " train a new run\n", wider.err());
    Files.writeString(yaml, original.replace("name: adam", "name: momentum"));
    Cli.Outcome other = Cli.run("train", "--resume", run.toString());
    assertEquals(2, other.code(), other.describe());
    assertTrue(other.err().contains("the checkpoint of epoch 3 does not fit the optimizer its experiment.yaml names"
        + " (momentum state of this block has 160 values (1 per parameter), found 320)"), other.err());
    assertFalse(Files.exists(run.resolve(RunDirectory.STATUS)), "marked as if it had run");
  }

  /**
   * A checkpoint copied in from another run, into a run whose experiment.yaml is as it started, is the
   * checkpoint's fault, not the file's: the message says so and names the checkpoint to remove, and with it
   * removed the run resumes from its own older checkpoint.
   */
  @Test
  void aCheckpointOfAnotherRunIsBlamedNotTheUneditedExperiment() throws Exception {
    Path run = train(tmp.resolve("killed"), "epoch-0003.ckpt:1:renamed", CRASHED);
    Path other = train(tmp.resolve("other"), "epoch-0004.ckpt:1:renamed", CRASHED, "--set",
        "network.layers[1].units=12");
    Path foreign = run.resolve(RunDirectory.CHECKPOINTS).resolve("epoch-0004.ckpt");
    Files.copy(other.resolve(RunDirectory.CHECKPOINTS).resolve("epoch-0004.ckpt"), foreign);
    Cli.Outcome refused = Cli.run("train", "--resume", run.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertEquals("nn: " + run + ": the checkpoint of epoch 4 holds 145 parameters, but the network its"
        + " experiment.yaml describes has 193, though experiment.yaml is as the run started (its SHA-256 matches"
        + " the provenance's): the checkpoint is not this run's (copied from another run?). Remove"
        + " checkpoints/epoch-0004.ckpt to resume from an older checkpoint, or train a new run\n", refused.err());
    Files.delete(foreign);
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.out().contains("resuming after epoch 3"), resumed.out());
  }

  /**
   * A checkpoint copied in from another run of the same network (another learning rate) fits every parameter, and
   * was resumed in silence, its history replacing the run's metrics.csv rows: its training losses, which differ from
   * those metrics.csv records for the same epochs, tell it. Refused as the misfit one is, nothing pruned or written;
   * with it removed the run resumes from its own.
   */
  @Test
  void aCheckpointOfAnotherRunOfTheSameNetworkIsToldByItsHistory() throws Exception {
    Path run = train(tmp.resolve("killed"), "epoch-0003.ckpt:1:renamed", CRASHED);
    Path other = train(tmp.resolve("other"), "epoch-0004.ckpt:1:renamed", CRASHED, "--set",
        "optimizer.learning-rate=0.02");
    Path checkpoints = run.resolve(RunDirectory.CHECKPOINTS);
    Path foreign = checkpoints.resolve("epoch-0004.ckpt");
    Files.copy(other.resolve(RunDirectory.CHECKPOINTS).resolve("epoch-0004.ckpt"), foreign);
    List<String> before;
    try (Stream<Path> files = Files.list(checkpoints)) {
      before = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    String metrics = Files.readString(run.resolve(RunDirectory.METRICS));
    Cli.Outcome refused = Cli.run("train", "--resume", run.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertTrue(refused.err().startsWith("nn: " + run + ": the checkpoint of epoch 4 records a training loss of "),
        refused.err());
    assertTrue(refused.err().endsWith(" for epoch 1, where metrics.csv records " + metrics.lines().skip(1).findFirst()
        .orElseThrow().split(",")[3] + ": the checkpoint is not this run's (copied from another run?). Remove"
        + " checkpoints/epoch-0004.ckpt to resume from an older checkpoint, or train a new run; if metrics.csv was"
        + " edited instead, delete it, and the resume writes it again from the checkpoint\n"), refused.err());
    try (Stream<Path> files = Files.list(checkpoints)) {
      assertEquals(before, files.map(f -> f.getFileName().toString()).sorted().toList(), "nothing pruned");
    }
    assertEquals(metrics, Files.readString(run.resolve(RunDirectory.METRICS)));
    Files.delete(foreign);
    // the run's own metrics.csv saved again by a spreadsheet (15 significant digits) is still the run's
    StringBuilder resaved = new StringBuilder(metrics.lines().findFirst().orElseThrow()).append('\n');
    metrics.lines().skip(1).forEach(line -> {
      String[] cells = line.split(",", -1);
      cells[3] = String.format(java.util.Locale.ROOT, "%.15g", Double.parseDouble(cells[3]));
      resaved.append(String.join(",", cells)).append('\n');
    });
    assertFalse(resaved.toString().equals(metrics), "fewer digits");
    Files.writeString(run.resolve(RunDirectory.METRICS), resaved);
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.out().contains("resuming after epoch 3"), resumed.out());
  }

  /**
   * A damaged overrides.yaml is refused in one line that says it may be deleted, and it may: the resume needs only
   * experiment.yaml, which holds the overrides applied, and ends as the uninterrupted run.
   */
  @Test
  void aDamagedOverridesFileSaysItMayBeDeletedAndTheRunResumesWithoutIt() throws Exception {
    Path whole = train(tmp.resolve("whole"), null, 0);
    Path run = train(tmp.resolve("killed"), "epoch-0003.ckpt:1:renamed", CRASHED);
    Path overrides = run.resolve("overrides.yaml");
    Files.write(overrides, new byte[] {0, (byte) 0xaf, 'x'});
    Cli.Outcome refused = Cli.run("train", "--resume", run.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertTrue(refused.err().startsWith("nn: " + overrides + ": cannot be read as a YAML list of overrides: "),
        refused.err());
    assertTrue(refused.err().endsWith(". It only records the --set overrides the run started with, which"
        + " experiment.yaml holds applied, so the run does not need it: delete it to resume (the resumed run's"
        + " summary.json then lists no overrides)\n"), refused.err());
    Files.delete(overrides);
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertSameRun(whole, run, "resumed without overrides.yaml");
  }

  /**
   * An edit of a run's experiment.yaml that still fits its checkpoint is taken, but said: the resumed run no
   * longer ends as the interrupted one would have, and its provenance records the edit. A resume of an unedited
   * run says nothing of the kind.
   */
  @Test
  void anEditOfTheExperimentThatFitsIsTakenAndSaid() throws Exception {
    Path edited = train(tmp.resolve("edited"), "epoch-0003.ckpt:1:renamed", CRASHED);
    Path yaml = edited.resolve(RunDirectory.EXPERIMENT);
    String original = Files.readString(yaml);
    assertTrue(original.contains("patience: 3"), original);
    String was = Sha256.of(yaml);
    Files.writeString(yaml, original.replace("patience: 3", "patience: 4"));
    String now = Sha256.of(yaml);
    Cli.Outcome resumed = Cli.run("train", "--resume", edited.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    String hashes = "SHA-256 was " + was + ", now " + now;
    assertTrue(resumed.err().contains("experiment.yaml was edited since the run started (" + hashes + "); the run"
        + " goes on with it as it is now, so it will not end as the interrupted run would have"), resumed.err());
    String provenance = Files.readString(edited.resolve(RunDirectory.PROVENANCE));
    assertTrue(provenance.contains("edited-experiment: " + hashes), provenance);
    assertTrue(provenance.contains("experiment-sha256: " + now), provenance);

    Path kept = train(tmp.resolve("kept"), "epoch-0003.ckpt:1:renamed", CRASHED);
    Cli.Outcome plain = Cli.run("train", "--resume", kept.toString());
    assertEquals(0, plain.code(), plain.describe());
    assertFalse(plain.err().contains("edited"), plain.err());
    assertFalse(Files.readString(kept.resolve(RunDirectory.PROVENANCE)).contains("edited-experiment"));
  }

  /**
   * SIGTERM or Ctrl-C while a run that has completed writes its last files: the run's files are all written (the
   * run's hook waits for the write in progress), and instead of saying nothing, nn says the run completed.
   */
  @Test
  void aSignalWhileACompletedRunWritesItsStatusSaysTheRunCompleted() throws Exception {
    Path output = tmp.resolve("signalled");
    List<String> properties = List.of("--add-modules", "jdk.incubator.vector", "-Dnn.crash-at=status.yaml:1:temp:exit");
    List<String> args = new ArrayList<>(List.of("train", Cli.DIABETES, "--output", output.toString()));
    args.addAll(List.of(EARLY_STOPPING));
    Process p = ChildJvm.start(properties, Main.class, args.toArray(String[]::new));
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), text);
    assertEquals(143, p.exitValue(), text);
    Path run = Cli.onlyRun(output);
    assertTrue(text.contains("nn: stopped after the run completed: every file of it is written in " + run
        + ", and there is nothing to resume"), text);
    assertFalse(text.contains("interrupted"), text);
    assertTrue(Files.readString(run.resolve(RunDirectory.STATUS)).startsWith("state: finished"));
    assertTrue(Files.isRegularFile(run.resolve(RunDirectory.MODEL)));
    assertEquals(List.of(), RunFiles.temporaryFiles(run));
  }

  /**
   * Without provenance.yaml, which alone holds the data's SHA-256s, a run with checkpoints is not resumed unchecked:
   * exit 2 naming the file, unless --allow-changed-data says to go on with the data as it is.
   */
  @Test
  void aRunWhoseProvenanceIsMissingIsNotResumedUncheckedUnlessAllowed() throws Exception {
    Path run = train(tmp.resolve("killed"), "epoch-0003.ckpt:1:renamed", CRASHED);
    Files.delete(run.resolve(RunDirectory.PROVENANCE));
    Cli.Outcome refused = Cli.run("train", "--resume", run.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertEquals("nn: " + run + ": provenance.yaml is missing, so nn cannot check that the data is what the"
        + " checkpoints were trained on; restore it, or give --allow-changed-data to resume with the data as it is"
        + " now\n", refused.err());
    Cli.Outcome allowed = Cli.run("train", "--resume", run.toString(), "--allow-changed-data");
    assertEquals(0, allowed.code(), allowed.describe());
    assertTrue(Files.readString(run.resolve(RunDirectory.PROVENANCE)).contains("allowed-changed-data"));
  }

  /**
   * A provenance.yaml cut short or emptied is as good as missing: exit 2 saying it is damaged and how to go on; with
   * --allow-changed-data the run resumes, the damaged file kept beside it as provenance.yaml.damaged.
   */
  @Test
  void aRunWhoseProvenanceIsDamagedSaysSoAndResumesWhenAllowed() throws Exception {
    Path run = train(tmp.resolve("damaged"), "epoch-0003.ckpt:1:renamed", CRASHED);
    Path provenance = run.resolve(RunDirectory.PROVENANCE);
    String whole = Files.readString(provenance);
    assertResumeRefused(run, provenance, List.of("", whole.substring(0, whole.length() / 2)),
        "nn: " + run + ": provenance.yaml is damaged (", "), so nn cannot check that the data is what the checkpoints"
        + " were trained on; restore it, or give --allow-changed-data to resume with the data as it is now (the"
        + " damaged file is then kept as provenance.yaml.damaged)\n");
    Cli.Outcome allowed = Cli.run("train", "--resume", run.toString(), "--allow-changed-data");
    assertEquals(0, allowed.code(), allowed.describe());
    assertTrue(allowed.err().contains("provenance.yaml is damaged and kept as provenance.yaml.damaged"),
        allowed.err());
    assertEquals(whole.substring(0, whole.length() / 2),
        Files.readString(run.resolve(RunDirectory.PROVENANCE + ".damaged")));
    assertTrue(Files.readString(provenance).contains("allowed-changed-data"));
    assertTrue(Files.readString(run.resolve(RunDirectory.STATUS)).startsWith("state: finished"));
  }

  /**
   * The run's own experiment.yaml emptied or cut short is said to be the run's file that changed (its SHA-256 is
   * recorded), not reported as an experiment its user wrote wrong: one line, exit 2, nothing changed.
   */
  @Test
  void aRunWhoseExperimentFileIsDamagedSaysItIsNotTheFileTheRunStartedWith() throws Exception {
    Path run = train(tmp.resolve("experiment"), "epoch-0003.ckpt:1:renamed", CRASHED);
    Path experiment = run.resolve(RunDirectory.EXPERIMENT);
    String whole = Files.readString(experiment);
    assertResumeRefused(run, experiment, List.of("", whole.substring(0, whole.indexOf("network"))),
        "nn: " + run + ": experiment.yaml is not the file the run started with (its SHA-256 is not the one"
        + " provenance.yaml recorded: damaged or edited since) and is no longer a valid experiment: ",
        ". Restore it, or train a new run\n");
    Files.writeString(experiment, whole);
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
  }

  /**
   * For each of {@code damages} written to {@code file} of {@code run}: {@code nn train --resume} exits 2 with one
   * line that starts and ends as given, and leaves every file of the run as it was, with none added.
   */
  private static void assertResumeRefused(Path run, Path file, List<String> damages, String starts, String ends)
      throws Exception {
    for (String damaged : damages) {
      Files.writeString(file, damaged);
      java.util.Map<String, String> before = RunFiles.snapshot(run);
      Cli.Outcome refused = Cli.run("train", "--resume", run.toString());
      assertEquals(2, refused.code(), refused.describe());
      assertTrue(refused.err().startsWith(starts), refused.err());
      assertTrue(refused.err().endsWith(ends), refused.err());
      assertEquals(1, refused.err().lines().count(), refused.err());
      assertEquals(before, RunFiles.snapshot(run), "nothing changed or added in the run");
    }
  }

  /** What a resume after a kill has to do. */
  private enum Resume { FROM_THE_START, FROM_A_CHECKPOINT, ONLY_FINISHING }

  /** A kill at {@code point} ({@code NAME:N:STAGE}, see {@code CrashPoint}), and what resuming then does. */
  private record Kill(String point, Resume resume) {}

  static void assertSameRun(Path expected, Path actual, String point) throws Exception {
    assertArrayEquals(Files.readAllBytes(expected.resolve(RunDirectory.MODEL)),
        Files.readAllBytes(actual.resolve(RunDirectory.MODEL)), point + ": model.nnm");
    assertEquals(ResumeTests.withoutSeconds(TrainCommandTests.metricsRows(expected)),
        ResumeTests.withoutSeconds(TrainCommandTests.metricsRows(actual)), point + ": metrics.csv");
    assertEquals(RunFiles.names(expected.resolve(RunDirectory.CHECKPOINTS)),
        RunFiles.names(actual.resolve(RunDirectory.CHECKPOINTS)), point + ": checkpoints kept");
    assertEquals(Files.readString(expected.resolve(RunDirectory.STATUS)),
        Files.readString(actual.resolve(RunDirectory.STATUS)), point + ": status.yaml");
    assertTrue(Files.isRegularFile(actual.resolve(RunDirectory.REPORT)), point + ": report.html");
    assertEquals(List.of(), RunFiles.temporaryFiles(actual), point + ": temporary files left");
    assertFalse(Files.readString(actual.resolve(RunDirectory.PROVENANCE)).contains("ended: null"), point);
  }

  /** What a JVM halted by the crash point exits with, as a process killed by signal 9 would. */
  private static final int CRASHED = 137;

  /**
   * A run directory moved away while its run trains, through nn train as a user runs it: exit 2, one line naming the
   * folder that is gone and how to go on, no "the run is kept in" the old path, and the old path not made again (it
   * was, as half a run that said it completed); the moved directory resumes.
   */
  @Test
  void aRunDirectoryMovedWhileItTrainsStopsTheRunWithoutMakingItAgain() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("moving"));
    Path log = tmp.resolve("moving.log");
    Process p = ChildJvm.command(List.of("--add-modules", "jdk.incubator.vector"), Main.class, "train", Cli.DIABETES,
        "--output", out.toString(), "--plain", "--set", "training.batch-size=1", "--set", "training.epochs=100000",
        "--set", "training.early-stopping=off").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Path run = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (run == null && System.nanoTime() < deadline) {
        try (Stream<Path> made = Files.list(out)) {
          // any epoch's checkpoint (pruning keeps only the newest few of epochs of milliseconds)
          run = made.filter(d -> hasEpochCheckpoint(d.resolve(RunDirectory.CHECKPOINTS))).findFirst().orElse(null);
        }
        Thread.sleep(50);
      }
      assertTrue(run != null, "no checkpoint in 60 s: " + Files.readString(log));
      Path moved = tmp.resolve("moved-away");
      Files.move(run, moved);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), Files.readString(log));
      String text = Files.readString(log);
      assertEquals(2, p.exitValue(), text);
      assertTrue(text.contains("nn: " + run + " was moved or deleted while its run trained; the run stopped rather"
          + " than make it again with half its files. The run's files are wherever it went: nn train --resume THERE"
          + " continues it from its last checkpoint\n"), text);
      assertFalse(text.contains("the run is kept in"), text);
      assertFalse(Files.exists(run), "the old path is not made again");
      assertTrue(Files.isRegularFile(moved.resolve(RunDirectory.EXPERIMENT)), "the moved run is whole");
    } finally {
      p.destroyForcibly();
    }
  }

  /** Whether {@code checkpoints} holds an epoch's checkpoint now. */
  private static boolean hasEpochCheckpoint(Path checkpoints) {
    try (Stream<Path> files = Files.list(checkpoints)) {
      return files.anyMatch(f -> f.getFileName().toString().matches("epoch-\\d+\\.ckpt"));
    } catch (IOException notYet) {
      return false;
    }
  }

  /**
   * A sweep killed in a point: nn runs, of the sweep's folder or of the folder that holds it, says to resume the sweep,
   * which also trains the points after it; the point's own resume (what it said) leaves them pending.
   */
  @Test
  void nnRunsOfASweepKilledInAPointSaysToResumeTheSweep() throws Exception {
    Path out = tmp.resolve("swept");
    List<String> args = new ArrayList<>(List.of("train", Cli.DIABETES, "--output", out.toString()));
    args.addAll(List.of(EARLY_STOPPING));
    args.addAll(List.of("--sweep", "optimizer.learning-rate=0.01,0.02"));
    Process p = ChildJvm.start(List.of("--add-modules", "jdk.incubator.vector",
        "-Dnn.crash-at=epoch-0003.ckpt:1:renamed"), Main.class, args.toArray(String[]::new));
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), text);
    assertEquals(CRASHED, p.exitValue(), text);
    Path sweep;
    Path point;
    try (Stream<Path> made = Files.list(out)) {
      List<Path> all = made.sorted().toList();
      sweep = all.stream().filter(d -> d.getFileName().toString().contains("-sweep-")).findFirst().orElseThrow();
      point = all.stream().filter(d -> !d.equals(sweep)).findFirst().orElseThrow();
    }
    String note = "note: " + point.getFileName() + ": the process training it ended without recording an end"
        + " (killed?); it is a point of the sweep ";
    for (Path listed : List.of(sweep, out)) {
      Cli.Outcome o = Cli.run("runs", listed.toString());
      assertEquals(0, o.code(), o.describe());
      assertEquals(List.of(note + sweep + ", which nn train --resume " + sweep + " continues, with the points"
          + " after it"), o.out().lines().filter(l -> l.startsWith("note: ")).toList(), o.out());
    }
  }

  /**
   * Trains the early-stopping experiment in a child JVM into {@code output}, killed at {@code crashAt} when it
   * is not null; returns the run directory.
   */
  static Path train(Path output, String crashAt, int expectedExit, String... more) throws Exception {
    List<String> properties = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
    if (crashAt != null) {
      properties.add("-Dnn.crash-at=" + crashAt);
    }
    List<String> args = new ArrayList<>(List.of("train", Cli.DIABETES, "--output", output.toString()));
    args.addAll(List.of(EARLY_STOPPING));
    args.addAll(List.of(more));
    Process p = ChildJvm.start(properties, Main.class, args.toArray(String[]::new));
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("nn train did not end in 120 s:\n" + text);
    }
    assertEquals(expectedExit, p.exitValue(), crashAt + ":\n" + text);
    return Cli.onlyRun(output);
  }
}
