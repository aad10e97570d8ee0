package dev.nn.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One experiment, as read from its YAML file with every default filled in. The schema is documented
 * key by key in {@code docs/experiment.md}; {@link ExperimentReader} builds it and {@link
 * ExperimentWriter} writes it back.
 *
 * @param name names the run directory {@code <output.dir>/<name>-<timestamp>/}
 * @param seed seeds every random choice of the run
 * @param data where the samples come from and how they are split
 * @param network the layers, the initializer and the ties
 * @param loss the loss plugin
 * @param optimizer the optimizer plugin, its learning rate and schedule
 * @param l2 λ of the penalty (λ/2)·Σ w² over free weight parameters, {@code >= 0}
 * @param training epochs, batch size, shuffling, early stopping, checkpoints
 * @param compute kernel backend and threads
 * @param output where runs are written
 * @param distributed how to train on a cluster, or empty to train in this process
 */
public record Experiment(
    String name,
    long seed,
    DataSpec data,
    NetworkSpec network,
    PluginRef loss,
    OptimizerSpec optimizer,
    double l2,
    TrainingSpec training,
    ComputeSpec compute,
    OutputSpec output,
    Optional<DistributedSpec> distributed) {

  /** Checks for {@code null}. */
  public Experiment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(compute, "compute");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(distributed, "distributed");
  }
}
