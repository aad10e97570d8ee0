package dev.nn.core.config;

import dev.nn.core.text.Counted;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
  /** This experiment with another {@code compute} section. */
  public Experiment withCompute(ComputeSpec c) {
    return new Experiment(name, seed, data, network, loss, optimizer, l2, training, c, output, distributed);
  }


  /**
   * Every local file the experiment's data section reads ({@link DataSpec#files}): its CSV or IDX files for
   * training, validation and test. A command that writes a file checks against these so as not to overwrite them.
   */
  public List<Path> dataFiles() {
    return data.files();
  }

  /**
   * The seed the validation and test rows are drawn from: {@code data.split-seed}, or without it {@link #seed},
   * which then draws the split, the initial weights and the order of training alike.
   */
  public long splitSeed() {
    return data.splitSeed() != null ? data.splitSeed() : seed;
  }

  /**
   * data.test's source, named for people, when the test rows come from a source of their own; empty when they
   * are taken from data.train (a split, a fold) or there are none.
   */
  public java.util.Optional<String> testSource() {
    return data.testSource();
  }

  /**
   * The model file a fine-tuning starts from ({@code network.weights-from}), resolved (the YAML's relative path is
   * relative to its folder, not to the reader's); empty when weights are drawn.
   */
  public java.util.Optional<String> startingModel() {
    return network.weightsFrom().map(ref -> ref.resolved().toString());
  }

  /**
   * ", starting from the weights of MODEL" for a fine-tuning, else "": what a line about the experiment's network adds
   * (nn train's first line, a gradient check's, a learning-rate test's), since its weights are not an initializer's.
   */
  public String startingFrom() {
    return startingModel().map(w -> ", starting from the weights of " + w).orElse("");
  }

  /** Whether its training data is a {@code spark} table, which only Spark's executors read (no folds of it). */
  public boolean trainsOnASparkTable() {
    return data.train() instanceof SourceSpec.Spark;
  }

  /** What the experiment trains, in a few aligned lines, each ending in a line break (what nn validate prints). */
  public String summary() {
    StringBuilder layers = new StringBuilder();
    List<LayerSpec> specs = network.layers();
    for (int l = 0; l < specs.size(); l++) {
      LayerSpec layer = specs.get(l);
      layers.append(l == 0 ? "" : " → ").append(layer.isAuto() ? "auto" : Integer.toString(layer.units()));
      layer.activation().ifPresent(a -> layers.append(' ').append(plugin(a)));
    }
    StringBuilder s = new StringBuilder();
    s.append("  name       ").append(name).append('\n');
    s.append("  layers     ").append(layers).append('\n');
    startingModel().ifPresent(w -> s.append("  weights    from ").append(w).append('\n'));
    s.append("  loss       ").append(plugin(loss)).append('\n');
    s.append("  optimizer  ").append(plugin(optimizer.optimizer())).append(", learning rate ")
        .append(number(optimizer.learningRate())).append(", schedule ")
        .append(optimizer.schedule().name());
    // what else was accepted and changes the training, so that the summary confirms all of it
    if (optimizer.warmup() > 0) {
      s.append(", warm-up ").append(Counted.of(optimizer.warmup(), "update", "updates"));
    }
    if (optimizer.clipNorm() > 0) {
      s.append(", clip-norm ").append(number(optimizer.clipNorm()));
    }
    s.append('\n');
    if (l2 > 0) {
      s.append("  l2         ").append(number(l2)).append('\n');
    }
    s.append("  training   ").append(Counted.of(training.epochs(), "epoch", "epochs")).append(", batch size ")
        .append(training.batchSize());
    training.classWeights().ifPresent(w -> s.append(", class weights ").append(w.balanced() ? "balanced"
        : w.given().stream().map(Experiment::number).collect(java.util.stream.Collectors.joining(", "))));
    training.earlyStopping().ifPresent(e -> s.append(", early stopping on ").append(e.monitor().yamlName())
        .append(" (patience ").append(e.patience()).append(e.minDelta() > 0 ? ", min-delta " + number(e.minDelta())
            : "").append(')'));
    s.append('\n');
    return s.toString();
  }

  /** "adam" or "leaky-relu (slope 0.1)". */
  private static String plugin(PluginRef ref) {
    if (ref.settings().isEmpty()) {
      return ref.name();
    }
    StringBuilder s = new StringBuilder(ref.name()).append(" (");
    String sep = "";
    for (Map.Entry<String, Object> setting : ref.settings().entrySet()) {
      s.append(sep).append(setting.getKey()).append(' ').append(setting.getValue());
      sep = ", ";
    }
    return s.append(')').toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
