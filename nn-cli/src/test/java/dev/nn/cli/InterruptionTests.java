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
  private static final String STOPPED = "nn: training was interrupted before its first checkpoint; nn train --resume ";
  private static final String AGAIN = " trains it again from the start\n";

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
      // an epoch's, or the one the stop had taken after the batch it came in
      String named = run.resolve(RunDirectory.CHECKPOINTS).toString();
      assertTrue(err.startsWith("nn: training was interrupted; the last checkpoint is " + named + "/epoch-")
          || err.startsWith("nn: training was interrupted; the last checkpoint is " + named + "/partial-epoch-"), err);
      assertTrue(err.endsWith("\nResume the run with: nn train --resume " + run + "\n"), err);
      assertEquals(2, err.lines().count(), err);
      assertTrue(RunDirectory.latestCheckpointIn(run).isPresent(), "the run can be resumed");
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * SIGTERM as each of a new run's first files is written — while the record is being made, before training —
   * still leaves run.log with what nn printed and the message that ended the run (a stop between the directory's
   * appearance and training left none).
   */
  @Test
  void aStopBeforeTrainingStillLeavesTheRunsLog() throws Exception {
    for (String file : java.util.List.of("overrides.yaml", "provenance.yaml", "report.html")) {
      Path output = tmp.resolve(file);
      Process p = ChildJvm.start(java.util.List.of("-Dnn.crash-at=" + file + ":1:renamed:exit"), Main.class, "train",
          Cli.XOR, "--plain", "--output", output.toString());
      String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(143, p.exitValue(), printed);
      Path run = Cli.onlyRun(output);
      // the network's line too, when training began while the stop waited for the file in progress; and when its
      // first batch ran meanwhile, the checkpoint the stop took after it
      String log = Files.readString(run.resolve("run.log"));
      String began = "training xor from " + Cli.XOR + "\nnetwork 2-4-1 (tanh, identity), 17 parameters\n";
      assertTrue(log.equals("training xor from " + Cli.XOR + "\n" + STOPPED + run + AGAIN)
          || log.equals(began + STOPPED + run + AGAIN)
          || log.equals(began + "nn: training was interrupted; the last checkpoint is " + run.resolve("checkpoints")
              .resolve("partial-epoch-0001.ckpt") + "\nResume the run with: nn train --resume " + run + "\n"),
          file + ": " + log);
    }
  }
}
