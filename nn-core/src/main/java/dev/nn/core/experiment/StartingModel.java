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
import java.util.Map;
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
    return experiment.network().weightsFrom().map(ref -> new StartingModel(ref.resolved(), read(ref.resolved())));
  }

  private static Model.Stored read(Path file) {
    try {
      return Model.readStored(file);
    } catch (dev.nn.core.model.ModelFormatException e) {
      // the file's problem, and whose file it is: a resume needs it too (its standardization)
      throw new dev.nn.core.model.ModelFormatException(file, e.getMessage().substring(file.toString().length() + 2)
          + "; " + KEY + " names it, the model the run starts from (its weights and standardization): restore it, or"
          + " name another", e);
    }
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
   * Checks that the training split's features are the model's, in its order: before the model's standardizer, which
   * would otherwise meet another number of features.
   *
   * @throws ConfigException naming the first difference
   */
  void checkFeatures(Dataset train) {
    same("features", spec.features(), train.featureNames());
  }

  /**
   * Checks that the training split's targets and classes are the model's, in its order, as the network reads them
   * (an autoencoder's targets are its inputs).
   *
   * @throws ConfigException naming the first difference
   */
  void checkTargets(Dataset train) {
    same("targets", spec.targets(), train.targetNames());
    same("classes", spec.classes(), train.classLabels());
  }

  private void same(String what, List<String> model, List<String> data) {
    if (model.equals(data)) {
      return;
    }
    List<String> lacking = model.stream().filter(n -> !data.contains(n)).toList();
    List<String> extra = data.stream().filter(n -> !model.contains(n)).toList();
    String difference;
    if (!lacking.isEmpty() || !extra.isEmpty()) {
      // by name: a one-hot column's category the new rows lack ("species=2") says what to do
      difference = (lacking.isEmpty() ? "" : "the data lacks " + quoted(lacking))
          + (lacking.isEmpty() || extra.isEmpty() ? "" : ", and ")
          + (extra.isEmpty() ? "" : "the data has " + quoted(extra) + ", which the model lacks");
    } else {
      int at = 0;
      while (model.get(at).equals(data.get(at))) {
        at++;
      }
      difference = "in another order: number " + (at + 1) + " is \"" + model.get(at) + "\" in the model and \""
          + data.get(at) + "\" in the data";
    }
    throw refused(ProblemId.SHAPE_MISMATCH, "the model " + file + " was trained on other " + what + " than the"
        + " experiment's data reads: " + difference, "a model trained on the same " + what + ", in the same order");
  }

  /** "\"a\", \"b\"", at most five names and a count of the rest. */
  private static String quoted(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(5, names.size()); i++) {
      b.append(i == 0 ? "" : ", ").append('"').append(dev.nn.core.text.Excerpt.of(names.get(i))).append('"');
    }
    return b + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
  }

  /**
   * Checks that the network's activations are the model's, layer by layer: its weights were trained for them. (The
   * loss may differ: it only seeds the gradient the weights move by.)
   *
   * @param names the experiment's activation names for layers 1 … L+1
   * @throws ConfigException naming the first layer that differs
   */
  void checkActivations(List<String> names) {
    for (int l = 0; l < Math.min(names.size(), spec.activations().size()); l++) {
      String model = spec.activations().get(l).name();
      if (!model.equals(names.get(l))) {
        throw refused(ProblemId.SHAPE_MISMATCH, "the model " + file + " was trained with the activation " + model
            + " on layers[" + (l + 1) + "], and the experiment's network has " + names.get(l) + " there", "network."
            + "layers[" + (l + 1) + "].activation: " + model + ", or a model trained with " + names.get(l));
      }
    }
  }

  /**
   * A note for a run whose validation or test rows are drawn from {@code data.train}: unless the model's own run held
   * out the same rows (its run directory's experiment.yaml has the same data section and split seed), the model may
   * have trained on some of them, and their figures are then optimistic. Empty when that run held out the same rows.
   */
  Optional<String> heldOutNote(Experiment experiment) {
    Path source = file.getParent() == null ? null : file.getParent().resolve(dev.nn.core.run.RunDirectory.EXPERIMENT);
    if (source != null && java.nio.file.Files.isRegularFile(source)) {
      try {
        Map<?, ?> was = yaml(java.nio.file.Files.readString(source));
        Map<?, ?> now = yaml(dev.nn.core.config.ExperimentWriter.write(experiment));
        if (java.util.Objects.equals(was.get("data"), now.get("data")) && splitSeed(was).equals(splitSeed(now))) {
          return Optional.empty();
        }
      } catch (java.io.IOException | RuntimeException unreadable) {
        // not the run directory of a readable experiment: the note stands
      }
    }
    return Optional.of("the validation and test rows are drawn from data.train by this run's split, and the model "
        + file + " may have trained on some of them, which makes their figures optimistic; its own run held out the"
        + " same rows only with the same data section and seed (or data.split-seed)");
  }

  private static Map<?, ?> yaml(String text) {
    Object tree = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
        new org.yaml.snakeyaml.LoaderOptions())).load(text);
    return tree instanceof Map<?, ?> m ? m : Map.of();
  }

  /** data.split-seed when written, else the seed, which then draws the split. */
  private static String splitSeed(Map<?, ?> experiment) {
    Object data = experiment.get("data");
    Object splitSeed = data instanceof Map<?, ?> d ? d.get("split-seed") : null;
    return String.valueOf(splitSeed != null ? splitSeed : experiment.get("seed"));
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
