package dev.nn.core.schedule;

/** η(t) = η₀ for every update. PyTorch: no scheduler. */
record ConstantSchedule(double baseRate) implements LearningRateSchedule {

  @Override
  public double rate(long update, int epoch) {
    Elapsed.check(update, epoch);
    return baseRate;
  }
}
