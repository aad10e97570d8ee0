package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Ctrl-C prints, by how far the run got; and that what it advises works: a run stopped before its first
 * checkpoint is trained again from the start by {@code --resume}.
 */
class InterruptionNoticeTests {
  @TempDir
  Path tmp;

  @Test
  void beforeTheRunDirectoryNothingWasWritten() {
    assertEquals("nn: training was interrupted before its run directory was created; nothing was written. Start it "
        + "again with: nn train x.yaml\n", InterruptionNotice.message(Optional.empty(), "nn train x.yaml"));
    // a sweep's point says nothing: the sweep says it was stopped as the point started, and what its table keeps
    assertEquals("", InterruptionNotice.message(Optional.empty(), "nn train x.yaml", true));
  }

  @Test
  void beforeTheFirstCheckpointResumeStartsAgainAndDoes() throws Exception {
    Cli.Outcome first = Cli.run("train", Cli.XOR, "--set", "training.epochs=3", "--output", tmp.toString());
    assertEquals(0, first.code(), first.describe());
    Path run = Cli.onlyRun(tmp);
    // as a run stopped before its first checkpoint leaves it: no checkpoint, no model, status interrupted
    try (var files = Files.list(run.resolve("checkpoints"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(run.resolve("model.nnm"));
    Files.writeString(run.resolve("status.yaml"), "state: interrupted\n");
    assertEquals("nn: training was interrupted before its first checkpoint; nn train --resume " + run + " trains it "
        + "again from the start\n", InterruptionNotice.message(Optional.of(run), "nn train x.yaml"));
    Cli.Outcome resumed = Cli.run("train", "--resume", run.toString());
    assertEquals(0, resumed.code(), resumed.describe());
    assertEquals(3, resumed.outLines("epoch ").size(), resumed.describe());
    assertTrue(Files.isRegularFile(run.resolve("model.nnm")));
  }

  /** A run folder with a space is quoted in the command to paste: a shell split it into two arguments. */
  @Test
  void aRunFolderWithASpaceIsQuotedInTheResume() throws Exception {
    Path spaced = java.nio.file.Files.createDirectories(tmp.resolve("my runs"));
    Cli.Outcome first = Cli.run("train", Cli.XOR, "--set", "training.epochs=2", "--output", spaced.toString());
    assertEquals(0, first.code(), first.describe());
    Path run = Cli.onlyRun(spaced);
    assertEquals("nn: training was interrupted; the last checkpoint is " + run.resolve("checkpoints")
        .resolve("epoch-0002.ckpt") + "\nResume the run with: nn train --resume '" + run + "'\n",
        InterruptionNotice.message(Optional.of(run), ""));
  }

  @Test
  void afterACheckpointItNamesItAndTheResume() throws Exception {
    Cli.Outcome first = Cli.run("train", Cli.XOR, "--set", "training.epochs=2", "--output", tmp.toString());
    assertEquals(0, first.code(), first.describe());
    Path run = Cli.onlyRun(tmp);
    assertEquals("nn: training was interrupted; the last checkpoint is " + run.resolve("checkpoints")
        .resolve("epoch-0002.ckpt") + "\nResume the run with: nn train --resume " + run + "\n",
        InterruptionNotice.message(Optional.of(run), "nn train x.yaml"));
  }

  @Test
  void onceTheRunsHookIsArmedTheNoticeWaitsForTheRunsRecordAndNamesItsCheckpoint() throws Exception {
    Cli.Outcome first = Cli.run("train", Cli.XOR, "--set", "training.epochs=2", "--output", tmp.toString());
    assertEquals(0, first.code(), first.describe());
    Path run = Cli.onlyRun(tmp);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    InterruptionNotice notice = InterruptionNotice.resuming(run, new PrintStream(bytes, true, StandardCharsets.UTF_8),
        false);
    try {
      notice.onShutdown();
      assertEquals(InterruptionNotice.message(Optional.of(run), ""), bytes.toString(StandardCharsets.UTF_8),
          "before the run's hook is armed, the notice's own hook speaks");
      bytes.reset();
      notice.armed();
      notice.onShutdown();
      assertEquals("", bytes.toString(StandardCharsets.UTF_8), "then the run's hook speaks, once it has recorded");
      notice.recorded(run);
      assertEquals("nn: training was interrupted; the last checkpoint is " + run.resolve("checkpoints")
          .resolve("epoch-0002.ckpt") + "\nResume the run with: nn train --resume " + run + "\n",
          bytes.toString(StandardCharsets.UTF_8));
    } finally {
      notice.close();
    }
    bytes.reset();
    notice.recorded(run);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "a command that ended by itself says nothing");
  }

  /**
   * On a terminal the notice stops the progress bar before it speaks, so that no bar is drawn after the message
   * (the shell's prompt would land on it), and starts its line by erasing what the terminal echoed (^C).
   */
  @Test
  void onATerminalTheNoticeStopsTheProgressBarFirstAndStartsAClearLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<String> order = new java.util.ArrayList<>();
    Path run = tmp.resolve("never-trained");
    InterruptionNotice notice = InterruptionNotice.resuming(run, err, true)
        .quieting(() -> order.add("bar stopped, with " + bytes.size() + " bytes printed"));
    try {
      notice.onShutdown();
    } finally {
      notice.close();
    }
    assertEquals(List.of("bar stopped, with 0 bytes printed"), order);
    assertEquals("\r" + ProgressBar.ERASE_TO_END + InterruptionNotice.message(Optional.of(run), ""),
        bytes.toString(StandardCharsets.UTF_8));
  }

  /**
   * A stop after the run directory appeared but before the run took it (and opened its log there): the notice's
   * hook finds the directory, and the lines printed so far and its own message go into the run's run.log, as a
   * later stop's would; with no directory yet, nothing is written anywhere.
   */
  @Test
  void aStopBeforeTheRunTookItsDirectoryStillWritesItsLog() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (RunLog early = new RunLog(() -> { throw new AssertionError("the log could not be written"); });
        InterruptionNotice notice = InterruptionNotice.training(out, "xor", "nn train x.yaml",
            new PrintStream(bytes, true, StandardCharsets.UTF_8), false).alsoTo(early)) {
      early.line("training xor from x.yaml");
      notice.onShutdown();
      try (var entries = Files.list(out)) {
        assertEquals(List.of(), entries.toList(), "no directory yet: nothing written");
      }
    }
    bytes.reset();
    RunLog log = new RunLog(() -> { throw new AssertionError("the log could not be written"); });
    log.line("training xor from x.yaml");
    InterruptionNotice notice = InterruptionNotice.training(out, "xor", "nn train x.yaml",
        new PrintStream(bytes, true, StandardCharsets.UTF_8), false).alsoTo(log);
    try {
      Path run = Files.createDirectory(out.resolve("xor-20261205-054328"));
      notice.onShutdown();
      String message = "nn: training was interrupted before its first checkpoint; nn train --resume " + run
          + " trains it again from the start";
      assertEquals(message + "\n", bytes.toString(StandardCharsets.UTF_8));
      assertEquals("training xor from x.yaml\n" + message + "\n", Files.readString(run.resolve("run.log")));
      log.line("a later line");
      assertTrue(Files.readString(run.resolve("run.log")).endsWith(message + "\na later line\n"));
    } finally {
      notice.close();
      log.close();
    }
  }
}
