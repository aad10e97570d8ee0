package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.check.GradientCheck;
import dev.nn.core.experiment.ExperimentGradientCheck;
import dev.nn.core.config.Experiment;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn gradcheck}: compares backpropagation's gradient with central finite differences on the
 * experiment's own network, initialised as for training, and its first training samples.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
    header = "Checks backpropagation against finite differences.",
    description = "Checks backpropagation on the experiment's network: its gradient of the objective (mean loss"
        + " plus the l2 term) on the first training samples, against central finite differences, for every"
        + " parameter.",
    footer = "%nExit codes: 0 the check passed, 1 it failed (the report names the worst parameters), 2 invalid"
        + " experiment or data.")
final class GradcheckCommand implements Callable<Integer> {
  private final NnCommand root;

  @Spec
  CommandSpec spec;

  @Mixin
  ExperimentArgument experiment;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "4",
      description = "How many training samples form the batch (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Also writes every parameter's value and its backpropagated gradient to this CSV file"
          + " (columns parameter, value, gradient), whether the check passes or not; replaced atomically. Its"
          + " folder must exist, and it must not be the experiment or one of its data files.")
  Path csv;

  GradcheckCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    if (samples < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be >= 1, found " + samples);
    }
    if (csv != null) {
      OutputFile.check("--csv", csv, Map.of("the experiment", Path.of(experiment.file)));
    }
    Nn nn = root.nn();
    ExperimentGradientCheck[] checked = new ExperimentGradientCheck[1];
    GradientCheck.Result result = Failures.readingConfig(experiment.file, () -> {
      Experiment e = experiment.load(nn);
      ExperimentArgument.sayComputedHere(e, root, "nn gradcheck");
      if (csv != null) {
        OutputFile.checkAgainst("--csv", csv, "a data file of " + experiment.file, e.dataFiles());
      }
      ExperimentGradientCheck check = nn.gradientCheck(e);
      checked[0] = check;
      root.out().println(root.fitted(check.describe(samples)));
      // two forward passes a parameter: a network of many takes minutes, and says how far it is
      DoneCount progress = new DoneCount(root.out(), root.drawsInPlace(), root::terminalColumns, check.parameters(),
          "gradient check",
          "parameters");
      try {
        return check.run(samples, progress);
      } finally {
        progress.erase();
      }
    });
    root.out().println(root.fitted(result.report()));
    if (csv != null) {
      checked[0].writeGradient(csv, samples);
      root.out().println(root.fitted("every parameter's value and gradient written to " + csv));
    }
    return result.passed() ? Main.OK : Main.FAILED;
  }
}
