package dev.nn.core.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training diverged: a batch's loss became NaN or infinite, or an epoch's loss grew beyond the bounds
 * {@code Divergence} sets. Training stops, naming where.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The advice of a divergence the learning rate is taken for. */
  private static final String LOWER_RATE = "try a smaller learning rate";
  private final int epoch;
  private final long step;
  /** A String, not a Path: the exception stays serializable. */
  private final String runDirectory;
  /** The plugin whose value was not finite for finite arguments, or null. */
  private final NonFiniteSource source;

  /** At update {@code step} (from 1) of epoch {@code epoch} (from 1) the batch loss was {@code loss}. */
  public TrainingDivergedException(int epoch, long step, double loss) {
    this(epoch, step, loss, false);
  }

  /**
   * At update {@code step} (from 1) of epoch {@code epoch} (from 1) the batch loss was {@code loss}, in a run that
   * computes in float32 when {@code float32}: then float32's range is named too, which values float64 would hold
   * leave (large inputs or targets, unstandardised), and which a gradient check, in float64, cannot see.
   */
  public TrainingDivergedException(int epoch, long step, double loss, boolean float32) {
    this(epoch, step, "the loss became " + Divergence.shown(loss) + " at epoch " + epoch + ", update " + step,
        advice(epoch, step) + (float32 ? FLOAT32 : ""));
  }

  /** What a float32 run's divergence adds: the range float64 would not have left. */
  private static final String FLOAT32 = "; this run computes in float32, whose largest magnitude is "
      + Float.MAX_VALUE + ": inputs, targets or products beyond it are infinities, where float64 holds them (nn"
      + " gradcheck checks in float64 and cannot see that) — standardize the data (data.standardize,"
      + " data.standardize-targets), or train in float64 (compute.precision: float64)";

  private TrainingDivergedException(int epoch, long step, String what) {
    this(epoch, step, what, LOWER_RATE);
  }

  private TrainingDivergedException(int epoch, long step, String what, String advice) {
    super("training diverged: " + what + "; " + advice);
    this.epoch = epoch;
    this.step = step;
    this.runDirectory = null;
    this.source = null;
  }

  /**
   * What to try. The first update's loss comes from the initial weights, before any step: no learning rate made
   * it, so the network as initialised is what to look at.
   */
  private static String advice(int epoch, long step) {
    return epoch == 1 && step == 1
        ? "this is the loss of the initial weights, before any update, so the learning rate is not the cause: look at"
            + " the initializer's scale and at any plugin activation or loss (nn gradcheck runs them)"
        : LOWER_RATE;
  }

  /**
   * Epoch {@code epoch}, which ended after update {@code step}, diverged: {@code what} says how (its
   * validation loss is not finite, or a loss grew too much).
   */
  static TrainingDivergedException atEpochEnd(int epoch, long step, String what) {
    return new TrainingDivergedException(epoch, step, "at the end of epoch " + epoch + " " + what);
  }

  private TrainingDivergedException(TrainingDivergedException e, String runDirectory, NonFiniteSource source) {
    // the same divergence told more: its cause and the trace of where it was found, not itself as its own cause
    super(e.getMessage(), e.getCause());
    setStackTrace(e.getStackTrace());
    this.epoch = e.epoch;
    this.step = e.step;
    this.runDirectory = runDirectory;
    this.source = source;
  }

  /** The same divergence, found to come from {@code source} (null: from training itself). */
  TrainingDivergedException withSource(NonFiniteSource source) {
    return source == null ? this : new TrainingDivergedException(this, runDirectory, source);
  }

  /**
   * The plugin that returned NaN or infinity although what it was given was finite, when that is what made the
   * loss not finite: then the plugin is at fault, not the learning rate.
   */
  public Optional<NonFiniteSource> source() {
    return Optional.ofNullable(source);
  }

  /** The same divergence, known to have happened in the run written to {@code runDirectory}. */
  public TrainingDivergedException inRun(Path runDirectory) {
    return new TrainingDivergedException(this, runDirectory.toString(), source);
  }

  /** The epoch, from 1. */
  public int epoch() {
    return epoch;
  }

  /** The update, from 1. */
  public long step() {
    return step;
  }

  /**
   * The same divergence, {@code first} being what to try before a smaller learning rate (a setting the run left at
   * its default that is known to cause it); as it is when its advice is not the learning rate's.
   */
  public TrainingDivergedException withFirstAdvice(String first) {
    String message = getMessage();
    if (!message.endsWith("; " + LOWER_RATE)) {
      return this;
    }
    TrainingDivergedException advised = new TrainingDivergedException(epoch, step,
        message.substring("training diverged: ".length(), message.length() - LOWER_RATE.length() - 2),
        first + "; or try a smaller learning rate");
    return advised.withSource(source);
  }

  /** The run directory holding the checkpoints of the epochs before, when the divergence happened in a training run. */
  public Optional<Path> runDirectory() {
    return Optional.ofNullable(runDirectory).map(Path::of);
  }
}
