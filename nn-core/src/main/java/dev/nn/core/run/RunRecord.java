package dev.nn.core.run;

import dev.nn.core.io.SystemReason;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.text.Counted;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainerState;
import dev.nn.core.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps the files that tell how a run is going, as it goes: {@code summary.json} and {@code report.html} at
 * the start of training and after every epoch — at most once per {@link #PROGRESS_INTERVAL_NANOS second}, so
 * that a run of many short epochs does not spend its time rewriting them (a write covers the epochs before it
 * that were passed over) — and at the end — completed, diverged, failed, or interrupted
 * by Ctrl-C or SIGTERM — both once more, with the provenance and {@code status.yaml} through {@link RunOutcome}.
 *
 * <p>Every write happens under this object's lock, and once the run has ended nothing more is written. A
 * JVM shutdown hook, installed as soon as a new run's directory exists (a resumed run's once the resume is
 * accepted), marks it {@code interrupted}: it waits for a write in progress to finish, so it never writes over
 * half of one, and it does nothing when the run ended by itself first; nor does the normal end once the hook has
 * written. The model is saved under the lock too ({@link #completed}), so a run has its model exactly when it
 * completed. The files an epoch writes before the summary
 * (metrics.csv, the checkpoint: {@link #precededBy}) are written under the same lock, so the hook also waits for
 * them, and the summary of an interrupted run holds every epoch whose checkpoint exists.
 */
public final class RunRecord implements TrainingListener {

  /**
   * What the run is.
   *
   * @param name the experiment's name
   * @param epochsPlanned its {@code training.epochs}
   * @param seed its seed
   * @param experimentFile the experiment file it was read from, whose git repository's commit is recorded; or
   *     {@code null} when it came from no file
   * @param overrides the {@code --set} overrides it was read with, in order
   * @param nnVersion nn's version
   * @param classLabels the class names, for the report's confusion matrices; empty to number them
   * @param classWeighted whether the loss trained on weighs rows, by their class ({@code training.class-weights}) or by
   *     a csv source's weight column,
   *     so that the report says its training loss is not the validation loss's kind
   * @param targetNames the regression targets' names, or empty
   * @param samplesFromCode whether its samples were given in code, which only code can give again to resume it
   * @param targetsStandardized whether a regression trains on standardized targets, which the report's loss is of
   */
  public record Origin(String name, int epochsPlanned, long seed, Path experimentFile, List<String> overrides,
      String nnVersion, List<String> classLabels, boolean classWeighted, List<String> targetNames,
      boolean samplesFromCode, boolean targetsStandardized) {
    /** Copies. */
    public Origin {
      Objects.requireNonNull(name, "name");
      overrides = List.copyOf(overrides);
      classLabels = classLabels == null ? List.of() : List.copyOf(classLabels);
      targetNames = targetNames == null ? List.of() : List.copyOf(targetNames);
    }

    /** A run of the data its experiment names. */
    public Origin(String name, int epochsPlanned, long seed, Path experimentFile, List<String> overrides,
        String nnVersion, List<String> classLabels, boolean classWeighted, List<String> targetNames) {
      this(name, epochsPlanned, seed, experimentFile, overrides, nnVersion, classLabels, classWeighted, targetNames,
          false);
    }

    /** A run whose regression targets are not standardized. */
    public Origin(String name, int epochsPlanned, long seed, Path experimentFile, List<String> overrides,
        String nnVersion, List<String> classLabels, boolean classWeighted, List<String> targetNames,
        boolean samplesFromCode) {
      this(name, epochsPlanned, seed, experimentFile, overrides, nnVersion, classLabels, classWeighted, targetNames,
          samplesFromCode, false);
    }
  }

  /**
   * The least time between two progress writes after epochs ({@link ProgressPace}).
   */
  static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

  private final RunDirectory dir;
  /** The run directory held in place while the run is recorded: see {@link AtomicFiles#keepInPlace}. */
  private final AtomicFiles.InPlace inPlace;
  private final RunOutcome outcome;
  private final Origin origin;
  private final RunSummary summary;
  private final String experimentYaml;
  /** The run's overrides, which its report shows: those it started with, also when it is resumed. */
  private final List<String> overrides;
  private final List<EpochReport> history = new ArrayList<>();
  private List<TrainingListener> before = List.of();
  private MetricsCsv metrics;
  private Runnable armed = () -> { };
  private Consumer<Path> interruptionRecorded = directory -> { };
  private Consumer<Path> completedFirst = directory -> { };
  private String provenanceYaml;
  private int bestEpoch;
  /**
   * Epochs of {@link #history} that a checkpoint holds, and the best epoch then: what an interruption records,
   * since a resume continues from the checkpoint ({@code training.checkpoint-every} above 1 leaves epochs
   * without one).
   */
  private int checkpointedEpochs;
  private int checkpointedBest;
  /** The trainer, from its start: a stop asks it to end after its batch. */
  private volatile Trainer trainer;
  /** Whether a stop waits for the trainer to end: the run is interrupted, and cannot complete meanwhile. */
  private boolean stopPending;
  /** Set when the run starts to end: from then on only that end writes. */
  private boolean ended;
  /** Set once an end is recorded in full; until then a failure while ending is recorded as the run's failure. */
  private boolean recorded;
  /** Set when the run completed: its summary is written once its report is. */
  private boolean summaryAfterReport;
  private Thread hook;
  // what the report shows once the run ended, set just before RunOutcome writes the provenance and the status
  private TrainingResult finalResult;
  private Metrics finalTest;
  private HtmlReport.Status finalStatus;
  private final Clock clock;
  private final ProgressPace pace =
      new ProgressPace(AtomicFiles.crashPointSet() ? 0 : PROGRESS_INTERVAL_NANOS, System::nanoTime);

  private RunRecord(RunDirectory dir, RunOutcome outcome, Origin origin, RunSummary summary, String experimentYaml,
      List<String> overrides, Clock clock) {
    this.dir = dir;
    // a run directory always holds its experiment.yaml: one emptied (rm -rf) is gone as one moved is
    this.inPlace = AtomicFiles.keepInPlace(dir.path(), RunDirectory.EXPERIMENT);
    this.overrides = List.copyOf(overrides);
    this.clock = clock;
    this.outcome = outcome;
    this.origin = origin;
    this.summary = summary;
    this.experimentYaml = experimentYaml;
    this.provenanceYaml = outcome.provenance().toYaml();
    outcome.beforeStatus(this::writeFinalReport);
  }

  /**
   * The record of a new run in {@code dir}: writes {@code overrides.yaml} unless the directory was made with it,
   * and reads the commit of the experiment file's repository.
   */
  public static RunRecord created(RunDirectory dir, RunOutcome outcome, Origin origin, Clock clock) {
    String commit = origin.experimentFile() == null ? null : GitHead.of(origin.experimentFile()).orElse(null);
    RunSummary.Identity id = new RunSummary.Identity(origin.name(), clock.instant(), origin.epochsPlanned(),
        origin.seed(), origin.overrides(), origin.nnVersion(), commit, RunSummary.hostName(), 0, origin.targetNames());
    RunRecord record = new RunRecord(dir, outcome, origin, new RunSummary(id, clock), readExperiment(dir),
        origin.overrides(), clock);
    // a new run stopped at any moment once its directory exists says so in it: the directory has nothing a
    // stop could spoil before this
    record.watchForStop();
    try {
      if (!Files.exists(dir.overridesFile())) {
        // a directory made without them (RunDirectory.create stages them with the experiment)
        RunOverrides.write(dir.overridesFile(), origin.overrides());
      }
    } catch (RuntimeException | Error e) {
      record.close();
      throw e;
    }
    return record;
  }

  /**
   * The record of a run resumed in {@code dir}: its overrides are those of {@code overrides.yaml}, and its
   * start, commit and time so far those its earlier summary recorded (without one, it counts from now, with the
   * commit of the repository holding the run directory).
   */
  public static RunRecord resumed(RunDirectory dir, RunOutcome outcome, Origin origin, Clock clock) {
    List<String> overrides = RunOverrides.read(dir.overridesFile());
    RunSummary.Identity id = RunSummary.readEarlier(dir.summaryFile())
        .map(e -> new RunSummary.Identity(origin.name(), e.started(), origin.epochsPlanned(), origin.seed(), overrides,
            origin.nnVersion(), e.gitCommit(), RunSummary.hostName(), e.seconds(), origin.targetNames()))
        .orElseGet(() -> new RunSummary.Identity(origin.name(), clock.instant(), origin.epochsPlanned(), origin.seed(),
            overrides, origin.nnVersion(), GitHead.of(dir.experimentFile()).orElse(null), RunSummary.hostName(), 0,
            origin.targetNames()));
    return new RunRecord(dir, outcome, origin, new RunSummary(id, clock), readExperiment(dir), overrides, clock);
  }

  private static String readExperiment(RunDirectory dir) {
    try {
      return dev.nn.core.io.TextFiles.read(dir.experimentFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.experimentFile() + ": " + SystemReason.describe(e), e);
    }
  }

  /**
   * Training starts with {@code provenance}: writes it, the summary and the report, and from now until the run
   * ends, marks the run interrupted if the JVM is stopped.
   */
  public synchronized void started(Provenance provenance) {
    if (ended) {
      return;
    }
    outcome.started(provenance);
    provenanceYaml = provenance.toYaml();
    writeProgress();
    if (hook == null) {
      // a resumed run: its directory holds the record of how it ended before, which a stop while the resume
      // was checked must leave as it is
      watchForStop();
    }
  }

  /** Installs the shutdown hook that records a stop of the JVM as the run's interruption. */
  private synchronized void watchForStop() {
    hook = new Thread(this::stopped, "nn-run-interrupted");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException stopping) {
      // the JVM began to stop (Ctrl-C, SIGTERM) while the directory was being made: the stop is recorded now, on
      // this thread, so that the directory says how the run ended
      hook = null;
      interrupted();
      return;
    }
    armed.run();
  }

  /**
   * From now on, runs {@code armed} once this record's shutdown hook is installed, and {@code recorded} with the run
   * directory from that hook once it has recorded an interruption — after the epoch's files in progress, its
   * checkpoint included, under this record's lock (so {@code recorded} must be quick and must not wait for other
   * threads).
   */
  public synchronized void reportingInterruption(Runnable armed, Consumer<Path> recorded) {
    reportingInterruption(armed, recorded, directory -> { });
  }

  /**
   * {@link #reportingInterruption(Runnable, Consumer)}, and {@code completedFirst} with the run directory from the
   * shutdown hook when the interruption finds that the run had completed: all its files are written then.
   */
  public synchronized void reportingInterruption(Runnable armed, Consumer<Path> recorded,
      Consumer<Path> completedFirst) {
    this.armed = Objects.requireNonNull(armed, "armed");
    this.interruptionRecorded = Objects.requireNonNull(recorded, "recorded");
    this.completedFirst = Objects.requireNonNull(completedFirst, "completedFirst");
    if (hook != null) {
      armed.run();
    }
  }

  /**
   * From now on, tells {@code listeners} and then {@code metrics}, in this order, of the start and of each epoch
   * just before this record takes it in, under this record's lock: the run's files that must never be behind its
   * summary (a resume continues from the checkpoint the summary's last epoch wrote), and that an interruption
   * waits for. A listener that fails keeps the epoch from the files after it and from the summary, so a checkpoint
   * that could not be written leaves no row in metrics.csv; when a run ends with fewer epochs than metrics.csv
   * holds (an interruption counts the checkpointed ones), the file is cut to the summary's.
   */
  public synchronized void precededBy(List<TrainingListener> listeners, MetricsCsv metrics) {
    List<TrainingListener> all = new ArrayList<>(listeners);
    all.add(metrics);
    before = List.copyOf(all);
    this.metrics = metrics;
  }

  @Override
  public synchronized void onStart(Trainer trainer) {
    if (ended) {
      return;
    }
    for (TrainingListener l : before) {
      l.onStart(trainer);
    }
    this.trainer = trainer;
    // a resumed trainer starts from its checkpoint's history
    history.clear();
    history.addAll(trainer.history());
    bestEpoch = trainer.bestEpoch();
    checkpointedEpochs = history.size();
    checkpointedBest = bestEpoch;
    writeProgress();
  }

  @Override
  public synchronized void onEpochEnd(Trainer trainer, EpochReport report) {
    if (ended) {
      return;
    }
    for (TrainingListener l : before) {
      l.onEpochEnd(trainer, report);
    }
    history.add(report);
    bestEpoch = trainer.bestEpoch();
    noteCheckpointOf(report.epoch());
    if (pace.due()) {
      writeProgress();
    }
  }

  @Override
  public synchronized void onEnd(Trainer trainer, TrainingResult result) {
    if (ended) {
      return;
    }
    for (TrainingListener l : before) {
      l.onEnd(trainer, result);
    }
    // the checkpoint writer saves the last epoch at the end, when early stopping ended off its period
    if (!history.isEmpty()) {
      noteCheckpointOf(history.get(history.size() - 1).epoch());
    }
  }

  /**
   * {@code checkpoints} as a trainer is to be given them: a checkpoint within an epoch is written under this record's
   * lock, as an epoch's is, so that an interruption waits for one under way, none is written once the run has ended
   * or been recorded interrupted, and an interruption counts every epoch the checkpoint holds.
   */
  public Trainer.WithinEpochCheckpoints whileRunning(Trainer.WithinEpochCheckpoints checkpoints) {
    return new Trainer.WithinEpochCheckpoints() {
      @Override
      public boolean due() {
        return checkpoints.due();
      }

      @Override
      public void save(TrainerState state) {
        synchronized (RunRecord.this) {
          if (ended) {
            return;
          }
          checkpoints.save(state);
          checkpointedEpochs = history.size();
          checkpointedBest = bestEpoch;
        }
      }
    };
  }

  /**
   * A stop while the trainer trains on samples it holds: asks it to end after the batch in progress (with a checkpoint
   * there, when it takes checkpoints within epochs, so that Ctrl-C loses nothing of a long epoch; or at the next
   * epoch's start, after the one ending is recorded) and waits for it to end, up to {@value #STOP_WAIT_MILLIS} ms: a
   * batch still running native products while the JVM exits could crash it. Called by the shutdown hook, holding
   * this record's lock, which waiting gives up for the trainer's last files.
   */
  private void awaitTrainerStop() {
    Trainer training = trainer;
    if (ended || training == null || !training.trainingLocally()) {
      return;
    }
    training.stopAfterBatch();
    stopPending = true;
    long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000L;
    try {
      while (!ended && training.trainingLocally() && System.nanoTime() < deadline) {
        wait(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How long a stop waits at most for the trainer to end after the batch in progress. */
  static final long STOP_WAIT_MILLIS = 60_000;

  /** Counts every epoch so far as what an interruption may record, when epoch {@code epoch}'s checkpoint exists. */
  private void noteCheckpointOf(int epoch) {
    if (Files.exists(dir.checkpoints().fileFor(epoch))) {
      checkpointedEpochs = history.size();
      checkpointedBest = bestEpoch;
    }
  }

  /** The summary and the report of a run that trains. */
  private void writeProgress() {
    pace.wrote();
    summary.epochs(history, bestEpoch);
    summary.writeProgress(dir.summaryFile());
    int last = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
    report(new TrainingResult(history, bestEpoch, false), null,
        // epochs done, not the epoch in progress, which the page has no figures of yet
        new HtmlReport.Status("running", last + " of " + Counted.of(origin.epochsPlanned(), "epoch", "epochs") + " done", clock.instant()))
        .writeProgress(dir.reportFile());
  }

  private HtmlReport report(TrainingResult result, Metrics test, HtmlReport.Status status) {
    return new HtmlReport(origin.name(), result, test, origin.classLabels(), status, experimentYaml, provenanceYaml,
        origin.classWeighted(), overrides, summary.seconds(), origin.targetNames(), origin.targetsStandardized());
  }

  private void writeFinalReport(Provenance ended) {
    provenanceYaml = ended.toYaml();
    report(finalResult, finalTest, finalStatus).write(dir.reportFile());
    if (summaryAfterReport) {
      summary.write(dir.summaryFile());
    }
  }

  /**
   * The run's last step: saves the model with {@code saveModel}, then writes the provenance, the report, the
   * summary and, last, the status record that the run completed — as one step that a stop (Ctrl-C, SIGTERM)
   * waits for, so that a run has its model exactly when its files say it completed. The summary follows the
   * report, so that when a file cannot be written (a full disk) nothing says completed while the run failed.
   *
   * @param validation the final model's validation figures, or {@code null}
   * @param test the test split's figures, or {@code null}
   * @return false, having saved nothing, when a stop was recorded first
   */
  public synchronized boolean completed(Runnable saveModel, TrainingResult result, Metrics validation,
      Metrics test) {
    if (ended || stopPending) {
      // a stop came first: recorded, or to be once the trainer has ended
      return false;
    }
    saveModel.run();
    ended = true;
    history.clear();
    history.addAll(result.epochs());
    bestEpoch = result.bestEpoch();
    finalResult = result;
    finalTest = test;
    finalStatus = new HtmlReport.Status("completed", result.stoppedEarly()
        ? "stopped early at epoch " + result.last().epoch() + " of " + origin.epochsPlanned() : null);
    summary.epochs(history, bestEpoch);
    summary.ended("completed", null, validation, test);
    summaryAfterReport = true;
    outcome.finished(result, origin.epochsPlanned());
    recorded = true;
    return true;
  }

  /** Training diverged with {@code message}: the epochs before it are what the run has. */
  public synchronized void diverged(String message) {
    if (ended) {
      return;
    }
    // the best epoch is the one whose checkpoint is kept for it, as the command names it, not the last (which the
    // trainer holds, and which led to the divergence); without a checkpoint, the lowest loss's
    bestEpoch = Checkpoints.bestEpoch(history);
    try {
      bestEpoch = dir.checkpoints().best().map(Checkpoints::epochOf).map(Long::intValue).orElse(bestEpoch);
    } catch (RuntimeException unlisted) {
      // a checkpoints folder that cannot be listed does not keep the divergence from being recorded
    }
    end("diverged", message);
    outcome.diverged(message);
    recorded = true;
  }

  /**
   * Training, or a finishing step, failed with {@code failure}. Recording it must not hide the failure: a
   * problem while recording is attached to it as suppressed.
   */
  public synchronized void failed(Throwable failure) {
    if (recorded) {
      return;
    }
    try {
      String message = RunOutcome.describe(failure);
      end("failed", message);
      // the report also says how to go on, as the command does
      // the message is a sentence of its own, whether or not it ends as one ("… No space left on device")
      String sentence = message.endsWith(".") || message.endsWith("!") || message.endsWith("?") ? message
          : message + ".";
      finalStatus = new HtmlReport.Status("failed", sentence + " " + RunOutcome.failedNextStep(dir.path()));
    } catch (RuntimeException | Error e) {
      failure.addSuppressed(e);
    }
    outcome.failed(failure);
  }

  /**
   * The JVM is stopping and training stopped with it (a shutdown hook took away what it used): records the
   * interruption now, on the training thread, as this record's shutdown hook would — whichever comes first records
   * it, once. Before a resumed run is accepted the hook is not installed yet, and nothing is recorded.
   */
  public synchronized void interruptedWhileStopping() {
    if (hook != null) {
      interrupted();
    }
  }

  /**
   * The training thread was interrupted (Thread.interrupt, Future.cancel(true)) and training ended with it: the
   * run is recorded as interrupted, as a stop of the JVM records it, so that a resume continues it. The caller
   * clears the thread's interrupted flag first, for the files to be written.
   */
  public synchronized void interruptedInItsThread() {
    interrupted(false);
  }

  /**
   * The shutdown hook: once the file writes under way on the record's lock are done (it is taken), no other
   * thread may write in the run directory any more, the writes in progress there finish (for up to
   * {@value #SETTLE_MILLIS} ms), and the interruption is recorded. What the JVM's halt then cuts short is nothing
   * of the run's.
   */
  private synchronized void stopped() {
    awaitTrainerStop();
    AtomicFiles.seal(dir.path(), SETTLE_MILLIS);
    interrupted(true);
  }

  /** How long a stop waits for a write in the run directory that is under way, such as the model's. */
  static final long SETTLE_MILLIS = 5_000;

  /** The JVM is being stopped (Ctrl-C, SIGTERM) while the run trains: runs in the shutdown hook. */
  synchronized void interrupted() {
    interrupted(true);
  }

  /**
   * The run was stopped: by a signal ({@code bySignal}) or by its thread's interruption. The status and report say
   * how, and how to go on: {@code nn train --resume}, or, for a run of samples given in code, which only code can give
   * again, {@code nn.resume} with them.
   */
  private synchronized void interrupted(boolean bySignal) {
    if (ended) {
      if (finalStatus != null && finalStatus.state().equals("completed")) {
        completedFirst.accept(dir.path());
      }
      return;
    }
    // the record counts the epochs a resume continues from: those a checkpoint holds
    if (checkpointedEpochs < history.size()) {
      history.subList(checkpointedEpochs, history.size()).clear();
      bestEpoch = checkpointedBest;
    }
    end("interrupted", null);
    // the report says how to go on, as status.yaml does; the summary keeps no message for an interruption
    String message = RunDirectory.interruptedMessage(dir.path(), bySignal, origin.samplesFromCode());
    finalStatus = new HtmlReport.Status("interrupted", message);
    outcome.interrupted(message);
    recorded = true;
    interruptionRecorded.accept(dir.path());
  }

  private void end(String status, String message) {
    ended = true;
    summaryAfterReport = false;
    finalResult = new TrainingResult(history, bestEpoch, false);
    finalTest = null;
    finalStatus = new HtmlReport.Status(status, message);
    summary.epochs(history, bestEpoch);
    summary.ended(status, message, null, null);
    summary.write(dir.summaryFile());
    if (metrics != null) {
      metrics.endedWith(history);
    }
  }

  /**
   * The run is over, however it ended: the shutdown hook is no longer needed. Unless the JVM is stopping, when
   * the hook runs anyway and finds the run ended, or marks it interrupted.
   */
  public void close() {
    inPlace.close();
    Thread h;
    synchronized (this) {
      h = hook;
      hook = null;
    }
    if (h != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(h);
      } catch (IllegalStateException stopping) {
        // the JVM is shutting down: the hook runs
      }
    }
  }
}
