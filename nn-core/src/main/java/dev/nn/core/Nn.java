package dev.nn.core;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.core.bench.Benchmark;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.data.CsvOptions;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Standardizer;
import dev.nn.core.experiment.DataPreparation;
import dev.nn.core.experiment.DistributedTraining;
import dev.nn.core.experiment.ExperimentGradientCheck;
import dev.nn.core.experiment.InMemoryData;
import dev.nn.core.experiment.LearningRateRange;
import dev.nn.core.experiment.PreTrainingChecks;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.export.ExportException;
import dev.nn.core.export.ExportFormat;
import dev.nn.core.export.ModelExport;
import dev.nn.core.inject.NnModules;
import dev.nn.core.io.OutputPaths;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.kernel.Precision;
import dev.nn.core.model.Model;
import dev.nn.core.model.RecordedActivations;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.model.PluginUse;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginFailureException;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginPath;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.run.Provenance;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.stability.StabilityStudy;
import dev.nn.core.text.ControlCharacters;
import dev.nn.core.text.Required;
import dev.nn.core.train.Gradient;
import dev.nn.core.train.Samples;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Java API of nn: load an experiment (from a file or a string), train it (on its data sources or on
 * samples in memory), build a network in code, save and load a model, evaluate it and predict with it. The
 * {@code nn} command uses this class and the types it takes and returns, and nothing else of nn-core.
 * {@code docs/java-api.md} shows each task and lists those types.
 *
 * <pre>{@code
 * Nn nn = Nn.create();                                        // built-in plugins
 * Experiment e = nn.load(Path.of("examples/digits.yaml"), List.of("training.epochs=5"));
 * TrainingRun.Result run = nn.train(e);                       // writes runs/digits-<timestamp>/
 * Model model = nn.loadModel(run.directory().modelFile());
 * double[] probabilities = model.predict(pixels);             // safe from several threads
 * }</pre>
 */
public final class Nn {
  /** The environment variable that adds plugin jars, like {@code --plugin-path}. */
  public static final String PLUGIN_PATH_ENV = "NN_PLUGIN_PATH";

  /** The field separators a CSV file may have: comma, semicolon, tab and vertical bar. */
  public static final String SEPARATORS = CsvOptions.SEPARATORS;

  /** In place of a separator: the one the file shows, found from its header and first records. */
  public static final char DETECT_SEPARATOR = CsvOptions.AUTO_SEPARATOR;

  /** The most folds a cross-validation takes ({@code data.test: {fold: i, of: k}}, {@code nn train --folds}). */
  public static final int MAX_FOLDS = dev.nn.core.config.HoldOut.MAX_FOLDS;

  private static final String READING = "while reading the experiment";
  private static final String TRAINING = "during training";
  private static final String AN_EXPERIMENT = "an experiment (from load or parse)";
  private static final String OPTIONS = "training options (TrainingRun.Options.defaults() for none)";
  private static final String A_MODEL = "a model (from loadModel or model)";
  private static final String A_CSV = "the path of a CSV file";
  private static final String TARGETS = "a list of target columns (empty for the model's own)";

  private final PluginRegistry registry;

  private Nn(PluginRegistry registry) {
    this.registry = registry;
  }

  /** nn with the plugins on its own class path: the built-ins and any jar added to it. */
  public static Nn create() {
    return new Nn(PluginRegistry.loadDefault());
  }

  /**
   * nn with exactly the plugins of {@code registry}: for plugins defined in code, with
   * {@link PluginRegistry#of}, which an application uses as it would use a plugin jar.
   */
  public static Nn withPlugins(PluginRegistry registry) {
    return new Nn(required(registry, "registry", "a plugin registry"));
  }

  /**
   * nn with third-party plugins as well: each entry is a plugin jar, or a directory whose {@code *.jar}
   * files are all added.
   *
   * @throws dev.nn.core.plugin.PluginPathException naming every entry that does not exist, and every jar that
   *     is empty, not a zip archive, truncated or damaged
   * @throws ConfigException when two jars provide the same plugin class or two plugins of one kind share a name
   */
  public static Nn withPluginPath(List<Path> entries) {
    requiredList(entries, "entries", "a list of plugin jars and folders");
    if (entries.isEmpty()) {
      return create();
    }
    ClassLoader loader = PluginPath.of(entries).classLoader(Nn.class.getClassLoader());
    // a run records the entries, so that it can be resumed without them (RecordedPluginPath)
    return new Nn(PluginRegistry.load(loader).fromPluginPath(entries));
  }

  /** This nn's version: its jar's, or {@code unknown} when it runs from classes. */
  public static String version() {
    return Provenance.currentNnVersion();
  }

  /** The plugins this instance uses. */
  public PluginRegistry plugins() {
    return registry;
  }

  /**
   * Reads and validates an experiment file.
   *
   * @param overrides {@code key.path=value}, which win over the file
   * @throws dev.nn.spi.ConfigException with every problem of the file, numbered, with line and column
   * @throws UncheckedIOException when the file cannot be read
   */
  public Experiment load(Path yaml, List<String> overrides) {
    required(yaml, "yaml", "the path of an experiment file");
    requiredList(overrides, "overrides", "a list of key.path=value overrides (empty for none)");
    return attributing(READING, () -> {
      if (!java.nio.file.Files.exists(yaml) || java.nio.file.Files.isDirectory(yaml)) {
        String message = "cannot read the experiment " + yaml + ": "
            + (java.nio.file.Files.isDirectory(yaml) ? "it is a folder; expected a YAML file" : "no such file");
        throw new UncheckedIOException(message, new java.io.FileNotFoundException(message));
      }
      try {
        return new ExperimentReader(registry).read(yaml, overrides);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Reads and validates an experiment from YAML text, for an application that builds or stores its
   * experiments itself. Relative paths in the text and in the overrides resolve against the working
   * directory; without a {@code name:} the experiment is called {@code experiment}.
   *
   * @param overrides {@code key.path=value}, which win over the text
   * @throws dev.nn.spi.ConfigException with every problem of the text, numbered, with line and column
   */
  public Experiment parse(String yaml, List<String> overrides) {
    required(yaml, "yaml", "the text of an experiment");
    requiredList(overrides, "overrides", "a list of key.path=value overrides (empty for none)");
    return attributing(READING,
        () -> new ExperimentReader(registry).read(yaml, "experiment", Path.of("").toAbsolutePath(), overrides));
  }

  /** Trains an experiment into a new run directory under its {@code output.dir}. */
  public TrainingRun.Result train(Experiment experiment) {
    required(experiment, "experiment", AN_EXPERIMENT);
    return train(experiment, TrainingRun.Options.defaults());
  }

  /**
   * Trains an experiment with explicit options (output directory, listeners, resume): reads its data,
   * creates its plugins and network, and only then creates the run directory and trains.
   */
  public TrainingRun.Result train(Experiment experiment, TrainingRun.Options options) {
    required(experiment, "experiment", AN_EXPERIMENT);
    required(options, "options", OPTIONS);
    if (experiment.distributed().isPresent()) {
      // a missing file is said before the cluster starts (seconds, and a run's scratch), as nn validate says it:
      // a few existence checks, made again when the command line checked first
      dev.nn.core.experiment.DataPreparation.requireFilesBeforeCluster(experiment);
      return attributing(TRAINING, () -> distributed().train(experiment, registry, options));
    }
    return attributing(TRAINING,
        () -> NnModules.create(TrainingRun.class, NnModules.forRun(experiment, registry, options)).run());
  }

  /**
   * Trains an experiment on samples the caller holds in memory, into a run directory like any other run.
   * The samples take the place of the data section's sources, which are not read; the rest of the data
   * section applies as it does to a source: its validation and test split fractions take rows out of
   * {@code train} (seeded with the experiment's seed), {@code standardize} fits a scaler on the training
   * rows, and class targets are encoded the way the loss needs them. A validation or test <em>source</em>
   * in the data section is ignored. The run's {@code experiment.yaml} still names the ignored sources as
   * placeholders, so {@link #resume(Path, TrainingRun.Options)} refuses such a run; it is resumed with the same samples
   * given again ({@link #resume(Path, Dataset, Dataset, TrainingRun.Options)}).
   *
   * @param validation validation samples of their own, or {@code null} to split them off {@code train} by
   *     the data section's {@code validation: {split: f}}
   * @throws dev.nn.spi.ConfigException when the targets do not suit the loss, or the validation samples' columns or
   *     class labels differ from the training samples' (other names, or another order)
   * @throws dev.nn.core.data.DataException when the splits leave no row to train on
   */
  public TrainingRun.Result train(Experiment experiment, Dataset train, Dataset validation,
      TrainingRun.Options options) {
    required(experiment, "experiment", AN_EXPERIMENT);
    required(train, "train", "the training samples");
    required(options, "options", OPTIONS);
    return attributing(TRAINING, () -> NnModules.create(TrainingRun.class,
        NnModules.forRun(experiment, registry, options, new InMemoryData(train, validation))).run());
  }

  /**
   * The directory in which {@link #train} creates the run directory of {@code experiment}: the options'
   * output directory, else the experiment's {@code output.dir}.
   */
  public Path outputDirectory(Experiment experiment, TrainingRun.Options options) {
    required(experiment, "experiment", AN_EXPERIMENT);
    required(options, "options", OPTIONS);
    return options.outputDir() != null ? options.outputDir() : experiment.output().dir().resolved();
  }

  /**
   * Makes every check {@link #train} makes before it creates the run directory, and keeps nothing: creates
   * the plugins, reads the data (files must exist and fit the network), weighs the memory the network and
   * a batch need, builds the network and the trainer (class weights one per class, a monitored accuracy only for
   * a classification). An experiment with a {@code distributed} section is read by its
   * cluster, so only its file is checked. Writes nothing.
   *
   * @return the network the experiment builds, described as {@code nn train} prints it ("network 64-8-10 (relu,
   *     identity), 610 parameters", its widths read from the data), or empty for a distributed experiment
   * @throws ConfigException for a problem {@link #train} would report before training
   * @throws dev.nn.core.data.DataException for missing or malformed data
   * @throws dev.nn.core.experiment.ClusterException for what the cluster engine would refuse as it starts (a local
   *     master's scratch folder that cannot be used)
   */
  public Optional<String> check(Experiment experiment) {
    required(experiment, "experiment", AN_EXPERIMENT);
    return check(experiment, note -> { });
  }

  /**
   * {@link #check(Experiment)}, telling {@code notes} what reading the data found worth saying that is no error
   * (rows dropped for missing values, a header whose names are numbers), as {@link #train} tells its notices.
   */
  public Optional<String> check(Experiment experiment, java.util.function.Consumer<String> notes) {
    required(experiment, "experiment", AN_EXPERIMENT);
    required(notes, "notes", "a consumer of notes (note -> { } to ignore them)");
    if (experiment.distributed().isPresent()) {
      // its data is read once the cluster has started: only that its files are there is checked here; then that an
      // engine to train it is there, as nn train finds
      dev.nn.core.experiment.DataPreparation.requireFilesBeforeCluster(experiment);
      distributed().check(experiment);
      return Optional.empty();
    }
    // a production injector builds every singleton, the network included, as it is created; the trainer's parts
    // (the loss weighing classes, the monitors) are built as a run builds them before its directory exists
    return Optional.of(NnModules.create(PreTrainingChecks.class, NnModules.forRun(experiment, registry))
        .run(notes));
  }

  /** The cluster engine that trains experiments with a {@code distributed} section. */
  private static DistributedTraining distributed() {
    return DistributedTraining.find(Nn.class.getClassLoader()).orElseThrow(() -> new ConfigException(
        ConfigProblem.of(ProblemId.BACKEND_UNAVAILABLE, "distributed",
            "the experiment trains on a cluster, but no cluster engine is on the class path",
            "the nn-spark module on the class path (the nn launcher of a source checkout adds it with NN_SPARK=on,"
                + " or by itself for an experiment with a distributed section; the distribution's bin/nn has no"
                + " Spark: on a cluster, spark-submit runs nn's submit jar), or no distributed section")));
  }

  /**
   * Continues an interrupted run from its newest intact checkpoint (or from the start, when it was killed before
   * the first one), with the experiment the run recorded.
   *
   * @throws dev.nn.core.run.RunFileException when the directory is no run directory, the run finished, another
   *     process trains in it, its data changed (unless the options allow it) or no checkpoint is intact
   */
  public TrainingRun.Result resume(Path runDirectory, TrainingRun.Options options) {
    required(runDirectory, "runDirectory", "the path of a run directory");
    required(options, "options", OPTIONS);
    RunDirectory dir = RunDirectory.openToResume(runDirectory);
    Experiment experiment = recordedExperiment(dir);
    return train(experiment, options.resuming(runDirectory));
  }

  /**
   * Continues an interrupted run that trained on samples given in code ({@link #train(Experiment, Dataset,
   * Dataset, TrainingRun.Options)}), given the same samples again: the run recorded a digest of them, and other
   * samples are refused as changed data (unless the options allow it). {@link #resume(Path, TrainingRun.Options)}
   * refuses such a run, whose experiment's sources are placeholders.
   *
   * @param validation the validation samples the run was given, or {@code null} when it split them off
   */
  public TrainingRun.Result resume(Path runDirectory, Dataset train, Dataset validation,
      TrainingRun.Options options) {
    required(runDirectory, "runDirectory", "the path of a run directory");
    required(train, "train", "the training samples the run was given");
    required(options, "options", OPTIONS);
    RunDirectory dir = RunDirectory.openToResume(runDirectory);
    Experiment experiment = recordedExperiment(dir);
    return train(experiment, train, validation, options.resuming(runDirectory));
  }

  /**
   * The experiment a run recorded. One that is no longer valid, and no longer the file the run started with (its
   * SHA-256 is not the one provenance.yaml recorded: emptied, cut short, edited), is the run's file that changed,
   * not an experiment its user wrote: said so, naming what is wrong with it.
   */
  private Experiment recordedExperiment(RunDirectory dir) {
    try {
      return load(dir.experimentFile(), List.of());
    } catch (ConfigException e) {
      java.util.Optional<String> was;
      try {
        was = dev.nn.core.run.Provenance.recordedExperimentSha256(dir.provenanceFile());
      } catch (dev.nn.core.run.RunFileException unreadable) {
        throw e;
      }
      if (was.isEmpty() || was.get().equals(dev.nn.core.io.Sha256.of(dir.experimentFile()))) {
        throw e;
      }
      // where and what, without what is allowed: the file is to be restored, not rewritten
      String problems = e.problems().stream().map(p -> (p.path().isEmpty() ? "" : p.path() + " ")
          + (p.line() > 0 ? "(line " + p.line() + ", col " + p.column() + ")" : "") + ": " + p.message())
          .map(String::strip).collect(java.util.stream.Collectors.joining("; "));
      throw new dev.nn.core.run.RunFileException(dir.path(), RunDirectory.EXPERIMENT + " is not the file the run"
          + " started with (its SHA-256 is not the one provenance.yaml recorded: damaged or edited since) and is no"
          + " longer a valid experiment: " + problems + ". Restore it, or train a new run", e);
    }
  }

  /** The gradient check of an experiment's freshly initialised network on its training data. */
  public ExperimentGradientCheck gradientCheck(Experiment experiment) {
    required(experiment, "experiment", AN_EXPERIMENT);
    // checks run in float64 whatever the experiment trains in
    Experiment checked = experiment.withCompute(experiment.compute().withPrecision(Precision.FLOAT64));
    return attributing("while preparing the gradient check", () -> NnModules.create(ExperimentGradientCheck.class,
        NnModules.forRun(checked, registry)).trainedIn(experiment.compute().precision()));
  }

  /** The learning-rate range test of an experiment, on its network as initialised for training. */
  public LearningRateRange learningRateRange(Experiment experiment) {
    required(experiment, "experiment", AN_EXPERIMENT);
    return attributing("while preparing the learning-rate range test",
        () -> NnModules.create(LearningRateRange.class, NnModules.forRun(experiment, registry)));
  }

  /** A benchmark of an experiment's training or inference, on a freshly initialised network. */
  public Benchmark benchmark(Experiment experiment) {
    required(experiment, "experiment", AN_EXPERIMENT);
    return attributing("while preparing the benchmark",
        () -> NnModules.create(Benchmark.class, NnModules.forRun(experiment, registry)));
  }

  /**
   * A stability study of an experiment: pairs of runs one training sample apart, built and trained as
   * {@code nn train} would, with their parameter distance over time ({@code nn stability}).
   */
  public StabilityStudy stability(Experiment experiment) {
    required(experiment, "experiment", AN_EXPERIMENT);
    return attributing("while preparing the stability study", () -> StabilityStudy.of(experiment, registry));
  }

  /** A data set's rows as the trainer reads them: flat arrays of inputs and targets. */
  public Samples samples(Dataset data) {
    required(data, "data", "a data set");
    return PreparedData.rows(data);
  }

  /** Loads a saved model, creating its plugins from this instance's registry. */
  public Model loadModel(Path file) {
    required(file, "file", "the path of a model file");
    return attributing("while loading the model " + file, () -> Model.load(file, registry));
  }

  /**
   * A saved model's figures on a labelled CSV file: accuracy and the confusion matrix for a classifier, RMSE,
   * MAE and R² for regression. Feature columns are matched to the model's by header name; other columns are
   * ignored, and not parsed.
   *
   * @param target the column of true values: a header name, a 0-based index or {@code last}; {@code null} for
   *     the column named as the model's target, and for a model of several targets the columns named as its
   *     targets ({@link #evaluateColumns})
   * @throws dev.nn.core.data.DataException when the file cannot be read or lacks one of the model's features or
   *     targets
   * @throws IllegalArgumentException when {@code target} is given for a model of several targets
   */
  public Evaluation evaluate(Model model, Path csv, String target) {
    return evaluateColumns(model, csv, target == null ? List.of() : List.of(target));
  }

  /**
   * {@link #evaluate(Model, Path, String)} for a model of any number of targets (a regression of several
   * columns): RMSE and MAE are over every value, R² is taken about each target's mean.
   *
   * @param targets the columns of true values, one per target of the model in its order (for a classifier, its
   *     one class column): header names, 0-based indexes, {@code first} or {@code last}; empty for the columns
   *     named as the model's targets, which the header must then have
   * @throws dev.nn.core.data.DataException when the file cannot be read or lacks one of the model's features or
   *     targets, or when {@code targets} names the column of one of the model's targets in another's place
   * @throws IllegalArgumentException when {@code targets} does not name one column per target
   *     ({@link Evaluation#targetColumnsProblem})
   */
  public Evaluation evaluateColumns(Model model, Path csv, List<String> targets) {
    return evaluateColumns(model, csv, targets, DETECT_SEPARATOR);
  }

  /**
   * {@link #evaluateColumns(Model, Path, List)} of a file whose fields are split at {@code separator}: one of
   * {@link #SEPARATORS}, or {@link #DETECT_SEPARATOR} for the one the file shows (as a csv source's
   * {@code separator: auto}).
   *
   * @throws IllegalArgumentException also when {@code separator} is none of these
   */
  public Evaluation evaluateColumns(Model model, Path csv, List<String> targets, char separator) {
    return evaluateColumns(model, csv, targets, separator, Nn::logNote);
  }

  /**
   * {@link #evaluateColumns(Model, Path, List, char)}, telling {@code notes} what the rows show that is no error
   * but may make the figures meaningless (raw 0..255 pixels given to a model of an idx source's pixels, which
   * learnt them divided by 255); the overloads without it log such notes as warnings.
   */
  public Evaluation evaluateColumns(Model model, Path csv, List<String> targets, char separator,
      java.util.function.Consumer<String> notes) {
    required(model, "model", A_MODEL);
    required(csv, "csv", A_CSV);
    List<String> columns = List.copyOf(requiredList(targets, "targets", TARGETS));
    requireSeparator(separator);
    required(notes, "notes", "a consumer of notes (note -> { } to ignore them)");
    return attributing("during evaluation", () -> Evaluation.of(model, csv, columns, separator, notes));
  }

  /** A note no caller asked to hear, where a program's log shows it. */
  private static void logNote(String note) {
    System.getLogger(Nn.class.getName()).log(System.Logger.Level.WARNING, note);
  }

  private static void requireSeparator(char separator) {
    if (separator != DETECT_SEPARATOR && SEPARATORS.indexOf(separator) < 0) {
      throw new IllegalArgumentException("a CSV file's fields are separated by a comma, a semicolon, a tab or a"
          + " vertical bar, not by '" + ControlCharacters.escape(String.valueOf(separator)) + "'");
    }
  }

  /**
   * The permutation importance of each of the model's input columns on a labelled CSV file
   * ({@link Evaluation.Importance}): each column's values shuffled among the rows {@code repeats} times, with
   * orders drawn from {@code seed}, and the model's accuracy lost (a classifier) or RMSE gained (a regression)
   * averaged. It predicts the file {@code repeats} times per input column.
   *
   * @param targets as for {@link #evaluateColumns}
   * @throws dev.nn.core.data.DataException when the file cannot be read or lacks one of the model's columns
   * @throws IllegalArgumentException when {@code repeats} is below 1
   */
  public List<Evaluation.Importance> importance(Model model, Path csv, List<String> targets, int repeats,
      long seed) {
    return importance(model, csv, targets, repeats, seed, DETECT_SEPARATOR);
  }

  /**
   * {@link #importance(Model, Path, List, int, long)} of a file whose fields are split at {@code separator}, as
   * for {@link #evaluateColumns(Model, Path, List, char)}.
   */
  public List<Evaluation.Importance> importance(Model model, Path csv, List<String> targets, int repeats,
      long seed, char separator) {
    return importance(model, csv, targets, repeats, seed, separator, done -> { });
  }

  /**
   * {@link #importance(Model, Path, List, int, long, char)}, telling {@code columnsDone} how many of the model's
   * {@link Model#inputs()} input columns are done as each one is: the work is the file predicted
   * {@code repeats} times per column, which for a wide file takes a while.
   */
  public List<Evaluation.Importance> importance(Model model, Path csv, List<String> targets, int repeats,
      long seed, char separator, java.util.function.IntConsumer columnsDone) {
    required(model, "model", A_MODEL);
    required(csv, "csv", A_CSV);
    List<String> columns = List.copyOf(requiredList(targets, "targets", TARGETS));
    required(columnsDone, "columnsDone", "a consumer of progress (done -> { } to ignore it)");
    requireSeparator(separator);
    return attributing("during evaluation", () -> Evaluation.importance(model, csv, columns, repeats, seed,
        separator, columnsDone));
  }

  /**
   * Writes a model's predictions for every row of a CSV file to {@code output}, atomically: for a classifier
   * {@code p_<label>} per class (one column, {@code p_<label1>}, for a single-output binary model) and the
   * predicted {@code class}, for regression one column per target; numbers read back exactly, and names and
   * class labels are quoted as RFC 4180 has it where they must be. Feature columns are matched to the model's by
   * header name; other columns, a target column among them, are ignored and not parsed.
   *
   * @return the number of rows predicted
   * @throws dev.nn.core.data.DataException when the file cannot be read or lacks one of the model's features
   * @throws IllegalArgumentException before anything is read when {@code output}'s folder does not exist, it is
   *     a folder, or it is the input file or the file the model was loaded from
   */
  public int predict(Model model, Path input, Path output) {
    return predict(model, input, output, DETECT_SEPARATOR);
  }

  /**
   * {@link #predict(Model, Path, Path)} of a file whose fields are split at {@code separator}, as for
   * {@link #evaluateColumns(Model, Path, List, char)}; the predictions are written with commas.
   */
  public int predict(Model model, Path input, Path output, char separator) {
    return predict(model, input, output, separator, Nn::logNote);
  }

  /**
   * {@link #predict(Model, Path, Path, char)}, telling {@code notes} what the rows show that is no error but may
   * make the predictions meaningless, as {@link #evaluateColumns(Model, Path, List, char, java.util.function.Consumer)}
   * does.
   */
  public int predict(Model model, Path input, Path output, char separator, java.util.function.Consumer<String> notes) {
    required(notes, "notes", "a consumer of notes (note -> { } to ignore them)");
    required(model, "model", A_MODEL);
    required(input, "input", A_CSV);
    required(output, "output", "the path to write the predictions to");
    requireSeparator(separator);
    OutputPaths.requireWritable("output", output);
    OutputPaths.requireNotSame("output", output, input, "the input");
    OutputPaths.requireNotSame("output", output, model.file().orElse(null), "the model's file");
    return attributing("during prediction", () -> Predictions.write(model, input, output, separator, notes));
  }

  /**
   * Exports a model to {@code output} in {@code format} (ONNX or NumPy's .npz), atomically, recording this nn's
   * version in it: see {@link ModelExport}.
   *
   * @throws ExportException if the format cannot express one of the model's plugins, or the output's folder does
   *     not exist
   * @throws IllegalArgumentException when {@code output} is the file the model was loaded from
   */
  public void export(Model model, ExportFormat format, Path output) {
    required(model, "model", A_MODEL);
    required(format, "format", "an export format (ONNX or NPZ)");
    required(output, "output", "the path to write the exported model to");
    OutputPaths.requireNotSame("output", output, model.file().orElse(null), "the model's file");
    ModelExport.write(model, format, output, Provenance.currentNnVersion());
  }

  /**
   * Saves a model atomically, recording this nn's version in it; {@link #loadModel} reads it back.
   *
   * @throws IllegalArgumentException when an activation the model records, created from this instance's
   *     plugins, computes otherwise than the network's (another setting under the same name): the loaded
   *     model would predict differently; or when {@code file}'s folder does not exist or it is a folder
   */
  public void saveModel(Model model, Path file) {
    required(model, "model", A_MODEL);
    required(file, "file", "the path to save the model to");
    OutputPaths.requireWritable("file", file);
    RecordedActivations.requireComputedBy(model.spec(), model.network(), registry);
    model.save(file, Provenance.currentNnVersion());
  }

  /**
   * A network built in code, all parameters zero, computing with the Java kernels: the widths n(0) … n(L+1)
   * and one activation name per layer 1 … L+1, each created from this instance's plugins with its default
   * settings. Initialise it with {@link Network#initialize} before training.
   *
   * @throws dev.nn.spi.ConfigException for an activation name that is not installed
   * @throws IllegalArgumentException when the number of activations does not match the widths
   */
  public Network network(int[] widths, String... activations) {
    required(widths, "widths", "the widths of the layers");
    requiredList(activations == null ? null : java.util.Arrays.asList(activations), "activations",
        "an activation name per layer");
    List<Activation> created = new ArrayList<>();
    for (String name : activations) {
      created.add(registry.create(PluginKind.ACTIVATION, name));
    }
    return new Network(widths, created, List.of(activations), new JavaKernels());
  }

  /**
   * {@link #network(int[], String...)} whose activations take settings: {@code settings.get(l − 1)} are those of
   * layer l's activation, keys and values as an experiment file writes them ({@code Map.of("slope", 0.2)} for
   * {@code {name: leaky-relu, slope: 0.2}}; an empty map for the defaults). {@link #model} records them.
   *
   * @throws dev.nn.spi.ConfigException for an activation that is not installed, or settings it refuses (an unknown
   *     key, a value out of range), placed at {@code network.layers[l].activation} as in an experiment file
   */
  public Network network(int[] widths, List<String> activations, List<? extends Map<String, ?>> settings) {
    required(widths, "widths", "the widths of the layers");
    requiredList(activations, "activations", "an activation name per layer");
    requiredList(settings, "settings", "the settings of each layer's activation (an empty map for its defaults)");
    if (settings.size() != activations.size()) {
      throw new IllegalArgumentException("expected the settings of each of the " + activations.size()
          + " activations, found " + settings.size());
    }
    List<Activation> created = new ArrayList<>();
    for (int l = 0; l < activations.size(); l++) {
      String name = activations.get(l);
      try {
        created.add(registry.create(PluginKind.ACTIVATION, name,
            Settings.of("activation \"" + name + "\"", settings.get(l))));
      } catch (ConfigException e) {
        // placed as an experiment file would place it, so that the layer is named
        String layer = "network.layers[" + (l + 1) + "].activation";
        throw new ConfigException(e.problems().stream().map(q -> q.at(layer, 0, 0)).toList());
      }
    }
    return new Network(widths, created, activations, settings, new JavaKernels(), null);
  }

  /**
   * J = (1/B)·Σ_n L_n + (λ/2)·Σw² of {@code network} at its current parameters on every row of {@code batch}
   * taken as one batch, and its gradient ∂J/∂θ by backpropagation, in the lecture's layout ({@link
   * Gradient#weights(int) weights(l)[i][j]} is ∂J/∂w(l)ij). The network's parameters are unchanged; set them
   * with {@link Network#setLayer} to take the gradient where you choose.
   *
   * @param loss the loss, as {@code plugins().create(PluginKind.LOSS, name)} gives it
   * @param l2 λ of the L2 term, {@code >= 0}: 0 for the loss alone
   * @throws IllegalArgumentException when the batch's widths are not the network's, or λ is negative; or for
   *     the pairs a {@link dev.nn.core.train.Trainer} refuses to train: a loss that owns the output link (such as
   *     softmax-cross-entropy) over an output activation other than identity, a loss of one-hot targets over one
   *     output, a target the loss does not accept (binary-cross-entropy of 0.3)
   * @throws PluginFailureException when an activation or the loss fails, naming the plugin
   */
  public Gradient gradient(Network network, Loss loss, Samples batch, double l2) {
    required(network, "network", "a network");
    required(loss, "loss", "a loss");
    required(batch, "batch", "the samples of the batch");
    return attributing("while computing a gradient", () -> Gradient.of(network, loss, batch, l2));
  }

  /**
   * A model of a network trained in code, ready to predict and to {@link #saveModel save}: it records the
   * network's activations by name with this instance's plugin versions and the settings the network's activations
   * were created with, the loss by name with its default settings, and the column names and class labels of
   * {@code data}.
   *
   * @param loss the name of the loss the network was trained with; its link turns outputs into predictions
   * @param data the training data, for its column names and class labels
   * @param scaler the standardizer the training inputs went through, or {@code null}; predict applies it
   * @throws dev.nn.spi.ConfigException for a plugin name that is not installed, or a loss of class targets
   *     (binary-cross-entropy) for regression data, which {@link #train} refuses too
   * @throws IllegalArgumentException for a network with a parameter that is not a finite number (its training
   *     diverged), a loss that owns the output link (softmax-cross-entropy) over an output activation other than
   *     identity, which {@link #loadModel} would refuse, or a loss of one-hot targets over a network of one output
   */
  public Model model(Network network, String loss, Dataset data, Standardizer scaler) {
    return model(network, loss, data, scaler, null);
  }

  /**
   * {@link #model(Network, String, Dataset, Standardizer)} of a network trained on standardized targets: predict
   * gives its outputs in the targets' own units, through {@code targetScaler} (without it, such a model predicts
   * standardized values).
   *
   * @param targetScaler the standardizer fitted on the training targets ({@link Standardizer#fitTargets}), or
   *     {@code null} when they were trained on as they are
   * @throws IllegalArgumentException as the other form, and for a target standardizer of another number of targets
   *     than {@code data}'s, or of a classification's targets
   */
  public Model model(Network network, String loss, Dataset data, Standardizer scaler, Standardizer targetScaler) {
    required(network, "network", "a network");
    required(loss, "loss", "the name of a loss");
    required(data, "data", "the training data set");
    Model.requireFinite(network);
    List<PluginUse> activations = new ArrayList<>();
    for (int l = 1; l <= network.outputLayer(); l++) {
      PluginUse installed = use(PluginKind.ACTIVATION, network.activationName(l));
      activations.add(new PluginUse(installed.name(), installed.version(), network.activationSettings(l)));
    }
    Loss created = registry.create(PluginKind.LOSS, loss);
    // refused before anything is saved, as nn.train refuses it: a model of class probabilities for real targets
    DataPreparation.requireTargetsSuit(data, created.targets(), loss, false);
    // the Model refuses a loss a Trainer would not train the network with (a fused loss over tanh, a softmax over
    // one output), as its loader would refuse the file
    if (targetScaler != null) {
      if (data.task() != dev.nn.core.data.Task.REGRESSION) {
        throw new IllegalArgumentException("a target standardizer was given for a classification's data ("
            + data.source() + "); class targets are trained on as they are: pass null");
      }
      if (targetScaler.means().length != data.targetCount()) {
        throw new IllegalArgumentException("the target standardizer holds " + targetScaler.means().length
            + " targets, but the data " + data.source() + " has " + data.targetCount() + " ("
            + String.join(", ", data.targetNames()) + ")");
      }
    }
    return new Model(ModelSpec.of(data, scaler, targetScaler, network, activations, use(PluginKind.LOSS, loss)),
        network, created);
  }

  /**
   * {@code value}, or a {@link NullPointerException} that names the parameter and says what it takes ({@link
   * Required}, which the other API types name theirs with too).
   */
  private static <T> T required(T value, String parameter, String what) {
    return Required.of(value, parameter, what);
  }

  /** {@link #required} of a list and of each element of it. */
  private static <T> List<T> requiredList(List<T> list, String parameter, String what) {
    return Required.each(list, parameter, what);
  }

  /** A plugin of this registry as a model file records it: name, installed version, default settings. */
  private PluginUse use(PluginKind<?> kind, String name) {
    PluginDescriptor found = registry.descriptor(kind, name)
        .orElseThrow(() -> new ConfigException(registry.unknown(kind, name)));
    return new PluginUse(name, found.version(), Map.of());
  }

  /** {@code action}, what a plugin threw in it naming the plugin ({@link PluginRegistry#attributing}). */
  private <T> T attributing(String during, Supplier<T> action) {
    return registry.attributing(during, action);
  }
}
