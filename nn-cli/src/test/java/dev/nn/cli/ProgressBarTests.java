package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.TrainingProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTests {

  private static ProgressBar.Frame frame(int epoch, int epochs, long done, long perEpoch, boolean validating,
      double loss, double speed, double elapsed, double eta) {
    return new ProgressBar.Frame(epoch, epochs, done, perEpoch, validating, loss, speed, elapsed, eta);
  }

  @Test
  void theBarShowsEpochBatchesRunningLossSpeedElapsedTimeAndEta() {
    assertEquals("epoch 3/20 [##########----------]  batch 125/250  loss 0.123457  12,345 samples/s  0:41  ETA 1:23",
        ProgressBar.render(frame(3, 20, 125, 250, false, 0.1234567, 12_345.4, 41.2, 83.4), 120));
    assertEquals("epoch 1/2 [--------------------]  batch 0/7  loss -  - samples/s  0:00  ETA -",
        ProgressBar.render(frame(1, 2, 0, 7, false, Double.NaN, Double.NaN, 0.1, Double.NaN), 120));
    assertEquals("epoch 2/2 [####################]  batch 7/7  loss 2.00000e+06  900 samples/s  0:03  ETA 0:00",
        ProgressBar.render(frame(2, 2, 7, 7, false, 2e6, 900, 3, 0.2), 120));
  }

  @Test
  void whileTheValidationSplitIsEvaluatedTheBarSaysSoInsteadOfSittingAtTheLastBatch() {
    assertEquals("epoch 2/5 [####################]  validating  loss 0.500000  1,000 samples/s  0:10  ETA 0:40",
        ProgressBar.render(frame(2, 5, 844, 844, true, 0.5, 1000, 10, 40), 120));
  }

  @Test
  void aNarrowTerminalGetsAShorterLineThatNeverWraps() {
    ProgressBar.Frame f = frame(3, 20, 125, 250, false, 0.1234567, 12_345.4, 41.2, 83.4);
    assertEquals("epoch 3/20  batch 125/250  loss 0.123457  12,345 samples/s  0:41  ETA 1:23",
        ProgressBar.render(f, 80));
    assertEquals("epoch 3/20  batch 125/250  loss 0.123457  ETA 1:23", ProgressBar.render(f, 51));
    assertEquals("epoch 3/20  batch 125/250  ETA 1:23", ProgressBar.render(f, 50));
    assertEquals("epoch 3/20  batch 125/250  ETA 1:23", ProgressBar.render(f, 40));
    // fields are dropped whole, never cut inside a number ("batch 721/84" for 844 read as another count)
    assertEquals("epoch 3/20 125/250", ProgressBar.render(f, 20));
    assertEquals("epoch 3/20", ProgressBar.render(f, 12));
    assertEquals("", ProgressBar.render(f, 10));
    for (int columns = 1; columns <= 200; columns++) {
      String line = ProgressBar.render(f, columns);
      assertTrue(line.length() <= Math.max(1, columns - 1), columns + " columns: " + line);
    }
  }

  @Test
  void durationsReadAsMinutesOrHours() {
    assertEquals("0:00", ProgressBar.duration(0.4));
    assertEquals("1:05", ProgressBar.duration(65));
    assertEquals("1:00:01", ProgressBar.duration(3601));
    assertEquals("-", ProgressBar.duration(Double.POSITIVE_INFINITY));
    assertEquals("-", ProgressBar.duration(Double.NaN));
  }

  /**
   * While the data are read (tens of seconds for a large CSV), a line says so with the time so far, from a second
   * on; starting training erases it, and the bar is drawn from then on, never the reading line again.
   */
  @Test
  void whileTheDataAreReadALineSaysSoUntilTrainingStarts() throws Exception {
    assertEquals("reading the data  0:14", ProgressBar.workingLine("reading the data", 14.2, 80));
    assertEquals("", ProgressBar.workingLine("reading the data", 14.2, 20), "a terminal too narrow for it gets nothing");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressBar bar = new ProgressBar(out, () -> 80);
    bar.reading();
    Thread.sleep(ProgressBar.READING_AFTER_MS / 2);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing within the first second");
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!bytes.toString(StandardCharsets.UTF_8).contains("reading the data") && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
    assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("\rreading the data  0:0"), bytes.toString());
    bar.pause();
    String paused = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(paused.endsWith("\r" + ProgressBar.ERASE_TO_END), paused);
    bar.start(new TrainingProgress(), 0);
    while (bytes.size() == paused.length() && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
    bar.close();
    String after = bytes.toString(StandardCharsets.UTF_8).substring(paused.length());
    assertTrue(after.startsWith("\repoch 1/0"), after);
    assertFalse(after.contains("reading"), after);
  }

  @Test
  void aTimerThreadRedrawsTheBarInPlaceAndCloseErasesItAndStopsTheThread() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressBar bar = new ProgressBar(out, () -> 50);
    bar.start(new TrainingProgress(), 0);
    // two draws, however slowly a loaded machine schedules the timer (a fixed sleep flaked)
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (bytes.toString(StandardCharsets.UTF_8).split("\r", -1).length < 3 && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
    bar.close();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\repoch 1/0  batch 0/1  "), text);
    String[] draws = text.split("\r", -1);
    assertTrue(draws.length >= 4, "drawn twice, then erased: " + text);
    for (String d : draws) {
      assertTrue(d.length() <= 49 + ProgressBar.ERASE_TO_END.length(), "fits 50 columns: '" + d + "'");
      // each draw erases the rest of its line instead of padding it with spaces, which wrap in a narrower window
      assertTrue(d.isEmpty() || d.endsWith(ProgressBar.ERASE_TO_END), "'" + d + "'");
      assertFalse(d.endsWith(" " + ProgressBar.ERASE_TO_END), "'" + d + "'");
    }
    assertTrue(text.endsWith("\r" + ProgressBar.ERASE_TO_END), text);
    assertNoProgressThreadWithin(Duration.ofSeconds(2));
    int length = bytes.size();
    Thread.sleep(2 * ProgressBar.PERIOD_MS);
    assertEquals(length, bytes.size(), "nothing drawn after close");
  }

  /**
   * A terminal that shrinks is read again at once (the resize signal) or within the timer's few seconds: later
   * draws fit the new width, and none pads the line with spaces to the width of an earlier, wider one.
   */
  @Test
  void aNarrowerTerminalGetsANarrowerLineAndNoPadding() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    java.util.concurrent.atomic.AtomicInteger width = new java.util.concurrent.atomic.AtomicInteger(120);
    ProgressBar bar = new ProgressBar(out, width::get);
    bar.start(new TrainingProgress(), 0);
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (bytes.toString(StandardCharsets.UTF_8).split("\r", -1).length < 3 && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
    width.set(30);
    int before = bytes.toString(StandardCharsets.UTF_8).split("\r", -1).length;
    // the width is read again every ten draws without a signal
    while (bytes.toString(StandardCharsets.UTF_8).split("\r", -1).length < before + 12 && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
    bar.close();
    String[] draws = bytes.toString(StandardCharsets.UTF_8).split("\r", -1);
    String last = draws[draws.length - 2];
    assertTrue(last.length() <= 29 + ProgressBar.ERASE_TO_END.length(), "fits 30 columns: '" + last + "'");
    for (String d : draws) {
      assertFalse(d.contains("  " + ProgressBar.ERASE_TO_END) || d.endsWith(" "), "padded: '" + d + "'");
    }
  }

  /** Fails unless every "nn-progress" timer thread has ended within {@code limit}. */
  static void assertNoProgressThreadWithin(Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (progressThreadAlive() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertFalse(progressThreadAlive(), "a progress timer thread is still running");
  }

  /**
   * Narrowed, a terminal that re-breaks lines (tmux, VTE, kitty, …) shows the line drawn last over several rows, and
   * "\\r…erase to end" cleared only the last of them, leaving the rest on screen for good: the redraw first goes up
   * over them and clears to the end of the screen. A line that still fits, or a terminal that cuts lines (xterm, the
   * Linux console), is redrawn in place as before.
   */
  @Test
  void aLineReBrokenByANarrowedTerminalIsClearedOverAllItsRows() {
    assertEquals("\r\033[1A\033[J", ProgressBar.overRows(100, 60));
    assertEquals("\r\033[3A\033[J", ProgressBar.overRows(121, 40));
    assertEquals("", ProgressBar.overRows(60, 60));
    assertEquals("", ProgressBar.overRows(100, 120));
    assertEquals("", ProgressBar.overRows(0, 40));
    assertTrue(Terminal.rewrapsLines(java.util.Map.of("TMUX", "/tmp/tmux-0/default,1,0")));
    assertTrue(Terminal.rewrapsLines(java.util.Map.of("VTE_VERSION", "7600", "TERM", "xterm-256color")));
    assertTrue(Terminal.rewrapsLines(java.util.Map.of("TERM", "xterm-kitty")));
    assertTrue(Terminal.rewrapsLines(java.util.Map.of("TERM_PROGRAM", "iTerm.app")));
    assertFalse(Terminal.rewrapsLines(java.util.Map.of("TERM", "xterm-256color", "XTERM_VERSION", "XTerm(390)")));
    assertFalse(Terminal.rewrapsLines(java.util.Map.of("TERM", "linux")));
    assertFalse(Terminal.rewrapsLines(java.util.Map.of("TERM", "screen", "STY", "1234.pts-0")));
  }

  private static boolean progressThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("nn-progress") && t.isAlive());
  }
}
