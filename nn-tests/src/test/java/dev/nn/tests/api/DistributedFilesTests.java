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

  /**
   * So is a model to fine-tune from, and a spark source's table when it is a plain path on this machine (a file or a
   * folder of parts); a glob or a table elsewhere (hdfs://) is Spark's to find.
   */
  @Test
  void aMissingStartingModelOrLocalTableIsSaidBeforeTheClusterIsAskedFor() throws Exception {
    Nn nn = Nn.create();
    Path csv = Files.writeString(dir.resolve("rows.csv"), "a,y\n1,2\n3,4\n");
    String network = "network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: 1, activation: identity}]"
        + "WEIGHTS}\n";
    String rest = "loss: squared\ndistributed: {master: \"local[2]\", partitions: 2}\n";
    Path model = dir.resolve("gone.nnm");
    Experiment fineTune = nn.parse("data:\n  train: {source: csv, path: \"" + csv + "\", target: y}\n"
        + network.replace("WEIGHTS", ", weights-from: \"" + model + "\"") + rest, List.of());
    DataException noModel = assertThrows(DataException.class, () -> nn.check(fineTune));
    assertEquals(model + ": file not found; network.weights-from names it", noModel.getMessage());
    assertEquals(noModel.getMessage(), assertThrows(DataException.class,
        () -> nn.train(fineTune, TrainingRun.Options.into(dir.resolve("runs")))).getMessage());

    Path table = dir.resolve("table.parquet");
    Experiment spark = nn.parse("data:\n  train: {source: spark, path: \"" + table + "\", target: y}\n"
        + network.replace("WEIGHTS", "") + rest, List.of());
    DataException noTable = assertThrows(DataException.class, () -> nn.check(spark));
    assertEquals(table + ": not found; data.train.path names it (a file, or a folder of a table's parts, on this"
        + " machine)", noTable.getMessage());
    for (String elsewhere : List.of(dir.resolve("part-*.parquet").toString(), "hdfs://namenode/t.parquet")) {
      Experiment e = nn.parse("data:\n  train: {source: spark, path: \"" + elsewhere + "\", target: y}\n"
          + network.replace("WEIGHTS", "") + rest, List.of());
      // past the files' check, which a table elsewhere passes: the engine, which this JVM lacks, is what is missing
      dev.nn.spi.ConfigException noEngine = assertThrows(dev.nn.spi.ConfigException.class, () -> nn.check(e),
          elsewhere);
      assertEquals(dev.nn.spi.ProblemId.BACKEND_UNAVAILABLE, noEngine.problems().get(0).id(), elsewhere);
    }
    assertFalse(Files.exists(dir.resolve("runs")));
  }
}
