package dev.nn.core.schedule;

import dev.nn.core.config.ScheduleUnit;

/**
 * η = η₀·γ^T, where T is the number of units (updates or epochs) elapsed before this update. PyTorch:
 * {@code ExponentialLR(gamma=γ)}.
 */
record ExponentialSchedule(double baseRate, double gamma, ScheduleUnit unit) implements LearningRateSchedule {

  @Override
  public double rate(long update, int epoch) {
    return baseRate * Math.pow(gamma, Elapsed.of(unit, update, epoch));
  }
}
