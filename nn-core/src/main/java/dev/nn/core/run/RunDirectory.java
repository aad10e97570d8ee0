package dev.nn.core.run;

import dev.nn.core.io.SystemReason;
import dev.nn.core.io.AbandonedFolders;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.StagedOnExit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The directory of one training run, {@code <outputDir>/<name>-<yyyyMMdd-HHmmss>/}, and the paths of the
 * files in it:
 * <pre>
 *   experiment.yaml   the resolved experiment (defaults filled in)
 *   metrics.csv       one row per epoch
 *   checkpoints/      epoch-NNNN.ckpt, the last few
 *   model.nnm         the trained model
 *   provenance.yaml   software, machine, seed, plugins, data
 *   report.html       curves and final figures
 *   status.yaml       how the run ended: finished, failed, diverged or interrupted; absent while it trains or
 *                     once killed outright
 *   summary.json      status, figures so far and origin, rewritten after every epoch
 *   run.log           what nn train printed (appended on resume)
 *   overrides.yaml    the --set overrides the run started with
 *   .lock             locked by the process training in the directory
 * </pre>
 */
public final class RunDirectory {
  /** The resolved experiment's file name. */
  public static final String EXPERIMENT = "experiment.yaml";
  /** The per-epoch metrics' file name. */
  public static final String METRICS = "metrics.csv";
  /** The checkpoint directory's name. */
  public static final String CHECKPOINTS = "checkpoints";
  /** The model's file name. */
  public static final String MODEL = "model.nnm";
  /** The provenance record's file name. */
  public static final String PROVENANCE = "provenance.yaml";
  /** The report's file name. */
  public static final String REPORT = "report.html";
  /** The status record's file name. */
  public static final String STATUS = "status.yaml";
  /** The run summary's file name (see docs/cli.md for its format). */
  public static final String SUMMARY = "summary.json";
  /** The file that receives what {@code nn train} printed, without the progress bar. */
  public static final String RUN_LOG = "run.log";
  /** The file of the {@code --set} overrides a run started with. */
  public static final String OVERRIDES = "overrides.yaml";
  /** The file a training process locks. */
  public static final String LOCK = ".lock";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates a fresh run directory {@code <outputDir>/<name>-<yyyyMMdd-HHmmss>} (with {@code -2}, {@code -3},
   * … appended when that exists) and its {@code checkpoints/}, creating {@code outputDir} if needed.
   *
   * @param name the experiment's name: letters, digits, '.', '_' and '-', starting with a letter or digit
   * @param clock gives the timestamp, in the clock's zone
   */
  public static RunDirectory create(Path outputDir, String name, Clock clock) {
    String stem = stem(name, clock);
    try {
      Files.createDirectories(outputDir);
      for (int n = 1; ; n++) {
        Path dir = outputDir.resolve(n == 1 ? stem : stem + "-" + n);
        try {
          // createDirectory fails if the name is taken, so two runs started in the same second never share one
          Files.createDirectory(dir);
        } catch (FileAlreadyExistsException taken) {
          continue;
        }
        Files.createDirectory(dir.resolve(CHECKPOINTS));
        return new RunDirectory(dir);
      }
    } catch (IOException e) {
      throw cannotCreate(outputDir, e);
    }
  }

  /**
   * The plugins the run in {@code dir} was trained with, as its provenance records them, that {@code installed} does
   * not have: each as "activation \"swish\" (version 1.0.0 from /p/swish.jar)", for a resume that cannot find them.
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public static List<String> recordedPluginsNotIn(Path dir, dev.nn.core.plugin.PluginRegistry installed) {
    List<String> missing = new java.util.ArrayList<>();
    for (Provenance.Plugin p : Provenance.recordedPlugins(dir.resolve(PROVENANCE))) {
      boolean there = dev.nn.core.plugin.PluginKind.ofLabel(p.kind())
          .flatMap(k -> installed.descriptor(k, p.name())).isPresent();
      if (!there) {
        missing.add(p.kind() + " \"" + p.name() + "\" (version " + p.version() + " from " + p.origin() + ")");
      }
    }
    return missing;
  }

  /** How the command line's process comes to stop while it trains: only a signal ends it then. */
  public static final String BY_SIGNAL = "stopped by Ctrl-C, SIGTERM or SIGHUP";
  /**
   * How a run stopped by this process's ending came to stop, unless {@link #processStopping} says otherwise: in a JVM
   * that embeds nn, its own {@code System.exit} stops a run as a signal does, and a shutdown hook cannot tell which.
   */
  static final String BY_SHUTDOWN = "stopped as its JVM shut down (Ctrl-C, SIGTERM, SIGHUP or System.exit)";
  private static volatile String processStop = BY_SHUTDOWN;

  /**
   * Says how this process comes to stop, for the runs it marks interrupted as it ends, when that is not a signal of
   * its own: {@code "stopped as the nn launcher that started it ended (…)"}, when the launcher was killed outright
   * and this JVM ends on noticing it, which no signal told it.
   */
  public static void processStopping(String how) {
    processStop = java.util.Objects.requireNonNull(how);
  }

  /** How a run this process's ending stops came to stop: its JVM's shutdown, unless {@link #processStopping} said. */
  public static String processStop() {
    return processStop;
  }

  /** What the status and the report of a run in {@code dir} that Ctrl-C or SIGTERM stopped say: how to go on. */
  public static String interruptedMessage(Path dir) {
    return interruptedMessage(dir, true, false);
  }

  /**
   * What the status and the report of a stopped run say: how it was stopped — a signal ({@code bySignal}), or its
   * thread's interruption by the program that trained it — and how to go on: {@code nn train --resume}, or, for a
   * run of samples given in code ({@code samplesFromCode}), which its experiment's placeholder sources cannot give
   * again, {@code nn.resume} in code with the same samples.
   */
  public static String interruptedMessage(Path dir, boolean bySignal, boolean samplesFromCode) {
    String how = bySignal ? processStop
        : "stopped by its thread's interruption (Thread.interrupt, Future.cancel(true))";
    boolean fresh = latestCheckpointIn(dir).isEmpty();
    // kept in the run's files, which are read from anywhere (a report opened from a file manager): the folder by its
    // absolute path, as the command by its own
    Path absolute = dir.toAbsolutePath().normalize();
    String resume = samplesFromCode ? "nn.resume(" + absolute + ", train, validation, options) with the samples it"
        + " was given" : dev.nn.core.text.CommandName.resume(absolute);
    return how + (fresh ? " before its first checkpoint; " + resume + " trains it again from the start"
        : "; " + resume + " continues it");
  }

  /**
   * Creates a fresh run directory as {@link #create} names it, holding {@code checkpoints/} and the resolved
   * experiment from the moment it appears: both are made in a hidden staging directory next to it, which is then
   * renamed. So every run directory can be resumed, even one whose process was killed a moment after it
   * appeared; a kill before the rename leaves at most the hidden {@code .<name>-…} staging directory.
   *
   * @param resolvedYaml the resolved experiment, written as {@code experiment.yaml}
   */
  public static RunDirectory create(Path outputDir, String name, Clock clock, String resolvedYaml) {
    return create(outputDir, name, clock, resolvedYaml, null);
  }

  /**
   * {@link #create(Path, String, Clock, String)}, with {@code overrides.yaml} holding {@code overrides} from the
   * moment the directory appears: a run killed a moment later still records the {@code --set} it was started with.
   *
   * @param overrides the command line's {@code key=value} overrides, or {@code null} to write no such file
   */
  public static RunDirectory create(Path outputDir, String name, Clock clock, String resolvedYaml,
      List<String> overrides) {
    String stem = stem(name, clock);
    Path staged = null;
    Path stagedAt = null;
    try {
      Files.createDirectories(outputDir);
      removeAbandonedStaging(outputDir, name);
      staged = stagingDirectory(outputDir, stem);
      stagedAt = staged;
      // a JVM stopped by a signal before the rename deletes what it staged; after the rename it is released
      StagedOnExit.register(staged);
      AtomicFiles.discardPartialOnExit(staged.resolve(EXPERIMENT));
      if (overrides != null) {
        AtomicFiles.discardPartialOnExit(staged.resolve(OVERRIDES));
      }
      Files.createDirectory(staged.resolve(CHECKPOINTS));
      AtomicFiles.writeString(staged.resolve(EXPERIMENT), resolvedYaml);
      if (overrides != null) {
        RunOverrides.write(staged.resolve(OVERRIDES), overrides);
      }
      for (int n = 1; ; n++) {
        Path dir = outputDir.resolve(n == 1 ? stem : stem + "-" + n);
        try {
          // the rename fails if the name is taken, so two runs started in the same second never share one
          Files.move(staged, dir);
        } catch (java.nio.file.FileSystemException e) {
          // taken: found so before the rename, or made by another run between that check and rename(2), which then
          // says ENOTEMPTY as a plain FileSystemException ("directory not empty")
          if (e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException
              || Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          throw e;
        }
        staged = null;
        return new RunDirectory(dir);
      }
    } catch (IOException e) {
      throw cannotCreate(outputDir, e);
    } finally {
      if (staged != null) {
        deleteStaged(staged);
      }
      if (stagedAt != null) {
        StagedOnExit.release(stagedAt);
      }
    }
  }

  /**
   * A new hidden {@code .<stem>-<random>} directory in {@code outputDir}, made with the permissions any new
   * directory gets (the user's umask), as the run directory it becomes should have: a temporary directory of the
   * JDK's would be readable by its owner alone.
   */
  private static Path stagingDirectory(Path outputDir, String stem) throws IOException {
    java.util.random.RandomGenerator random = java.util.concurrent.ThreadLocalRandom.current();
    while (true) {
      Path candidate = outputDir.resolve("." + stem + "-" + Long.toUnsignedString(random.nextLong(), 36));
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException taken) {
        // another run staged under the same name: draw again
      }
    }
  }

  /**
   * Deletes the staging directories of earlier runs of {@code name} in {@code outputDir} that a {@code kill -9}
   * left behind: hidden {@code .<name>-<timestamp>-<random>} directories that hold nothing but what staging writes
   * (the experiment, the overrides, an empty checkpoints/), old enough to be abandoned ({@link AbandonedFolders}).
   */
  private static void removeAbandonedStaging(Path outputDir, String name) {
    AbandonedFolders.remove(outputDir,
        Pattern.compile("\\." + Pattern.quote(name) + "-\\d{8}-\\d{6}-[0-9a-z]+"),
        p -> {
          String n = p.getFileName().toString();
          return n.equals(EXPERIMENT) || n.equals(OVERRIDES) || n.startsWith(".") && n.endsWith(".tmp")
              || n.equals(CHECKPOINTS) && AbandonedFolders.isEmptyDirectory(p);
        });
  }

  /** Deletes what a failed creation staged: its experiment and checkpoint directory, whatever is there. */
  private static void deleteStaged(Path staged) {
    AbandonedFolders.delete(staged);
  }

  /**
   * "cannot create a run directory in runs: permission denied; give …": for a folder nn may not write, the folder
   * is named, not the staging folder nn tried to make in it (a name of nn's own), and the way out is said.
   */
  private static UncheckedIOException cannotCreate(Path outputDir, IOException e) {
    String reason = SystemReason.describe(e);
    if (e instanceof java.nio.file.AccessDeniedException denied && denied.getFile() != null) {
      Path madeIn = Path.of(denied.getFile()).toAbsolutePath().normalize().getParent();
      if (outputDir.toAbsolutePath().normalize().equals(madeIn)) {
        reason = "permission denied";
      }
      reason += "; give --output (or output.dir) a folder you can write";
    }
    return new UncheckedIOException("cannot create a run directory in " + outputDir + ": " + reason, e);
  }

  /** {@code <name>-<yyyyMMdd-HHmmss>} in the clock's zone, for a name that can name a directory. */
  private static String stem(String name, Clock clock) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("run name \"" + name + "\" cannot name a directory: use 1 to 100 ASCII letters, "
          + "digits, '.', '_' and '-', starting with a letter or digit");
    }
    return name + "-" + STAMP.format(LocalDateTime.ofInstant(clock.instant(), clock.getZone()));
  }

  /**
   * An existing run directory, to resume: it must hold {@code experiment.yaml}. It may hold no checkpoint,
   * when the run was killed before its first one was written; then it is trained again from the start.
   *
   * @throws RunFileException naming the directory and what it lacks
   */
  public static RunDirectory open(Path existing) {
    if (!Files.exists(existing)) {
      throw new RunFileException(existing, "no such directory; expected the directory of an earlier training run");
    }
    if (!Files.isDirectory(existing)) {
      // a checkpoint of a run given for its run: the run it belongs to is named
      Path parent = existing.toAbsolutePath().normalize().getParent();
      boolean checkpoint = parent != null && parent.getFileName() != null
          && parent.getFileName().toString().equals(CHECKPOINTS) && parent.getParent() != null;
      throw new RunFileException(existing, "not a directory; expected the directory of an earlier training run"
          + (checkpoint ? " (this is a checkpoint of the run " + parent.getParent() + ", which --resume takes: it"
              + " continues from the newest intact checkpoint)" : ""));
    }
    RunDirectory run = new RunDirectory(existing);
    if (!Files.isRegularFile(run.experimentFile())) {
      // a run's other files without it: the one file a resume rebuilds the run from is gone, not the run
      boolean trained = Files.isDirectory(run.checkpointsDir()) || Files.isRegularFile(existing.resolve(METRICS))
          || Files.isRegularFile(run.provenanceFile());
      throw new RunFileException(existing, trained ? "a run directory without its " + EXPERIMENT + ", which a resume"
          + " rebuilds the run from; restore it (the experiment the run started with: " + PROVENANCE + " records its"
          + " SHA-256) and resume again; its checkpoints and metrics are untouched"
          : "not a run directory: it has no " + EXPERIMENT);
    }
    return run;
  }

  /**
   * An existing run directory to continue, as {@link #open}; a run that finished has nothing left to do.
   *
   * @throws RunFileException naming the directory and what it lacks, saying that the run finished and where its
   *     model is, or that another process trains in it
   */
  public static RunDirectory openToResume(Path existing) {
    RunDirectory run = open(existing);
    if (isTraining(existing)) {
      // another process trains in it: refused here, as taking its lock refuses it, before anything says that the
      // run resumes (the resume takes the lock for itself later)
      run.lock().close();
    }
    Optional<RunStatus> status;
    try {
      status = run.status();
    } catch (RunFileException damaged) {
      // status.yaml only records how the run ended, and the resume rewrites it; what the run trained is in its
      // checkpoints, whose header says whether training had ended: a damaged status blocks nothing
      status = Optional.empty();
    }
    // a run writes its model before it records that it finished: a "finished" without one is not to be trusted, and
    // the checkpoints' headers say whether training had ended
    if (status.isPresent() && status.get().state() == RunStatus.State.FINISHED && Files.isRegularFile(run.modelFile())) {
      String message = status.get().message();
      throw new RunFileException(existing, "the run finished" + (message.isEmpty() ? "" : " (" + message + ")")
          + "; there is nothing to resume, and nothing was changed. Its model is " + run.modelFile());
    }
    return run;
  }

  /** The message of the run's status when it says the run diverged; empty otherwise, or when it cannot be read. */
  public Optional<String> divergedMessage() {
    try {
      return status().filter(s -> s.state() == RunStatus.State.DIVERGED).map(RunStatus::message);
    } catch (RunFileException damaged) {
      return Optional.empty();
    }
  }

  /**
   * The newest checkpoint in the run directory {@code directory} (see {@link #latestCheckpoint()}), if any,
   * whatever else the directory holds or lacks: what a resume continues from.
   */
  public static Optional<Path> latestCheckpointIn(Path directory) {
    return new RunDirectory(directory).latestCheckpoint();
  }

  /**
   * The best checkpoint in the run directory {@code directory} (see {@link Checkpoints#best()}), if any: what
   * a diverged run keeps.
   */
  public static Optional<Path> bestCheckpointIn(Path directory) {
    return new RunDirectory(directory).checkpoints().best();
  }

  /** The directory. */
  public Path path() {
    return path;
  }

  /** {@code experiment.yaml}. */
  public Path experimentFile() {
    return path.resolve(EXPERIMENT);
  }

  /** {@code metrics.csv}. */
  public Path metricsFile() {
    return path.resolve(METRICS);
  }

  /** {@code checkpoints/}. */
  public Path checkpointsDir() {
    return path.resolve(CHECKPOINTS);
  }

  /** {@code model.nnm}. */
  public Path modelFile() {
    return path.resolve(MODEL);
  }

  /** {@code provenance.yaml}. */
  public Path provenanceFile() {
    return path.resolve(PROVENANCE);
  }

  /** {@code report.html}. */
  public Path reportFile() {
    return path.resolve(REPORT);
  }

  /** {@code summary.json}. */
  public Path summaryFile() {
    return path.resolve(SUMMARY);
  }

  /** {@code run.log}. */
  public Path runLogFile() {
    return path.resolve(RUN_LOG);
  }

  /** {@code overrides.yaml}. */
  public Path overridesFile() {
    return path.resolve(OVERRIDES);
  }

  /** {@code status.yaml}. */
  public Path statusFile() {
    return path.resolve(STATUS);
  }

  /**
   * Locks the directory for this process until the lock is closed.
   *
   * @throws RunFileException when another process trains in it
   */
  public RunLock lock() {
    return RunLock.take(path.resolve(LOCK), path);
  }

  /**
   * Whether a process may train in the run directory {@code dir} now: false only when nobody holds its
   * {@code .lock} (a lock file this user cannot open counts as held). A run whose summary still says "running"
   * while this is false was killed before it could record its end.
   */
  public static boolean isTraining(Path dir) {
    return RunLock.isHeld(dir);
  }

  /** How the run ended, or empty while it trains or when it was killed. */
  Optional<RunStatus> status() {
    return RunStatus.read(statusFile());
  }

  /**
   * Whether {@code status.yaml} says the run finished though its model does not exist: not to be trusted, since a run
   * writes its model before it records that it finished, so a resume goes on from the checkpoints and says why.
   */
  public boolean saysFinishedWithoutModel() {
    try {
      Optional<RunStatus> status = status();
      return status.isPresent() && status.get().state() == RunStatus.State.FINISHED
          && !Files.isRegularFile(modelFile());
    } catch (RunFileException damaged) {
      return false;
    }
  }

  /** Records how the run ended. */
  void writeStatus(RunStatus status) {
    status.write(statusFile());
  }

  /** Forgets how an earlier attempt ended, when the run trains again. */
  public void clearStatus() {
    try {
      Files.deleteIfExists(statusFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + statusFile() + ": " + SystemReason.describe(e), e);
    }
  }

  /**
   * Deletes the temporary files of atomic writes ({@code .NAME…tmp}) that a killed process left in the directory
   * and in {@code checkpoints/}. Call it only while holding the {@link #lock()}: another process's temporary
   * files are in use.
   *
   * @return how many were deleted
   */
  public int deleteTemporaryFiles() {
    int deleted = 0;
    for (Path d : List.of(path, checkpointsDir())) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(d, ".*.tmp")) {
        for (Path f : files) {
          if (Files.isRegularFile(f) && Files.deleteIfExists(f)) {
            deleted++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete temporary files in " + d + ": " + SystemReason.describe(e), e);
      }
    }
    return deleted;
  }

  /** Atomically writes the resolved experiment, as YAML text, to {@code experiment.yaml}. */
  public void writeExperiment(String resolvedYaml) {
    AtomicFiles.writeString(experimentFile(), resolvedYaml);
  }

  /** The run's checkpoints, keeping the last {@link Checkpoints#DEFAULT_KEEP}. */
  public Checkpoints checkpoints() {
    return new Checkpoints(checkpointsDir(), Checkpoints.DEFAULT_KEEP);
  }

  /** The run's checkpoints, keeping the last {@code keep}. */
  public Checkpoints checkpoints(int keep) {
    return new Checkpoints(checkpointsDir(), keep);
  }

  /** The newest checkpoint, if any: one taken within an epoch after the highest epoch's, else that epoch's. */
  public Optional<Path> latestCheckpoint() {
    return checkpoints().newest();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
