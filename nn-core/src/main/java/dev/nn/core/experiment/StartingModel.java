package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Standardizer;
import dev.nn.core.io.YamlFields;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.network.Network;
import dev.nn.core.run.Provenance;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.run.RunFileException;
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
          + "; " + KEY + " names it as the model the run starts from (its weights and standardization): a new run"
          + " names an intact nn model file (a run directory's model.nnm); a run that started from it resumes only"
          + " with that file back as it was", e);
    }
  }

  /** The model file, which the run reads as it reads its data (its SHA-256 is recorded with theirs). */
  Path file() {
    return file;
  }

  /** The run's input standardizer: the model's, or {@code null} when it does not standardize (see {@link #checkData}). */
  Standardizer inputScaler() {
    return spec.means() == null ? null : Standardizer.of(spec.means(), spec.scales());
  }

  /** The run's target standardizer: the model's, or {@code null} when it does not standardize its targets. */
  Standardizer targetScaler() {
    return spec.targetMeans() == null ? null : Standardizer.of(spec.targetMeans(), spec.targetScales());
  }

  /**
   * Checks, before the model's standardizer meets them, that the training split holds the model's features, targets
   * and classes in its order, and that the experiment standardizes inputs and targets as the model did: every
   * difference at once, so that one round of edits mends them.
   *
   * With {@code activations}, also {@link #checkActivations} with them, in the same report (a fine-tuning refused for
   * its data said nothing of its activations, which the next try met).
   *
   * @param targets the targets as the network reads them (an autoencoder's are its inputs)
   * @param classes the classes as the network reads them (an autoencoder has none)
   * @param activations the experiment's activations for layers 1 … L+1, or {@code null} to check them later
   * @throws ConfigException naming each difference
   */
  void checkData(Dataset train, List<String> targets, List<String> classes, boolean standardize,
      boolean standardizeTargets, List<dev.nn.core.model.PluginUse> activations) {
    List<ConfigProblem> problems = new java.util.ArrayList<>();
    same("features", spec.features(), train.featureNames(), problems);
    same("targets", spec.targets(), targets, problems);
    same("classes", spec.classes(), classes, problems);
    boolean standardized = spec.means() != null;
    if (standardized != standardize) {
      problems.add(problem(ProblemId.OUT_OF_RANGE, "the model " + file + (standardized ? " standardizes" : " does not"
          + " standardize") + " its inputs, and the experiment says data.standardize: " + standardize + "; a"
          + " fine-tuning keeps the model's standardization (its means and scales)", "data.standardize: "
          + standardized));
    }
    boolean targetsStandardized = spec.targetMeans() != null;
    if (targetsStandardized != standardizeTargets) {
      problems.add(problem(ProblemId.OUT_OF_RANGE, "the model " + file + (targetsStandardized ? " standardizes"
          : " does not standardize") + " its targets, and the experiment says data.standardize-targets: "
          + standardizeTargets + "; a fine-tuning keeps the model's standardization", "data.standardize-targets: "
          + targetsStandardized));
    }
    if (activations != null) {
      problems.addAll(activationProblems(activations));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private void same(String what, List<String> model, List<String> data, List<ConfigProblem> problems) {
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
    problems.add(problem(ProblemId.SHAPE_MISMATCH, "the model " + file + " was trained on other " + what + " than the"
        + " experiment's data reads: " + difference, "a model trained on the same " + what + ", in the same order"));
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
   * Checks that the network's activations are the model's, layer by layer, settings included: its weights were
   * trained for them. (The loss may differ: it only seeds the gradient the weights move by.)
   *
   * @param uses the experiment's activations for layers 1 … L+1, as a model file records them
   * @throws ConfigException naming every layer that differs
   */
  void checkActivations(List<dev.nn.core.model.PluginUse> uses) {
    List<ConfigProblem> problems = activationProblems(uses);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** A problem for each layer whose activation (or its settings) is not the model's. */
  private List<ConfigProblem> activationProblems(List<dev.nn.core.model.PluginUse> uses) {
    List<ConfigProblem> problems = new java.util.ArrayList<>();
    for (int l = 0; l < Math.min(uses.size(), spec.activations().size()); l++) {
      dev.nn.core.model.PluginUse model = spec.activations().get(l);
      dev.nn.core.model.PluginUse now = uses.get(l);
      if (!model.name().equals(now.name()) || !numbersAsDoubles(model.settings()).equals(
          numbersAsDoubles(now.settings()))) {
        problems.add(problem(ProblemId.SHAPE_MISMATCH, "the model " + file + " was trained with the activation "
            + described(model) + " on layers[" + (l + 1) + "], and the experiment's network has " + described(now)
            + " there", "network.layers[" + (l + 1) + "].activation: " + described(model) + ", or a model trained"
            + " with " + described(now)));
      }
    }
    return problems;
  }

  /** "relu", or "leaky-relu {slope: 0.1}". */
  private static String described(dev.nn.core.model.PluginUse use) {
    if (use.settings().isEmpty()) {
      return use.name();
    }
    StringBuilder b = new StringBuilder(use.name()).append(" {");
    String sep = "";
    for (Map.Entry<String, Object> e : new java.util.TreeMap<>(use.settings()).entrySet()) {
      b.append(sep).append(e.getKey()).append(": ").append(e.getValue());
      sep = ", ";
    }
    return b.append('}').toString();
  }

  /** Settings with every number as a double: 1 and 1.0 are one setting. */
  private static Map<String, Object> numbersAsDoubles(Map<String, Object> settings) {
    Map<String, Object> out = new java.util.TreeMap<>();
    settings.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.doubleValue() : v));
    return out;
  }

  /**
   * A note for a run that holds out rows of {@code data.train} the model may have trained on: said unless every row
   * this run holds out was held out by the run that made the model — the same training file (by SHA-256) or generator,
   * and its {@code held-out-rows.csv} — and, for a model that was itself fine-tuned, by the runs before it.
   *
   * @param heldOut the rows this run holds out, numbered as the training source numbers its rows
   */
  Optional<String> heldOutNote(Experiment experiment, HeldOutRows heldOut, boolean validationSplit,
      boolean testSplit) {
    if (heldOut.none() || heldOutBy(file, TrainingRows.of(experiment), heldOut, 0)) {
      return Optional.empty();
    }
    String rows = validationSplit && testSplit ? "validation and test rows are" : validationSplit ? "validation rows are"
        : "test rows are";
    return Optional.of("the " + rows + " drawn from data.train by this run's split, and the model " + file + " may"
        + " have trained on some of them, which makes their figures optimistic; the rows its own run held out (its"
        + " held-out-rows.csv) are held out again with the same data and split seed (data.split-seed)");
  }

  /** How many fine-tunings back the rows are followed: a longer chain is taken as unknown. */
  private static final int DEEPEST = 10;

  /** Whether the run that made {@code model} (and every run its weights came from) held out all of {@code rows}. */
  private static boolean heldOutBy(Path model, TrainingRows training, HeldOutRows rows, int depth) {
    Path run = model.getParent();
    if (depth > DEEPEST || run == null) {
      return false;
    }
    try {
      YamlFields experiment = YamlFields.read(run.resolve(RunDirectory.EXPERIMENT), RunFileException::new);
      if (!training.sameAsIn(run, experiment) || !rows.allIn(HeldOutRows.readFrom(run))) {
        return false;
      }
      YamlFields network = experiment.fields("network");
      return network.isNull("weights-from")
          || heldOutBy(Path.of(network.string("weights-from")), training, rows, depth + 1);
    } catch (java.io.IOException | RuntimeException unreadable) {
      // not a run directory nn wrote, or one it cannot read: the rows are unknown
      return false;
    }
  }

  /**
   * What tells this run's training rows: the SHA-256s of a csv or idx source's files (hashed once, however long the
   * chain of runs compared), or a generator's settings as written (its rows are its settings' and the seed's).
   */
  private record TrainingRows(java.util.Set<String> sha256s, Map<String, Object> generator) {
    static TrainingRows of(Experiment experiment) {
      dev.nn.core.config.SourceSpec train = experiment.data().train();
      List<dev.nn.core.config.PathRef> files = train instanceof dev.nn.core.config.SourceSpec.Csv csv
          ? List.of(csv.path()) : train instanceof dev.nn.core.config.SourceSpec.Idx idx
              ? java.util.stream.Stream.concat(idx.images().stream(), idx.labels().stream()).toList() : null;
      if (files == null) {
        String written = dev.nn.core.config.ExperimentWriter.write(experiment);
        return new TrainingRows(null, YamlFields.parse(Path.of(RunDirectory.EXPERIMENT), RunDirectory.EXPERIMENT,
            written, RunFileException::new).fields("data").settings("train"));
      }
      java.util.Set<String> hashes = new java.util.HashSet<>();
      files.forEach(f -> hashes.add(dev.nn.core.io.Sha256.of(f.resolved())));
      return new TrainingRows(hashes, null);
    }

    /** Whether the run in {@code run}, of {@code experiment}, read these rows (its provenance's SHA-256s). */
    boolean sameAsIn(Path run, YamlFields experiment) {
      if (sha256s == null) {
        return generator.equals(experiment.fields("data").settings("train"));
      }
      return Provenance.recordedDataFiles(run.resolve(RunDirectory.PROVENANCE)).values().containsAll(sha256s);
    }
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
    return new ConfigException(problem(id, message, allowed));
  }

  private static ConfigProblem problem(ProblemId id, String message, String allowed) {
    return ConfigProblem.of(id, KEY, message, allowed);
  }
}
