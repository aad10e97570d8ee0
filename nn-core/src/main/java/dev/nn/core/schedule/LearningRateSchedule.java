package dev.nn.core.schedule;

/** The learning rate η(t) the core hands to the optimizer. */
public interface LearningRateSchedule {

  /**
   * η for the given update.
   *
   * @param update the update about to be applied, counted from 1
   * @param epoch the epoch it belongs to, counted from 1
   */
  double rate(long update, int epoch);
}
