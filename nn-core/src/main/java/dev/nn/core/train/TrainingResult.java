package dev.nn.core.train;

import java.util.List;

/**
 * How training ended.
 *
 * @param epochs one report per epoch run
 * @param bestEpoch the epoch whose weights the network holds at the end (the last epoch without early
 *     stopping; the best by the monitored value with it)
 * @param stoppedEarly whether early stopping ended training before the last epoch
 */
public record TrainingResult(List<EpochReport> epochs, int bestEpoch, boolean stoppedEarly) {

  /** Copies. */
  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** The last epoch's report. */
  public EpochReport last() {
    return epochs.get(epochs.size() - 1);
  }
}
