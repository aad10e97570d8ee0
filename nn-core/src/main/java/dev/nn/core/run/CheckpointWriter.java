package dev.nn.core.run;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerState;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Path;

/**
 * Saves the trainer's state every {@code every} epochs and after the last one. When early stopping ends
 * training at an epoch without a checkpoint, one is taken at the end, after the trainer has put the best
 * epoch's parameters back into the network; a checkpoint taken when training ended records so, and a resume
 * from it trains no further. A diverged epoch is never saved: the checkpoints of the epochs before stay.
 *
 * <p>Within an epoch, once the given minutes have passed since the last checkpoint of either kind (or since training
 * started or resumed), it saves the trainer's state partway through the epoch ({@link Checkpoints#savePartial}):
 * an epoch of an hour is not lost whole to a kill.
 */
public final class CheckpointWriter implements TrainingListener, Trainer.WithinEpochCheckpoints {
  private static final System.Logger LOG = System.getLogger(CheckpointWriter.class.getName());

  private final Checkpoints checkpoints;
  private final int every;
  /** The time between checkpoints after which one is taken within an epoch; {@link Long#MAX_VALUE}: never. */
  private final long withinNanos;
  private int lastSaved = -1;
  private long lastSavedAt;

  /**
   * Saves into {@code checkpoints} at epochs' ends only.
   *
   * @param every epochs between checkpoints, >= 1
   */
  public CheckpointWriter(Checkpoints checkpoints, int every) {
    this(checkpoints, every, Double.POSITIVE_INFINITY);
  }

  /**
   * Saves into {@code checkpoints}, within an epoch too.
   *
   * @param every epochs between checkpoints, >= 1
   * @param minutes the time after the last checkpoint at which one is taken within an epoch, > 0; infinite: none is
   */
  public CheckpointWriter(Checkpoints checkpoints, int every, double minutes) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint-every must be >= 1, found " + every);
    }
    if (!(minutes > 0)) {
      throw new IllegalArgumentException("checkpoint-minutes must be > 0, found " + minutes);
    }
    this.checkpoints = checkpoints;
    this.every = every;
    this.withinNanos = minutes * 60e9 >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) (minutes * 60e9);
  }

  /** Whether this writer was given minutes after which it takes checkpoints within epochs. */
  public boolean takesPartials() {
    return withinNanos != Long.MAX_VALUE;
  }

  @Override
  public void onStart(Trainer trainer) {
    // a resumed run starts from a checkpoint of this epoch already
    lastSaved = trainer.epoch();
    lastSavedAt = System.nanoTime();
  }

  @Override
  public boolean due() {
    return System.nanoTime() - lastSavedAt >= withinNanos;
  }

  @Override
  public void save(TrainerState state) {
    Path file = checkpoints.savePartial(state);
    lastSavedAt = System.nanoTime();
    LOG.log(System.Logger.Level.DEBUG, () -> "checkpoint within epoch " + (state.epoch() + 1) + " written: " + file);
  }

  @Override
  public void onEpochEnd(Trainer trainer, EpochReport report) {
    if (report.epoch() % every == 0 || report.epoch() >= trainer.options().epochs()) {
      save(trainer);
    }
  }

  @Override
  public void onEnd(Trainer trainer, TrainingResult result) {
    if (trainer.epoch() != lastSaved) {
      save(trainer);
    }
  }

  private void save(Trainer trainer) {
    Path file = checkpoints.save(trainer.state());
    lastSaved = trainer.epoch();
    lastSavedAt = System.nanoTime();
    // once per checkpoint, never per batch
    LOG.log(System.Logger.Level.DEBUG, () -> "checkpoint of epoch " + lastSaved + " written: " + file);
  }
}
