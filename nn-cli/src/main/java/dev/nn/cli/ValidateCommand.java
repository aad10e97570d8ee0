package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nn validate}: reads an experiment file and reports every problem, without training. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    header = "Checks an experiment file without training.",
    description = "Checks an experiment file as nn train does before its first epoch — its keys and values,"
        + " its plugins, that its data files exist and fit the network, that the network, a batch and the data"
        + " fit in memory, that the trainer can be built (class weights one per class), and that its output.dir"
        + " can be written — leaving nothing behind. Prints a short"
        + " summary when it is valid, or every problem, numbered, with its key, line and column.",
    footer = "%nExit codes: 0 valid, 2 invalid (or missing).")
final class ValidateCommand implements Callable<Integer> {
  private final NnCommand root;

  @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml", description = "The experiment file.")
  String experiment;

  @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
      description = "Overrides one key of the experiment before checking; repeatable.")
  List<String> sets = new ArrayList<>();

  ValidateCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    Nn nn = root.nn();
    Experiment e = Failures.readingConfig(experiment, () -> Experiments.load(nn, experiment, sets));
    // the checks nn train makes before its first epoch: data files, their columns against the layers, memory, the
    // trainer's parts
    java.util.Optional<String> network = Failures.readingConfig(experiment,
        () -> nn.check(e, note -> root.err().println("nn: " + note)));
    OutputFile.checkWritable("the run directory", nn.outputDirectory(e, TrainingRun.Options.defaults()));
    root.out().println(root.fitted(experiment + " is valid"));
    // each line folded between words on a narrow terminal, as every command's are
    e.summary().lines().forEach(line -> root.out().println(root.fitted(line)));
    // the widths an auto layer takes from the data, as training will print them
    network.ifPresent(n -> root.out().println(root.fitted("  network    " + n.replaceFirst("^network ", ""))));
    if (e.distributed().isPresent()) {
      // the checks above that read the data are made by nn train once Spark has started
      root.out().println(root.fitted("  data       its files are there; read, and checked against the network, when"
          + " nn train starts Spark"));
    }
    return Main.OK;
  }
}
