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

  @Test
  void theBarShowsEpochBatchesRunningLossAndEta() {
    assertEquals("epoch 3/20 [##########----------]  batch 125/250  loss 0.123457  ETA 1:23",
        ProgressBar.render(3, 20, 125, 250, 0.1234567, 83.4));
    assertEquals("epoch 1/2 [--------------------]  batch 0/7  loss -  ETA -",
        ProgressBar.render(1, 2, 0, 7, Double.NaN, Double.NaN));
    assertEquals("epoch 2/2 [####################]  batch 7/7  loss 2.00000e+06  ETA 0:00",
        ProgressBar.render(2, 2, 7, 7, 2e6, 0.2));
  }

  @Test
  void durationsReadAsMinutesOrHours() {
    assertEquals("0:00", ProgressBar.duration(0.4));
    assertEquals("1:05", ProgressBar.duration(65));
    assertEquals("1:00:01", ProgressBar.duration(3601));
    assertEquals("-", ProgressBar.duration(Double.POSITIVE_INFINITY));
    assertEquals("-", ProgressBar.duration(Double.NaN));
  }

  @Test
  void aTimerThreadRedrawsTheBarInPlaceAndCloseErasesItAndStopsTheThread() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressBar bar = new ProgressBar(out);
    bar.start(new TrainingProgress(), 0);
    Thread.sleep(5 * ProgressBar.PERIOD_MS / 2);
    bar.close();
    String text = bytes.toString(StandardCharsets.UTF_8);
    String drawn = "\r" + ProgressBar.render(1, 0, 0, 1, Double.NaN, Double.NaN);
    assertTrue(text.startsWith(drawn), text);
    assertTrue(text.split("\r", -1).length >= 4, "drawn, then erased: " + text);
    assertTrue(text.endsWith("\r" + " ".repeat(drawn.length() - 1) + "\r"), text);
    assertNoProgressThreadWithin(Duration.ofSeconds(2));
    int length = bytes.size();
    Thread.sleep(2 * ProgressBar.PERIOD_MS);
    assertEquals(length, bytes.size(), "nothing drawn after close");
  }

  /** Fails unless every "nn-progress" timer thread has ended within {@code limit}. */
  static void assertNoProgressThreadWithin(Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (progressThreadAlive() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertFalse(progressThreadAlive(), "a progress timer thread is still running");
  }

  private static boolean progressThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("nn-progress") && t.isAlive());
  }
}
