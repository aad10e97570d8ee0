package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nn's own Spark sessions keep Spark's scratch folders in a folder named for their process, which the next start
 * removes once that process is gone (after a kill -9, Spark's folders stayed in the temporary folder for good).
 */
class SparkLocalDirTests {
  @TempDir
  Path tmp;

  @Test
  void aFolderOfAProcessNoLongerAliveIsRemovedAndALiveOnesKept() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long start = gone.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(1L);
    Path dead = Files.createDirectories(tmp.resolve("nn-spark-" + gone.pid() + "-" + start + "-1"));
    Files.createDirectories(dead.resolve("blockmgr-1/0c"));
    Files.writeString(dead.resolve("blockmgr-1/0c/shuffle_0_0_0.data"), "x");
    Path mine = ClusterSessions.localDir(tmp);
    assertTrue(mine.getFileName().toString().startsWith("nn-spark-" + ProcessHandle.current().pid() + "-"), mine.toString());
    assertFalse(Files.exists(dead), "the dead process's folder is removed");
    Path other = Files.createDirectories(tmp.resolve("nn-spark-other"));
    ClusterSessions.removeAbandonedLocalDirs(tmp);
    assertTrue(Files.isDirectory(mine), "a live process's folder is kept");
    assertTrue(Files.isDirectory(other), "a folder not named as nn names them is kept");
  }
}
