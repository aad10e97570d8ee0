package dev.nn.core.schedule;

/**
 * Linear warm-up in front of any schedule: η(t) = inner(t)·min(1, t/W) for update t, counted from 1, so the first W
 * updates climb in equal steps from inner/W to the schedule's own rate, which every later update takes as it is.
 * What warm-up is for: the first steps of adaptive optimizers such as Adam are taken on moment estimates of a
 * batch or two, and with large rates can throw the weights far before the estimates settle (Goyal et al., 2017;
 * Liu et al., 2020). PyTorch: {@code LinearLR(start_factor=1/W, total_iters=W − 1)} chained before the schedule,
 * stepped per update.
 */
record WarmupSchedule(LearningRateSchedule inner, long warmup) implements LearningRateSchedule {

  WarmupSchedule {
    if (warmup < 1) {
      throw new IllegalArgumentException("warm-up must be at least 1 update, found " + warmup);
    }
  }

  @Override
  public double rate(long update, int epoch) {
    double rate = inner.rate(update, epoch);
    return update >= warmup ? rate : rate * update / warmup;
  }
}
