package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress files are rewritten at most once per interval; the first write is always due. */
class ProgressPaceTests {
  @Test
  void writesTheFirstTimeAndThenOncePerInterval() {
    long[] now = {-5_000_000_000L}; // System.nanoTime may be negative
    ProgressPace pace = new ProgressPace(1_000_000_000L, () -> now[0]);
    List<Long> written = new ArrayList<>();
    // epochs ending 0.3 s apart: writes at 0, 1.2, 2.4 and 3.6 s after the first
    for (int epoch = 0; epoch <= 12; epoch++) {
      if (pace.due()) {
        pace.wrote();
        written.add((now[0] + 5_000_000_000L) / 100_000_000L);
      }
      now[0] += 300_000_000L;
    }
    assertEquals(List.of(0L, 12L, 24L, 36L), written, "tenths of a second after the first epoch");
  }

  @Test
  void anEpochLongerThanTheIntervalIsWrittenEveryTime() {
    long[] now = {0};
    ProgressPace pace = new ProgressPace(1_000_000_000L, () -> now[0]);
    int writes = 0;
    for (int epoch = 0; epoch < 5; epoch++) {
      if (pace.due()) {
        pace.wrote();
        writes++;
      }
      now[0] += 1_000_000_000L;
    }
    assertEquals(5, writes);
  }
}
