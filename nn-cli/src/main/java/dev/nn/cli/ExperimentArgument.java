package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The experiment file and its {@code --set} overrides, as the commands that read one experiment and train nothing
 * for keeps take them ({@code nn gradcheck}, {@code nn lr-find}, {@code nn stability}): one picocli mixin, so that
 * the three say and parse them alike.
 */
final class ExperimentArgument {
  @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml", description = "The experiment file.")
  String file;

  @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
      description = "Overrides one key of the experiment; repeatable.")
  List<String> sets = new ArrayList<>();

  /** The experiment with its overrides (see {@link Experiments#load}). */
  Experiment load(Nn nn) {
    return Experiments.load(nn, file, sets);
  }

  /**
   * Says, for an experiment with a {@code distributed} section, that {@code command} computes in this process: only
   * nn train trains on a cluster, and the section would otherwise be passed over without a word.
   */
  static void sayComputedHere(Experiment e, NnCommand root, String command) {
    if (e.distributed().isPresent()) {
      root.err().println(root.fittedErr("nn: note: " + command + " computes in this process; the experiment's"
          + " distributed section is for nn train, which alone trains on a cluster"));
    }
  }
}
