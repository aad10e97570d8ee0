package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTests {
  @TempDir
  Path tmp;

  /** Stands for a killed process: training stops after epoch 3, once its checkpoint is written. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void aRunInterruptedAfterEpoch3AndResumedEndsWithTheWeightsOfAnUninterruptedRunBitForBit() throws Exception {
    Nn nn = Nn.create();
    Experiment six = nn.load(Path.of(Cli.XOR), List.of("training.epochs=6"));
    Path run = interruptedAfterEpoch3(nn, six, tmp.resolve("interrupted"));

    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.out().contains("resuming after epoch 3 of 6"), resumed.out());
    List<String> epochs = resumed.outLines("epoch ");
    assertEquals(3, epochs.size(), resumed.out());
    assertTrue(epochs.get(0).startsWith("epoch 4/6 "), epochs.get(0));
    assertTrue(epochs.get(2).startsWith("epoch 6/6 "), epochs.get(2));

    Path whole = tmp.resolve("whole");
    Cli.Outcome uninterrupted = Cli.run("train", Cli.XOR, "--set", "training.epochs=6", "--output", whole.toString());
    assertEquals(0, uninterrupted.code(), uninterrupted.describe());
    Path wholeRun = Cli.onlyRun(whole);

    double[] expected = nn.loadModel(wholeRun.resolve(RunDirectory.MODEL)).network().parameters().toArray();
    double[] actual = nn.loadModel(run.resolve(RunDirectory.MODEL)).network().parameters().toArray();
    assertArrayEquals(expected, actual);
    assertEquals(withoutSeconds(TrainCommandTests.metricsRows(wholeRun)),
        withoutSeconds(TrainCommandTests.metricsRows(run)));
  }

  /**
   * A run that diverged is not resumed into the same divergence (a resume is exact: it diverged again, exit 3, each
   * time it was asked): refused, with how to train it anew, and its record left as it was; with changed data allowed,
   * which may train otherwise, it goes ahead.
   */
  @Test
  void aDivergedRunIsNotResumedIntoTheSameDivergence() throws Exception {
    Path runs = tmp.resolve("diverged");
    Cli.Outcome first = Cli.run("train", Cli.XOR, "--set", "optimizer.name=sgd", "--set", "optimizer.learning-rate=20",
        "--set", "loss=squared", "--output", runs.toString());
    assertEquals(Main.DIVERGED, first.code(), first.describe());
    Path run = Cli.onlyRun(runs);
    String status = Files.readString(run.resolve("status.yaml"));
    List<String> files = listing(runs);

    Cli.Outcome again = Cli.run("train", "--resume", run.toString());
    assertEquals(Main.BAD_INPUT, again.code(), again.describe());
    assertTrue(again.err().contains(run + ": the run diverged (training diverged: at the end of epoch 1"), again.err());
    assertTrue(again.err().contains("); a resume repeats it exactly, to the same update, so nothing was resumed or"
        + " changed. Train it anew at a smaller learning rate: nn train " + run.resolve("experiment.yaml")
        + " --set optimizer.learning-rate=…"), again.err());
    assertEquals(status, Files.readString(run.resolve("status.yaml")));
    assertEquals(files, listing(runs), "nothing made or removed");

    Cli.Outcome allowed = Cli.run("train", "--resume", run.toString(), "--allow-changed-data");
    assertEquals(Main.DIVERGED, allowed.code(), allowed.describe());
  }

  /**
   * An experiment.yaml edited to plan fewer epochs than the run has trained does not fit its checkpoint: refused,
   * naming the least training.epochs that does, and the run is left as it was (it said "resuming after epoch 3 of 2"
   * and ended "trained 3 of 2 epochs"). As many epochs as were trained fits, and finishes the run as it stands.
   */
  @Test
  void anExperimentEditedToFewerEpochsThanTrainedIsRefused() throws Exception {
    Nn nn = Nn.create();
    Path run = interruptedAfterEpoch3(nn, nn.load(Path.of(Cli.XOR), List.of("training.epochs=6")),
        tmp.resolve("edited"));
    Path yaml = run.resolve(RunDirectory.EXPERIMENT);
    String recorded = Files.readString(yaml);
    Files.writeString(yaml, recorded.replace("epochs: 6", "epochs: 2"));
    Cli.Outcome refused = Cli.run("train", "--resume", run.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertTrue(refused.err().contains("the checkpoint of epoch 3 is beyond the 2 epochs its experiment.yaml plans"
        + " (training.epochs must be at least 3)"), refused.describe());
    assertFalse(Files.exists(run.resolve(RunDirectory.MODEL)), "no model");
    Files.writeString(yaml, recorded.replace("epochs: 6", "epochs: 3"));
    Cli.Outcome finished = Cli.run("train", "--resume", run.toString());
    assertEquals(0, finished.code(), finished.describe());
    assertTrue(Files.exists(run.resolve(RunDirectory.MODEL)), finished.describe());
  }

  /**
   * A run whose checkpoints were deleted trains again from the start, as one stopped before its first checkpoint
   * does, but says what it found: it said no checkpoint had been written.
   */
  @Test
  void aRunWhoseCheckpointsWereDeletedSaysSo() throws Exception {
    Nn nn = Nn.create();
    Path run = interruptedAfterEpoch3(nn, nn.load(Path.of(Cli.XOR), List.of("training.epochs=4")),
        tmp.resolve("deleted"));
    try (java.util.stream.Stream<Path> files = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertTrue(resumed.err().contains("no checkpoint is left, though metrics.csv records 3 epochs (were the"
        + " checkpoints deleted?); training it again from the start"), resumed.describe());
  }

  /**
   * A run resumed on another backend than it started on says so, since it will not end bit for bit as the interrupted
   * run would have (a JVM without the Vector API moved a small network to OpenBLAS without a word); on the same one
   * it says nothing of backends.
   */
  @Test
  void aRunResumedOnAnotherBackendSaysSo() throws Exception {
    Nn nn = Nn.create();
    Path same = interruptedAfterEpoch3(nn, nn.load(Path.of(Cli.XOR), List.of("training.epochs=4")),
        tmp.resolve("same"));
    Cli.Outcome quiet = Cli.run("train", "--resume", same.toString());
    assertEquals(0, quiet.code(), quiet.describe());
    assertFalse(quiet.err().contains("backend"), quiet.describe());

    Path other = interruptedAfterEpoch3(nn, nn.load(Path.of(Cli.XOR), List.of("training.epochs=4")),
        tmp.resolve("other"));
    Path provenance = other.resolve(RunDirectory.PROVENANCE);
    String recorded = Files.readString(provenance);
    java.util.regex.Matcher backend = java.util.regex.Pattern.compile("(?m)^  backend: (.*)$").matcher(recorded);
    assertTrue(backend.find(), recorded);
    Files.writeString(provenance, recorded.replace("  backend: " + backend.group(1), "  backend: elsewhere"));
    Cli.Outcome told = Cli.run("train", "--resume", other.toString());
    assertEquals(0, told.code(), told.describe());
    String now = backend.group(1).replaceAll("^'|'$", "");
    assertTrue(told.err().contains("nn: the run started on the elsewhere backend and continues on the " + now
        + " backend, which sums in another order, so it will not end bit for bit as the interrupted run would have"),
        told.describe());
    // the record the resume replaced was the only one to say where the first epochs trained
    assertTrue(Files.readString(provenance).contains("  earlier-backend: elsewhere; epochs 1-3\n"),
        Files.readString(provenance));
    assertFalse(Files.readString(same.resolve(RunDirectory.PROVENANCE)).contains("earlier-"), "nothing moved");
  }

  /**
   * A run directory that lost its experiment.yaml is told to restore it, and keeps its checkpoints: its lock beside no
   * experiment was taken for a sweep killed as it began, and the folder's deletion advised.
   */
  @Test
  void aRunThatLostItsExperimentIsToldToRestoreItNotToDeleteIt() throws Exception {
    Nn nn = Nn.create();
    Path run = interruptedAfterEpoch3(nn, nn.load(Path.of(Cli.XOR), List.of("training.epochs=4")), tmp.resolve("lost"));
    Files.writeString(run.resolve(".lock"), "");
    Path experiment = run.resolve(RunDirectory.EXPERIMENT);
    String yaml = Files.readString(experiment);
    Files.delete(experiment);
    List<String> checkpoints;
    try (var files = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
      checkpoints = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    Cli.Outcome refused = Cli.run("train", "--resume", run.toString(), "--plain");
    assertEquals(2, refused.code(), refused.describe());
    assertEquals("nn: " + run + ": a run directory without its experiment.yaml, which a resume rebuilds the run from;"
        + " restore it (the experiment the run started with: provenance.yaml records its SHA-256) and resume again;"
        + " its checkpoints and metrics are untouched\n", refused.err());
    try (var files = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
      assertEquals(checkpoints, files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Files.writeString(experiment, yaml);
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString(), "--plain");
    assertEquals(0, resumed.code(), resumed.describe());
  }

  /**
   * A float32 run whose experiment.yaml was edited to float64 before its resume is told it continues in float64, as
   * the file now says: not as a change of backend, whose advice (compute.backend, NN_VECTOR) cannot undo it.
   */
  @Test
  void aRunResumedInAnotherPrecisionSaysSoAndNotThatItsBackendChanged() throws Exception {
    Nn nn = Nn.create();
    Path run = interruptedAfterEpoch3(nn, nn.load(Path.of(Cli.XOR), List.of("training.epochs=4",
        "compute.precision=float32")), tmp.resolve("f32"));
    Path experiment = run.resolve(RunDirectory.EXPERIMENT);
    String yaml = Files.readString(experiment);
    assertTrue(yaml.contains("precision: float32"), yaml);
    Files.writeString(experiment, yaml.replace("precision: float32", "precision: float64"));
    Cli.Outcome told = Cli.run("train", "--resume", run.toString());
    assertEquals(0, told.code(), told.describe());
    assertTrue(told.err().contains("nn: the run started in float32 and continues in float64, as experiment.yaml's"
        + " compute.precision now says: from here its parameters and sums are float64, so it will not end as the"
        + " interrupted run would have, and its model is float64"), told.describe());
    assertFalse(told.err().contains("backend"), told.describe());
    String provenance = Files.readString(run.resolve(RunDirectory.PROVENANCE));
    assertTrue(provenance.contains("  precision: float64\n"), provenance);
    assertTrue(provenance.contains("  earlier-precision: float32; epochs 1-3\n"), provenance);
  }

  /**
   * Trains {@code e} into {@code into} and stops it after epoch 3, once that epoch's checkpoint is written, as a kill
   * would; returns the run directory, which holds 3 epochs of metrics and no model.
   */
  static Path interruptedAfterEpoch3(Nn nn, Experiment e, Path into) throws Exception {
    TrainingListener stopAfter3 = new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        if (report.epoch() == 3) {
          throw new Interrupted();
        }
      }
    };
    assertThrows(Interrupted.class, () -> nn.train(e, new TrainingRun.Options(into, null, List.of(),
        List.of(stopAfter3), Nn.version())));
    Path run = Cli.onlyRun(into);
    assertFalse(Files.exists(run.resolve(RunDirectory.MODEL)));
    assertEquals(3, TrainCommandTests.metricsRows(run).size());
    return run;
  }

  static List<String> withoutSeconds(List<String> rows) {
    return rows.stream().map(r -> r.substring(0, r.lastIndexOf(','))).toList();
  }

  /** Every file and folder under {@code dir}, relative, sorted. */
  private static List<String> listing(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
      return all.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }
}
