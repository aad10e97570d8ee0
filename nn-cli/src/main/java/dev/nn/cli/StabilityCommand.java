package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.stability.StabilityException;
import dev.nn.core.stability.StabilityOptions;
import dev.nn.core.stability.StabilityResult;
import dev.nn.core.stability.StabilityStudy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nn stability}: the lecture's claim that SGD is stable, measured on an experiment. A thin shell over
 * {@link StabilityStudy}: it parses the options, runs the study and prints its summary.
 */
@Command(name = "stability", mixinStandardHelpOptions = true,
    header = "Measures how far two runs one training sample apart drift.",
    description = "Trains pairs of runs of the experiment that share every random choice (initial weights, shuffle"
        + " order by position) but differ in one training sample, replaced by a held-out row (from the validation"
        + " split, else the test split). Records per epoch the parameter distance ‖w − w′‖ (absolute and relative),"
        + " the two runs' loss difference on the replaced sample and on the test split, and each run's"
        + " generalisation gap. For logistic regression trained by plain SGD at batch size 1 it also gives the"
        + " bound (2L/n)·Σα_t of Hardt, Recht & Singer (2016) on the mean distance, or says why it does not apply."
        + " Writes <name>-stability-<timestamp>/ with stability.jsonl, stability.csv and stability.html.",
    footer = "%nExit codes: 0 done, 2 invalid experiment, data or option (no held-out row, --replace outside the"
        + " training split, --pairs below 1), 3 a run diverged.")
final class StabilityCommand implements Callable<Integer> {
  private final NnCommand root;

  @Mixin
  ExperimentArgument experiment;

  @Option(names = "--pairs", paramLabel = "N", defaultValue = "5",
      description = "How many pairs of runs (default: ${DEFAULT-VALUE}).")
  int pairs;

  @Option(names = "--replace", paramLabel = "INDEX|random", defaultValue = "random",
      description = "The position in the training split of the sample each pair replaces, or random: one drawn per"
          + " pair from the experiment's seed (default: ${DEFAULT-VALUE}).")
  String replace;

  @Option(names = "--replace-with", paramLabel = "held-out|self", defaultValue = "held-out",
      description = "What takes its place: a held-out row, or the sample itself — a control whose runs must stay"
          + " identical (default: ${DEFAULT-VALUE}).")
  String replaceWith;

  @Option(names = "--every", paramLabel = "K", defaultValue = "0",
      description = "Also record every K updates, not only at epoch ends (default: epoch ends only).")
  int every;

  @Option(names = "--output", paramLabel = "DIR",
      description = "The directory that receives the study's folder (default: the experiment's output.dir).")
  Path output;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  StabilityCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    if (output != null) {
      // as nn train's: a typed folder is created, its parents are not, so that a typo is refused rather than built
      OutputFile.checkDirectory("--output", output);
    }
    StabilityOptions options;
    try {
      options = new StabilityOptions(pairs, replaceIndex(), every, self(), output);
    } catch (StabilityException e) {
      // an option out of range is a usage error: it says where the options are told, as every command's does
      throw new CommandFailure("nn: " + e.getMessage() + "; see nn stability --help", e);
    }
    Nn nn = root.nn();
    StabilityResult result = Failures.readingConfig(experiment.file, () -> {
      Experiment e = experiment.load(nn);
      ExperimentArgument.sayComputedHere(e, root, "nn stability");
      try {
        // a pair's runs take as long as two runs of nn train: a line as each pair is done
        return nn.stability(e).run(options, line -> root.out().println(root.fitted(line)));
      } catch (StabilityException failure) {
        throw new CommandFailure("nn: " + experiment.file + ": " + failure.getMessage(), failure);
      }
    });
    root.out().print(root.fitted(result.summary()));
    return Main.OK;
  }

  private int replaceIndex() {
    if (replace.equals("random")) {
      return StabilityOptions.RANDOM;
    }
    try {
      int index = Integer.parseInt(replace);
      if (index >= 0) {
        return index;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with what is allowed
    }
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--replace must be a position in the"
        + " training split (0, 1, …) or random, found \"" + replace + "\"");
  }

  private boolean self() {
    if (replaceWith.equals("self") || replaceWith.equals("held-out")) {
      return replaceWith.equals("self");
    }
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--replace-with must be held-out or self,"
        + " found \"" + replaceWith + "\"");
  }
}
