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

  /**
   * A scratch folder Spark cannot use is refused before Spark starts: Spark itself ends the JVM with status 53, which
   * read as an interrupted run with no cause. One usable folder of several is enough, as for Spark.
   */
  @Test
  void aScratchFolderSparkCannotUseIsRefusedNamingTheSettingAndTheFolder() throws Exception {
    Path file = Files.writeString(tmp.resolve("iris.csv"), "a,b\n");
    dev.nn.core.experiment.ClusterException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.nn.core.experiment.ClusterException.class,
        () -> ClusterSessions.requireUsableLocalDirs(file.toString(), null));
    org.junit.jupiter.api.Assertions.assertEquals("distributed.conf's spark.local.dir names no folder Spark can keep"
        + " its scratch files in: " + file + " is a file, not a folder; name a folder that can be written, or leave"
        + " it out for the temporary folder", e.getMessage());
    Path below = file.resolve("sub");
    e = org.junit.jupiter.api.Assertions.assertThrows(dev.nn.core.experiment.ClusterException.class,
        () -> ClusterSessions.requireUsableLocalDirs("/tmp/x", file + "," + below));
    assertTrue(e.getMessage().startsWith("SPARK_LOCAL_DIRS names no folder Spark can keep its scratch files in: "
        + file + " is a file, not a folder; " + below + " cannot be made"), e.getMessage());
    Path made = tmp.resolve("made/here");
    ClusterSessions.requireUsableLocalDirs(file + "," + made, null);
    assertTrue(Files.isDirectory(made), "a folder that is not there is made, as Spark makes it");
    ClusterSessions.requireUsableLocalDirs(null, " ");
  }

  /**
   * The check before "starting Spark" (nn validate's too) writes nothing: a folder that is not there is usable when
   * the folder above it can be written in, and is not made; one below a file is refused as it would be.
   */
  @Test
  void theCheckBeforeSparkStartsMakesNoFolder() throws Exception {
    Path later = tmp.resolve("later/scratch");
    ClusterSessions.requireUsableLocalDirs(later.toString(), null, false);
    assertFalse(Files.exists(tmp.resolve("later")), "nothing made");
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    dev.nn.core.experiment.ClusterException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.nn.core.experiment.ClusterException.class,
        () -> ClusterSessions.requireUsableLocalDirs(file.resolve("sub").toString(), null, false));
    assertTrue(e.getMessage().contains(file.resolve("sub") + " cannot be made (" + file + " is a file)"),
        e.getMessage());
  }

  /**
   * A JVM that ends before its session is closed — a SIGTERM while Spark starts, whose hooks then remove their own
   * folders — leaves no empty folder of its own behind (it stayed until the next Spark start).
   */
  @Test
  void aFolderLeftEmptyIsRemovedWhenTheJvmEndsBeforeTheSessionCloses() throws Exception {
    Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(javaCommand.toString(), "-cp", System.getProperty("java.class.path"),
        EndsWithoutClosing.class.getName(), tmp.toString()).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), printed);
    org.junit.jupiter.api.Assertions.assertEquals(143, p.exitValue(), printed);
    Path made = Path.of(printed.lines().filter(l -> l.startsWith("made ")).findFirst().orElseThrow().substring(5));
    assertTrue(made.getFileName().toString().startsWith("nn-spark-" + p.pid() + "-"), made.toString());
    assertFalse(Files.exists(made), "the folder of a JVM that ended is removed");
  }

  /** Makes its scratch folder, as a session's start does, and ends as a SIGTERM ends the JVM: with status 143. */
  static final class EndsWithoutClosing {
    private EndsWithoutClosing() {}

    public static void main(String[] args) throws Exception {
      System.out.println("made " + ClusterSessions.localDir(Path.of(args[0])));
      System.exit(143);
    }
  }
}
