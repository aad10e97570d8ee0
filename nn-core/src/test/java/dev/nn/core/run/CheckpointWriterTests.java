package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.testing.Plugins;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerState;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingOptions;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWriterTests {
  @TempDir
  Path dir;

  /** y = sin(x1) + 0.5·x2. */
  private static Samples regression(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x = new double[n * 2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = rnd.nextDouble(-2, 2);
      x[2 * i + 1] = rnd.nextDouble(-1, 1);
      y[i] = Math.sin(x[2 * i]) + 0.5 * x[2 * i + 1];
    }
    return new Samples(x, y, n, 2, 1);
  }

  private static Network network(long seed) {
    Network net = new Network(new int[] {2, 6, 1}, List.of(Plugins.TANH, Plugins.IDENTITY),
        List.of("tanh", "identity"), new JavaKernels());
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] theta = new double[net.parameters().size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = rnd.nextDouble(-0.5, 0.5);
    }
    net.parameters().load(theta);
    return net;
  }

  private static Trainer trainer(Network net, TrainingOptions options, List<TrainingListener> listeners) {
    return new Trainer(net, Plugins.SQUARED, Plugins.MOMENTUM, (t, e) -> 0.02, options, listeners);
  }

  /** Stops the run after an epoch, as a kill would, once the listeners before it have run. */
  private static final class Kill extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void checkpointsAreTakenEveryNEpochsAndAfterTheLast() {
    Checkpoints checkpoints = new Checkpoints(dir, 10);
    trainer(network(1), TrainingOptions.of(7, 16, 3), List.of(new CheckpointWriter(checkpoints, 3)))
        .train(regression(64, 2), null, false);
    assertEquals(List.of(3L, 6L, 7L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
    TrainerState last = checkpoints.readLatest();
    assertEquals(7, last.epoch());
    assertEquals(7 * 4, last.updates());
    assertEquals(7, last.history().size());
  }

  @Test
  void aKilledRunResumedFromItsFilesEndsBitIdenticalWithTheSameMetrics() throws Exception {
    Samples data = regression(50, 5);
    Samples validation = regression(20, 6);
    TrainingOptions options = TrainingOptions.of(6, 8, 11);

    Path straightDir = Files.createDirectory(dir.resolve("straight"));
    Network straight = network(4);
    trainer(straight, options, List.of(new MetricsCsv(straightDir.resolve("metrics.csv")),
        new CheckpointWriter(new Checkpoints(straightDir, 2), 2))).train(data, validation, false);

    Path runDir = Files.createDirectory(dir.resolve("killed"));
    Path metrics = runDir.resolve("metrics.csv");
    Checkpoints checkpoints = new Checkpoints(runDir, 2);
    TrainingListener killAfter3 = new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        if (report.epoch() == 3) {
          throw new Kill();
        }
      }
    };
    Trainer first = trainer(network(4), options,
        List.of(new MetricsCsv(metrics), new CheckpointWriter(checkpoints, 2), killAfter3));
    assertThrows(Kill.class, () -> first.train(data, validation, false));
    assertEquals(4, Files.readAllLines(metrics).size(), "header and 3 rows, one past the checkpoint");
    assertEquals(2, checkpoints.readLatest().epoch());

    Network resumed = network(99); // other weights: the checkpoint must replace them
    Trainer second = trainer(resumed, options, List.of(new MetricsCsv(metrics), new CheckpointWriter(checkpoints, 2)));
    second.restore(Checkpoints.read(checkpoints.latest().orElseThrow()));
    second.train(data, validation, false);

    assertArrayEquals(RunFixtures.bits(straight.parameters().toArray()), RunFixtures.bits(resumed.parameters().toArray()));
    assertEquals(withoutSeconds(straightDir.resolve("metrics.csv")), withoutSeconds(metrics));
    assertEquals(7, Files.readAllLines(metrics).size());
    assertEquals(List.of(4L, 6L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
    assertEquals(List.of(), RunFixtures.temporaryFiles(runDir));
  }

  @Test
  void whenEarlyStoppingEndsTheRunTheFinalCheckpointHoldsTheKeptWeights() {
    Samples data = regression(40, 7);
    Samples validation = regression(10, 8);
    // a minimum improvement no epoch can make: the first epoch is best, patience 2 stops after epoch 3
    TrainingOptions options = new TrainingOptions(50, 8, true, 0.0, 1, 2, TrainingOptions.Monitor.VAL_LOSS, 1e9);
    Checkpoints checkpoints = new Checkpoints(dir, 5);
    Network net = network(3);
    TrainingResult result = trainer(net, options, List.of(new CheckpointWriter(checkpoints, 10)))
        .train(data, validation, false);
    assertTrue(result.stoppedEarly());
    assertEquals(List.of(3L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
    TrainerState saved = checkpoints.readLatest();
    assertEquals(1, saved.bestEpoch());
    assertEquals(2, saved.epochsWithoutImprovement());
    assertArrayEquals(RunFixtures.bits(saved.bestParams()), RunFixtures.bits(saved.params()));
    assertArrayEquals(RunFixtures.bits(net.parameters().toArray()), RunFixtures.bits(saved.params()));
  }

  @Test
  void aTrainerRestoredFromTheCheckpointOfTheStoppingEpochTrainsNoFurtherAndEndsWithTheSameWeights() {
    Samples data = regression(40, 7);
    Samples validation = regression(10, 8);
    // patience 2 stops after epoch 3; a checkpoint every epoch, so the stopping epoch's holds its last weights
    TrainingOptions options = new TrainingOptions(50, 8, true, 0.0, 1, 2, TrainingOptions.Monitor.VAL_LOSS, 1e9);
    Checkpoints checkpoints = new Checkpoints(dir, 5);
    Network straight = network(3);
    TrainingResult whole = trainer(straight, options, List.of(new CheckpointWriter(checkpoints, 1)))
        .train(data, validation, false);
    TrainerState saved = checkpoints.readLatest();
    assertEquals(3, saved.epoch());
    assertEquals(TrainerState.End.STOPPED_EARLY, saved.end());

    Network resumed = network(4);
    List<Integer> epochsTrained = new ArrayList<>();
    Trainer again = trainer(resumed, options, List.of(new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        epochsTrained.add(report.epoch());
      }
    }, new CheckpointWriter(checkpoints, 1)));
    again.restore(saved);
    TrainingResult result = again.train(data, validation, false);
    assertEquals(List.of(), epochsTrained);
    assertTrue(result.stoppedEarly());
    assertEquals(whole.bestEpoch(), result.bestEpoch());
    assertArrayEquals(RunFixtures.bits(straight.parameters().toArray()), RunFixtures.bits(resumed.parameters().toArray()));
    assertEquals(List.of(1L, 2L, 3L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
  }

  @Test
  void aCheckpointOfTheLastEpochSaysTrainingFinished() {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    trainer(network(1), TrainingOptions.of(2, 10, 1), List.of(new CheckpointWriter(checkpoints, 1)))
        .train(regression(30, 9), null, false);
    assertEquals(TrainerState.End.FINISHED, checkpoints.readLatest().end());
    assertEquals(TrainerState.End.RUNNING, Checkpoints.read(checkpoints.fileFor(1)).end());
  }

  @Test
  void aRunResumedAfterItsLastEpochWritesNothingNew() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    Samples data = regression(30, 9);
    TrainingOptions options = TrainingOptions.of(2, 10, 1);
    trainer(network(1), options, List.of(new CheckpointWriter(checkpoints, 1))).train(data, null, false);
    Path last = checkpoints.latest().orElseThrow();
    long modified = Files.getLastModifiedTime(last).toMillis();
    byte[] before = Files.readAllBytes(last);
    Trainer again = trainer(network(2), options, List.of(new CheckpointWriter(checkpoints, 1)));
    again.restore(checkpoints.readLatest());
    again.train(data, null, false);
    assertArrayEquals(before, Files.readAllBytes(last));
    assertEquals(modified, Files.getLastModifiedTime(last).toMillis());
    assertThrows(IllegalArgumentException.class, () -> new CheckpointWriter(checkpoints, 0));
  }

  private static List<String> withoutSeconds(Path csv) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      out.add(line.substring(0, line.lastIndexOf(',')));
    }
    return out;
  }
}
