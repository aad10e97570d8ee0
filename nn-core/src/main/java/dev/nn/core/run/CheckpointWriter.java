package dev.nn.core.run;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Path;

/**
 * Saves the trainer's state every {@code every} epochs and after the last one. When early stopping ends
 * training at an epoch without a checkpoint, one is taken at the end, after the trainer has put the best
 * epoch's parameters back into the network; a checkpoint taken when training ended records so, and a resume
 * from it trains no further. A diverged epoch is never saved: the checkpoints of the epochs before stay.
 */
public final class CheckpointWriter implements TrainingListener {
  private static final System.Logger LOG = System.getLogger(CheckpointWriter.class.getName());

  private final Checkpoints checkpoints;
  private final int every;
  private int lastSaved = -1;

  /**
   * Saves into {@code checkpoints}.
   *
   * @param every epochs between checkpoints, >= 1
   */
  public CheckpointWriter(Checkpoints checkpoints, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint-every must be >= 1, found " + every);
    }
    this.checkpoints = checkpoints;
    this.every = every;
  }

  @Override
  public void onStart(Trainer trainer) {
    // a resumed run starts from a checkpoint of this epoch already
    lastSaved = trainer.epoch();
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
    // once per checkpoint, never per batch
    LOG.log(System.Logger.Level.DEBUG, () -> "checkpoint of epoch " + lastSaved + " written: " + file);
  }
}
