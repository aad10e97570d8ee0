package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.data.DataException;
import dev.nn.core.experiment.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that trains a distributed experiment through {@code Nn.train} hears of a missing data file before the
 * cluster is asked for (as {@code nn validate} and {@code nn train} say it), not once Spark has started, nor as "no
 * cluster engine" where none is on the class path.
 */
class DistributedFilesTests {
  @TempDir
  Path dir;

  @Test
  void aMissingFileOfADistributedExperimentIsSaidBeforeTheClusterIsAskedFor() {
    Nn nn = Nn.create();
    Path missing = dir.resolve("nosuch.csv");
    Experiment e = nn.parse("data:\n"
        + "  train: {source: csv, path: \"" + missing + "\", target: y}\n"
        + "network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: 1, activation: identity}]}\n"
        + "loss: squared\n"
        + "distributed: {master: \"local[2]\", partitions: 2}\n", List.of());
    DataException refused = assertThrows(DataException.class,
        () -> nn.train(e, TrainingRun.Options.into(dir.resolve("runs"))));
    assertEquals(missing + ": file not found; data.train.path names it", refused.getMessage());
    assertFalse(Files.exists(dir.resolve("runs")));
  }
}
