package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.TrainingDivergedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The divergence rules of nn train hold on Spark as in one process: a first epoch that exploded is compared with
 * the untrained network's loss over the first epoch's first 64 rows, the same figure in every mode. Averaging had no
 * reference at all (it never steps the driver's trainer), so a learning rate of 1e6 "completed" with a model.
 */
class SparkDivergenceTests {
  /** Plain SGD at a rate that makes the first epoch's loss explode while every batch's stays finite. */
  static final String EXPLODING = "optimizer={name: sgd, learning-rate: 1.0e6}";

  /** The untrained figure and the first epoch's loss a divergence message names. */
  static final Pattern FIGURES = Pattern.compile("at the end of epoch 1 the mean training loss was (\\S+), more than"
      + " 1000 times the untrained network's \\((\\S+)\\)");

  @TempDir
  Path runs;

  @BeforeAll
  static void startSpark() {
    LocalSpark.get();
  }

  /** The divergence of a run of {@code overrides}, which must stop at the end of epoch 1. */
  private TrainingDivergedException diverged(String into, String... overrides) {
    String[] all = Stream.concat(Stream.of(EXPLODING, "training.epochs=5"), Stream.of(overrides))
        .toArray(String[]::new);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> SparkTrainingTests.train(runs.resolve(into), SparkTrainingTests.IRIS, all));
    assertEquals(1, e.epoch(), e.getMessage());
    return e;
  }

  /** The untrained network's loss that {@code e} names. */
  private static double untrained(TrainingDivergedException e) {
    Matcher m = FIGURES.matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    return Double.parseDouble(m.group(2));
  }

  @Test
  void averagingStopsAtTheFirstEpochWithTheUntrainedLossOfOneProcess() throws Exception {
    double local = untrained(diverged("local"));
    TrainingDivergedException averaging = diverged("averaging", "distributed.mode=averaging",
        "distributed.partitions=2", "distributed.average-every=4");
    assertEquals(local, untrained(averaging), 1e-5 * local, averaging.getMessage());
    // as in one process: the epoch that diverged left no checkpoint and no metrics row
    Path run = averaging.runDirectory().orElseThrow();
    try (Stream<Path> checkpoints = Files.list(run.resolve("checkpoints"))) {
      assertEquals(0, checkpoints.count());
    }
    assertTrue(Files.readString(run.resolve("status.yaml")).startsWith("state: diverged\n"));
    assertEquals(1, Files.readAllLines(run.resolve("metrics.csv")).size(), "the header alone");
  }

  /** The reference was the first global batch's loss (16 rows), not the untrained loss one process takes. */
  @Test
  void synchronousTrainingComparesWithTheUntrainedLossOfOneProcess() {
    double local = untrained(diverged("local"));
    TrainingDivergedException synchronous = diverged("synchronous", "distributed.mode=synchronous",
        "distributed.partitions=3");
    assertEquals(local, untrained(synchronous), 1e-5 * local, synchronous.getMessage());
  }

  /** A table Spark reads ({@code source: spark}) trains by the same epochs, and stops as they do. */
  @Test
  void aSparkTableTrainedByAveragingStopsAtTheFirstEpoch() {
    String iris = SparkSourceTests.IRIS.toString();
    TrainingDivergedException e = diverged("table", "data.train={source: spark, format: csv, path: \"" + iris
        + "\", target: target, task: classification}", "distributed.mode=averaging", "distributed.partitions=2",
        "distributed.average-every=4");
    double untrained = untrained(e);
    assertTrue(untrained > 0.5 && untrained < 5, "a softmax loss of 3 classes near ln 3: " + e.getMessage());
  }
}
