package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.LearningRateRange;
import dev.nn.core.text.Significant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn lr-find}: the learning-rate range test on the experiment's network, as initialised for training
 * ({@link LearningRateRange}): the loss of each update at rates growing from {@code --from} to {@code --to}, and
 * a suggested rate.
 */
@Command(name = "lr-find", mixinStandardHelpOptions = true,
    header = "Suggests a learning rate: the loss at rates growing from tiny to too large.",
    description = "Takes updates of the experiment's network, as initialised for training, with its optimizer, batch"
        + " size and loss, at learning rates growing geometrically from --from to --to, and prints how the loss"
        + " went: it falls while the rate is useful and climbs once it is too large, where the test stops (the"
        + " smoothed loss past 4 times its lowest). Suggests a tenth of the rate where the smoothed loss was"
        + " lowest. The experiment's schedule, warm-up and early stopping play no part. Nothing is written but"
        + " --csv.",
    footer = "%nExit codes: 0 the test ran, 2 invalid experiment, data or range.")
final class LrFindCommand implements Callable<Integer> {
  /** How many of the steps the table shows, at most (evenly spaced, and the last). */
  private static final int ROWS = 12;

  private final NnCommand root;

  @Spec
  CommandSpec spec;

  @Mixin
  ExperimentArgument experiment;

  @Option(names = "--from", paramLabel = "RATE", defaultValue = "1e-7",
      description = "The rate of the first update (default: ${DEFAULT-VALUE}).")
  double from;

  @Option(names = "--to", paramLabel = "RATE", defaultValue = "10",
      description = "The rate of the last update (default: ${DEFAULT-VALUE}).")
  double to;

  @Option(names = "--updates", paramLabel = "N", defaultValue = "100",
      description = "How many updates at most (default: ${DEFAULT-VALUE}).")
  int updates;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Also writes every update's rate, loss and smoothed loss to this CSV file; replaced"
          + " atomically. Its folder must exist, and it must not be the experiment or one of its data files.")
  Path csv;

  LrFindCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    if (!(from > 0) || Double.isInfinite(from) || !(to > from) || Double.isInfinite(to)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from and --to must be finite with 0 < --from"
          + " < --to, found " + from + " and " + to);
    }
    if (updates < 2) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--updates must be >= 2, found " + updates);
    }
    if (csv != null) {
      OutputFile.check("--csv", csv, Map.of("the experiment", Path.of(experiment.file)));
    }
    Nn nn = root.nn();
    LearningRateRange.Result result = Failures.readingConfig(experiment.file, () -> {
      Experiment e = experiment.load(nn);
      ExperimentArgument.sayComputedHere(e, root, "nn lr-find");
      if (csv != null) {
        OutputFile.checkAgainst("--csv", csv, "a data file of " + experiment.file, e.dataFiles());
      }
      LearningRateRange test = nn.learningRateRange(e);
      root.out().println(root.fitted(test.describe(from, to, updates)));
      return test.run(from, to, updates);
    });
    printTable(result.steps());
    if (result.stopped() != null) {
      root.out().println(root.fitted("stopped: " + result.stopped()));
    }
    if (result.steps().isEmpty()) {
      root.out().println(root.fitted("no update had a finite loss; start from a smaller --from"));
    } else {
      root.out().println(root.fitted("suggested learning rate " + Significant.of(result.suggested(), 3)
          + ": a tenth of " + Significant.of(result.lowest(), 3) + ", where the smoothed loss was lowest"));
      List<LearningRateRange.Step> steps = result.steps();
      if (result.stopped() == null && result.lowest() == steps.get(steps.size() - 1).rate()) {
        root.out().println(root.fitted("the loss was still falling at --to " + Significant.of(to, 3)
            + ": a larger --to may find a larger rate"));
      }
    }
    if (csv != null) {
      result.writeCsv(csv);
      root.out().println(root.fitted("written to " + csv));
    }
    return Main.OK;
  }

  private void printTable(List<LearningRateRange.Step> steps) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("update", "learning rate", "loss", "smoothed loss"));
    int every = Math.max(1, (steps.size() + ROWS - 1) / ROWS);
    for (int i = 0; i < steps.size(); i++) {
      if (i % every == 0 || i == steps.size() - 1) {
        LearningRateRange.Step s = steps.get(i);
        rows.add(List.of(Integer.toString(s.update()), Significant.of(s.rate(), 3), Figures.sixDigits(s.loss()),
            Figures.sixDigits(s.smoothed())));
      }
    }
    root.out().print(TextTable.of(rows, root.terminal() ? root.terminalColumns() : Integer.MAX_VALUE));
  }
}
