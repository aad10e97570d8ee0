package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.spi.ConfigException;
import dev.nn.core.experiment.TrainingInterruptedException;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RecordedPluginPath;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.sweep.SweepRecord;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.core.train.TrainingResult;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nn train}: trains an experiment, or resumes a run, through {@link Nn#train} and {@link Nn#resume}. */
@Command(name = "train", mixinStandardHelpOptions = true,
    header = "Trains an experiment, or resumes an interrupted run.",
    description = "Trains an experiment and writes its run directory: the resolved experiment, metrics.csv,"
        + " checkpoints, model.nnm, provenance.yaml, summary.json, report.html (rewritten after every epoch),"
        + " run.log and overrides.yaml.",
    // each part without a space in it, as picocli writes the other commands': a narrow terminal breaks lines at spaces
    customSynopsis = {"nn train [OPTIONS] EXPERIMENT.yaml [--set=KEY.PATH=VALUE]... [--plain]",
        "                [--output=DIR] [--sweep=KEY.PATH=V1,V2,...]... [--folds=K]",
        "   or: nn train [OPTIONS] --resume=RUN_DIR [--allow-changed-data]",
        "                [--allow-changed-plugins] [--plain]"},
    footer = {"%nWhen the output is a terminal, a progress bar fitted to its width shows the epoch, batch (or"
        + " validating), running loss, samples/s, elapsed time and ETA; when the output is piped, or with --plain,"
        + " one line is printed per epoch.",
        "Ctrl-C or SIGTERM stops training; nn then says where the last checkpoint is and how to resume"
            + " (nn train --resume RUN_DIR).",
        "Exit codes: 0 trained, 2 invalid experiment or data, an unusable run directory, a run that finished"
            + " already or is being trained by another process, 3 training diverged (the checkpoints of the epochs"
            + " before are kept); 129 after SIGHUP (a closed terminal), 130 after Ctrl-C, 143 after SIGTERM. With"
            + " --sweep: 0 when every point completed,"
            + " 3 when one diverged, else 2 when one failed."})
final class TrainCommand implements Callable<Integer> {
  private final NnCommand root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT.yaml",
      description = "The experiment file; omitted with --resume.")
  String experiment;

  @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
      description = "Overrides one key of the experiment; repeatable, the last of one key wins. For example:"
          // key paths on lines of their own: a wrapped line would break them at a dot
          + "%n  optimizer.learning-rate=0.1%n  network.layers[1].units=32")
  List<String> sets = new ArrayList<>();

  @Option(names = "--output", paramLabel = "DIR",
      description = "The directory that receives the run directory (default: the experiment's output.dir);"
          + " created if missing, in a folder that exists.")
  Path output;

  @Option(names = "--resume", paramLabel = "RUN_DIR",
      description = "Continues an interrupted run from its newest intact checkpoint (or from the start, when it"
          + " was stopped before its first), with the experiment it recorded, and the plugin path it recorded"
          + " unless --plugin-path or NN_PLUGIN_PATH gives one. Given a sweep's folder, continues the sweep: its"
          + " interrupted point's run is resumed and the points that did not start are trained.")
  Path resume;

  @Option(names = "--allow-changed-data",
      description = "With --resume: continues although a data file changed since the run started (its SHA-256"
          + " differs from the one provenance.yaml recorded); the provenance records it.")
  boolean allowChangedData;

  @Option(names = "--allow-changed-plugins",
      description = "With --resume: continues although a plugin the run uses changed since it started (its version"
          + " or its jar's SHA-256 differs from the one provenance.yaml recorded); the provenance records it.")
  boolean allowChangedPlugins;

  @Option(names = "--sweep", paramLabel = "KEY.PATH=V1,V2,...",
      description = "Trains one run per value; repeatable: every combination of the values is trained in turn,"
          + " and the results are tabled in the folder <output>/<name>-sweep-<time>, in sweep.md and sweep.csv."
          + " Values are split on the commas outside brackets and quotes, so [64,32] is one value. For example:"
          + "%n  optimizer.learning-rate=0.1,0.03,0.01")
  List<String> sweeps = new ArrayList<>();

  @Option(names = "--folds", paramLabel = "K",
      description = "Cross-validates: trains K runs, run i testing on fold i of the training data (a sweep over"
          + " the folds as test splits; the validation split comes from the rest), tables them as a sweep does and prints"
          + " the mean and standard deviation of their test figures; with --sweep, K runs for each point. K from 2"
          + " to " + Nn.MAX_FOLDS + ".")
  Integer folds;

  /** A resumed sweep's own command line, which its new points record theirs from; null: this command's. */
  private List<String> sweepCommandLine;

  @Option(names = "--plain", description = "Prints one line per epoch and no progress bar, even on a terminal.")
  boolean plain;

  TrainCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    if (resume != null && !sweeps.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--sweep trains new runs and cannot be combined"
          + " with --resume; nn train --resume SWEEP_FOLDER continues an interrupted sweep with its own values");
    }
    if (resume != null && (experiment != null || !sets.isEmpty() || output != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--resume continues a run with the experiment it"
          + " recorded; give no EXPERIMENT.yaml, --set or --output with it");
    }
    if (allowChangedData && resume == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--allow-changed-data applies to --resume only: a"
          + " new run records the data it reads");
    }
    if (allowChangedPlugins && resume == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--allow-changed-plugins applies to --resume only:"
          + " a new run records the plugins it loads");
    }
    if (resume == null && experiment == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Missing required parameter: 'EXPERIMENT.yaml' (or --resume RUN_DIR)");
    }
    if (output != null) {
      OutputFile.checkDirectory("--output", output);
    }
    if (folds != null) {
      if (resume != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--folds trains one new run per fold, a sweep of"
            + " data.test; it cannot be combined with --resume");
      }
      for (String sweep : sweeps) {
        if (sweep.strip().startsWith("data.test=") || sweep.strip().startsWith("data.test.")) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--folds sweeps data.test over its folds; a"
              + " --sweep of data.test cannot go with it");
        }
      }
      if (folds < 2 || folds > Nn.MAX_FOLDS) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be from 2 to " + Nn.MAX_FOLDS
            + ", found " + folds);
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < folds; i++) {
        values.add("{fold: " + i + ", of: " + folds + "}");
      }
      // the folds are the last axis, so that each combination of the other --sweep values has its folds together
      List<String> axes = new ArrayList<>(sweeps);
      axes.add("data.test=" + String.join(",", values));
      return new SweepRunner(root, experiment, sets, output, this::trainNew).crossValidating(folds).run(axes);
    }
    if (!sweeps.isEmpty()) {
      return new SweepRunner(root, experiment, sets, output, this::trainNew).run(sweeps);
    }
    if (resume != null && SweepRecord.isSweepFolder(resume)) {
      return resumeSweep(resume);
    }
    if (resume != null && SweepRecord.isStoppedAsItBegan(resume)) {
      // killed as it began: the lock is made before the record
      throw new CommandFailure("nn: " + resume + ": a sweep's folder that holds no " + SweepRecord.FILE + ": the sweep"
          + " was stopped as it began, before it recorded how it was started, and trained nothing; delete the folder"
          + " and start the sweep again");
    }
    if (resume != null && java.nio.file.Files.isRegularFile(resume.resolve(dev.nn.core.sweep.SweepTable.CSV))
        && !java.nio.file.Files.exists(resume.resolve(RunDirectory.EXPERIMENT))) {
      throw new CommandFailure("nn: " + resume + ": a sweep's folder without its " + SweepRecord.FILE + " (made before"
          + " sweeps recorded how they were started, or the file was removed), so the sweep cannot be continued;"
          + " resume its interrupted point's run by itself (nn train --resume RUN_DIR, the run its sweep.csv names),"
          + " and train the points after it as a new sweep");
    }
    PrintStream out = root.out();
    List<Path> recordedPluginPath = List.of();
    if (resume != null && root.pluginPathEntries().isEmpty()) {
      // the run's own plugins, unless the command gives a plugin path, which then replaces the recorded one
      recordedPluginPath = RecordedPluginPath.read(resume);
      root.pluginPathIfNoneGiven(recordedPluginPath);
    }
    PrintStream err = root.err();
    Nn nn = root.nn();
    RunLog log = runLog();
    // what nn() warned of, for the log as well
    for (String failure : nn.plugins().failures()) {
      log.line("nn: warning: " + failure);
    }
    TrainingRun.Result result;
    try (log; EpochLines lines = epochLines(log)) {
      TrainingRun.Options options = new TrainingRun.Options(output, null, root.commandLineForProvenance(),
          List.of(lines, log, LauncherNote.of(root.env())), Nn.version()).allowingChangedData(allowChangedData)
          .allowingChangedPlugins(allowChangedPlugins)
          .withNotices(notices(lines, log));
      try {
        if (resume != null) {
          result = resumeRun(resume, options, lines, log, recordedPluginPath, false);
        } else {
          Experiment e = Failures.readingConfig(experiment, () -> Experiments.load(nn, experiment, sets));
          onTheCluster(experiment, e);
          say(out, log, "training " + e.name() + " from " + experiment + e.startingFrom());
          sayStartingSpark(experiment, e, out, log);
          TrainingRun.Options from = options.readFrom(Path.of(experiment), sets);
          Path into = nn.outputDirectory(e, from);
          InterruptionNotice notice = InterruptionNotice.training(into, e.name(), again(), root.err(),
              root.errDrawsInPlace()).alsoTo(log).quieting(lines::close).fitting(root::fittedErr);
          LauncherNote.stopsSaid(root.env());
          lines.reading();
          try {
            result = Failures.readingConfig(experiment, () -> nn.train(e, from.withListener(notice)));
          } finally {
            notice.close();
          }
        }
      } catch (RuntimeException | Error failure) {
        throwKept(log, failure);
        throw failure;
      }
      lines.finish();
      summarize(result, out, log);
    }
    return Main.OK;
  }

  /** The run's log of what this command prints, which says once if it cannot be written. */
  private RunLog runLog() {
    return new RunLog(() -> root.err().println("nn: warning: cannot write " + RunDirectory.RUN_LOG
        + " in the run directory; training goes on without it"));
  }

  /** The epochs' lines, with a progress bar on a terminal unless --plain, each line also in {@code log}. */
  private EpochLines epochLines(RunLog log) {
    return new EpochLines(root.out(), root.drawsInPlace() && !plain ? root.progressBar() : null, log::line,
        root.terminal() ? root::terminalColumns : null);
  }

  /** Where a run's notices go: on stderr, fitted to the terminal, above the progress bar, and into the log. */
  private java.util.function.Consumer<String> notices(EpochLines lines, RunLog log) {
    return notice -> {
      lines.makeRoom();
      root.err().println(root.fittedErr("nn: " + notice));
      log.line("nn: " + notice);
    };
  }

  /**
   * Resumes the run in {@code dir} with the command's output set up: what {@code nn train --resume RUN_DIR} does, and
   * a resumed sweep for its interrupted point.
   *
   * @param recordedPluginPath the plugin path the run recorded, when it is the one in use; else empty
   * @param sweepPoint whether the run is a point of a resumed sweep, which says how to continue it
   */
  private TrainingRun.Result resumeRun(Path dir, TrainingRun.Options options, EpochLines lines, RunLog log,
      List<Path> recordedPluginPath, boolean sweepPoint) {
    PrintStream out = root.out();
    Nn nn = root.nn();
    // a run that cannot be resumed (finished, no run directory) is refused before anything says it is
    RunDirectory.openToResume(dir);
    say(out, log, "resuming " + dir);
    if (!recordedPluginPath.isEmpty()) {
      say(out, log, "with the plugin path the run recorded: " + Printable.of(
          String.join(File.pathSeparator, recordedPluginPath.stream().map(Path::toString).toList())));
    }
    String recorded = dir.resolve(RunDirectory.EXPERIMENT).toString();
    if (root.clusterOnly()) {
      onTheCluster(recorded, Failures.readingConfig(recorded, () -> Experiments.load(nn, recorded, List.of())));
    }
    Experiment resumed;
    try {
      resumed = Experiments.load(nn, recorded, List.of());
    } catch (ConfigException e) {
      missingRecordedPlugins(dir, recorded, e, nn);
      resumed = null; // the resume below says why it cannot read it
    } catch (RuntimeException unreadable) {
      resumed = null; // the resume below says why it cannot read it
    }
    if (resumed != null) {
      sayStartingSpark(recorded, resumed, out, log);
    }
    InterruptionNotice notice = InterruptionNotice.resuming(dir, root.err(), root.errDrawsInPlace())
        .alsoTo(log).quieting(lines::close).fitting(root::fittedErr);
    LauncherNote.stopsSaid(root.env());
    if (sweepPoint) {
      notice.ofSweepPoint();
    }
    lines.reading();
    try {
      return Failures.readingConfig(recorded, () -> nn.resume(dir, options.withListener(notice)));
    } finally {
      notice.close();
    }
  }

  /**
   * Logs the message a training's failure is about to print; a run left marked failed in its directory is kept, and
   * is thrown as such ({@link KeptRunFailure}: a resume continues it once the cause is mended). Anything else the
   * caller throws as it is.
   */
  private static void throwKept(RunLog log, Throwable failure) {
    logFailure(log, failure);
    Optional<Path> kept = log.directory();
    if (kept.isPresent() && markedFailed(failure)) {
      KeptRunFailure resumable = new KeptRunFailure(failure, kept.get());
      log.line(resumable.hint());
      throw resumable;
    }
  }

  /**
   * Trains a new run of the experiment with {@code overrides} and prints its result, keeping the point's own
   * {@code run.log}: one point of a sweep.
   */
  private TrainingRun.Result trainNew(List<String> overrides, java.util.function.Consumer<Path> runDirectory) {
    PrintStream out = root.out();
    PrintStream err = root.err();
    Nn nn = root.nn();
    RunLog log = runLog();
    TrainingRun.Result result;
    try (log; EpochLines lines = epochLines(log)) {
      List<String> pointSets = overrides.subList(sets.size(), overrides.size());
      List<String> commandLine = SweepRunner.pointCommandLine(sweepCommandLine != null ? sweepCommandLine
          : root.commandLineForProvenance(), pointSets);
      // the sweep, not the point's run, is what the launcher names when killed
      TrainingRun.Options options = new TrainingRun.Options(output, null, commandLine, List.of(lines, log),
          Nn.version()).withNotices(notices(lines, log));
      Experiment e = Failures.readingConfig(experiment, () -> Experiments.load(nn, experiment, overrides));
      onTheCluster(experiment, e);
      say(out, log, "training " + e.name() + " from " + experiment + e.startingFrom());
      sayStartingSpark(experiment, e, out, log);
      TrainingRun.Options from = options.readFrom(Path.of(experiment), overrides);
      Path into = nn.outputDirectory(e, from);
      InterruptionNotice notice = InterruptionNotice.training(into, e.name(), String.join(" ", commandLine),
          root.err(), root.errDrawsInPlace()).alsoTo(log).quieting(lines::close).fitting(root::fittedErr).ofSweepPoint();
      lines.reading();
      try {
        TrainingRun.DirectoryListener where = directory -> runDirectory.accept(directory.path());
        result = Failures.readingConfig(experiment, () -> nn.train(e, from.withListener(notice).withListener(where)));
      } catch (RuntimeException | Error failure) {
        // as for a lone run: a point's run marked failed is kept, and a resume continues it
        throwKept(log, failure);
        throw failure;
      } finally {
        notice.close();
      }
      lines.finish();
      summarize(result, out, log);
    }
    return result;
  }

  /**
   * {@code nn train --resume SWEEP_FOLDER}: the sweep goes on from its record, in the directory it was started in
   * (its {@code --set} and {@code --sweep} values may name files relative to it), on the experiment file it started
   * with.
   */
  private int resumeSweep(Path folder) {
    SweepRecord record = SweepRecord.read(folder);
    Path here = Path.of("").toAbsolutePath().normalize();
    if (!here.equals(record.workingDirectory().normalize())) {
      throw new CommandFailure("nn: " + folder + ": the sweep was started in " + record.workingDirectory()
          + ", and its --set and --sweep values may name files relative to it; " + (java.nio.file.Files.isDirectory(
              record.workingDirectory()) ? "continue it from there (cd " + record.workingDirectory() + ")"
              : "that folder is gone, and a sweep is continued only from the folder it was started in"));
    }
    Path file = record.experimentFile();
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new CommandFailure("nn: " + folder + ": the sweep was started from " + record.experiment() + ", which no"
          + " longer exists; put it back to continue the sweep");
    }
    if (!record.experimentUnchanged()) {
      throw new CommandFailure("nn: " + record.experiment() + " changed since the sweep " + folder + " started, and"
          + " the points done trained on it as it was; put back the file the sweep started with (SHA-256 "
          + record.experimentSha256() + ") to continue it, or start a new sweep");
    }
    boolean taken = !record.allowedChanges().isEmpty();
    List<String> notes = new ArrayList<>();
    changedSinceTheSweep(notes, folder, record, record.changedDataFiles(), allowChangedData, "the data",
        "--allow-changed-data", taken ? "on the data as that resume took it: put that back" : "on the data as it was:"
        + " restore it", "on the data as it is now", "on it as it is now");
    if (root.pluginPathEntries().isEmpty() && !record.pluginPath().isEmpty()) {
      root.pluginPathIfNoneGiven(record.pluginPath());
    }
    changedSinceTheSweep(notes, folder, record, record.changedPluginJars(root.pluginPathEntries()),
        allowChangedPlugins,
        "the plugins", "--allow-changed-plugins", taken ? "with the plugins as that resume took them: put back those"
        + " jars, on the plugin path it recorded (" + record.pluginPath().stream().map(Path::toString)
            .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)) + ")"
        : "with the plugins as they were: put back the jars the sweep started"
        + " with", "with the plugins as they are now", "with them as they are now");
    // the points still to train are trained as the sweep's command would have trained them
    experiment = record.experiment();
    sets = new ArrayList<>(record.sets());
    // beside the sweep's folder, wherever it was moved with its runs since
    output = folder.toAbsolutePath().normalize().getParent();
    sweepCommandLine = record.command();
    List<String> allowing = new ArrayList<>();
    if (allowChangedData) {
      allowing.add("--allow-changed-data");
    }
    if (allowChangedPlugins) {
      allowing.add("--allow-changed-plugins");
    }
    SweepRunner runner = new SweepRunner(root, experiment, sets, output, this::trainNew).resumedWith(allowing,
        notes);
    if (record.folds() > 0) {
      runner.crossValidating(record.folds());
    }
    return runner.resume(folder, record, this::resumePoint);
  }

  /**
   * Refuses to continue a sweep when {@code what} changed since it started, or since the last resume that took changed
   * files ({@code changed}, each file with what it is now), unless {@code allowed} by {@code flag}, and then says so
   * in a note added to {@code notes}, which the runner prints once it knows there are points left to train: the points
   * done (since that resume) trained {@code asWas}, the points left would train {@code asNow}.
   */
  private void changedSinceTheSweep(List<String> notes, Path folder, SweepRecord record, List<String> changed,
      boolean allowed, String what, String flag, String asWas, String asNow, String noteAsNow) {
    if (changed.isEmpty()) {
      return;
    }
    String since = record.digestsSince();
    String pointsDone = record.allowedChanges().isEmpty() ? "The points done trained" : "The points since then are"
        + " trained";
    if (!allowed) {
      throw new CommandFailure("nn: " + what + " changed since the sweep " + folder + " " + since + ": "
          + String.join(", ", changed) + ". " + pointsDone + " " + asWas + ", or give " + flag
          + " to train the points left " + asNow);
    }
    // each file's digest said to be from then, which the sentence has just named
    List<String> files = changed.stream().map(c -> c.replace(" " + record.digestsFrom() + ")", " then)")).toList();
    notes.add("nn: note: " + what + " changed since the sweep " + since + ": " + String.join(", ", files) + "; "
        + flag + " trains the points left " + noteAsNow);
  }

  /**
   * Resumes an interrupted point's run in {@code dir} and prints its result, keeping its {@code run.log}: one point
   * of a resumed sweep.
   */
  private TrainingRun.Result resumePoint(Path dir) {
    PrintStream out = root.out();
    RunLog log = runLog();
    TrainingRun.Result result;
    try (log; EpochLines lines = epochLines(log)) {
      // the sweep, not the point's run, is what the launcher names when killed
      TrainingRun.Options options = new TrainingRun.Options(null, null, root.commandLineForProvenance(),
          List.of(lines, log), Nn.version()).allowingChangedData(allowChangedData)
          .allowingChangedPlugins(allowChangedPlugins)
          .withNotices(notices(lines, log));
      try {
        result = resumeRun(dir, options, lines, log, List.of(), true);
      } catch (RuntimeException | Error failure) {
        throwKept(log, failure);
        throw failure;
      }
      lines.finish();
      summarize(result, out, log);
    }
    return result;
  }

  /**
   * Whether a failure in a run directory left the run marked failed, to be resumed: not an interruption (its
   * notice says how to resume), nor a divergence (a smaller learning rate is a new run). A resume that is refused
   * never gets as far as the directory.
   */
  private static boolean markedFailed(Throwable failure) {
    return !(failure instanceof TrainingInterruptedException || failure instanceof TrainingDivergedException
        || failure instanceof dev.nn.core.io.FolderGoneException);
  }

  /**
   * Logs the message the command is about to print for {@code failure}; an interruption has none (its notice is
   * logged when it is given).
   */
  private static void logFailure(RunLog log, Throwable failure) {
    String message = Failures.messageOf(failure);
    if (!message.isEmpty()) {
      log.line(message);
    }
  }

  /**
   * Under spark-submit, refuses an experiment without a {@code distributed} section: nn would train it in the
   * driver alone, and nothing would tell the user that the cluster did no work.
   */
  private void onTheCluster(String file, Experiment e) {
    if (root.clusterOnly() && e.distributed().isEmpty()) {
      throw new CommandFailure("nn: " + file + " has no distributed section, so under spark-submit it would train"
          + " in the driver alone; add a distributed section (e.g. distributed: {partitions: 8}) or --set"
          + " distributed.partitions=N");
    }
  }

  /**
   * Says that Spark starts, for an experiment that trains on Spark: a master that only spark-submit reaches (which
   * sets spark.master, winning over the experiment's) is refused in a line of its own, with no "starting Spark"
   * before it.
   */
  private void sayStartingSpark(String file, Experiment e, PrintStream out, RunLog log) {
    if (e.distributed().isPresent()) {
      // a missing data file, or no cluster engine at all, is said before "starting Spark", not after it
      Failures.readingConfig(file, () -> root.nn().check(e));
    }
    e.distributed().filter(spec -> System.getProperty("spark.master") != null || !spec.needsSparkSubmit())
        .ifPresent(spec -> say(out, log, startingSpark(spec)));
  }

  /**
   * Spark's start-up takes several seconds (10-17 s seen for local[2]) before anything else shows; this line says
   * what the wait is. Under spark-submit the master is spark-submit's, which wins over the experiment's.
   */
  private String startingSpark(dev.nn.core.config.DistributedSpec spec) {
    String master = root.clusterOnly() ? "spark-submit's master" : "master " + spec.master();
    String parts = spec.partitions() == 1 ? "1 part" : spec.partitions() + " parts";
    return "starting Spark (" + master + ", " + parts + ", " + spec.mode().yamlName() + "); its start takes some"
        + " seconds";
  }

  /**
   * Refuses a resume whose experiment names plugins that are not installed but that the run was trained with, naming
   * each as its provenance records it (its version and jar): an unknown name alone read as a typo in the user's own
   * experiment. A plugin path given on the command line replaces the one the run recorded, which says why. The
   * experiment's report comes first only when it has other problems than those unknown plugins.
   */
  private void missingRecordedPlugins(Path dir, String recorded, ConfigException e, Nn nn) {
    if (e.problems().stream().noneMatch(p -> p.id() == dev.nn.spi.ProblemId.UNKNOWN_PLUGIN)) {
      return;
    }
    List<String> missing = RunDirectory.recordedPluginsNotIn(dir, nn.plugins());
    if (missing.isEmpty()) {
      return;
    }
    boolean replaced = !root.pluginPathEntries().isEmpty()
        && java.nio.file.Files.exists(dir.resolve(dev.nn.core.run.RecordedPluginPath.FILE));
    // unknown plugins alone are what the line below explains: their report, with its "did you mean" of a built-in
    // (which would quietly train the run on with another plugin), only came before it
    boolean explained = e.problems().stream().allMatch(p -> p.id() == dev.nn.spi.ProblemId.UNKNOWN_PLUGIN);
    throw new CommandFailure((explained ? "" : dev.nn.core.config.ProblemReport.format(recorded, e.problems()))
        + "nn: the run was trained with " + String.join(", ", missing) + ", not installed now; give "
        + (missing.size() == 1 ? "its jar" : "their jars") + " with --plugin-path"
        + (replaced ? " (a plugin path given, by --plugin-path or NN_PLUGIN_PATH, replaces the one the run recorded in "
            + dir.resolve(dev.nn.core.run.RecordedPluginPath.FILE) + ": give every jar the run needs, or none to"
            + " use the recorded one)" : ""), e);
  }

  /** Prints a line and logs it. */
  private void say(PrintStream out, RunLog log, String line) {
    // a terminal's own wrapping would cut a number in two: lines are broken between words instead
    out.println(root.terminal() ? TerminalText.wrap(line, root.terminalColumns()) : line);
    log.line(line);
  }

  /** The command to start this run again, to paste: nn as the user ran it, each argument as a shell reads it. */
  private String again() {
    List<String> line = root.commandLineForProvenance();
    return ShellWords.nn(line.subList(1, line.size()));
  }

  private void summarize(TrainingRun.Result r, PrintStream out, RunLog log) {
    if (dev.nn.core.experiment.JvmShutdown.inProgress()) {
      // stopped as the run's files were written: its notice says the run completed and where, whole; result lines
      // printed beside it came cut at a different place each time
      return;
    }
    TrainingResult t = r.training();
    if (t.stoppedEarly()) {
      say(out, log, "stopped early after epoch " + t.last().epoch());
    }
    if (t.bestEpoch() != t.last().epoch()) {
      say(out, log, "the model keeps the weights of epoch " + t.bestEpoch() + ", the best on the validation data");
    }
    say(out, log, "run directory  " + r.directory().path());
    List<String> targets = r.model().spec().targets();
    print(out, log, "validation     ", r.validation(), targets);
    print(out, log, "test           ", r.test(), targets);
    say(out, log, "model          " + r.directory().modelFile());
  }

  /** The most targets whose figures the end of training lists one by one; more are only in the run's files. */
  static final int LISTED_TARGETS = 12;

  /**
   * A split's figures, and for a regression of several targets each target's below them, indented: up to
   * {@value #LISTED_TARGETS}. An autoencoder's 784 pixels printed 1,568 lines that buried the figure of the run.
   */
  private void print(PrintStream out, RunLog log, String label, Metrics m, List<String> targets) {
    if (m == null) {
      return;
    }
    say(out, log, label + Figures.of(m, "", true));
    if (m.byTarget().size() == targets.size() && targets.size() > LISTED_TARGETS) {
      say(out, log, "  (each of the " + dev.nn.core.text.Grouped.of(targets.size()) + " targets' figures: summary.json and"
          + " report.html in the run directory)");
    } else if (m.byTarget().size() == targets.size()) {
      for (int k = 0; k < targets.size(); k++) {
        String name = "  " + targets.get(k);
        say(out, log, name + " ".repeat(Math.max(2, label.length() - name.length()))
            + Figures.of(m.byTarget().get(k), "", false));
      }
    }
  }
}
