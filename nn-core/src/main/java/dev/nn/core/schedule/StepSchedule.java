package dev.nn.core.schedule;

import dev.nn.core.config.ScheduleUnit;

/**
 * η = η₀·γ^⌊T/s⌋, where T is the number of units (updates or epochs) elapsed before this update and s
 * the step size: the rate is multiplied by γ every s units. PyTorch: {@code StepLR(step_size=s,
 * gamma=γ)}.
 */
record StepSchedule(double baseRate, int stepSize, double gamma, ScheduleUnit unit)
    implements LearningRateSchedule {

  @Override
  public double rate(long update, int epoch) {
    return baseRate * Math.pow(gamma, Elapsed.of(unit, update, epoch) / stepSize);
  }
}
