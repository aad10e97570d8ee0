package dev.nn.core.schedule;

/**
 * The learning rate η as a function of training progress. The core evaluates it before every update and
 * passes the result to {@link dev.nn.api.Optimizer.Updater#step}.
 *
 * <p>Counting: {@code update} is the number of the mini-batch update about to be applied, counted from 1
 * over the whole run (it is the {@code t} the optimizer receives); {@code epoch} is the number of the
 * epoch that update belongs to, counted from 1. A schedule in units of epochs keeps η fixed within an
 * epoch, as a PyTorch scheduler stepped once per epoch does. Every schedule returns the base rate η₀
 * at update 1 of epoch 1.
 *
 * <p>Implementations are immutable, pure functions of their arguments, safe to share between threads,
 * and do not allocate.
 */
public interface LearningRateSchedule {

  /**
   * Returns η for one update.
   *
   * @param update the update about to be applied, counted from 1
   * @param epoch the epoch it belongs to, counted from 1
   * @throws IllegalArgumentException if {@code update < 1} or {@code epoch < 1}
   */
  double rate(long update, int epoch);
}
