package dev.nn.core.inject;

import com.google.inject.AbstractModule;
import dev.nn.core.config.Experiment;

/** The experiment's configuration: immutable records, bound as they are. */
final class ConfigModule extends AbstractModule {
  private final Experiment experiment;

  ConfigModule(Experiment experiment) {
    this.experiment = experiment;
  }

  @Override
  protected void configure() {
    bind(Experiment.class).toInstance(experiment);
  }
}
