package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingInterruptedException;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application cancels a training the Java way, by interrupting its thread ({@code Future.cancel(true)}): the
 * run is recorded interrupted, the call ends with a {@link TrainingInterruptedException}, the thread keeps its
 * interrupted flag, and {@code nn.resume} finishes the run.
 */
class InterruptedThreadTests {
  /** A small generated regression planned for many epochs (MovedRunDirectoryTests trains it too). */
  static final String EXPERIMENT = """
      name: cancelled
      seed: 3
      data:
        train: {source: generator, name: lecture-regression, inputs: 8, samples: 400}
        validation: {split: 0.1}
      network:
        layers:
          - {units: auto}
          - {units: 16, activation: tanh}
          - {units: 1, activation: identity}
      loss: squared
      optimizer: {name: sgd, learning-rate: 0.01}
      training: {epochs: 100000, batch-size: 8}
      """;

  @TempDir
  Path tmp;

  @Test
  void anInterruptedTrainingThreadLeavesAnInterruptedRunThatResumes() throws Exception {
    Nn nn = Nn.create();
    Experiment experiment = nn.parse(EXPERIMENT, List.of());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread training = new Thread(() -> {
      try {
        nn.train(experiment, TrainingRun.Options.into(tmp));
      } catch (Throwable t) {
        thrown.set(t);
      }
      flagAfter.set(Thread.currentThread().isInterrupted());
    });
    training.start();
    Path run = waitForEpochs(3);
    training.interrupt();
    training.join(60_000);
    assertTrue(!training.isAlive(), "the training thread ended");

    TrainingInterruptedException e = assertInstanceOf(TrainingInterruptedException.class, thrown.get());
    assertEquals(run, e.runDirectory().orElseThrow());
    assertTrue(flagAfter.get(), "the thread's interrupted flag is set again for its caller");
    assertTrue(Files.readString(run.resolve("status.yaml")).startsWith("state: interrupted"),
        Files.readString(run.resolve("status.yaml")));
    assertTrue(Files.readString(run.resolve("summary.json")).contains("\"status\": \"interrupted\""));
    // the write the interruption cut short left nothing half-written behind
    try (Stream<Path> files = Files.walk(run)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
    }

    // a resume continues from the last checkpoint (at least epoch 3's, written before its metrics row); its
    // first epoch is stopped the same way, in this thread
    AtomicInteger firstResumed = new AtomicInteger();
    TrainingRun.Options again = TrainingRun.Options.defaults().withListener(new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        firstResumed.compareAndSet(0, report.epoch());
        Thread.currentThread().interrupt();
      }
    });
    try {
      assertThrows(TrainingInterruptedException.class, () -> nn.resume(run, again));
    } finally {
      Thread.interrupted();
    }
    assertTrue(firstResumed.get() >= 4, "resumed at epoch " + firstResumed.get());
    assertTrue(Files.readString(run.resolve("status.yaml")).startsWith("state: interrupted"));
  }

  /**
   * Interrupted partway through an epoch, the training stops after the batch it is on, with a checkpoint there
   * (partial-epoch-0002.ckpt), and the resume goes on from it to the model of the training that was not interrupted.
   */
  @Test
  void anInterruptionPartwayThroughAnEpochStopsAfterItsBatchAndLosesNothing() throws Exception {
    String longEpochs = EXPERIMENT.replace("samples: 400", "samples: 600000").replace("epochs: 100000, batch-size: 8",
        "epochs: 3, batch-size: 1");
    Nn nn = Nn.create();
    Experiment experiment = nn.parse(longEpochs, List.of());
    Path straight = nn.train(experiment, TrainingRun.Options.into(tmp.resolve("straight")))
        .directory().path();

    AtomicReference<Throwable> thrown = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicLong asked = new java.util.concurrent.atomic.AtomicLong();
    // a quarter of a second into epoch 2 (an epoch takes most of a second), past the files epoch 1's end writes
    TrainingRun.Options interruptingInEpoch2 = TrainingRun.Options.into(tmp).withListener(new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        if (report.epoch() == 1) {
          Thread target = Thread.currentThread();
          Thread later = new Thread(() -> {
            try {
              Thread.sleep(250);
            } catch (InterruptedException e) {
              return;
            }
            asked.set(System.nanoTime());
            target.interrupt();
          });
          later.start();
        }
      }
    });
    Thread training = new Thread(() -> {
      try {
        nn.train(experiment, interruptingInEpoch2);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    training.start();
    training.join(120_000);
    double seconds = (System.nanoTime() - asked.get()) / 1e9;
    Path run = waitForEpochs(1);
    assertInstanceOf(TrainingInterruptedException.class, thrown.get());
    assertTrue(seconds < 5, "stopped after its batch, not at the epoch's end: " + seconds + " s");
    Path partial = run.resolve("checkpoints").resolve("partial-epoch-0002.ckpt");
    assertTrue(Files.isRegularFile(partial), "a checkpoint where it stopped");
    assertTrue(Files.readString(run.resolve("status.yaml")).startsWith("state: interrupted"));

    nn.resume(run, TrainingRun.Options.defaults());
    assertEquals(-1L, Files.mismatch(straight.resolve("model.nnm"), run.resolve("model.nnm")),
        "the same model.nnm bytes");
  }

  /**
   * A thread interrupted before its run directory is made (a cancel in the training's first moments) ends with the
   * interruption too, not with a failed file write, and leaves no run directory.
   */
  @Test
  void aThreadInterruptedBeforeItsRunDirectoryIsMadeEndsWithTheInterruption() throws Exception {
    Nn nn = Nn.create();
    Experiment experiment = nn.parse(EXPERIMENT, List.of());
    Thread.currentThread().interrupt();
    try {
      TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
          () -> nn.train(experiment, TrainingRun.Options.into(tmp)));
      assertTrue(e.runDirectory().isEmpty(), e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set for the caller");
    } finally {
      Thread.interrupted();
    }
    try (Stream<Path> entries = Files.list(tmp)) {
      assertEquals(List.of(), entries.filter(f -> !f.getFileName().toString().startsWith(".")).toList());
    }
  }

  /**
   * An interrupt at any moment of a run — as it is set up, between batches, while checkpoints or the final model,
   * summary, report and status are written — leaves a record that agrees with what the caller was told: interrupted
   * (status and summary say so), completed (returned normally, the flag left set), or nothing made. Interrupts that
   * landed while the run's last files were written used to cut those writes short ("cannot write status.yaml: null"),
   * leaving a run the caller was told was interrupted recorded as running or completed.
   */
  @Test
  void anInterruptAtAnyMomentLeavesARecordThatAgreesWithTheCaller() throws Exception {
    Nn nn = Nn.create();
    Experiment experiment = nn.parse(EXPERIMENT.replace("epochs: 100000", "epochs: 4")
        .replace("samples: 400", "samples: 2000"), List.of());
    java.util.Random delays = new java.util.Random(11);
    int interrupted = 0;
    int completed = 0;
    for (int i = 0; i < 30; i++) {
      Path out = tmp.resolve("r" + i);
      AtomicReference<Object> ended = new AtomicReference<>();
      AtomicBoolean flagAfter = new AtomicBoolean();
      java.util.concurrent.atomic.AtomicLong returnedAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
      Thread training = new Thread(() -> {
        try {
          ended.set(nn.train(experiment, TrainingRun.Options.into(out)));
        } catch (Throwable t) {
          ended.set(t);
        }
        flagAfter.set(Thread.currentThread().isInterrupted());
        returnedAt.set(System.nanoTime());
      });
      training.start();
      Thread.sleep(delays.nextInt(120));
      long sentAt = System.nanoTime();
      training.interrupt();
      training.join(60_000);

      List<Path> runs;
      try (Stream<Path> dirs = Files.exists(out) ? Files.list(out) : Stream.empty()) {
        runs = dirs.filter(d -> !d.getFileName().toString().startsWith(".")).toList();
      }
      Object outcome = ended.get();
      // an interrupt sent before the call returned is never swallowed (one sent after it has nothing to do with nn)
      assertTrue(flagAfter.get() || sentAt > returnedAt.get(), "the flag is set for the caller however the run"
          + " ended: " + outcome);
      if (outcome instanceof TrainingInterruptedException e) {
        if (e.runDirectory().isEmpty()) {
          assertEquals(List.of(), runs, "an interruption before the directory leaves none");
          continue;
        }
        interrupted++;
        Path run = e.runDirectory().get();
        assertTrue(Files.readString(run.resolve("status.yaml")).startsWith("state: interrupted"), run.toString());
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"status\": \"interrupted\""));
      } else {
        TrainingRun.Result result = assertInstanceOf(TrainingRun.Result.class, outcome, String.valueOf(outcome));
        completed++;
        Path run = result.directory().path();
        assertTrue(Files.readString(run.resolve("status.yaml")).startsWith("state: finished"), run.toString());
        assertTrue(Files.isRegularFile(run.resolve("model.nnm")));
      }
    }
    assertTrue(interrupted + completed > 0, "some runs got as far as their directory");
  }

  /** The one run directory once its metrics hold {@code epochs} epochs. */
  private Path waitForEpochs(int epochs) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Stream<Path> dirs = Files.list(tmp)) {
        for (Path dir : dirs.filter(d -> !d.getFileName().toString().startsWith(".")).toList()) {
          Path metrics = dir.resolve("metrics.csv");
          if (Files.exists(metrics) && Files.readAllLines(metrics).size() > epochs) {
            return dir;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no run reached epoch " + epochs);
  }
}
