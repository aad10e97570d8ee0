package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentWriter;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.model.Model;
import dev.nn.core.network.Network;
import dev.nn.core.run.CheckpointWriter;
import dev.nn.core.run.HtmlReport;
import dev.nn.core.run.MetricsCsv;
import dev.nn.core.run.Provenance;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerState;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Trains an experiment end to end and leaves a run directory: the resolved experiment, metrics.csv,
 * checkpoints, the model, provenance and an HTML report. Everything it trains with is built before it
 * (by the injector, see {@code dev.nn.core.inject.NnModules}): the plugins, the data, the network. So the
 * run directory is created only when there is something to train, and one run flows one way: create the
 * directory, train, write the model, the report and the provenance.
 */
public final class TrainingRun {

  /**
   * How to run.
   *
   * @param outputDir where to create the run directory, or {@code null} for the experiment's {@code output.dir}
   * @param resume an existing run directory to continue from its last checkpoint, or {@code null}
   * @param commandLine the command line, for provenance
   * @param listeners extra listeners (a progress display)
   * @param nnVersion the version written into the model file
   */
  public record Options(Path outputDir, Path resume, List<String> commandLine, List<TrainingListener> listeners,
      String nnVersion) {
    /** Copies. */
    public Options {
      commandLine = List.copyOf(commandLine);
      listeners = List.copyOf(listeners);
      Objects.requireNonNull(nnVersion, "nnVersion");
    }

    /** A fresh run with default settings. */
    public static Options defaults() {
      return new Options(null, null, List.of(), List.of(), Provenance.currentNnVersion());
    }

    /**
     * A fresh run with default settings whose directory is created under {@code outputDir}, whatever the
     * experiment's {@code output.dir} says.
     */
    public static Options into(Path outputDir) {
      return new Options(Objects.requireNonNull(outputDir, "outputDir"), null, List.of(), List.of(),
          Provenance.currentNnVersion());
    }

    /** The same options, continuing the run in {@code runDirectory}. */
    public Options resuming(Path runDirectory) {
      return new Options(null, runDirectory, commandLine, listeners, nnVersion);
    }
  }

  /**
   * What a run produced.
   *
   * @param directory the run directory
   * @param training the epochs run and the epoch whose weights were kept
   * @param validation the final model's validation metrics, or {@code null}
   * @param test the final model's test metrics (computed once, at the end), or {@code null}
   * @param model the trained model, also saved as {@code model.nnm}
   */
  public record Result(RunDirectory directory, TrainingResult training, Metrics validation, Metrics test, Model model) {}

  private final Experiment experiment;
  private final RunPlugins plugins;
  private final PreparedData data;
  private final Network network;
  private final TrainerFactory trainers;
  private final TrainingBackend backend;
  private final RunModel models;
  private final Clock clock;
  private final Options options;
  private final KernelChoice.Choice kernels;

  @Inject
  TrainingRun(Experiment experiment, RunPlugins plugins, PreparedData data, Network network, TrainerFactory trainers,
      TrainingBackend backend, RunModel models, Clock clock, Options options, KernelChoice.Choice kernels) {
    this.experiment = experiment;
    this.kernels = kernels;
    this.plugins = plugins;
    this.data = data;
    this.network = network;
    this.trainers = trainers;
    this.backend = backend;
    this.models = models;
    this.clock = clock;
    this.options = options;
  }

  /**
   * Trains and writes the run directory.
   *
   * @throws TrainingDivergedException when the loss becomes NaN or infinite (the last good checkpoint stays);
   *     its {@link TrainingDivergedException#runDirectory()} names the run directory
   * @throws dev.nn.core.run.RunFileException when the run directory cannot be created or read
   */
  public Result run() {
    try {
      return trainAndReport();
    } finally {
      // the run's kernel runtime stops its threads; a model kept from the run still predicts on the caller's
      kernels.kernels().close();
    }
  }

  private Result trainAndReport() {
    RunDirectory dir = options.resume() != null ? RunDirectory.open(options.resume())
        : RunDirectory.create(options.outputDir() != null ? options.outputDir() : experiment.output().dir().resolved(),
            experiment.name(), clock);
    if (options.resume() == null) {
      dir.writeExperiment(ExperimentWriter.write(experiment));
    }
    MetricsCsv metrics = new MetricsCsv(dir.metricsFile());
    Trainer trainer = trainers.create(
        List.of(metrics, new CheckpointWriter(dir.checkpoints(), experiment.training().checkpointEvery())));
    if (options.resume() != null) {
      TrainerState state = dir.checkpoints().readLatest();
      trainer.restore(state);
      metrics.restart(state.history());
    }
    Provenance provenance = Provenance.capture(network.kernels().description(), experiment.compute().threads(),
        experiment.seed(), options.commandLine(), clock.instant(), plugins.descriptors(), data.files())
        .withCluster(backend.provenance()).withCompute(kernels.provenance(experiment.compute().backend().yamlName()));
    provenance.write(dir.provenanceFile());
    TrainingResult result;
    try {
      result = backend.train(trainer, data);
    } catch (TrainingDivergedException e) {
      provenance.withEnded(clock.instant()).write(dir.provenanceFile());
      throw e.inRun(dir.path());
    }
    Metrics validation = backend.validation(network, plugins.loss(), data);
    Metrics test = backend.test(network, plugins.loss(), data);
    Model model = models.model();
    model.save(dir.modelFile(), options.nnVersion());
    new HtmlReport(experiment.name(), result, test, data.train().classLabels()).write(dir.reportFile());
    provenance.withEnded(clock.instant()).write(dir.provenanceFile());
    return new Result(dir, result, validation, test, model);
  }
}
