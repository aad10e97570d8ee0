package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.sweep.SweepTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sweep's shutdown hook does when Ctrl-C or SIGTERM stops the sweep while no point trains: before the first
 * point, its folder goes and it says nothing was trained; between points, it says the table keeps the points done;
 * as a point starts, before its run directory, it says so and marks the point interrupted. Each case was silent, or
 * blamed the next point ("sweep point 3 failed as point 2 did").
 */
class SweepStopTests {
  @TempDir
  Path into;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private SweepTable table() {
    Path folder = SweepTable.createFolder(into, "xor");
    SweepTable table = new SweepTable(folder, "xor (xor.yaml)", List.of("seed"), List.of(List.of("1"),
        List.of("2")));
    table.write();
    return table;
  }

  private String said() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void stoppedBeforeTheFirstPointTheFolderGoes() throws Exception {
    SweepTable table = table();
    Files.writeString(table.folder().resolve(".sweep.csv.123.tmp"), "half");
    SweepStop stop = new SweepStop(table, into, err);
    stop.stopped();
    stop.close();
    assertFalse(Files.exists(table.folder()));
    assertEquals("nn: the sweep was stopped before its first point trained (Ctrl-C, SIGTERM or SIGHUP); nothing was"
        + " trained, and its folder " + table.folder() + " was removed\n", said());
  }

  /** On a terminal its message is folded at spaces, as every other message is: the terminal cut "keep|s". */
  @Test
  void onATerminalTheMessageIsFoldedAtSpaces() throws Exception {
    SweepTable table = table();
    SweepStop stop = new SweepStop(table, into, err, SweepWords.SWEEP, line -> TerminalText.wrapLines(line, 60),
        () -> { });
    Path run = Files.createDirectory(into.resolve("xor-20261204-120000"));
    stop.set(0, new SweepTable.Row(List.of("1"), "completed", run.toString(), null, null, ""), null);
    stop.stopped();
    stop.close();
    String said = said();
    assertTrue(said.lines().count() > 2, said);
    // a line longer than the terminal is a path alone, or the command to paste, whole on its own line
    assertTrue(said.lines().allMatch(l -> l.length() < 60 || !l.strip().contains(" ")
        || l.equals("nn train --resume " + table.folder())), said);
    assertEquals("nn: the sweep was stopped between two points (Ctrl-C, SIGTERM or SIGHUP); its table "
        + table.folder().resolve(SweepTable.MARKDOWN) + " keeps the points done; the pending one did not start;"
        + " nn train --resume " + table.folder() + " continues the sweep", String.join(" ",
            said.lines().map(String::strip).toList()).replace("/ ", "/"));
  }

  @Test
  void stoppedBetweenPointsTheTableStaysAndSaysSo() throws Exception {
    SweepTable table = table();
    SweepStop stop = new SweepStop(table, into, err);
    Path run = Files.createDirectory(into.resolve("xor-20261204-120000"));
    stop.set(0, new SweepTable.Row(List.of("1"), "completed", run.toString(), null, null, ""), null);
    stop.stopped();
    stop.close();
    assertTrue(Files.exists(table.folder().resolve(SweepTable.MARKDOWN)));
    assertEquals("nn: the sweep was stopped between two points (Ctrl-C, SIGTERM or SIGHUP); its table "
        + table.folder().resolve(SweepTable.MARKDOWN) + " keeps the points done; the pending one did not start;"
        + " nn train --resume " + table.folder() + " continues the sweep\n",
        said());
  }

  @Test
  void stoppedAsAPointStartsThePointIsInterruptedAndSaid() throws Exception {
    SweepTable table = table();
    SweepStop stop = new SweepStop(table, into, err);
    Path run = Files.createDirectory(into.resolve("xor-20261204-120000"));
    stop.set(0, new SweepTable.Row(List.of("1"), "completed", run.toString(), null, null, ""), null);
    stop.set(1, table.row(1).with("running"), Set.of());
    stop.stopped();
    stop.close();
    assertEquals("interrupted", table.row(1).status());
    assertTrue(said().startsWith("nn: the sweep was stopped (Ctrl-C, SIGTERM or SIGHUP) as point 2 started, before"
        + " its run directory; its table"), said());
  }

  /**
   * Stopped while a point trains, the run says how to resume it; the sweep says which point of how many it was, where
   * its table is, and that the points after it did not start (it said nothing of the sweep).
   */
  @Test
  void stoppedWhileAPointTrainsTheSweepSaysWhichPointOfHowMany() throws Exception {
    Path folder = SweepTable.createFolder(into, "xor");
    SweepTable table = new SweepTable(folder, "xor (xor.yaml)", List.of("seed"), List.of(List.of("1"),
        List.of("2"), List.of("3")));
    table.write();
    SweepStop stop = new SweepStop(table, into, err);
    Path first = Files.createDirectories(into.resolve("xor-20261204-120000").resolve("checkpoints")).getParent();
    Files.writeString(first.resolve("experiment.yaml"), "name: xor\n");
    stop.set(0, new SweepTable.Row(List.of("1"), "completed", first.toString(), null, null, ""), null);
    Set<Path> before = SweepRunner.runDirectories(into);
    stop.set(1, table.row(1).with("running"), before);
    Path second = Files.createDirectories(into.resolve("xor-20261204-120100").resolve("checkpoints")).getParent();
    Files.writeString(second.resolve("experiment.yaml"), "name: xor\n");
    stop.stopped();
    stop.close();
    assertEquals("interrupted", table.row(1).status());
    assertEquals(second.toString(), table.row(1).runDirectory());
    assertEquals("nn: the sweep was stopped at point 2 of 3; its table " + folder.resolve(SweepTable.MARKDOWN)
        + " keeps the points done and marks this one interrupted; the last point did not start; nn train --resume "
        + table.folder() + " continues the sweep\n", said());
  }

  /**
   * A point's progress bar is stopped and erased before the sweep speaks: the message starts a line of its own, and
   * no bar is drawn after it (it was glued to the bar, which was then drawn once more over the terminal).
   */
  @Test
  void theLiveProgressBarIsStoppedAndErasedBeforeTheSweepSpeaks() throws Exception {
    SweepTable table = table();
    SweepStop stop = new SweepStop(table, into, err, ProgressBar::stopLive);
    Path run = Files.createDirectory(into.resolve("xor-20261204-120000"));
    stop.set(0, new SweepTable.Row(List.of("1"), "completed", run.toString(), null, null, ""), null);
    ProgressBar bar = new ProgressBar(err, () -> 80);
    bar.start(new dev.nn.core.train.TrainingProgress(), 0);
    long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (!said().contains("epoch") && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
    stop.stopped();
    stop.close();
    String message = "nn: the sweep was stopped between two points";
    int at = said().indexOf(message);
    assertTrue(at > 0, said());
    assertTrue(said().substring(0, at).endsWith("\r" + ProgressBar.ERASE_TO_END), "the bar erased first: " + said());
    int length = bytes.size();
    Thread.sleep(3 * ProgressBar.PERIOD_MS);
    assertEquals(length, bytes.size(), "nothing drawn after the message: " + said());
    ProgressBarTests.assertNoProgressThreadWithin(java.time.Duration.ofSeconds(2));
  }

  /**
   * Stopped as the point in progress completes — its run's record said completed before the sweep's stop could
   * mark it — the row says completed, with the run's figures, and the sweep says so (it marked the point
   * interrupted and "continued by nn train --resume" while the run said there was nothing to resume).
   */
  @Test
  void stoppedAsThePointInProgressCompletesThePointIsCompleted() throws Exception {
    SweepTable table = table();
    SweepStop stop = new SweepStop(table, into, err);
    Path first = Files.createDirectory(into.resolve("xor-20261204-120000"));
    stop.set(0, new SweepTable.Row(List.of("1"), "completed", first.toString(), null, null, ""), null);
    stop.set(1, table.row(1).with("running"), SweepRunner.runDirectories(into));
    Path second = Files.createDirectories(into.resolve("xor-20261204-120100").resolve("checkpoints")).getParent();
    Files.writeString(second.resolve("experiment.yaml"), "name: xor\n");
    Files.writeString(second.resolve(dev.nn.core.run.RunDirectory.SUMMARY), "{\"format\": 1, \"name\": \"xor\","
        + " \"status\": \"completed\", \"validation\": {\"accuracy\": 0.75}, \"test\": {\"accuracy\": 0.5}}\n");
    stop.stopped();
    stop.close();
    SweepTable.Row row = table.row(1);
    assertEquals("completed", row.status());
    assertEquals(second.toString(), row.runDirectory());
    assertEquals(new SweepTable.Figure("accuracy", 0.75), row.validation());
    assertEquals(new SweepTable.Figure("accuracy", 0.5), row.test());
    assertEquals("nn: the sweep was stopped as point 2 of 2 completed; its table " + table.folder()
        .resolve(SweepTable.MARKDOWN) + " keeps the points done\n", said());
  }

  /**
   * While the point's run is still training (its lock held, its summary saying running), the stop waits for the run's
   * own record of how it ended: here the run completes 300 ms into the stop, and the point is completed.
   */
  @Test
  void theStopWaitsForThePointsRunToRecordHowItEnded() throws Exception {
    Path folder = SweepTable.createFolder(into, "xor");
    SweepTable table = new SweepTable(folder, "xor (xor.yaml)", List.of("seed"), List.of(List.of("1"),
        List.of("2"), List.of("3")));
    table.write();
    SweepStop stop = new SweepStop(table, into, err);
    stop.set(0, table.row(0).with("running"), SweepRunner.runDirectories(into));
    dev.nn.core.run.RunDirectory training = dev.nn.core.run.RunDirectory.create(into, "xor",
        java.time.Clock.fixed(java.time.Instant.parse("2026-12-04T12:00:00Z"), java.time.ZoneOffset.UTC));
    Path run = training.path();
    Files.writeString(run.resolve("experiment.yaml"), "name: xor\n");
    Path summary = run.resolve(dev.nn.core.run.RunDirectory.SUMMARY);
    Files.writeString(summary, "{\"format\": 1, \"name\": \"xor\", \"status\": \"running\"}\n");
    dev.nn.core.run.RunLock held = training.lock();
    try {
      Thread completing = new Thread(() -> {
        try {
          Thread.sleep(300);
          Files.writeString(summary, "{\"format\": 1, \"name\": \"xor\", \"status\": \"completed\","
              + " \"validation\": {\"rmse\": 0.25}}\n");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      completing.start();
      stop.stopped();
      completing.join();
    } finally {
      held.close();
    }
    stop.close();
    assertEquals("completed", table.row(0).status());
    assertEquals(new SweepTable.Figure("rmse", 0.25), table.row(0).validation());
    assertEquals("nn: the sweep was stopped as point 1 of 3 completed; its table " + folder.resolve(SweepTable.MARKDOWN)
        + " keeps the points done; the 2 points after it did not start; nn train --resume " + table.folder()
        + " continues the sweep\n", said());
  }

  /**
   * Stopped after the last point ended, before the sweep's closing lines: no point is pending, and the sweep says its
   * table keeps every point (it said the pending ones did not start).
   */
  @Test
  void stoppedAfterTheLastPointTheTableKeepsEveryPoint() throws Exception {
    SweepTable table = table();
    SweepStop stop = new SweepStop(table, into, err);
    Path run = Files.createDirectory(into.resolve("xor-20261204-120000"));
    stop.set(0, new SweepTable.Row(List.of("1"), "completed", run.toString(), null, null, ""), null);
    stop.set(1, new SweepTable.Row(List.of("2"), "diverged", run.toString(), null, null, "diverged"), null);
    stop.stopped();
    stop.close();
    assertEquals("nn: the sweep was stopped after its last point ended (Ctrl-C, SIGTERM or SIGHUP); its table "
        + table.folder().resolve(SweepTable.MARKDOWN) + " keeps every point\n", said());
  }
}
