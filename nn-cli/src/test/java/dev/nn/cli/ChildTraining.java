package dev.nn.cli;

import dev.nn.core.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code nn train} of the XOR example for a million epochs in a child JVM, as a user starts it, for tests that
 * stop it from outside (SIGTERM) and look at what it left.
 */
final class ChildTraining {
  private ChildTraining() {}

  /** Starts the child, writing its run under {@code output}; its standard error goes to {@code stderr}. */
  static Process start(Path output, ProcessBuilder.Redirect stderr) throws IOException {
    // with the vector loops, as the launcher runs nn and as the tests' own JVM resumes the run
    return ChildJvm.command(List.of("--add-modules", "jdk.incubator.vector"), Main.class, "train", Cli.XOR, "--set", "training.epochs=1000000", "--output",
            output.toString(), "--plain")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr)
        .start();
  }

  /**
   * The run directory, once it holds a checkpoint of epoch {@code epoch} or later; fails if the child ends
   * first, or has written none after two minutes (a guard against hanging, far beyond the second or so an XOR
   * epoch takes).
   */
  static Path awaitCheckpoint(Path output, Process p, int epoch) throws IOException, InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (p.isAlive()) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("nn train wrote no checkpoint of epoch " + epoch + " or later in two minutes");
      }
      Optional<Path> run = Files.isDirectory(output) ? onlyRun(output) : Optional.empty();
      if (run.isPresent() && RunDirectory.latestCheckpointIn(run.get()).map(ChildTraining::epochOf)
          .filter(e -> e >= epoch).isPresent()) {
        return run.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("nn train ended with exit " + p.exitValue() + " before a checkpoint of epoch " + epoch);
  }

  /** The epoch of a checkpoint file ({@code epoch-12.nnc} → 12). */
  static int epochOf(Path checkpoint) {
    return Integer.parseInt(checkpoint.getFileName().toString().replaceAll("\\D", ""));
  }

  private static Optional<Path> onlyRun(Path output) throws IOException {
    try (Stream<Path> s = Files.list(output)) {
      return s.filter(Files::isDirectory).findFirst();
    }
  }
}
