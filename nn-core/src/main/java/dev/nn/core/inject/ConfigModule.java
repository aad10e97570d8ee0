package dev.nn.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.train.TrainingListener;

/**
 * What the caller decided: the experiment (immutable records, bound as they are) and how to run it — the
 * run options, and the listeners they carry (a progress display).
 */
final class ConfigModule extends AbstractModule {
  private final Experiment experiment;
  private final TrainingRun.Options options;

  ConfigModule(Experiment experiment, TrainingRun.Options options) {
    this.experiment = experiment;
    this.options = options;
  }

  @Override
  protected void configure() {
    bind(Experiment.class).toInstance(experiment);
    bind(TrainingRun.Options.class).toInstance(options);
    Multibinder<TrainingListener> listeners = Multibinder.newSetBinder(binder(), TrainingListener.class);
    for (TrainingListener l : options.listeners()) {
      listeners.addBinding().toInstance(l);
    }
  }
}
