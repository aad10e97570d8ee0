package dev.nn.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTableTests {
  @TempDir
  Path tmp;

  /**
   * sweep.csv names each run as the sweep printed it, relative to the folder the sweep started in when its output was
   * given so ("sw1/xor-…"); the runs are those beside the sweep folder, wherever it is read from and after the
   * folder of runs was moved. Read from another folder, the relative paths named nothing.
   */
  @Test
  void aSweepsRunsAreFoundBesideItsFolderWhereverItIsReadFromOrMovedTo() throws Exception {
    Path runs = Files.createDirectories(tmp.resolve("moved"));
    Path sweep = Files.createDirectories(runs.resolve("xor-sweep-20261204-200503"));
    Files.createDirectories(runs.resolve("xor-20261204-200503"));
    Files.createDirectories(runs.resolve("xor-20261204-200503-2"));
    Files.writeString(sweep.resolve("sweep.csv"), """
        optimizer.learning-rate,status,run_directory,validation_metric,validation,test_metric,test,message
        0.1,completed,sw1/xor-20261204-200503,,,,,
        0.03,completed,/elsewhere/sw1/xor-20261204-200503-2,,,,,
        0.01,failed,,,,,,"no run"
        """);

    assertEquals(List.of(runs.resolve("xor-20261204-200503"), runs.resolve("xor-20261204-200503-2")),
        SweepTable.runDirectories(sweep));
  }

  /**
   * A folder moved with its runs and continued: each run is named where it is now, in its column and in the note of
   * a point that failed ("run directory: …"), so neither the table nor its message send a user to the old place.
   */
  @Test
  void aContinuedTableNamesTheRunsWhereTheyAreNowInItsNotesToo() throws Exception {
    Path runs = Files.createDirectories(tmp.resolve("after"));
    Path sweep = Files.createDirectories(runs.resolve("xor-sweep-20261204-200503"));
    Files.createDirectories(runs.resolve("xor-20261204-200503"));
    Path old = tmp.resolve("before").resolve("xor-20261204-200503");
    Files.writeString(sweep.resolve("sweep.csv"), "optimizer.learning-rate,status,run_directory,validation_metric,"
        + "validation,test_metric,test,message\n"
        + "1e6,diverged," + old + ",,,,,\"training diverged: loss became Infinity at epoch 1; run directory: " + old
        + "; no checkpoint was written before epoch 1 diverged\"\n");
    SweepTable table = SweepTable.continuing(sweep, "xor", List.of("optimizer.learning-rate"), List.of(List.of("1e6")));
    table.write();
    String csv = Files.readString(sweep.resolve("sweep.csv"));
    Path now = runs.resolve("xor-20261204-200503");
    assertEquals("1e6,diverged," + now + ",,,,,\"training diverged: loss became Infinity at epoch 1; run directory: "
        + now + "; no checkpoint was written before epoch 1 diverged\"", csv.lines().toList().get(1));
    assertFalse(Files.readString(sweep.resolve("sweep.md")).contains(old.toString()));
  }
}
