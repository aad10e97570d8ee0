package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code Nn} shared by two threads that train at once (float64 and float32, the same experiment): each run ends
 * as it does alone, bit for bit, in a directory of its own, though both start in the same second.
 */
class ConcurrentRunsTests {
  private static final Path DIGITS = Path.of("..", "examples", "digits.yaml");

  @TempDir
  Path tmp;

  @Test
  void twoRunsAtOnceEndAsEachDoesAlone() throws Exception {
    Nn nn = Nn.create();
    List<Experiment> experiments = List.of(
        nn.load(DIGITS, List.of("training.epochs=4", "compute.threads=1")),
        nn.load(DIGITS, List.of("training.epochs=4", "compute.threads=1", "compute.precision=float32")));
    double[][] alone = new double[2][];
    for (int k = 0; k < 2; k++) {
      alone[k] = nn.train(experiments.get(k), TrainingRun.Options.into(tmp.resolve("alone" + k))).model().network()
          .parameters().toArray();
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Path shared = tmp.resolve("together");
      List<Future<TrainingRun.Result>> runs = List.of(
          pool.submit(() -> nn.train(experiments.get(0), TrainingRun.Options.into(shared))),
          pool.submit(() -> nn.train(experiments.get(1), TrainingRun.Options.into(shared))));
      TrainingRun.Result first = runs.get(0).get();
      TrainingRun.Result second = runs.get(1).get();
      assertArrayEquals(alone[0], first.model().network().parameters().toArray(), "float64, beside a float32 run");
      assertArrayEquals(alone[1], second.model().network().parameters().toArray(), "float32, beside a float64 run");
      assertNotEquals(first.directory().path(), second.directory().path());
      assertEquals(shared, first.directory().path().getParent());
    } finally {
      pool.shutdownNow();
    }
  }
}
