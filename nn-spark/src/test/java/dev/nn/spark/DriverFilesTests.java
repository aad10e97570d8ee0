package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.config.ExperimentWriter;
import dev.nn.core.data.DataException;
import dev.nn.core.io.Sha256;
import dev.nn.core.Nn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor that reads the experiment's files from its own disk checks them against the driver's SHA-256
 * first: a copy that differs, or none, ends the run with one line naming the file, the executor and the hashes.
 */
class DriverFilesTests {
  static final Path IRIS = Path.of("../examples/data/iris.csv").toAbsolutePath().normalize();

  @TempDir
  Path work;

  @Test
  void theDriversOwnCopyPasses() throws Exception {
    Path copy = Files.copy(IRIS, work.resolve("iris.csv"));
    DriverFiles.hash(List.of(copy)).checkCopies("executor 1 on node-a");
  }

  @Test
  void aCopyThatDiffersNamesTheFileTheExecutorAndBothHashes() throws Exception {
    Path copy = Files.copy(IRIS, work.resolve("iris.csv"));
    DriverFiles driver = DriverFiles.hash(List.of(copy));
    // a stale copy on one machine: one class label changed
    Files.writeString(copy, Files.readString(copy).replaceFirst(",0\n", ",2\n"));
    DataException e = assertThrows(DataException.class, () -> driver.checkCopies("executor 1 on node-a"));
    String driverHash = driver.files().get(0).sha256();
    String executorHash = Sha256.of(copy);
    assertEquals("executor 1 on node-a read " + copy + " with SHA-256 " + executorHash + ", but the driver read "
        + driverHash + ": the file differs between machines; copy the same file to every machine", e.getMessage());
    assertFalse(driverHash.equals(executorHash));
  }

  @Test
  void aMissingCopySaysTheExecutorCannotFindIt() throws Exception {
    Path copy = Files.copy(IRIS, work.resolve("iris.csv"));
    DriverFiles driver = DriverFiles.hash(List.of(copy));
    Files.delete(copy);
    DataException e = assertThrows(DataException.class, () -> driver.checkCopies("executor 0 on node-b"));
    assertEquals("executor 0 on node-b cannot find " + copy + ", which the driver read: copy the same file to every"
        + " machine, at the same path", e.getMessage());
  }

  /** The executor's side of a run: a part prepared from the sources checks them before it reads them. */
  @Test
  void anExecutorPreparingItsPartFromAChangedFileRefusesIt() throws Exception {
    Path copy = Files.copy(IRIS, work.resolve("iris.csv"));
    String yaml = ExperimentWriter.write(Nn.create().parse(SparkTrainingTests.IRIS.replace("../examples/data/iris.csv",
        copy.toString()), List.of("distributed.partitions=2")));
    DriverFiles driver = DriverFiles.hash(List.of(copy));
    Files.writeString(copy, Files.readString(copy).replaceFirst(",0\n", ",2\n"));
    RunJob job = new RunJob("changed-file", yaml, 2, 0, new PartLayout.Stride(90, 2), null, driver);
    DataException e = assertThrows(DataException.class, () -> PartitionWork.injector(job));
    assertTrue(e.getMessage().startsWith("executor") && e.getMessage().contains(" on ")
        && e.getMessage().contains(" read " + copy
        + " with SHA-256 " + Sha256.of(copy) + ", but the driver read " + driver.files().get(0).sha256()),
        e.getMessage());
  }
}
