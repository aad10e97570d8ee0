package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.run.RecordedPluginPath;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.TrainingResult;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        + " checkpoints, model.nnm, provenance.yaml and report.html.",
    customSynopsis = {"nn train [OPTIONS] EXPERIMENT.yaml [--set KEY.PATH=VALUE]... [--output DIR]",
        "   or: nn train [OPTIONS] --resume RUN_DIR [--allow-changed-data]"},
    footer = {"%nWhen the output is a terminal, a progress bar fitted to its width shows the epoch, batch (or"
        + " validating), running loss, samples/s, elapsed time and ETA; when the output is piped, or with --plain,"
        + " one line is printed per epoch.",
        "Ctrl-C or SIGTERM stops training; nn then says where the last checkpoint is and how to resume"
            + " (nn train --resume RUN_DIR).",
        "Exit codes: 0 trained, 2 invalid experiment or data, an unusable run directory, a run that finished"
            + " already or is being trained by another process, 3 training diverged (the checkpoints of the epochs"
            + " before are kept); 130 after Ctrl-C, 143 after SIGTERM. With --sweep: 0 when every point completed,"
            + " 3 when one diverged, else 2 when one failed."})
final class TrainCommand implements Callable<Integer> {
  private final NnCommand root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT.yaml",
      description = "The experiment file; omitted with --resume.")
  String experiment;

  @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
      description = "Overrides one key of the experiment, e.g. optimizer.learning-rate=0.1 or"
          + " network.layers[1].units=32; repeatable, the last of one key wins.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--output", paramLabel = "DIR",
      description = "The directory that receives the run directory (default: the experiment's output.dir);"
          + " created if missing, in a folder that exists.")
  Path output;

  @Option(names = "--resume", paramLabel = "RUN_DIR",
      description = "Continues an interrupted run from its newest intact checkpoint (or from the start, when it"
          + " was stopped before its first), with the experiment it recorded, and the plugin path it recorded"
          + " unless --plugin-path or NN_PLUGIN_PATH gives one.")
  Path resume;

  @Option(names = "--allow-changed-data",
      description = "With --resume: continues although a data file changed since the run started (its SHA-256"
          + " differs from the one provenance.yaml recorded); the provenance records it.")
  boolean allowChangedData;

  @Option(names = "--sweep", paramLabel = "KEY.PATH=V1,V2,...",
      description = "Trains one run per value, e.g. optimizer.learning-rate=0.1,0.03,0.01; repeatable: every"
          + " combination of the values is trained in turn, and the results are tabled in"
          + " <output>/<name>-sweep-<time>/sweep.md and sweep.csv. Values are split on the commas outside"
          + " brackets and quotes, so [64,32] is one value.")
  List<String> sweeps = new ArrayList<>();

  @Option(names = "--plain", description = "Prints one line per epoch and no progress bar, even on a terminal.")
  boolean plain;

  TrainCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    if (resume != null && !sweeps.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--sweep trains new runs and cannot be combined"
          + " with --resume; resume each interrupted run of a sweep by itself");
    }
    if (resume != null && (experiment != null || !sets.isEmpty() || output != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--resume continues a run with the experiment it"
          + " recorded; give no EXPERIMENT.yaml, --set or --output with it");
    }
    if (allowChangedData && resume == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--allow-changed-data applies to --resume only: a"
          + " new run records the data it reads");
    }
    if (resume == null && experiment == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Missing required parameter: 'EXPERIMENT.yaml' (or --resume RUN_DIR)");
    }
    if (output != null) {
      OutputFile.checkDirectory("--output", output);
    }
    if (!sweeps.isEmpty()) {
      return new SweepRunner(root, experiment, sets, output, this::trainNew).run(sweeps);
    }
    PrintStream out = root.out();
    List<Path> recordedPluginPath = List.of();
    if (resume != null && root.pluginPathEntries().isEmpty()) {
      // the run's own plugins, unless the command gives a plugin path, which then replaces the recorded one
      recordedPluginPath = RecordedPluginPath.read(resume);
      root.pluginPathIfNoneGiven(recordedPluginPath);
    }
    Nn nn = root.nn();
    TrainingRun.Result result;
    try (EpochLines lines = new EpochLines(out, root.terminal() && !plain ? new ProgressBar(out, root::terminalColumns)
        : null)) {
      PrintStream err = root.err();
      TrainingRun.Options options = new TrainingRun.Options(output, null, root.commandLineForProvenance(),
          List.of(lines), Nn.version()).allowingChangedData(allowChangedData)
          .withNotices(notice -> err.println("nn: " + notice));
      if (resume != null) {
        out.println("resuming " + resume);
        if (!recordedPluginPath.isEmpty()) {
          out.println("with the plugin path the run recorded: " + Printable.of(
              String.join(File.pathSeparator, recordedPluginPath.stream().map(Path::toString).toList())));
        }
        String recorded = resume.resolve(RunDirectory.EXPERIMENT).toString();
        InterruptionNotice notice = InterruptionNotice.resuming(resume, root.err(), root.terminal());
        try {
          result = Failures.readingConfig(recorded, () -> nn.resume(resume, options));
        } finally {
          notice.close();
        }
      } else {
        Experiment e = Failures.readingConfig(experiment, () -> Experiments.load(nn, experiment, sets));
        out.println("training " + e.name() + " from " + experiment);
        Path into = nn.outputDirectory(e, options);
        InterruptionNotice notice = InterruptionNotice.training(into, e.name(), again(), root.err(), root.terminal());
        try {
          result = Failures.readingConfig(experiment, () -> nn.train(e, options));
        } finally {
          notice.close();
        }
      }
    }
    summarize(result, out);
    return Main.OK;
  }

  /** Trains a new run of the experiment with {@code overrides} and prints its result: one point of a sweep. */
  private TrainingRun.Result trainNew(List<String> overrides) {
    PrintStream out = root.out();
    Nn nn = root.nn();
    TrainingRun.Result result;
    try (EpochLines lines = new EpochLines(out, root.terminal() && !plain ? new ProgressBar(out, root::terminalColumns)
        : null)) {
      PrintStream err = root.err();
      List<String> commandLine = SweepRunner.pointCommandLine(root.commandLineForProvenance(),
          overrides.subList(sets.size(), overrides.size()));
      TrainingRun.Options options = new TrainingRun.Options(output, null, commandLine, List.of(lines), Nn.version())
          .withNotices(notice -> err.println("nn: " + notice));
      Experiment e = Failures.readingConfig(experiment, () -> Experiments.load(nn, experiment, overrides));
      out.println("training " + e.name() + " from " + experiment);
      Path into = nn.outputDirectory(e, options);
      InterruptionNotice notice = InterruptionNotice.training(into, e.name(), String.join(" ", commandLine),
          root.err(), root.terminal());
      try {
        result = Failures.readingConfig(experiment, () -> nn.train(e, options));
      } finally {
        notice.close();
      }
    }
    summarize(result, out);
    return result;
  }

  /** This command line, to start a run again that was interrupted before it could be resumed. */
  private String again() {
    return String.join(" ", root.commandLineForProvenance());
  }

  private static void summarize(TrainingRun.Result r, PrintStream out) {
    TrainingResult t = r.training();
    if (t.stoppedEarly()) {
      out.println("stopped early after epoch " + t.last().epoch());
    }
    if (t.bestEpoch() != t.last().epoch()) {
      out.println("the model keeps the weights of epoch " + t.bestEpoch() + ", the best on the validation data");
    }
    out.println("run directory  " + r.directory().path());
    print(out, "validation     ", r.validation());
    print(out, "test           ", r.test());
    out.println("model          " + r.directory().modelFile());
  }

  private static void print(PrintStream out, String label, Metrics m) {
    if (m != null) {
      out.println(label + Figures.of(m, "", true));
    }
  }
}
