package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory's life through {@code nn train}: created only for a run that starts, marked when training
 * fails, locked while a process trains in it, and resumed only onto the data it started with, from an intact
 * checkpoint, unless the run finished.
 */
class RunLifecycleTests {
  @TempDir
  Path tmp;

  private static final String NETWORK = "network:\n  layers:\n    - {units: auto}\n    - {units: 4, activation: tanh}\n"
      + "    - {units: auto, activation: identity}\n";

  /** Stands for a killed process: training stops after the given epoch, once its checkpoint is written. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private record StartFailure(String name, String experiment, int code, String message) {}

  @Test
  void aRunThatCannotStartLeavesNoDirectoryWhateverStopsIt() throws Exception {
    Files.writeString(tmp.resolve("bad-row.csv"), "a,b,target\n1,2,3\n4,x,6\n");
    List<StartFailure> failures = List.of(
        new StartFailure("a CSV row that is not numbers",
            "data:\n  train: {source: csv, path: bad-row.csv, target: target, task: regression}\n" + NETWORK
                + "loss: squared\noptimizer: {name: sgd, learning-rate: 0.1}\n", 2,
            "bad-row.csv:3: column \"b\": \"x\" is not a number"),
        new StartFailure("a missing IDX file",
            "data:\n  train: {source: idx, images: no-images.gz, labels: no-labels.gz}\n" + NETWORK
                + "loss: softmax-cross-entropy\noptimizer: {name: sgd, learning-rate: 0.1}\n", 2,
            "no-images.gz: file not found; data.train.images names it"),
        new StartFailure("a data path that is a folder",
            "data:\n  train: {source: csv, path: ., target: target, task: regression}\n" + NETWORK
                + "loss: squared\noptimizer: {name: sgd, learning-rate: 0.1}\n", 2,
            ": is a directory; data.train.path names it, and expects a file"),
        new StartFailure("a generator setting out of range",
            "data:\n  train: {source: generator, name: xor, samples: 40, noise: -1}\n" + NETWORK
                + "loss: binary-cross-entropy\noptimizer: {name: sgd, learning-rate: 0.1}\n", 2,
            "setting \"noise\" of generator \"xor\" must be >= 0, found -1"),
        new StartFailure("an optimizer plugin whose state does not fit in memory",
            "data:\n  train: {source: generator, name: xor, samples: 40}\n" + NETWORK
                + "loss: binary-cross-entropy\noptimizer: {name: failing-sgd, learning-rate: 0.1}\n", 2,
            "nn: out of memory (Java heap space)"));
    for (StartFailure f : failures) {
      Path experiment = Files.writeString(tmp.resolve("start.yaml"), "name: start\nseed: 1\n" + f.experiment()
          + "training: {epochs: 2, batch-size: 8}\n");
      Path out = tmp.resolve("out");
      Cli.Outcome o = Cli.run("train", experiment.toString(), "--output", out.toString());
      assertEquals(f.code(), o.code(), f.name() + ": " + o.describe());
      assertTrue(o.err().contains(f.message()), f.name() + ": " + o.describe());
      assertEquals(List.of(), RunFiles.names(out), f.name() + ": a run that never trained left a directory");
    }
  }

  @Test
  void aRunThatFailsWhileTrainingIsMarkedFailedWithItsMessage() throws Exception {
    // 200 samples in batches of 8: 25 updates an epoch, so update 30 is in epoch 2
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "optimizer={name: failing-sgd, fail-at-update: 30}", "--output",
        tmp.toString());
    // the plugin's failure, named as the plugin's: a user error (exit 2), not a bug in nn
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: optimizer \"failing-sgd\" from "), o.describe());
    assertTrue(o.err().contains("failing-sgd: update 30 failed on purpose"), o.describe());
    Path run = Cli.onlyRun(tmp);
    String status = Files.readString(run.resolve(RunDirectory.STATUS));
    assertTrue(status.startsWith("state: failed\nmessage: "), status);
    // the run's files say what the user was told
    assertTrue(status.replace("\n  ", " ").contains("threw IllegalStateException: failing-sgd: update 30 failed on"
        + " purpose in an optimizer step (step) during training"), status);
    String provenance = Files.readString(run.resolve(RunDirectory.PROVENANCE));
    assertTrue(provenance.contains("outcome:\n  status: failed\n  message: "), provenance);
    assertFalse(provenance.contains("ended: null"), provenance);
    assertEquals(List.of("epoch-0001.ckpt"), RunFiles.names(run.resolve(RunDirectory.CHECKPOINTS)));
    assertEquals(1, TrainCommandTests.metricsRows(run).size());
    assertFalse(Files.exists(run.resolve(RunDirectory.MODEL)));
    // after the failure, the line that says the run can be resumed, in the log too
    String kept = "nn: the run is kept in " + run + "; once that is mended, nn train --resume " + run
        + " continues it (with --allow-changed-plugins if the plugin's jar itself was changed; a library added"
        + " beside it needs no flag)\n";
    assertTrue(o.err().endsWith(kept), o.describe());
    assertTrue(Files.readString(run.resolve(RunDirectory.RUN_LOG)).endsWith(kept));
  }

  /** A failure before the run directory exists leaves nothing to resume, and says nothing of resuming. */
  @Test
  void aFailureBeforeTheRunDirectoryExistsOffersNoResume() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.DIABETES, "--set", "data.train.path=" + tmp.resolve("absent.csv"),
        "--output", tmp.resolve("runs").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("absent.csv: file not found"), o.describe());
    assertFalse(o.err().contains("--resume"), o.describe());
  }

  @Test
  void whileAnotherProcessTrainsInARunDirectoryAResumeIsRefusedAndChangesNothing() throws Exception {
    Path run = interruptedXor(tmp.resolve("runs"), 2, 4);
    Map<String, String> before = RunFiles.snapshot(run);
    Process holder = ChildJvm.start(List.of(), LockHolder.class, run.resolve(RunDirectory.LOCK).toString());
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked true", lines.readLine());
      Cli.Outcome o = Cli.run("train", "--resume", run.toString());
      assertEquals(2, o.code(), o.describe());
      assertEquals("nn: " + run + ": another process is training in this run directory (it holds .lock); wait for it "
          + "to end, or stop it, before resuming\n", o.err());
      // refused before anything said that the run resumes
      assertEquals("", o.out());
      assertEquals(before, RunFiles.snapshot(run));
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    }
    Cli.Outcome afterwards = Cli.run("train", "--resume", run.toString());
    assertEquals(0, afterwards.code(), afterwards.describe());
  }

  @Test
  void resumingOntoChangedDataIsRefusedNamingTheFileUnlessAllowedAndThenRecorded() throws Exception {
    Path run = stoppedOnDataChangedSince(4);
    Path csv = tmp.resolve("diabetes.csv");
    Path experiment = tmp.resolve("diabetes.yaml");
    Map<String, String> before = RunFiles.snapshot(run);

    Cli.Outcome refused = Cli.run("train", "--resume", run.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertTrue(refused.err().startsWith("nn: " + run + ": the data changed since the run started: "
        + csv.toAbsolutePath() + " (SHA-256 was "), refused.err());
    assertTrue(refused.err().endsWith("). Resuming would train on other data; restore the data, or give "
        + "--allow-changed-data to train on it anyway\n"), refused.err());
    assertEquals(before, RunFiles.snapshot(run));

    Cli.Outcome allowed = Cli.run("train", "--resume", run.toString(), "--allow-changed-data");
    assertEquals(0, allowed.code(), allowed.describe());
    assertTrue(allowed.err().startsWith("nn: the data changed since the run started, and --allow-changed-data lets "
        + "it train on: " + csv.toAbsolutePath() + " (SHA-256 was "), allowed.err());
    String provenance = Files.readString(run.resolve(RunDirectory.PROVENANCE));
    assertTrue(provenance.contains("outcome:\n  allowed-changed-data: " + csv.toAbsolutePath() + " (SHA-256 was "),
        provenance);
    assertEquals(4, TrainCommandTests.metricsRows(run).size());

    Cli.Outcome fresh = Cli.run("train", experiment.toString(), "--allow-changed-data", "--output",
        tmp.resolve("fresh").toString());
    assertEquals(2, fresh.code(), fresh.describe());
    assertTrue(fresh.err().startsWith("nn: --allow-changed-data applies to --resume only: a new run records the data "
        + "it reads; see nn train --help\n"), fresh.describe());
    assertFalse(Files.exists(tmp.resolve("fresh")));
  }

  @Test
  void aTruncatedOrBitFlippedNewestCheckpointIsSetAsideAndTheRunEndsAsAnUninterruptedOne() throws Exception {
    Path whole = tmp.resolve("whole");
    Cli.Outcome straight = Cli.run("train", Cli.XOR, "--set", "training.epochs=5", "--output", whole.toString());
    assertEquals(0, straight.code(), straight.describe());
    byte[] expectedModel = Files.readAllBytes(Cli.onlyRun(whole).resolve(RunDirectory.MODEL));
    List<String> expectedRows = ResumeTests.withoutSeconds(TrainCommandTests.metricsRows(Cli.onlyRun(whole)));

    for (String damage : List.of("truncated", "bit-flipped")) {
      Path run = interruptedXor(tmp.resolve(damage), 3, 5);
      Path newest = run.resolve(RunDirectory.CHECKPOINTS).resolve("epoch-0003.ckpt");
      byte[] bytes = Files.readAllBytes(newest);
      if (damage.equals("truncated")) {
        bytes = Arrays.copyOf(bytes, bytes.length - 100);
      } else {
        // one bit of the first entry's compressed data, after its local header, name and extra field
        int data = 30 + (bytes[26] & 0xff) + (bytes[27] & 0xff) * 256 + (bytes[28] & 0xff) + (bytes[29] & 0xff) * 256;
        bytes[data + 5] ^= 0x04;
      }
      Files.write(newest, bytes);
      Cli.Outcome o = Cli.run("train", "--resume", run.toString());
      assertEquals(0, o.code(), damage + ": " + o.describe());
      List<String> err = o.err().lines().toList();
      assertEquals(2, err.size(), o.describe());
      assertTrue(err.get(0).startsWith("nn: the checkpoint " + newest + " is damaged and is set aside as "
          + "epoch-0003.ckpt.damaged: " + newest + ": "), o.describe());
      assertEquals("nn: resuming from " + run.resolve(RunDirectory.CHECKPOINTS).resolve("epoch-0002.ckpt")
          + " instead", err.get(1));
      assertTrue(o.out().contains("resuming after epoch 2 of 5"), o.describe());
      assertArrayEquals(expectedModel, Files.readAllBytes(run.resolve(RunDirectory.MODEL)), damage);
      assertEquals(expectedRows, ResumeTests.withoutSeconds(TrainCommandTests.metricsRows(run)), damage);
      assertEquals(List.of("epoch-0003.ckpt.damaged", "epoch-0004.ckpt", "epoch-0005.ckpt"),
          RunFiles.names(run.resolve(RunDirectory.CHECKPOINTS)));
    }
  }

  @Test
  void resumingAFinishedRunSaysSoAndChangesNothing() throws Exception {
    Cli.Outcome trained = Cli.run("train", Cli.XOR, "--set", "training.epochs=3", "--output", tmp.toString());
    assertEquals(0, trained.code(), trained.describe());
    Path run = Cli.onlyRun(tmp);
    assertEquals("state: finished\nmessage: trained 3 of 3 epochs\n", Files.readString(run.resolve(RunDirectory.STATUS)));
    Map<String, String> before = RunFiles.snapshot(run);
    Cli.Outcome again = Cli.run("train", "--resume", run.toString());
    assertEquals(2, again.code(), again.describe());
    assertEquals("nn: " + run + ": the run finished (trained 3 of 3 epochs); there is nothing to resume, and nothing "
        + "was changed. Its model is " + run.resolve(RunDirectory.MODEL) + "\n", again.err());
    assertEquals("", again.out(), "nothing says it is resuming");
    assertEquals(before, RunFiles.snapshot(run));
  }

  @Test
  void aLearningRateThatExplodesInTheFirstEpochDivergesThereAndKeepsNoCheckpoint() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=10", "--set", "optimizer.name=sgd",
        "--set", "optimizer.learning-rate=1", "--output", tmp.toString());
    assertEquals(3, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: training diverged: at the end of epoch 1 the mean training loss was "),
        o.describe());
    assertTrue(o.err().contains(", more than 1000 times the untrained network's ("), o.describe());
    Path run = Cli.onlyRun(tmp);
    assertTrue(o.err().endsWith("no checkpoint was written before epoch 1 diverged\n"), o.describe());
    assertEquals(List.of(), RunFiles.names(run.resolve(RunDirectory.CHECKPOINTS)));
    assertEquals(List.of(), TrainCommandTests.metricsRows(run));
    assertTrue(Files.readString(run.resolve(RunDirectory.STATUS)).startsWith("state: diverged\n"));
  }

  @Test
  void aLossThatGrowsAThousandfoldDivergesAndTheBestCheckpointIsKeptAndNamed() throws Exception {
    // epoch 1 ends far above the first batch's loss but below 1000 times it; the loss then climbs for a few
    // epochs (the exact epochs move with the kernels' rounding)
    Cli.Outcome o = Cli.run("train", Cli.DIABETES, "--set", "training.epochs=10", "--set", "optimizer.name=sgd",
        "--set", "optimizer.learning-rate=0.15", "--output", tmp.toString());
    assertEquals(3, o.code(), o.describe());
    Matcher m = Pattern.compile("^nn: training diverged: at the end of epoch (\\d+) the (mean training|validation) "
        + "loss was \\S+, more than 1000 times the lowest so far \\(").matcher(o.err());
    assertTrue(m.find(), o.describe());
    int diverged = Integer.parseInt(m.group(1));
    Path run = Cli.onlyRun(tmp);
    List<String> rows = TrainCommandTests.metricsRows(run);
    // the diverged epoch wrote no row and no checkpoint
    assertEquals(diverged - 1, rows.size(), o.describe());
    int best = 0;
    double lowest = Double.POSITIVE_INFINITY;
    for (String row : rows) {
      String[] cells = row.split(",");
      double validationLoss = Double.parseDouble(cells[4]);
      assertTrue(Double.isFinite(validationLoss) && Double.isFinite(Double.parseDouble(cells[3])), row);
      if (validationLoss <= lowest) {
        lowest = validationLoss;
        best = Integer.parseInt(cells[0]);
      }
    }
    Path kept = run.resolve(RunDirectory.CHECKPOINTS).resolve(String.format("epoch-%04d.ckpt", best));
    assertTrue(Files.isRegularFile(kept), kept + " of " + RunFiles.names(run.resolve(RunDirectory.CHECKPOINTS)));
    assertTrue(o.err().endsWith("the best checkpoint before it is kept: " + kept + "\n"), o.describe());
    assertTrue(RunFiles.names(run.resolve(RunDirectory.CHECKPOINTS)).size() <= 3);
  }

  /** XOR trained in this JVM for {@code epochs} epochs, stopped after {@code stopAfter}; its run directory. */
  private static Path interruptedXor(Path output, int stopAfter, int epochs) throws Exception {
    Nn nn = Nn.create();
    assertThrows(Interrupted.class, () -> nn.train(nn.load(Path.of(Cli.XOR), List.of("training.epochs=" + epochs)),
        new TrainingRun.Options(output, null, List.of(), List.of(stopAfter(stopAfter)), Nn.version())));
    return Cli.onlyRun(output);
  }

  /**
   * What a resume allowed stays in provenance.yaml's outcome through the resumes after it: a second resume recorded
   * only its own end, and the run no longer said that its first epochs trained on other data.
   */
  @Test
  void anAllowedChangeOfDataStaysRecordedThroughALaterResume() throws Exception {
    Path run = stoppedOnDataChangedSince(5);
    Path csv = tmp.resolve("diabetes.csv");
    Nn nn = Nn.create();
    assertThrows(Interrupted.class, () -> nn.resume(run, new TrainingRun.Options(null, null, List.of(),
        List.of(stopAfter(3)), Nn.version()).allowingChangedData(true)));
    String afterFirst = Files.readString(run.resolve(RunDirectory.PROVENANCE));
    assertTrue(afterFirst.contains("  allowed-changed-data: " + csv.toAbsolutePath() + " (SHA-256 was "), afterFirst);
    Cli.Outcome second = Cli.run("train", "--resume", run.toString());
    assertEquals(0, second.code(), second.describe());
    String provenance = Files.readString(run.resolve(RunDirectory.PROVENANCE));
    assertTrue(provenance.contains("outcome:\n  allowed-changed-data: " + csv.toAbsolutePath() + " (SHA-256 was "),
        provenance);
    assertTrue(provenance.contains("  status: finished"), provenance);
    assertEquals(1, provenance.split("status: ", -1).length - 1, "this attempt's end alone: " + provenance);
  }

  /**
   * A run of a copy of the diabetes experiment and data in the test's folder, planned for {@code epochs} epochs and
   * stopped after epoch 2, whose data file was then changed (one value of its first row).
   */
  private Path stoppedOnDataChangedSince(int epochs) throws Exception {
    Path csv = Files.copy(Cli.EXAMPLES.resolve("data").resolve("diabetes.csv"), tmp.resolve("diabetes.csv"));
    Path experiment = Files.writeString(tmp.resolve("diabetes.yaml"), Files.readString(Cli.EXAMPLES.resolve(
        "diabetes.yaml")).replace("path: data/diabetes.csv", "path: diabetes.csv"));
    Nn nn = Nn.create();
    Path runs = tmp.resolve("runs");
    assertThrows(Interrupted.class, () -> nn.train(nn.load(experiment, List.of("training.epochs=" + epochs)),
        new TrainingRun.Options(runs, null, List.of(), List.of(stopAfter(2)), Nn.version())));
    Files.writeString(csv, Files.readString(csv).replaceFirst("\n59,2,32.1,", "\n60,2,32.1,"));
    return Cli.onlyRun(runs);
  }

  private static TrainingListener stopAfter(int epoch) {
    return new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        if (report.epoch() == epoch) {
          throw new Interrupted();
        }
      }
    };
  }
}
