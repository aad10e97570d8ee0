package dev.nn.core.model;

import dev.nn.core.data.Dataset;
import dev.nn.core.data.OneHot;
import dev.nn.core.data.Standardizer;
import dev.nn.core.io.Printable;
import dev.nn.core.network.Network;
import dev.nn.core.network.Structure;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a model file says besides the weights.
 *
 * @param features the network's input names, in order: the input columns, each one-hot encoded column replaced by
 *     its 0/1 columns ({@code island=0}, {@code island=1}, …)
 * @param means the scaler's per-feature means (fitted on the training split), or {@code null} if inputs
 *     are used as they are
 * @param scales the scaler's per-feature standard deviations (1 for constant features), or {@code null}
 * @param targets output names: one per output node for regression, the target column for classification
 * @param classes class labels, output node k is class k; empty for regression
 * @param widths n(0) … n(L+1)
 * @param activations the activation of layers 1 … L+1
 * @param loss the loss trained with; its link maps the output layer to predictions
 * @param slotOf for every edge (store layout) its free parameter, −1 for an absent edge; {@code null} for a
 *     dense network, where every edge is its own parameter
 * @param targetMeans for a regression trained on standardised targets, each target's mean on the training
 *     split, added back to the outputs (a prediction is output·scale + mean); {@code null} otherwise
 * @param targetScales the targets' standard deviations (1 for a constant target) to go with {@code targetMeans},
 *     or {@code null}
 * @param oneHot the one-hot encoding of the input columns ({@link #inputs()}) into the features, or {@code null}
 *     when the features are the input columns
 */
public record ModelSpec(List<String> features, double[] means, double[] scales, List<String> targets,
    List<String> classes, int[] widths, List<PluginUse> activations, PluginUse loss, int[] slotOf,
    double[] targetMeans, double[] targetScales, OneHot oneHot) {

  /** A model whose inputs are its features: no one-hot encoding. */
  public ModelSpec(List<String> features, double[] means, double[] scales, List<String> targets,
      List<String> classes, int[] widths, List<PluginUse> activations, PluginUse loss, int[] slotOf,
      double[] targetMeans, double[] targetScales) {
    this(features, means, scales, targets, classes, widths, activations, loss, slotOf, targetMeans, targetScales,
        null);
  }

  /** A model whose outputs are its predictions' units: no target scaler. */
  public ModelSpec(List<String> features, double[] means, double[] scales, List<String> targets,
      List<String> classes, int[] widths, List<PluginUse> activations, PluginUse loss, int[] slotOf) {
    this(features, means, scales, targets, classes, widths, activations, loss, slotOf, null, null, null);
  }

  /** A dense model: every edge its own parameter. */
  public ModelSpec(List<String> features, double[] means, double[] scales, List<String> targets,
      List<String> classes, int[] widths, List<PluginUse> activations, PluginUse loss) {
    this(features, means, scales, targets, classes, widths, activations, loss, null, null, null, null);
  }

  /**
   * Validates every field against every other and copies: what a model file may say is exactly what
   * {@link dev.nn.core.model.Model} can predict with, so a description that contradicts itself is refused
   * here rather than giving wrong predictions later. The messages name the fields as {@code model.yaml}
   * does.
   *
   * @throws IllegalArgumentException naming the first field that does not fit
   */
  public ModelSpec {
    features = List.copyOf(features);
    targets = List.copyOf(targets);
    classes = List.copyOf(classes);
    activations = List.copyOf(activations);
    Objects.requireNonNull(loss, "loss");
    widths = widths.clone();
    if (widths.length < 2 || activations.size() != widths.length - 1) {
      throw new IllegalArgumentException("need widths n(0)..n(L+1) and one activation per layer 1..L+1, found "
          + widths.length + " widths and " + activations.size() + " activations");
    }
    for (int l = 0; l < widths.length; l++) {
      if (widths[l] < 1) {
        throw new IllegalArgumentException("widths[" + l + "] must be at least 1, found " + widths[l]);
      }
    }
    if (features.size() != widths[0]) {
      throw new IllegalArgumentException(features.size() + " feature names for " + widths[0] + " inputs");
    }
    requireDistinct("features", features);
    if (oneHot != null && !oneHot.features().equals(features)) {
      throw new IllegalArgumentException("the features " + Printable.of(features.toString()) + " are not what the"
          + " one-hot encoding of " + Printable.of(oneHot.inputs().toString()) + " gives: "
          + Printable.of(oneHot.features().toString()));
    }
    means = means == null ? null : means.clone();
    scales = scales == null ? null : scales.clone();
    slotOf = slotOf == null ? null : slotOf.clone();
    requireScaler(means, scales, features);
    requireOutputs(targets, classes, widths[widths.length - 1]);
    targetMeans = targetMeans == null ? null : targetMeans.clone();
    targetScales = targetScales == null ? null : targetScales.clone();
    requireTargetScaler(targetMeans, targetScales, targets, classes);
  }

  private static void requireTargetScaler(double[] means, double[] scales, List<String> targets, List<String> classes) {
    if (means == null && scales == null) {
      return;
    }
    if (!classes.isEmpty()) {
      throw new IllegalArgumentException("a classifier has no target-scaler: its outputs are classes' scores");
    }
    if (means == null || scales == null || means.length != targets.size() || scales.length != targets.size()) {
      throw new IllegalArgumentException("the target-scaler needs one mean and one scale per target");
    }
    // outputs are multiplied by the scale: 0 would make every prediction the mean, a negative one mirrors it
    requireFiniteAndPositive("target-scaler", "target", means, scales, targets);
  }

  private static void requireScaler(double[] means, double[] scales, List<String> features) {
    if ((means == null) != (scales == null)
        || means != null && (means.length != features.size() || scales.length != features.size())) {
      throw new IllegalArgumentException("the scaler needs one mean and one scale per input");
    }
    if (means != null) {
      // inputs are divided by the scale: 0 gives infinities, a negative one mirrors the feature
      requireFiniteAndPositive("scaler", "feature", means, scales, features);
    }
  }

  /** Means finite, scales finite and above 0; a message names the field as model.yaml does, and the column. */
  private static void requireFiniteAndPositive(String field, String column, double[] means, double[] scales,
      List<String> names) {
    for (int j = 0; j < means.length; j++) {
      if (!Double.isFinite(means[j])) {
        throw new IllegalArgumentException(field + ".means[" + j + "] (" + column + " \"" + Printable.of(names.get(j))
            + "\") must be a finite number, found " + means[j]);
      }
      if (!(Double.isFinite(scales[j]) && scales[j] > 0)) {
        throw new IllegalArgumentException(field + ".scales[" + j + "] (" + column + " \"" + Printable.of(names.get(j))
            + "\") must be a finite number above 0, found " + scales[j]);
      }
    }
  }

  /** The rule of {@link Dataset}: what the output layer means must be said once per output. */
  private static void requireOutputs(List<String> targets, List<String> classes, int outputs) {
    requireDistinct("targets", targets);
    requireDistinct("classes", classes);
    if (classes.isEmpty()) {
      if (targets.size() != outputs) {
        throw new IllegalArgumentException("a regression model names one target per output: " + outputs
            + " outputs, " + targets.size() + " targets");
      }
      return;
    }
    if (targets.size() != 1) {
      throw new IllegalArgumentException("a classifier names one target (its class column), found "
          + targets.size() + " targets");
    }
    if (classes.size() < 2 || outputs != classes.size() && !(outputs == 1 && classes.size() == 2)) {
      throw new IllegalArgumentException("a classifier with " + outputs + " output" + (outputs == 1 ? "" : "s")
          + " needs " + (outputs == 1 ? "2 classes" : outputs + " classes") + ", found " + classes.size() + " classes");
    }
  }

  private static void requireDistinct(String field, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        throw new IllegalArgumentException(field + "[" + i + "] \"" + Printable.of(names.get(i))
            + "\" appears twice in " + field + "; each must be named once");
      }
    }
  }

  /**
   * The spec of {@code network} trained on data shaped like {@code data}: its feature, target and class
   * names, and the scaler its inputs went through. One place says how a trained network becomes a model,
   * whether a run or code of an application trained it.
   *
   * @param data the training data, for its column names and class labels (its rows are not used)
   * @param scaler the standardizer fitted on the training data, or {@code null} if inputs were used as they are
   * @param activations the activations of layers 1 … L+1 as the model file records them
   * @param loss the loss as the model file records it
   */
  public static ModelSpec of(Dataset data, Standardizer scaler, Network network, List<PluginUse> activations,
      PluginUse loss) {
    return of(data, scaler, null, network, activations, loss);
  }

  /**
   * {@link #of(Dataset, Standardizer, Network, List, PluginUse)} for a network trained on standardised targets.
   *
   * @param targetScaler the standardizer fitted on the training targets, or {@code null} if they were used as
   *     they are
   */
  public static ModelSpec of(Dataset data, Standardizer scaler, Standardizer targetScaler, Network network,
      List<PluginUse> activations, PluginUse loss) {
    return of(data, null, scaler, targetScaler, network, activations, loss);
  }

  /**
   * {@link #of(Dataset, Standardizer, Standardizer, Network, List, PluginUse)} for a network whose inputs went
   * through a one-hot encoding.
   *
   * @param data the training data as the network read it: its features are {@code oneHot}'s
   * @param oneHot the encoding of the input columns, or {@code null} if they were used as they are
   */
  public static ModelSpec of(Dataset data, OneHot oneHot, Standardizer scaler, Standardizer targetScaler,
      Network network, List<PluginUse> activations, PluginUse loss) {
    Structure structure = network.parameters().structure();
    return new ModelSpec(data.featureNames(), scaler == null ? null : scaler.means(),
        scaler == null ? null : scaler.stds(), data.targetNames(), data.classLabels(), network.widths(),
        activations, loss, structure.isDense() ? null : structure.slotMap(),
        targetScaler == null ? null : targetScaler.means(), targetScaler == null ? null : targetScaler.stds(),
        oneHot);
  }

  /**
   * The columns a prediction reads, in order: the features, or the columns the one-hot encoding reads.
   */
  public List<String> inputs() {
    return oneHot == null ? features : oneHot.inputs();
  }

  /** The standardizer of the targets whose units predictions are given in, or {@code null} when outputs are. */
  public Standardizer targetScaler() {
    return targetMeans == null ? null : Standardizer.of(targetMeans, targetScales);
  }

  /** Whether this is a classifier. */
  public boolean isClassifier() {
    return !classes.isEmpty();
  }

  /**
   * The spec with its arrays' values (a record prints an array's identity, {@code [D@6de54b40}): at most their first
   * eight, with their count; the map of tied edges by its size alone.
   */
  @Override
  public String toString() {
    return "ModelSpec[features=" + features + ", means=" + shown(means) + ", scales=" + shown(scales) + ", targets="
        + targets + ", classes=" + classes + ", widths=" + java.util.Arrays.toString(widths) + ", activations="
        + activations + ", loss=" + loss + ", slotOf=" + (slotOf == null ? "null" : slotOf.length + " edges")
        + ", targetMeans=" + shown(targetMeans) + ", targetScales=" + shown(targetScales) + ", oneHot=" + oneHot
        + "]";
  }

  private static String shown(double[] values) {
    if (values == null) {
      return "null";
    }
    if (values.length <= 8) {
      return java.util.Arrays.toString(values);
    }
    return java.util.Arrays.toString(java.util.Arrays.copyOf(values, 8)).replace("]", ", … (" + values.length
        + " values)]");
  }
}
