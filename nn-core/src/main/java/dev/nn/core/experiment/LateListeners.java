package dev.nn.core.experiment;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import java.util.List;

/**
 * Listeners a trainer is given before they exist: a run builds its trainer (and so finds out whether the
 * network, the optimizer and the samples fit together, and whether there is memory for them) before it creates
 * its run directory, and the listeners that write into that directory are attached afterwards.
 */
final class LateListeners implements TrainingListener {
  private List<TrainingListener> targets = List.of();

  /** From now on, tells {@code listeners}, in this order. */
  void attach(List<TrainingListener> listeners) {
    targets = List.copyOf(listeners);
  }

  @Override
  public void onStart(Trainer trainer) {
    for (TrainingListener l : targets) {
      l.onStart(trainer);
    }
  }

  @Override
  public void onEpochEnd(Trainer trainer, EpochReport report) {
    for (TrainingListener l : targets) {
      l.onEpochEnd(trainer, report);
    }
  }

  @Override
  public void onEnd(Trainer trainer, TrainingResult result) {
    for (TrainingListener l : targets) {
      l.onEnd(trainer, result);
    }
  }
}
