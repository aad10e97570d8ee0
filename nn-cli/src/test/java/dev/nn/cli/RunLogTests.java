package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn.core.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy of what a run prints, kept in its run.log: a file that cannot be written is given up, once. */
class RunLogTests {
  @TempDir
  Path tmp;

  /**
   * Lines printed before the run directory exists wait, and are written when it does; a disk that is full then
   * (run.log here leads to /dev/full, where every write fails) makes the log give up with one warning, not fail
   * the run (it once threw ConcurrentModificationException, which the command reported as a bug in nn).
   */
  @Test
  void aFullDiskAsTheWaitingLinesAreWrittenGivesUpTheLogOnce() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "this system has no /dev/full");
    RunDirectory dir = RunDirectory.create(tmp, "full", Clock.systemUTC());
    Files.createSymbolicLink(dir.runLogFile(), full);
    AtomicInteger warnings = new AtomicInteger();
    RunLog log = new RunLog(warnings::incrementAndGet);
    log.line("training full from full.yaml");
    log.line("network 2-4-1 (tanh, identity), 17 parameters");
    log.onDirectory(dir);
    log.line("epoch 1/2  train-loss 0.25");
    log.close();
    assertEquals(1, warnings.get());
    assertEquals(dir.path(), log.directory().orElseThrow());
  }
}
