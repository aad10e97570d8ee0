package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Standardizer;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.network.Network;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The model a fine-tuning starts from ({@code network.weights-from}). Its weights and biases replace the
 * initializer's draw, and its standardization of the inputs (and targets) replaces the one a run would fit on its own
 * training split: the weights then see the new rows as they saw the rows they were trained on. So the run must read
 * the same features, targets and classes, in the same order, and build the same layers and ties; anything else is
 * refused before training, naming the model file and what differs.
 */
final class StartingModel {
  private static final String KEY = "network.weights-from";

  private final Path file;
  private final ModelSpec spec;
  private final double[] params;

  private StartingModel(Path file, Model.Stored contents) {
    this.file = file;
    this.spec = contents.spec();
    this.params = contents.params();
  }

  /**
   * The model the experiment starts from, read from its file, or empty when its weights are drawn.
   *
   * @throws dev.nn.core.model.ModelFormatException naming the file when it is missing or not a model file
   */
  static Optional<StartingModel> of(Experiment experiment) {
    return experiment.network().weightsFrom().map(ref -> new StartingModel(ref.resolved(),
        Model.readStored(ref.resolved())));
  }

  /** The model file, which the run reads as it reads its data (its SHA-256 is recorded with theirs). */
  Path file() {
    return file;
  }

  /**
   * The run's input standardizer: the model's, when the experiment standardizes as the model did.
   *
   * @throws ConfigException when one standardizes and the other does not
   */
  Standardizer inputScaler(boolean standardize) {
    boolean standardized = spec.means() != null;
    if (standardized != standardize) {
      throw refused(ProblemId.OUT_OF_RANGE, "the model " + file + (standardized ? " standardizes" : " does not"
          + " standardize") + " its inputs, and the experiment says data.standardize: " + standardize + "; a"
          + " fine-tuning keeps the model's standardization (its means and scales)", "data.standardize: "
          + standardized);
    }
    return standardized ? Standardizer.of(spec.means(), spec.scales()) : null;
  }

  /**
   * The run's target standardizer: the model's, when the experiment standardizes targets as the model did.
   *
   * @throws ConfigException when one standardizes targets and the other does not
   */
  Standardizer targetScaler(boolean standardizeTargets) {
    boolean standardized = spec.targetMeans() != null;
    if (standardized != standardizeTargets) {
      throw refused(ProblemId.OUT_OF_RANGE, "the model " + file + (standardized ? " standardizes" : " does not"
          + " standardize") + " its targets, and the experiment says data.standardize-targets: " + standardizeTargets
          + "; a fine-tuning keeps the model's standardization", "data.standardize-targets: " + standardized);
    }
    return standardized ? Standardizer.of(spec.targetMeans(), spec.targetScales()) : null;
  }

  /**
   * Checks that the training split holds the model's features, targets and classes, in its order.
   *
   * @throws ConfigException naming the first difference
   */
  void checkData(Dataset train) {
    same("features", spec.features(), train.featureNames());
    same("targets", spec.targets(), train.targetNames());
    same("classes", spec.classes(), train.classLabels());
  }

  private void same(String what, List<String> model, List<String> data) {
    if (model.equals(data)) {
      return;
    }
    int at = 0;
    while (at < Math.min(model.size(), data.size()) && model.get(at).equals(data.get(at))) {
      at++;
    }
    String difference = at < Math.min(model.size(), data.size())
        ? "number " + (at + 1) + " is \"" + model.get(at) + "\" in the model and \"" + data.get(at) + "\" in the data"
        : "the model has " + model.size() + " and the data " + data.size();
    throw refused(ProblemId.SHAPE_MISMATCH, "the model " + file + " was trained on other " + what + " than the"
        + " experiment's data reads: " + difference, "a model trained on the same " + what + ", in the same order");
  }

  /**
   * Sets the network's weights and biases to the model's.
   *
   * @throws ConfigException when the network's layers or ties differ from the model's
   */
  void load(Network network) {
    int[] widths = network.widths();
    if (!Arrays.equals(widths, spec.widths())) {
      throw refused(ProblemId.SHAPE_MISMATCH, "the model " + file + " has layers " + dashed(spec.widths())
          + ", and the experiment's network " + dashed(widths), "a model of the experiment's layers, "
          + dashed(widths));
    }
    int[] slots = network.parameters().structure().isDense() ? null : network.parameters().structure().slotMap();
    if (!Arrays.equals(slots, spec.slotOf()) || params.length != network.parameters().size()) {
      throw refused(ProblemId.SHAPE_MISMATCH, "the model " + file + " ties its weights otherwise than the"
          + " experiment's network.ties", "a model of the same ties");
    }
    network.parameters().load(params);
  }

  private static String dashed(int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int w : widths) {
      b.append(b.length() == 0 ? "" : "-").append(w);
    }
    return b.toString();
  }

  private static ConfigException refused(ProblemId id, String message, String allowed) {
    return new ConfigException(ConfigProblem.of(id, KEY, message, allowed));
  }
}
