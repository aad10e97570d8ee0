package dev.nn.core.schedule;

import dev.nn.spi.Settings;

/** What a schedule counts: mini-batch updates or epochs. */
enum ScheduleUnit {
  UPDATES("updates"),
  EPOCHS("epochs");

  private final String key;

  ScheduleUnit(String key) {
    this.key = key;
  }

  /** Reads the {@code unit} setting: {@code updates} or {@code epochs}, default {@code epochs}. */
  static ScheduleUnit read(Settings settings) {
    String value = settings.choice("unit", UPDATES.key, UPDATES.key, EPOCHS.key);
    return value.equals(UPDATES.key) ? UPDATES : EPOCHS;
  }

  /** Rejects counts below 1. */
  static void check(long update, int epoch) {
    if (update < 1 || epoch < 1) {
      throw new IllegalArgumentException(
          "updates and epochs are counted from 1, found update " + update + ", epoch " + epoch);
    }
  }

  /**
   * How many units have passed before this update: update − 1 or epoch − 1, so that the first update
   * of the run sees 0, as PyTorch's schedulers start at {@code last_epoch = 0}.
   */
  long elapsed(long update, int epoch) {
    check(update, epoch);
    return this == UPDATES ? update - 1 : epoch - 1;
  }

  @Override
  public String toString() {
    return key;
  }
}
