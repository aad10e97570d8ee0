package dev.nn.core.experiment;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import dev.nn.api.Loss;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentWriter;
import dev.nn.core.config.LayerSpec;
import dev.nn.core.config.PluginRef;
import dev.nn.core.data.Dataset;
import dev.nn.core.inject.NnModules;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.model.PluginUse;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.run.CheckpointWriter;
import dev.nn.core.run.HtmlReport;
import dev.nn.core.run.MetricsCsv;
import dev.nn.core.run.Provenance;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.Evaluator;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerState;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains an experiment end to end and leaves a run directory: the resolved experiment, metrics.csv,
 * checkpoints, the model, provenance and an HTML report. The objects come from Guice
 * ({@link NnModules}); this class only orders the steps.
 */
public final class TrainingRun {

  /**
   * How to run.
   *
   * @param outputDir where to create the run directory, or {@code null} for the experiment's {@code output.dir}
   * @param resume an existing run directory to continue from its last checkpoint, or {@code null}
   * @param commandLine the command line, for provenance
   * @param listeners extra listeners (a progress display)
   * @param clock the clock that names the run directory and times the run
   * @param nnVersion the version written into the model file
   */
  public record Options(Path outputDir, Path resume, List<String> commandLine, List<TrainingListener> listeners,
      Clock clock, String nnVersion) {
    /** Copies. */
    public Options {
      commandLine = List.copyOf(commandLine);
      listeners = List.copyOf(listeners);
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(nnVersion, "nnVersion");
    }

    /** A fresh run with default settings. */
    public static Options defaults() {
      return new Options(null, null, List.of(), List.of(), Clock.systemUTC(), Provenance.currentNnVersion());
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

  private TrainingRun() {}

  /**
   * Trains {@code experiment} and writes its run directory.
   *
   * @throws TrainingDivergedException when the loss becomes NaN or infinite (the last good checkpoint stays);
   *     its {@link TrainingDivergedException#runDirectory()} names the run directory
   * @throws dev.nn.spi.ConfigException for configuration problems found while building the run
   * @throws dev.nn.core.data.DataException for unreadable or malformed data
   */
  public static Result run(Experiment experiment, PluginRegistry registry, Options options) {
    RunDirectory dir = options.resume() != null ? RunDirectory.open(options.resume())
        : RunDirectory.create(options.outputDir() != null ? options.outputDir() : experiment.output().dir().resolved(),
            experiment.name(), options.clock());
    if (options.resume() == null) {
      dir.writeExperiment(ExperimentWriter.write(experiment));
    }
    MetricsCsv metrics = new MetricsCsv(dir.metricsFile());
    List<TrainingListener> listeners = new ArrayList<>();
    listeners.add(metrics);
    listeners.add(new CheckpointWriter(dir.checkpoints(), experiment.training().checkpointEvery()));
    listeners.addAll(options.listeners());
    Module runModule = binder -> {
      Multibinder<TrainingListener> set = Multibinder.newSetBinder(binder, TrainingListener.class);
      for (TrainingListener l : listeners) {
        set.addBinding().toInstance(l);
      }
    };
    Module clockModule = binder -> binder.bind(Clock.class).toInstance(options.clock());
    Injector injector = NnModules.injector(Modules.override(NnModules.forRun(experiment, registry)).with(clockModule),
        runModule);
    Trainer trainer = injector.getInstance(Trainer.class);
    PreparedData data = injector.getInstance(PreparedData.class);
    Network network = injector.getInstance(Network.class);
    Loss loss = injector.getInstance(Loss.class);
    if (options.resume() != null) {
      TrainerState state = dir.checkpoints().readLatest();
      trainer.restore(state);
      metrics.restart(state.history());
    }
    Provenance provenance = Provenance.capture(network.kernels().description(), experiment.compute().threads(),
        experiment.seed(), options.commandLine(), options.clock().instant(), pluginsUsed(experiment, registry),
        data.files());
    provenance.write(dir.provenanceFile());
    TrainingResult result;
    try {
      result = trainer.train(data.trainSamples(), data.validationSamples(), data.classification());
    } catch (TrainingDivergedException e) {
      provenance.withEnded(options.clock().instant()).write(dir.provenanceFile());
      throw e.inRun(dir.path());
    }
    Evaluator evaluator = new Evaluator(network, loss, 256);
    Metrics validation = data.validation() == null ? null
        : evaluator.evaluate(data.validationSamples(), data.classification());
    Metrics test = data.test() == null ? null : evaluator.evaluate(data.testSamples(), data.classification());
    Model model = new Model(modelSpec(experiment, data, network, registry), network, loss);
    model.save(dir.modelFile(), options.nnVersion());
    new HtmlReport(experiment.name(), result, test, data.train().classLabels()).write(dir.reportFile());
    provenance.withEnded(options.clock().instant()).write(dir.provenanceFile());
    return new Result(dir, result, validation, test, model);
  }

  /** Every plugin the experiment names, as the registry found it. */
  static List<PluginDescriptor> pluginsUsed(Experiment e, PluginRegistry registry) {
    Map<String, PluginDescriptor> used = new LinkedHashMap<>();
    for (int l = 1; l < e.network().layers().size(); l++) {
      e.network().layers().get(l).activation().ifPresent(ref -> add(used, registry, PluginKind.ACTIVATION, ref));
    }
    add(used, registry, PluginKind.LOSS, e.loss());
    add(used, registry, PluginKind.OPTIMIZER, e.optimizer().optimizer());
    add(used, registry, PluginKind.INITIALIZER, e.network().init());
    return new ArrayList<>(used.values());
  }

  private static void add(Map<String, PluginDescriptor> used, PluginRegistry registry, PluginKind kind, PluginRef ref) {
    PluginDescriptor d = registry.descriptors(kind).get(ref.name());
    if (d != null) {
      used.putIfAbsent(kind.label() + "/" + ref.name(), d);
    }
  }

  /** The pipeline a saved model needs: features, scaler, classes, architecture and plugins by name and version. */
  static ModelSpec modelSpec(Experiment e, PreparedData data, Network network, PluginRegistry registry) {
    Dataset train = data.train();
    List<PluginUse> activations = new ArrayList<>();
    List<LayerSpec> layers = e.network().layers();
    for (int l = 1; l < layers.size(); l++) {
      activations.add(use(registry, PluginKind.ACTIVATION, layers.get(l).activation().orElseThrow()));
    }
    return new ModelSpec(train.featureNames(), data.scaler() == null ? null : data.scaler().means(),
        data.scaler() == null ? null : data.scaler().stds(), train.targetNames(), train.classLabels(),
        network.widths(), activations, use(registry, PluginKind.LOSS, e.loss()),
        network.parameters().structure().isDense() ? null : network.parameters().structure().slotMap());
  }

  private static PluginUse use(PluginRegistry registry, PluginKind kind, PluginRef ref) {
    PluginDescriptor d = registry.descriptors(kind).get(ref.name());
    return new PluginUse(ref.name(), d == null ? "unknown" : d.version(), ref.settings());
  }
}
