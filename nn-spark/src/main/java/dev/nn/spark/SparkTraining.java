package dev.nn.spark;

import com.google.inject.util.Modules;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.DistributedTraining;
import dev.nn.core.experiment.TrainingBackend;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.inject.NnModules;
import dev.nn.core.plugin.PluginRegistry;
import org.apache.spark.sql.SparkSession;

/**
 * Trains experiments that have a {@code distributed} section on Apache Spark: the run is wired as in one
 * process, with the training backend replaced by {@link SparkBackend}. Found by {@code Nn} through
 * {@link java.util.ServiceLoader} when nn-spark is on the class path.
 */
public final class SparkTraining implements DistributedTraining {

  @Override
  public TrainingRun.Result train(Experiment experiment, PluginRegistry registry, TrainingRun.Options options) {
    try (ClusterSessions.Opened opened = ClusterSessions.open(experiment.name(), experiment.distributed().orElseThrow())) {
      return NnModules.create(TrainingRun.class, Modules.override(NnModules.forRun(experiment, registry, options))
          .with(b -> {
            b.bind(SparkSession.class).toInstance(opened.session());
            b.bind(TrainingBackend.class).to(SparkBackend.class);
          })).run();
    }
  }
}
