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

  /**
   * Checks, writing nothing and starting no cluster, what {@link #train} would refuse about {@code experiment} as
   * it starts (for nn-spark: a local master's scratch folder). Nothing by default.
   *
   * @throws RuntimeException the refusal {@link #train} would throw, as it would throw it
   */
  default void check(Experiment experiment) {}

  /** The implementation on the class path of {@code loader}, if any. */
  static Optional<DistributedTraining> find(ClassLoader loader) {
    return ServiceLoader.load(DistributedTraining.class, loader).findFirst();
  }
}
