package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.run.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what {@link Process#destroy()} sends on Linux and macOS, and what {@code kill} sends) ends a
 * training run in a child JVM, which says where the last checkpoint is and how to resume, and exits with the
 * conventional 143 (128 + 15).
 */
class InterruptionTests {
  @TempDir
  Path tmp;

  @Test
  void sigtermDuringTrainingSaysHowToResumeTheRun() throws Exception {
    Path output = tmp.resolve("runs");
    Path errFile = tmp.resolve("stderr.txt");
    Process p = ChildTraining.start(output, ProcessBuilder.Redirect.to(errFile.toFile()));
    try {
      Path run = ChildTraining.awaitCheckpoint(output, p, 1);
      p.destroy();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ends after SIGTERM");
      String err = Files.readString(errFile, StandardCharsets.UTF_8).replace(
          "WARNING: Using incubator modules: jdk.incubator.vector\n", "");
      assertEquals(143, p.exitValue(), err);
      assertTrue(err.startsWith("nn: training was interrupted; the last checkpoint is "
          + run.resolve(RunDirectory.CHECKPOINTS).resolve("epoch-")), err);
      assertTrue(err.endsWith("\nResume the run with: nn train --resume " + run + "\n"), err);
      assertEquals(2, err.lines().count(), err);
      assertTrue(RunDirectory.latestCheckpointIn(run).isPresent(), "the run can be resumed");
    } finally {
      p.destroyForcibly();
    }
  }
}
