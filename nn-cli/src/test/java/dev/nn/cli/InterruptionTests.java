package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "train", Cli.XOR, "--set", "training.epochs=1000000", "--output", output.toString(), "--plain")
        .directory(Path.of("").toAbsolutePath().toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(errFile.toFile())
        .start();
    try {
      Path run = awaitFirstCheckpoint(output, p);
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

  /**
   * The run directory, once its first checkpoint is written; fails if the child ends first, or has written
   * none after two minutes (a guard against hanging, far beyond the second or so an XOR epoch takes).
   */
  private static Path awaitFirstCheckpoint(Path output, Process p) throws IOException, InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (p.isAlive()) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("nn train wrote no checkpoint in two minutes");
      }
      Optional<Path> run = Files.isDirectory(output) ? only(output) : Optional.empty();
      if (run.isPresent() && RunDirectory.latestCheckpointIn(run.get()).isPresent()) {
        return run.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("nn train ended with exit " + p.exitValue() + " before its first checkpoint");
  }

  private static Optional<Path> only(Path output) throws IOException {
    try (Stream<Path> s = Files.list(output)) {
      return s.filter(Files::isDirectory).findFirst();
    }
  }
}
