package dev.nn.core.train;

/** The loss became NaN or infinite: training stops, naming where. */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int epoch;
  private final long step;

  /** At update {@code step} (from 1) of epoch {@code epoch} (from 1) the batch loss was {@code loss}. */
  public TrainingDivergedException(int epoch, long step, double loss) {
    super("training diverged: the loss became " + loss + " at epoch " + epoch + ", update " + step
        + "; try a smaller learning rate");
    this.epoch = epoch;
    this.step = step;
  }

  /** The epoch, from 1. */
  public int epoch() {
    return epoch;
  }

  /** The update, from 1. */
  public long step() {
    return step;
  }
}
