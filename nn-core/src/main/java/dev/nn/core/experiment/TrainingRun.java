package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentWriter;
import dev.nn.core.io.Sha256;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.model.Model;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginFailureException;
import dev.nn.core.run.CheckpointWriter;
import dev.nn.core.run.MetricsCsv;
import dev.nn.core.run.Provenance;
import dev.nn.core.run.RecordedPluginPath;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.run.RunFileException;
import dev.nn.core.run.RunLock;
import dev.nn.core.run.RunOutcome;
import dev.nn.core.run.RunRecord;
import dev.nn.core.text.Required;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Trains an experiment end to end and leaves a run directory: the resolved experiment, its overrides,
 * metrics.csv, checkpoints, the model, provenance, summary.json and an HTML report (both kept current after every
 * epoch by a {@link RunRecord}) and the status. Everything it trains with is built
 * before it (by the injector, see {@code dev.nn.core.inject.NnModules}): the plugins, the data, the network;
 * and the trainer is made and the samples checked against it before the directory is created. So a run that
 * cannot start leaves no directory, and one run flows one way: create and lock the directory, train, write
 * the model, the report, the provenance and the status. A run that fails once its directory exists is
 * marked {@code failed} (or {@code diverged}) with its message in {@code status.yaml}, the summary, the report and
 * the provenance; one stopped by Ctrl-C, SIGTERM or SIGHUP is marked {@code interrupted} by the record's shutdown hook.
 *
 * <p>Resuming locks the directory, refuses data files whose SHA-256 changed since the run started and
 * plugins whose version or jar changed (unless allowed), deletes the temporary files of a killed process, prunes the checkpoints to those a run keeps, and
 * continues from the newest intact checkpoint (or from the start, when none was written). A checkpoint taken
 * after training ended only redoes the finishing steps.
 */
public final class TrainingRun {
  private static final System.Logger LOG = System.getLogger(TrainingRun.class.getName());

  /**
   * How to run.
   *
   * @param outputDir where to create the run directory, or {@code null} for the experiment's {@code output.dir}
   * @param resume an existing run directory to continue from its last checkpoint, or {@code null}
   * @param commandLine the command line, for provenance
   * @param listeners extra listeners (a progress display)
   * @param nnVersion the version written into the model file
   * @param allowChangedData whether a resumed run may train on data files that changed since it started
   *     (recorded in its provenance)
   * @param notices told what a resume found and did instead of failing: a damaged checkpoint set aside, a run
   *     trained again from the start, changed data allowed
   * @param experimentFile the file the experiment was read from, whose git commit the run's summary records;
   *     or {@code null}
   * @param overrides the {@code key.path=value} overrides the experiment was read with, recorded in the run's
   *     {@code overrides.yaml} and summary
   * @param allowChangedPlugins whether a resumed run may go on with a plugin whose version or jar changed since
   *     it started (recorded in its provenance)
   */
  public record Options(Path outputDir, Path resume, List<String> commandLine, List<TrainingListener> listeners,
      String nnVersion, boolean allowChangedData, Consumer<String> notices, Path experimentFile,
      List<String> overrides, boolean allowChangedPlugins) {
    /** Copies. */
    public Options {
      commandLine = List.copyOf(commandLine);
      listeners = List.copyOf(listeners);
      overrides = List.copyOf(overrides);
      Objects.requireNonNull(nnVersion, "nnVersion");
      Objects.requireNonNull(notices, "notices");
    }

    /** Options that refuse a changed plugin on resume. */
    public Options(Path outputDir, Path resume, List<String> commandLine, List<TrainingListener> listeners,
        String nnVersion, boolean allowChangedData, Consumer<String> notices, Path experimentFile,
        List<String> overrides) {
      this(outputDir, resume, commandLine, listeners, nnVersion, allowChangedData, notices, experimentFile, overrides,
          false);
    }

    /** Options for an experiment from no file, read without overrides. */
    public Options(Path outputDir, Path resume, List<String> commandLine, List<TrainingListener> listeners,
        String nnVersion, boolean allowChangedData, Consumer<String> notices) {
      this(outputDir, resume, commandLine, listeners, nnVersion, allowChangedData, notices, null, List.of());
    }

    /** Options that refuse changed data and drop notices. */
    public Options(Path outputDir, Path resume, List<String> commandLine, List<TrainingListener> listeners,
        String nnVersion) {
      this(outputDir, resume, commandLine, listeners, nnVersion, false, notice -> { });
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
      return new Options(Objects.requireNonNull(outputDir, "outputDir: the folder to create the run directory in is"
          + " needed, found null"), null, List.of(), List.of(),
          Provenance.currentNnVersion());
    }

    /** The same options, continuing the run in {@code runDirectory}. */
    public Options resuming(Path runDirectory) {
      return new Options(null, runDirectory, commandLine, listeners, nnVersion, allowChangedData, notices,
          experimentFile, overrides, allowChangedPlugins);
    }

    /** The same options, allowing a resumed run to train on changed data files or not. */
    public Options allowingChangedData(boolean allow) {
      return new Options(outputDir, resume, commandLine, listeners, nnVersion, allow, notices, experimentFile,
          overrides, allowChangedPlugins);
    }

    /** The same options, allowing a resumed run to go on with plugins that changed since it started or not. */
    public Options allowingChangedPlugins(boolean allow) {
      return new Options(outputDir, resume, commandLine, listeners, nnVersion, allowChangedData, notices,
          experimentFile, overrides, allow);
    }

    /** The same options, telling {@code sink} what a resume found and did. */
    public Options withNotices(Consumer<String> sink) {
      return new Options(outputDir, resume, commandLine, listeners, nnVersion, allowChangedData, sink,
          experimentFile, overrides, allowChangedPlugins);
    }

    /**
     * The same options with {@code listener} added after the others (a {@link DirectoryListener} or an
     * {@link InterruptionListener} is also told what such listeners are told).
     */
    public Options withListener(TrainingListener listener) {
      List<TrainingListener> all = new ArrayList<>(listeners);
      all.add(Required.of(listener, "listener", "a training listener"));
      return new Options(outputDir, resume, commandLine, all, nnVersion, allowChangedData, notices, experimentFile,
          overrides, allowChangedPlugins);
    }

    /** The same options, for an experiment read from {@code file} with {@code overrides}. */
    public Options readFrom(Path file, List<String> overrides) {
      return new Options(outputDir, resume, commandLine, listeners, nnVersion, allowChangedData, notices, file,
          overrides, allowChangedPlugins);
    }
  }

  /**
   * A listener that also learns the run directory, once it exists (or a resume of it is accepted) and before
   * training starts: a command that keeps a log of what it prints in the directory.
   */
  public interface DirectoryListener extends TrainingListener {
    /** The run trains in {@code directory}. */
    void onDirectory(RunDirectory directory);
  }

  /**
   * A listener that is also told, by the run's own shutdown hook, once Ctrl-C or SIGTERM is recorded in the run
   * directory — after the epoch's files in progress, its checkpoint included, so that what it then reads of the
   * directory (the last checkpoint) is what the run counted — and, before that, when that hook is installed: from
   * then on the run speaks for an interruption, and a command's own hook need not.
   */
  public interface InterruptionListener extends TrainingListener {
    /** The run's shutdown hook is installed. */
    void armed();

    /**
     * The run's directory and record are being made, then are made (or failed to be): a stop in between waits
     * for the making to end, and a listener's own hook that speaks of the directory should wait too, since the
     * directory may appear, already marked interrupted, after the stop began.
     *
     * @param done {@code false} as the making begins, {@code true} once it is over
     */
    default void makingRunDirectory(boolean done) {}

    /**
     * The interruption is recorded in {@code directory}. Runs in a shutdown hook, under the run record's lock: it
     * must be quick and must not wait for other threads.
     */
    void recorded(Path directory);

    /**
     * The interruption came after the run had completed: every file of the run in {@code directory} is written,
     * and there is nothing to resume. Runs in a shutdown hook, as {@link #recorded}.
     */
    default void completedFirst(Path directory) {}
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
   * @throws TrainingDivergedException when the loss diverges (the checkpoints written before stay);
   *     its {@link TrainingDivergedException#runDirectory()} names the run directory
   * @throws TrainingInterruptedException when training failed because the JVM is stopping (Ctrl-C, SIGTERM): the
   *     run is recorded as interrupted, not failed
   * @throws dev.nn.core.run.RunFileException when the run directory cannot be created or read, another process
   *     trains in it, a resumed run's data changed, or it finished already
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
    LateListeners runFiles = new LateListeners();
    // built, and the samples checked, before the directory exists: what fails here leaves nothing behind
    Trainer trainer = trainers.create(List.of(runFiles));
    backend.check(trainer, data);
    Provenance capturedBeforeTheDirectory = Provenance.capture(network.kernels().description(), experiment.compute().threads(),
        experiment.seed(), options.commandLine(), clock.instant(), plugins.descriptors(), data.files(), data.sha256())
        .withCluster(backend.provenance()).withCompute(kernels.provenance(experiment.compute().backend().yamlName()));
    if (data.fromCode() != null) {
      capturedBeforeTheDirectory = capturedBeforeTheDirectory.withSamplesFromCode(data.fromCode().entry(),
          data.fromCode().sha256());
    }
    if (Thread.currentThread().isInterrupted()) {
      // cancelled before anything was made (a task interrupted as it began): no directory for a resume to find
      throw new TrainingInterruptedException(null, null);
    }
    // a stop from here until the record exists waits for it, so that the directory says how the run ended
    List<InterruptionListener> told = interruptionListeners();
    told.forEach(i -> i.makingRunDirectory(false));
    StartGuard starting = StartGuard.hold(() -> told.forEach(i -> i.makingRunDirectory(true)));
    RunDirectory dir;
    RunLock lock;
    try {
      dir = options.resume() != null ? RunDirectory.openToResume(options.resume())
          : RunDirectory.create(options.outputDir() != null ? options.outputDir()
              : experiment.output().dir().resolved(), experiment.name(), clock, ExperimentWriter.write(experiment),
              options.overrides());
      if (options.resume() != null) {
        // before the record marks the run as resumed: its status still says how it ended
        Resumption.refuseARepeatedDivergence(dir, capturedBeforeTheDirectory, options.allowChangedData(),
            options.allowChangedPlugins());
      }
      lock = dir.lock();
    } catch (RuntimeException e) {
      starting.release();
      // a stop as the directory was made deletes what was staged, and makes its writes fail: not a failure
      throw TrainingInterruptedException.orInterruption(e, null);
    } catch (Error e) {
      starting.release();
      throw e;
    }
    RunRecord record = null;
    try {
      // hashed as this attempt reads it, so that a later resume can tell an edit
      Provenance provenance = capturedBeforeTheDirectory.withExperimentSha256(Sha256.of(dir.experimentFile()));
      RunOutcome outcome = new RunOutcome(dir, clock, provenance);
      try {
        RunRecord recording;
        try {
          recording = record(dir, outcome);
        } finally {
          starting.release();
        }
        record = recording;
        if (options.resume() == null) {
          // a new run's directory is its own from here: a stop that comes before training still leaves its log
          tellDirectory(dir);
        }
        if (JvmShutdown.inProgress()) {
          // the stop came as the directory was made, and is recorded: nothing is trained
          recording.interruptedWhileStopping();
          throw new TrainingInterruptedException(dir.path(), null);
        }
        return stoppingWithTheJvm(dir, recording, () -> trainIn(dir, trainer, runFiles, provenance, recording));
      } catch (TrainingInterruptedException e) {
        // recorded as interrupted; not a failure of the run
        throw e;
      } catch (TrainingDivergedException diverged) {
        Optional<PluginFailureException> fault = plugins.nonFiniteFault(diverged);
        if (fault.isPresent()) {
          LOG.log(System.Logger.Level.WARNING, () -> "run failed in " + dir.path() + ": " + fault.get().getMessage());
          failed(record, outcome, fault.get());
          throw fault.get();
        }
        TrainingDivergedException e = advised(diverged);
        LOG.log(System.Logger.Level.WARNING, () -> "run diverged in " + dir.path() + ": " + e.getMessage());
        if (record != null) {
          record.diverged(e.getMessage());
        } else {
          outcome.diverged(e.getMessage());
        }
        throw e.inRun(dir.path());
      } catch (RunFileException e) {
        // a resume refused (changed data, no intact checkpoint) changes nothing; other run files are failures
        if (options.resume() == null) {
          failed(record, outcome, e);
        }
        throw e;
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.WARNING, () -> "run failed in " + dir.path() + ": " + e);
        // the run's files say what the user is told: a plugin's failure names the plugin, its jar and method
        failed(record, outcome, plugins.attributed(e, "during training"));
        throw e;
      }
    } finally {
      starting.release();
      if (record != null) {
        record.close();
      }
      lock.close();
    }
  }

  /**
   * Runs {@code training}; when it fails while the JVM is stopping (Ctrl-C, SIGTERM), the failure is the stop's
   * doing — a shutdown hook took away what training used, as Spark's stops its SparkContext — so the run is
   * recorded as interrupted, as the record's own hook would, and not as failed.
   */
  private static Result stoppingWithTheJvm(RunDirectory dir, RunRecord record,
      Supplier<Result> training) {
    try {
      return training.get();
    } catch (RuntimeException | Error e) {
      if (JvmShutdown.inProgress()) {
        record.interruptedWhileStopping();
        throw new TrainingInterruptedException(dir.path(), e);
      }
      // the caller interrupted the training thread (Thread.interrupt, Future.cancel(true)): the file write it cut
      // short failed. The flag is cleared while the interruption is recorded, since every write of a thread so
      // marked fails, and set again for the caller
      if (Thread.interrupted() | interruptedIo(e)) {
        try {
          record.interruptedInItsThread();
        } finally {
          Thread.currentThread().interrupt();
        }
        throw new TrainingInterruptedException(dir.path(), e);
      }
      throw e;
    }
  }

  /** Whether {@code e} comes of an I/O operation that the thread's interruption ended. */
  static boolean interruptedIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.ClosedByInterruptException || t instanceof java.io.InterruptedIOException
          || t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  /** Tells the options' directory listeners the run's directory. */
  private void tellDirectory(RunDirectory dir) {
    for (TrainingListener l : options.listeners()) {
      if (l instanceof DirectoryListener d) {
        d.onDirectory(dir);
      }
    }
  }

  /**
   * A divergence of a regression whose targets were left unstandardized by default and lie far from 0, with
   * standardizing them as the first thing to try; other divergences as they are.
   */
  private TrainingDivergedException advised(TrainingDivergedException e) {
    if (data.targetScaler() != null || experiment.data().standardizeTargets() != null
        || data.train().task() != dev.nn.core.data.Task.REGRESSION
        // class codes read as numbers were told to be a classification, not to be standardized
        || DataNotes.classCodes(data.train()).isPresent()) {
      return e;
    }
    return DataNotes.divergenceAdvice(data.train()).map(e::withFirstAdvice).orElse(e);
  }

  /** The options' listeners that are told of an interruption. */
  private List<InterruptionListener> interruptionListeners() {
    List<InterruptionListener> told = new ArrayList<>();
    for (TrainingListener l : options.listeners()) {
      if (l instanceof InterruptionListener i) {
        told.add(i);
      }
    }
    return told;
  }

  /** The record that keeps the run's summary and report, for a new run or a resumed one. */
  private RunRecord record(RunDirectory dir, RunOutcome outcome) {
    RunRecord.Origin origin = new RunRecord.Origin(experiment.name(), experiment.training().epochs(),
        experiment.seed(), options.experimentFile(), options.overrides(), options.nnVersion(),
        data.train().classLabels(), experiment.training().classWeights().isPresent() || data.train().weighted(),
        data.train().targetNames(), data.fromCode() != null, data.targetScaler() != null);
    return options.resume() != null ? RunRecord.resumed(dir, outcome, origin, clock)
        : RunRecord.created(dir, outcome, origin, clock);
  }

  private static void failed(RunRecord record, RunOutcome outcome, Throwable e) {
    if (record != null) {
      record.failed(e);
    } else {
      outcome.failed(e);
    }
  }

  /** Everything a run does in its locked directory, in order. */
  private Result trainIn(RunDirectory dir, Trainer trainer, LateListeners runFiles, Provenance provenance,
      RunRecord record) {
    Provenance started = provenance;
    data.notes().forEach(options.notices());
    int batch = experiment.training().batchSize();
    if (data.train().size() > 0 && batch > data.train().size()) {
      options.notices().accept("the batch size, " + batch + ", is more than the training split's "
          + dev.nn.core.text.Counted.of(data.train().size(), "row", "rows")
          + ": each update takes all of them, and an epoch is one update");
    }
    if (options.resume() != null) {
      started = new Resumption(dir, options.allowChangedData(), options.allowChangedPlugins(),
          options.notices()).prepare(trainer, provenance, experiment.training().checkpointEvery(),
          data.train().size());
    }
    if (options.resume() != null) {
      // once a resume is accepted: a refused one leaves the directory as it was
      tellDirectory(dir);
    }
    List<InterruptionListener> told = interruptionListeners();
    record.reportingInterruption(() -> told.forEach(InterruptionListener::armed),
        directory -> told.forEach(i -> i.recorded(directory)),
        directory -> told.forEach(i -> i.completedFirst(directory)));
    // the checkpoint first: the summary, metrics.csv and the report never show an epoch a resume could not continue
    // from
    CheckpointWriter checkpoints = new CheckpointWriter(dir.checkpoints().warningOfUndeletedTo(options.notices()),
        experiment.training().checkpointEvery(),
        experiment.training().checkpointMinutes());
    if (checkpoints.takesPartials()) {
      trainer.checkpointWithinEpochs(record.whileRunning(checkpoints));
    }
    record.precededBy(List.of(checkpoints), new MetricsCsv(dir.metricsFile()));
    runFiles.attach(List.of(record));
    record.started(started);
    RecordedPluginPath.write(dir.path(), plugins.pluginPath());
    if (data.heldOut() != null) {
      data.heldOut().writeInto(dir.path());
    }
    LOG.log(System.Logger.Level.INFO, () -> (options.resume() != null ? "run resumed in " : "run started in ")
        + dir.path());
    TrainingResult result = backend.train(trainer, data);
    Metrics validation = backend.validation(network, plugins.loss(), data);
    Metrics test = backend.test(network, plugins.loss(), data);
    Model model = models.model();
    if (!record.completed(() -> model.save(dir.modelFile(), options.nnVersion()), result, validation, test)) {
      // Ctrl-C or SIGTERM came first and is recorded: the model is not written, and a resume finishes the run
      throw new TrainingInterruptedException(dir.path(), null);
    }
    LOG.log(System.Logger.Level.INFO, () -> "run finished after epoch " + result.last().epoch() + " in " + dir.path());
    return new Result(dir, result, validation, test, model);
  }
}
