package dev.nn.core.run;

import java.util.function.LongSupplier;

/**
 * When a run's progress files are worth rewriting: at most once per interval. Rendering the report and
 * replacing two synced files costs a few milliseconds, which a run of many short epochs would otherwise spend
 * after every one (a 1,000-epoch XOR run trains for 0.2 s); a page that reloads every 5 s misses nothing.
 */
final class ProgressPace {
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long last;
  private boolean wrote;

  ProgressPace(long intervalNanos, LongSupplier nanoTime) {
    this.intervalNanos = intervalNanos;
    this.nanoTime = nanoTime;
  }

  /** Whether a write is due: none was made yet, or the last was at least the interval ago. */
  boolean due() {
    return !wrote || nanoTime.getAsLong() - last >= intervalNanos;
  }

  /** A write was made now. */
  void wrote() {
    last = nanoTime.getAsLong();
    wrote = true;
  }
}
