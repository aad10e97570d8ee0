package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service trains and predicts in one JVM for weeks: what a run or an output registers for the JVM's exit is
 * released when it is done, so nothing gathers one entry a run (four paths a run went to the JDK's delete-on-exit
 * list, and one a written output to nn's own record, for the JVM's life).
 */
class LongLivedJvmTests {
  @TempDir
  Path tmp;

  @Test
  void runDirectoriesAndOutputsLeaveNothingRegisteredOnceDone() {
    for (int i = 0; i < 25; i++) {
      RunDirectory run = RunDirectory.create(tmp.resolve("runs"), "svc", Clock.systemUTC(), "name: svc\n",
          List.of("training.epochs=1"));
      assertTrue(Files.isDirectory(run.path()));
      Path output = tmp.resolve("p" + i + ".csv");
      AtomicFiles.discardPartialOnExit(output);
      AtomicFiles.writeString(output, "x\n1\n");
    }

    assertEquals(0, StagedOnExit.staged(), "staged folders still registered");
    assertEquals(0, AtomicFiles.remembered(), "written outputs still remembered");
  }

  /** A command's notice asks whether its one output was written: remembered while watched, forgotten after. */
  @Test
  void aWatchedOutputIsRememberedUntilItsNoticeIsDone() {
    Path output = tmp.resolve("watched.csv");
    AtomicFiles.watch(output);
    AtomicFiles.discardPartialOnExit(output);
    AtomicFiles.writeString(output, "x\n1\n");

    assertEquals(1, AtomicFiles.remembered());
    AtomicFiles.unwatch(output);
    assertEquals(0, AtomicFiles.remembered());
  }
}
