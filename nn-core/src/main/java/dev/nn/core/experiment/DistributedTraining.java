package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import dev.nn.core.plugin.PluginRegistry;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Trains an experiment that has a {@code distributed} section. nn-core knows no cluster engine; a module on
 * the class path provides one through {@link ServiceLoader} ({@code META-INF/services/}
 * {@code dev.nn.core.experiment.DistributedTraining}), as nn-spark does for Apache Spark.
 */
public interface DistributedTraining {

  /**
   * Trains {@code experiment} on its cluster into a run directory, as {@code Nn.train} does in one process.
   */
  TrainingRun.Result train(Experiment experiment, PluginRegistry registry, TrainingRun.Options options);

  /** The implementation on the class path of {@code loader}, if any. */
  static Optional<DistributedTraining> find(ClassLoader loader) {
    return ServiceLoader.load(DistributedTraining.class, loader).findFirst();
  }
}
