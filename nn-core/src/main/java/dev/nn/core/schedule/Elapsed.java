package dev.nn.core.schedule;

import dev.nn.core.config.ScheduleUnit;

/**
 * The T of every schedule formula: how many units have passed before an update. Kept apart from
 * {@link ScheduleUnit}, which only names what an experiment wrote, so that the counting convention
 * lives with the formulas that rely on it.
 */
final class Elapsed {
  private Elapsed() {}

  /** Rejects counts below 1: both are counted from 1, and 0 would make T negative. */
  static void check(long update, int epoch) {
    if (update < 1 || epoch < 1) {
      throw new IllegalArgumentException(
          "updates and epochs are counted from 1, found update " + update + ", epoch " + epoch);
    }
  }

  /**
   * Update − 1 or epoch − 1, so that the first update of the run sees T = 0 and every schedule starts
   * at η₀, as PyTorch's schedulers start at {@code last_epoch = 0}.
   */
  static long of(ScheduleUnit unit, long update, int epoch) {
    check(update, epoch);
    return unit == ScheduleUnit.UPDATES ? update - 1 : epoch - 1;
  }
}
