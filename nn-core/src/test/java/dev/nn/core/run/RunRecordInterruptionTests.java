package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.Json;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.testing.Plugins;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingResult;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGTERM while an epoch's files are being written: the shutdown hook's record of the interruption
 * waits for them, so the summary it leaves holds every epoch whose checkpoint exists — what a resume continues
 * from — and no file is written after it.
 */
class RunRecordInterruptionTests {
  @TempDir
  Path tmp;

  /** Stands for the checkpoint writer: it stops inside an epoch's write until released, then leaves its file. */
  private static final class HeldCheckpoint implements TrainingListener {
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<Integer> written = new ArrayList<>();
    final RunDirectory dir;

    HeldCheckpoint(RunDirectory dir) {
      this.dir = dir;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochReport report) {
      writing.countDown();
      try {
        assertTrue(release.await(60, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      written.add(report.epoch());
      checkpointed(dir, report.epoch());
    }
  }

  /** A file where the checkpoint of {@code epoch} would be: what the record looks for. */
  private static void checkpointed(RunDirectory dir, int epoch) {
    try {
      Files.createDirectories(dir.checkpoints().dir());
      Files.writeString(dir.checkpoints().fileFor(epoch), "");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A new run's record in a directory under {@code parent}, with a small trainer to report epochs of. */
  private static final class Run {
    final Clock clock = Clock.systemUTC();
    final RunDirectory dir;
    final Provenance provenance;
    final RunRecord record;
    final Trainer trainer = new Trainer(new Network(new int[] {2, 3, 1}, List.of(Plugins.TANH, Plugins.IDENTITY),
        List.of("tanh", "identity"), new JavaKernels()), Plugins.SQUARED, Plugins.SGD, (t, e) -> 0.1,
        TrainingOptions.of(5, 4, 1), List.of());

    Run(Path parent, String name) {
      dir = RunDirectory.create(parent, name, clock, "name: " + name + "\n");
      provenance = Provenance.capture("java", 1, 7, List.of("nn", "train"), clock.instant(), List.of(), List.of());
      record = RunRecord.created(dir, new RunOutcome(dir, clock, provenance),
          new RunRecord.Origin(name, 5, 7, null, List.of(), "0.1.0", List.of(), false, List.of()), clock);
    }
  }

  @Test
  void anInterruptionDuringAnEpochsCheckpointWaitsForItAndItsSummaryHoldsThatEpoch() throws Exception {
    Run run = new Run(tmp, "held");
    RunRecord record = run.record;
    Trainer trainer = run.trainer;
    RunDirectory dir = run.dir;
    HeldCheckpoint checkpoint = new HeldCheckpoint(dir);
    record.precededBy(List.of(checkpoint), new MetricsCsv(dir.metricsFile()));

    Thread training = new Thread(() -> record.onEpochEnd(trainer, new EpochReport(1, 25, 0.1, 0.5, null, 0.01)));
    training.start();
    assertTrue(checkpoint.writing.await(60, TimeUnit.SECONDS));
    Thread hook = new Thread(record::interrupted);
    hook.start();
    // the hook waits for the epoch's files; were it not to, it would have ended
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (hook.getState() != Thread.State.BLOCKED && hook.isAlive() && System.nanoTime() < giveUp) {
      Thread.sleep(5);
    }
    assertEquals(Thread.State.BLOCKED, hook.getState(), "the interruption waits for the checkpoint in progress");
    checkpoint.release.countDown();
    training.join(60_000);
    hook.join(60_000);

    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(dir.summaryFile()));
    assertEquals("interrupted", summary.get("status"));
    assertEquals(1L, ((Number) summary.get("epochs")).longValue(), "the epoch whose checkpoint was written");
    assertEquals(List.of(1), checkpoint.written);
    assertTrue(Files.readString(dir.reportFile()).contains("<p class=\"status interrupted\"><span class=\"badge\">"
        + "interrupted</span> stopped as its JVM shut down (Ctrl-C, SIGTERM, SIGHUP or System.exit); nn train --resume " + dir.path() + " continues it</p>"),
        "the report says how to go on, as status.yaml does");

    // the training thread goes on after the hook (the JVM halts only when every hook is done): nothing more
    record.onEpochEnd(trainer, new EpochReport(2, 50, 0.1, 0.4, null, 0.01));
    assertEquals(List.of(1), checkpoint.written, "no checkpoint newer than the interrupted summary");
    record.close();
  }

  /** The run's files keep how to go on with the folder's absolute path: they are read from any folder. */
  @Test
  void theResumeCommandKeptInTheRunsFilesNamesItsFolderAbsolutely() {
    Path relative = Path.of("runs", "..", "runs", "mnist-20261205-223344");
    String absolute = Path.of("runs", "mnist-20261205-223344").toAbsolutePath().toString();
    assertTrue(RunDirectory.interruptedMessage(relative).endsWith(" train --resume " + absolute
        + " trains it again from the start"), RunDirectory.interruptedMessage(relative));
    assertTrue(RunOutcome.failedNextStep(relative).contains(" train --resume " + absolute + " trains the run again"),
        RunOutcome.failedNextStep(relative));
  }

  /**
   * The model is saved inside the record's last step: a stop recorded first means no model (a resume finishes the
   * run), and a stop that comes while the model is written waits for the whole step, so the run completed.
   */
  @Test
  void theModelIsWrittenExactlyWhenTheRunCompletes() throws Exception {
    Run first = new Run(tmp, "stopped-first");
    first.record.started(first.provenance);
    first.record.interrupted();
    List<String> saved = new ArrayList<>();
    assertFalse(first.record.completed(() -> saved.add("model"), new TrainingResult(List.of(), 0, false), null, null));
    assertEquals(List.of(), saved, "a model beside an interrupted status");
    assertTrue(Files.readString(first.dir.statusFile()).startsWith("state: interrupted"));
    first.record.close();

    Run second = new Run(tmp, "stopped-while-saving");
    RunRecord record = second.record;
    record.started(second.provenance);
    CountDownLatch saving = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EpochReport epoch = new EpochReport(1, 25, 0.1, 0.5, null, 0.01);
    Thread finishing = new Thread(() -> record.completed(() -> {
      saving.countDown();
      try {
        assertTrue(release.await(60, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }, new TrainingResult(List.of(epoch), 1, false), null, null));
    finishing.start();
    assertTrue(saving.await(60, TimeUnit.SECONDS));
    Thread hook = new Thread(record::interrupted);
    hook.start();
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (hook.getState() != Thread.State.BLOCKED && hook.isAlive() && System.nanoTime() < giveUp) {
      Thread.sleep(5);
    }
    assertEquals(Thread.State.BLOCKED, hook.getState(), "the stop waits for the model and the files after it");
    release.countDown();
    finishing.join(60_000);
    hook.join(60_000);
    assertTrue(Files.readString(second.dir.statusFile()).startsWith("state: finished"));
    record.close();
  }

  /**
   * A finishing file that cannot be written (a full disk; here a directory stands where the report goes) fails the
   * run, and until then no file says it completed: the summary is written after the provenance and the report,
   * the status last. Were the disk still full when the failure is recorded, the files would stay as they are at
   * that moment.
   */
  @Test
  void whenAFinishingFileCannotBeWrittenNoFileSaysTheRunCompleted() throws Exception {
    Run run = new Run(tmp, "full");
    RunRecord record = run.record;
    record.started(run.provenance);
    Files.delete(run.dir.reportFile());
    Files.createDirectories(run.dir.reportFile().resolve("in-the-way"));
    EpochReport epoch = new EpochReport(1, 25, 0.1, 0.5, null, 0.01);
    java.io.UncheckedIOException failure = org.junit.jupiter.api.Assertions.assertThrows(
        java.io.UncheckedIOException.class,
        () -> record.completed(() -> { }, new TrainingResult(List.of(epoch), 1, false), null, null));
    assertEquals("running", summaryStatus(run.dir), "the moment the report failed");
    assertFalse(Files.exists(run.dir.statusFile()));
    record.failed(failure);
    record.close();
    assertEquals("failed", summaryStatus(run.dir));
    assertTrue(Files.readString(run.dir.statusFile()).startsWith("state: failed"));
  }

  /**
   * What the status and the report say to do next matches what a resume then does: an interruption before the
   * first checkpoint trains again from the start; a failure is resumed once mended.
   */
  @Test
  void theNextStepSaidIsWhatAResumeDoes() throws Exception {
    Run early = new Run(tmp, "early");
    early.record.started(early.provenance);
    early.record.interrupted();
    early.record.close();
    String again = "stopped as its JVM shut down (Ctrl-C, SIGTERM, SIGHUP or System.exit) before its first checkpoint; nn train --resume " + early.dir.path()
        + " trains it again from the start";
    assertTrue(Files.readString(early.dir.statusFile()).replaceAll("\n\\s+", " ").contains(again));
    assertTrue(Files.readString(early.dir.reportFile()).contains(again));

    Run failing = new Run(tmp, "failing");
    failing.record.started(failing.provenance);
    checkpointed(failing.dir, 1);
    failing.record.onEpochEnd(failing.trainer, new EpochReport(1, 25, 0.1, 0.5, null, 0.01));
    failing.record.failed(new java.io.UncheckedIOException("cannot write x: No space left on device",
        new java.io.IOException("No space left on device")));
    failing.record.close();
    assertTrue(Files.readString(failing.dir.reportFile()).contains("cannot write x: No space left on device. Once"
        + " that is mended, nn train --resume " + failing.dir.path() + " continues the run from its last checkpoint"),
        "the report says how to go on, as the command does");
    String status = Files.readString(failing.dir.statusFile());
    assertTrue(status.startsWith("state: failed\n") && status.contains("No space left on device"), status);
    assertFalse(status.contains("Once"), "status.yaml keeps the failure alone: " + status);
  }

  private static Object summaryStatus(RunDirectory dir) throws java.io.IOException {
    return ((Map<?, ?>) Json.parse(Files.readString(dir.summaryFile()))).get("status");
  }

  @Test
  void withACheckpointEveryOtherEpochAnInterruptionCountsTheEpochsUpToTheLastCheckpoint() throws Exception {
    Run run = new Run(tmp, "every-other");
    RunRecord record = run.record;
    record.precededBy(List.of(), new MetricsCsv(run.dir.metricsFile()));
    try {
      record.started(run.provenance);
      for (int e = 1; e <= 3; e++) {
        if (e % 2 == 0) {
          checkpointed(run.dir, e);
        }
        record.onEpochEnd(run.trainer, new EpochReport(e, 25L * e, 0.1, 1.0 / e, null, 0.01));
      }
      record.interrupted();
      @SuppressWarnings("unchecked")
      Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(run.dir.summaryFile()));
      assertEquals("interrupted", summary.get("status"));
      assertEquals(2L, ((Number) summary.get("epochs")).longValue(), "epoch 3 has no checkpoint to resume from");
      assertEquals(List.of("1", "2"), metricsEpochs(run.dir), "metrics.csv counts the epochs the summary counts");
    } finally {
      record.close();
    }
  }

  /** A checkpoint that cannot be written (a full disk) fails its epoch before metrics.csv has a row of it. */
  @Test
  void anEpochWhoseCheckpointFailedHasNoRowInMetrics() throws Exception {
    Run run = new Run(tmp, "checkpoint-failed");
    RunRecord record = run.record;
    TrainingListener fullDisk = new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        if (report.epoch() == 2) {
          throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
        }
        checkpointed(run.dir, report.epoch());
      }
    };
    record.precededBy(List.of(fullDisk), new MetricsCsv(run.dir.metricsFile()));
    try {
      record.started(run.provenance);
      record.onEpochEnd(run.trainer, new EpochReport(1, 25, 0.1, 1.0, null, 0.01));
      java.io.UncheckedIOException failure = org.junit.jupiter.api.Assertions.assertThrows(
          java.io.UncheckedIOException.class,
          () -> record.onEpochEnd(run.trainer, new EpochReport(2, 50, 0.1, 0.5, null, 0.01)));
      record.failed(failure);
      assertEquals("failed", summaryStatus(run.dir));
      @SuppressWarnings("unchecked")
      Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(run.dir.summaryFile()));
      assertEquals(1L, ((Number) summary.get("epochs")).longValue());
      assertEquals(List.of("1"), metricsEpochs(run.dir));
    } finally {
      record.close();
    }
  }

  /** The epoch column of a run's metrics.csv, row by row. */
  private static List<String> metricsEpochs(RunDirectory dir) throws java.io.IOException {
    List<String> lines = Files.readAllLines(dir.metricsFile());
    assertEquals(MetricsCsv.HEADER.strip(), lines.get(0));
    return lines.subList(1, lines.size()).stream().map(line -> line.split(",")[0]).toList();
  }

  /**
   * Early stopping ends a run off its checkpoint period, and the checkpoint writer then saves the last epoch at
   * the end: an interruption while the model is written counts that epoch too, as the resume does.
   */
  @Test
  void anInterruptionAfterTheLastEpochsCheckpointAtTheEndCountsIt() throws Exception {
    Run run = new Run(tmp, "ended-early");
    RunRecord record = run.record;
    try {
      record.started(run.provenance);
      List<EpochReport> epochs = new ArrayList<>();
      for (int e = 1; e <= 3; e++) {
        if (e % 2 == 0) {
          checkpointed(run.dir, e);
        }
        EpochReport report = new EpochReport(e, 25L * e, 0.1, 1.0 / e, null, 0.01);
        epochs.add(report);
        record.onEpochEnd(run.trainer, report);
      }
      // written at the end, for the epoch early stopping ended on
      checkpointed(run.dir, 3);
      record.onEnd(run.trainer, new TrainingResult(epochs, 3, true));
      record.interrupted();
      @SuppressWarnings("unchecked")
      Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(run.dir.summaryFile()));
      assertEquals(3L, ((Number) summary.get("epochs")).longValue(), "epoch 3's checkpoint was written at the end");
    } finally {
      record.close();
    }
  }

  @Test
  void interruptionListenersAreToldWhenTheHookIsArmedAndOnceTheInterruptionIsRecorded() throws Exception {
    Run run = new Run(tmp, "told");
    RunRecord record = run.record;
    RunDirectory dir = run.dir;
    List<String> told = new ArrayList<>();
    record.reportingInterruption(() -> told.add("armed"), directory -> {
      try {
        // what the listener reads of the directory is the record of the interruption, complete
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(dir.summaryFile()));
        told.add("recorded " + directory.equals(dir.path()) + " " + s.get("status") + " " + s.get("epochs"));
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    });
    try {
      record.started(run.provenance);
      assertEquals(List.of("armed"), told);
      checkpointed(dir, 1);
      record.onEpochEnd(run.trainer, new EpochReport(1, 25, 0.1, 0.5, null, 0.01));
      record.interrupted();
      assertEquals(List.of("armed", "recorded true interrupted 1"), told);
      record.interrupted();
      assertEquals(2, told.size(), "recorded once");
    } finally {
      record.close();
    }
  }
}
