package dev.nn.core.experiment;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.nn.core.config.Experiment;
import dev.nn.core.data.Dataset;
import java.util.Objects;

/**
 * A module that gives a run samples held in memory instead of its experiment's data sources; it overrides
 * the {@link PreparedData} binding of {@link CoreModule} (see {@code NnModules.forRun} with data). The
 * samples are prepared exactly as samples read from a source would be — by {@link DataPreparation}, with
 * the data section's validation and test split fractions and its {@code standardize} flag, and the loss's
 * target encoding — so an application that already holds its data trains the way the command line does.
 * The data section's sources are not read.
 */
public final class InMemoryData extends AbstractModule {
  private final Dataset train;
  private final Dataset validation;

  /**
   * @param train the samples to train on; the data section's split fractions take validation and test
   *     rows out of them
   * @param validation validation samples of their own, or {@code null} to split them off {@code train} by
   *     the data section's {@code validation: {split: f}} (a validation source there is then ignored)
   */
  public InMemoryData(Dataset train, Dataset validation) {
    this.train = Objects.requireNonNull(train, "train");
    this.validation = validation;
  }

  @Override
  protected void configure() {}

  @Provides
  @Singleton
  PreparedData data(Experiment experiment, RunPlugins plugins) {
    // the plugin's own loss: the run's Loss binding may weigh classes, which needs this data first
    return DataPreparation.prepare(experiment, plugins.loss(), plugins.activationUses(),
        RawData.inMemory(train, validation));
  }
}
