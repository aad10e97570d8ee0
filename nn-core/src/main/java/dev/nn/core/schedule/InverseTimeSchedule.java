package dev.nn.core.schedule;

import dev.nn.core.config.ScheduleUnit;

/**
 * η = η₀/(1 + d·T), where T is the number of units (updates or epochs) elapsed before this update and d
 * the decay. This is the 1/t decay of stochastic approximation (Robbins and Monro 1951; Bottou,
 * "Stochastic Gradient Descent Tricks", 2012) and the form of PyTorch's {@code Adagrad(lr_decay=d)},
 * γ/(1 + (t − 1)·d); PyTorch has no scheduler of that name.
 */
record InverseTimeSchedule(double baseRate, double decay, ScheduleUnit unit) implements LearningRateSchedule {

  @Override
  public double rate(long update, int epoch) {
    return baseRate / (1 + decay * Elapsed.of(unit, update, epoch));
  }
}
