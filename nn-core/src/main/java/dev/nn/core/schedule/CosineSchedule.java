package dev.nn.core.schedule;

import dev.nn.core.config.ScheduleUnit;

/**
 * η = η_min + ½(η₀ − η_min)(1 + cos(π·T/P)) for T ≤ P, and η_min after, where T is the number of units
 * (updates or epochs) elapsed before this update and P the period. Loshchilov and Hutter, "SGDR:
 * Stochastic Gradient Descent with Warm Restarts", ICLR 2017, without restarts. PyTorch: the closed
 * form of {@code CosineAnnealingLR(T_max=P, eta_min=η_min)}. One difference: PyTorch's cosine keeps
 * going past T_max and climbs back towards η₀; here the rate stays at η_min.
 */
record CosineSchedule(double baseRate, int period, double minRate, ScheduleUnit unit)
    implements LearningRateSchedule {

  @Override
  public double rate(long update, int epoch) {
    long elapsed = Math.min(Elapsed.of(unit, update, epoch), period);
    return minRate + 0.5 * (baseRate - minRate) * (1 + Math.cos(Math.PI * elapsed / period));
  }
}
