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
}
