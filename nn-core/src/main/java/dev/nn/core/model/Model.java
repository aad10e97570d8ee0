package dev.nn.core.model;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.network.LossFit;
import dev.nn.core.network.Network;
import dev.nn.core.network.NonFiniteLayers;
import dev.nn.core.network.Structure;
import dev.nn.core.network.Workspace;
import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.plugin.PluginResults;
import dev.nn.spi.ConfigException;
import dev.nn.spi.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import dev.nn.core.data.Standardizer;
import java.util.List;
import java.util.Optional;

/**
 * A trained model as a pipeline: raw feature rows in, predictions out. It standardises inputs with the
 * scaler fitted at training time, runs the network's forward pass and applies the loss's link, so a
 * classifier returns class probabilities, never logits; a regression trained on standardised targets
 * returns them in the targets' own units.
 *
 * <pre>{@code
 * Model model = Model.load(Path.of("runs/digits-20261127-120000/model.nnm"));
 * double[] probabilities = model.predict(featuresOfOneRow);
 * }</pre>
 *
 * <p>{@link #predict} may be called from several threads at once: each call takes a set of buffers of its own from
 * the model's idle ones (made when none is idle, and kept for the next call), and the weights are only read. The
 * buffers belong to the model, and go with it: a model dropped after predicting is collected.
 */
public final class Model {
  private static final int CHUNK = 256;

  private final ModelSpec spec;
  /** Maps outputs back to the targets' units; {@code null} when outputs are in them already. */
  private final Standardizer targetScaler;
  private final Network network;
  private final Loss loss;
  private final List<String> warnings;
  /**
   * Prediction buffers not in use, for calls to take and give back: a per-thread slot, which a buffer naming its model
   * filled, kept every model a thread had predicted with as long as the thread lived (a program that loaded and
   * dropped models ran out of memory).
   */
  private final java.util.concurrent.atomic.AtomicReferenceArray<Buffers> idle =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(IDLE_BUFFERS);
  private final InputChecks checks;
  /** The file the model was loaded from, or {@code null} for a model of a network trained in this JVM. */
  private Path file;

  /** How many idle sets of buffers a model keeps: as many threads as predict with it at once, reuse theirs. */
  private static final int IDLE_BUFFERS = 16;

  /** The buffers of one prediction call. */
  private final class Buffers {
    final Workspace ws = network.newWorkspace(CHUNK);
    final double[] scaled = new double[CHUNK * network.width(0)];
    /** The chunk's rows after the one-hot encoding, before the scaler; unused without an encoding. */
    final double[] encoded = spec.oneHot() == null ? null : new double[CHUNK * network.width(0)];
    final double[] out = new double[CHUNK * network.width(network.outputLayer())];
  }

  /**
   * A model from a network trained in this JVM.
   *
   * @throws IllegalArgumentException for a spec that describes another network, or a loss a Trainer refuses to
   *     train the network with: one that owns the output link over an output activation other than identity (the
   *     loader refuses such a file as corrupted), one of one-hot targets over one output
   */
  public Model(ModelSpec spec, Network network, Loss loss) {
    this(trainable(spec, network, loss), network, loss, List.of());
  }

  /**
   * {@code spec}, once the loss is one a Trainer would train the network with: a model saved otherwise would be a
   * file its loader refuses, or one that predicts a single class. A loaded model was checked as its file was read.
   */
  private static ModelSpec trainable(ModelSpec spec, Network network, Loss loss) {
    String named = "loss \"" + spec.loss().name() + "\"";
    LossFit.requireOutputLink(network, loss, named);
    LossFit.requireOutputPerClass(network, loss, named);
    return spec;
  }

  private Model(ModelSpec spec, Network network, Loss loss, List<String> warnings) {
    requireDescribes(spec, network);
    this.spec = spec;
    this.targetScaler = spec.targetScaler();
    this.network = network;
    this.loss = loss;
    this.warnings = List.copyOf(warnings);
    this.checks = new InputChecks(spec, network.kernels().precision() == dev.nn.core.kernel.Precision.FLOAT32);
  }

  /**
   * Refuses a spec that describes another network than the one it is saved with: a model file records the
   * spec and the network's weights, and loading it builds the network the spec describes, so any difference
   * (an activation, the widths, shared or absent edges) would predict differently after saving and loading,
   * without a word.
   */
  private static void requireDescribes(ModelSpec spec, Network network) {
    if (!Arrays.equals(spec.widths(), network.widths())) {
      throw new IllegalArgumentException("the model spec's widths " + Arrays.toString(spec.widths())
          + " differ from the network's " + Arrays.toString(network.widths()));
    }
    for (int l = 1; l <= network.outputLayer(); l++) {
      String described = spec.activations().get(l - 1).name();
      if (!described.equals(network.activationName(l))) {
        throw new IllegalArgumentException("the model spec gives layer " + l + " the activation \"" + described
            + "\", but the network computes it with \"" + network.activationName(l) + "\"; build the spec from the"
            + " network (ModelSpec.of, Nn.model)");
      }
    }
    Structure structure = network.parameters().structure();
    int[] described = spec.slotOf();
    if (described == null ? !structure.isDense() : !Arrays.equals(described, structure.slotMap())) {
      throw new IllegalArgumentException("the model spec's shared and absent edges differ from the network's; build"
          + " the spec from the network (ModelSpec.of, Nn.model)");
    }
  }

  /**
   * The file this model was loaded from, so that nothing written from it replaces it; empty for a model of a
   * network trained in this JVM.
   */
  public java.util.Optional<Path> file() {
    return java.util.Optional.ofNullable(file);
  }

  /**
   * What a model file holds, read without creating its plugins: its spec and its parameters (as doubles, whatever its
   * precision). What a fine-tuning starts from.
   *
   * @param params the free parameters, in the order of {@link dev.nn.core.network.ParameterStore#load}
   */
  public record Stored(ModelSpec spec, double[] params) {}

  /**
   * Reads {@code file}'s spec and parameters.
   *
   * @throws ModelFormatException if the file is missing, unreadable or not a model file
   */
  public static Stored readStored(Path file) {
    ModelFile.Contents c = ModelFile.read(file);
    return new Stored(c.spec(), c.params());
  }

  /** Loads a model with the plugins visible to nn's own class loader. */
  public static Model load(Path file) {
    return load(file, PluginRegistry.loadDefault());
  }

  /**
   * Loads a model into one-thread Java kernels of the precision it was trained in (a float32 model predicts
   * in float32), creating its plugins by name from {@code registry}.
   *
   * @throws ModelFormatException if the file is unreadable, or needs a plugin the registry lacks
   */
  public static Model load(Path file, PluginRegistry registry) {
    return load(file, registry, null);
  }

  /**
   * Loads a model into {@code kernels} (or, when {@code null}, one-thread Java kernels of the model's
   * precision), creating its plugins by name from {@code registry}.
   *
   * @throws ModelFormatException if the file is unreadable, or needs a plugin the registry lacks
   */
  public static Model load(Path file, PluginRegistry registry, Kernels kernels) {
    ModelFile.Contents c = ModelFile.read(file);
    ModelSpec spec = c.spec();
    if (kernels == null) {
      kernels = KernelChoice.choose("java", 1, c.precision(), "auto", null, spec.widths(), 1).kernels();
    }
    List<String> warnings = new ArrayList<>();
    String running = Model.class.getPackage().getImplementationVersion();
    if (running != null && newer(c.nnVersion(), running)) {
      // the format is one this nn reads (else ModelFile refused it), but what the newer nn computes may differ
      warnings.add("saved by nn " + c.nnVersion() + ", newer than this nn (" + running + "); it is read as this nn"
          + " understands its format, so predictions may differ from the newer nn's");
    }
    requireInstalled(file, registry, spec);
    List<Activation> activations = new ArrayList<>();
    List<String> names = new ArrayList<>();
    // every plugin's settings problem at once, each with the places it is met: a model is fixed by one plugin
    // version, and hearing of its problems one load at a time would not help to find it
    java.util.Map<String, List<String>> invalid = new java.util.LinkedHashMap<>();
    for (int l = 0; l < spec.activations().size(); l++) {
      PluginUse use = spec.activations().get(l);
      activations.add(create(file, registry, PluginKind.ACTIVATION, use, "layers[" + (l + 1) + "]", warnings,
          invalid));
      names.add(use.name());
    }
    Loss loss = create(file, registry, PluginKind.LOSS, spec.loss(), "loss", warnings, invalid);
    if (!invalid.isEmpty()) {
      List<String> each = new ArrayList<>();
      invalid.forEach((problem, where) -> each.add(String.join(", ", where) + ": " + problem));
      throw new ModelFormatException(file, "invalid settings for " + String.join("; and for ", each));
    }
    String output = names.get(names.size() - 1);
    if (!loss.acceptsOutputActivation(output)) {
      throw new ModelFormatException(file, "the loss \"" + spec.loss().name() + "\" does not take the output"
          + " activation \"" + output + "\" it is recorded with (corrupted, or written by another program)");
    }
    Structure structure;
    try {
      structure = spec.slotOf() == null ? null : Structure.of(spec.widths(), spec.slotOf());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, "structure.bin is inconsistent: " + e.getMessage());
    }
    Network network = new Network(spec.widths(), activations, names,
        spec.activations().stream().map(PluginUse::settings).toList(), kernels, structure);
    if (c.params().length != network.parameters().size()) {
      throw new ModelFormatException(file, "holds " + c.params().length + " parameters, but its architecture needs "
          + network.parameters().size());
    }
    network.parameters().load(c.params());
    Model model = new Model(spec, network, loss, warnings);
    model.file = file;
    return model;
  }

  /**
   * Whether version {@code a} is later than {@code b}, comparing their leading numbers (1.2.10 after 1.2.9; a
   * suffix such as -SNAPSHOT is not weighed); false when either does not start with a number.
   */
  static boolean newer(String a, String b) {
    int[] x = leadingNumbers(a);
    int[] y = leadingNumbers(b);
    if (x.length == 0 || y.length == 0) {
      return false;
    }
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? x[i] : 0;
      int q = i < y.length ? y[i] : 0;
      if (p != q) {
        return p > q;
      }
    }
    return false;
  }

  private static int[] leadingNumbers(String version) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?")
        .matcher(version == null ? "" : version);
    if (!m.find()) {
      return new int[0];
    }
    List<Integer> parts = new ArrayList<>();
    for (int g = 1; g <= 3 && m.group(g) != null; g++) {
      parts.add(Integer.parseInt(m.group(g)));
    }
    return parts.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Refuses a model whose plugins are not all installed, naming every one missing at once: one named at a time
   * would have its user add a jar, load again, and only then hear of the next.
   */
  private static void requireInstalled(Path file, PluginRegistry registry, ModelSpec spec) {
    List<String> missing = new ArrayList<>();
    // one entry per plugin, with the places it is needed
    java.util.Map<String, List<String>> places = new java.util.LinkedHashMap<>();
    for (int l = 0; l < spec.activations().size(); l++) {
      PluginUse use = spec.activations().get(l);
      if (registry.descriptor(PluginKind.ACTIVATION, use.name()).isEmpty()) {
        places.computeIfAbsent("the activation plugin \"" + use.name() + "\" (version " + use.version() + ")",
            k -> new ArrayList<>()).add("layers[" + (l + 1) + "]");
      }
    }
    if (registry.descriptor(PluginKind.LOSS, spec.loss().name()).isEmpty()) {
      places.put("the loss plugin \"" + spec.loss().name() + "\" (version " + spec.loss().version() + ")",
          List.of("loss"));
    }
    places.forEach((plugin, where) -> missing.add(plugin + " for " + String.join(", ", where)));
    if (missing.size() > 1) {
      throw new ModelFormatException(file, "needs " + String.join(" and ", missing) + ", which are not installed;"
          + (registry.givenInCode() ? " give their providers to the registry the model is loaded with" : " add their"
              + " jars with --plugin-path"));
    }
    // one missing plugin is named where it is created, as it always was
  }

  /**
   * The plugin {@code use} names, created with its recorded settings; null when they are invalid for the installed
   * plugin, which {@code invalid} then holds, with {@code where}.
   */
  private static <T> T create(Path file, PluginRegistry registry, PluginKind<T> kind, PluginUse use, String where,
      List<String> warnings, java.util.Map<String, List<String>> invalid) {
    PluginDescriptor found = registry.descriptor(kind, use.name()).orElse(null);
    if (found == null) {
      throw new ModelFormatException(file, "needs the " + kind.label() + " plugin \"" + use.name() + "\" (version "
          + use.version() + ") for " + where + ", which is not installed; " + (registry.givenInCode() ? "give its"
          + " provider to the registry the model is loaded with" : "add its jar with --plugin-path"));
    }
    // a jar whose manifest gives no Implementation-Version has version "unknown"
    String changed = kind.label() + " \"" + use.name() + "\" was version " + use.version() + " when the model was"
        + " saved; " + (found.version().equals("unknown") ? "the installed jar gives no version (no Implementation-Version"
        + " in its manifest)" : "version " + found.version() + " is installed");
    boolean otherVersion = !found.version().equals(use.version());
    try {
      T created = registry.create(kind, use.name(), Settings.of(kind.label() + " \"" + use.name() + "\"",
          use.settings()));
      if (otherVersion && !warnings.contains(changed)) {
        warnings.add(changed);
      }
      return created;
    } catch (ConfigException e) {
      // the version that changed is most often why its settings no longer hold
      invalid.computeIfAbsent(e.getMessage() + (otherVersion ? " (the " + changed + ")" : ""),
          k -> new ArrayList<>()).add(where);
      return null;
    }
  }

  /** Saves the model atomically in the current format. */
  public void save(Path file, String nnVersion) {
    double[] parameters = network.parameters().toArray();
    // a file that loading would refuse is never written
    requireFinite(network, parameters);
    ModelFile.write(file, spec, parameters, nnVersion, network.kernels().precision());
  }

  /**
   * Refuses a network with a parameter that is not a finite number, as a training that diverged leaves it: its
   * predictions would be NaN whatever the input, and a model file may hold finite weights only.
   *
   * @throws IllegalArgumentException naming the first such parameter
   */
  public static void requireFinite(Network network) {
    requireFinite(network, network.parameters().toArray());
  }

  private static void requireFinite(Network network, double[] parameters) {
    String found = firstNotFinite(network, parameters);
    if (found != null) {
      throw new IllegalArgumentException(found + ": a network whose training diverged predicts nothing; train it again"
          + " (a smaller learning rate, say) before making it a model");
    }
  }

  /** "the network's parameter layers[1].W[0][0] is NaN", of the first parameter not a finite number; or null. */
  private static String firstNotFinite(Network network, double[] parameters) {
    for (int k = 0; k < parameters.length; k++) {
      if (!Double.isFinite(parameters[k])) {
        return "the network's parameter " + network.parameters().describe(k) + " is " + parameters[k];
      }
    }
    return null;
  }

  /**
   * Refuses to predict with a parameter that is not a finite number: the network of a model made in code may be
   * trained further ({@code Nn.model} shares it), and a training that diverged leaves every prediction NaN, which is
   * no row's fault.
   *
   * @throws IllegalStateException naming the first such parameter
   */
  private void requireFiniteParameters() {
    String found = firstNotFinite(network, network.parameters().toArray());
    if (found != null) {
      throw new IllegalStateException(found + ": the network's training diverged since the model was made, and it"
          + " predicts nothing; train it again (a smaller learning rate, say)");
    }
  }

  /** What the model is. */
  public ModelSpec spec() {
    return spec;
  }

  /** The network. */
  public Network network() {
    return network;
  }

  /** The loss whose link turns outputs into predictions. */
  public Loss loss() {
    return loss;
  }

  /** Warnings from loading: plugin versions that differ from the ones that trained the model. */
  public List<String> warnings() {
    return warnings;
  }

  /** The number of values each input row must have: one per input column ({@link ModelSpec#inputs()}). */
  public int inputs() {
    return spec.inputs().size();
  }

  /** The number of values predicted per row. */
  public int outputs() {
    return network.width(network.outputLayer());
  }

  /**
   * Predictions for one row of raw input values, in {@link ModelSpec#inputs()} order: a one-hot encoded column
   * gives its category as it was in the training data (island 2), not its 0/1 columns.
   *
   * @throws NullPointerException for a {@code null} row
   * @throws IllegalArgumentException for a row that does not hold exactly {@link #inputs()} values, naming the
   *     inputs; an {@link UnusableInputException} for a value the model cannot predict from (as for
   *     {@link #predict(double[], int, double[])})
   */
  public double[] predict(double[] features) {
    checks.requireRow(features);
    double[] out = new double[outputs()];
    predict(features, 1, out);
    return out;
  }

  /**
   * Predictions for one row given by column name, as a CSV row gives it: a number for each of
   * {@link ModelSpec#inputs()}, and for a one-hot column of words its word (a {@code String}) or its code. Other
   * entries, such as the target, are ignored, as {@code nn predict} ignores other columns.
   *
   * @throws IllegalArgumentException for an input the row lacks, a word where a number is needed, or a word the
   *     model was not trained on
   */
  public double[] predict(java.util.Map<String, ?> row) {
    java.util.Objects.requireNonNull(row, "row: a map from input names to values is needed, found null");
    List<String> names = spec.inputs();
    double[] values = new double[names.size()];
    java.util.Map<String, List<String>> words = spec.oneHot() == null ? java.util.Map.of() : spec.oneHot().words();
    for (int j = 0; j < values.length; j++) {
      String name = names.get(j);
      Object v = row.get(name);
      if (v instanceof Number n) {
        values[j] = n.doubleValue();
      } else if (v instanceof String word && words.containsKey(name)) {
        values[j] = spec.oneHot().code(name, word);
      } else {
        throw new IllegalArgumentException(v == null ? "the row has no value for the input \"" + name + "\"; the"
            + " model's inputs are " + String.join(", ", names)
            : "the input \"" + name + "\" takes a number" + (words.containsKey(name) ? " or one of its words" : "")
                + ", found " + (v instanceof String ? "the text \"" + v + "\"" : "a " + v.getClass().getSimpleName()));
      }
    }
    return predict(values);
  }

  /**
   * Predictions for {@code rows} rows of raw features.
   *
   * @param features exactly rows × inputs values, row-major. Not modified.
   * @param out at least rows × outputs values. Modified.
   * @throws NullPointerException for a {@code null} array
   * @throws IllegalArgumentException for arrays of other lengths; an {@link UnusableInputException}, naming the row
   *     and the column, for a value that is not finite, that standardizes to an infinity (as training refuses), or
   *     that drives the row's predictions to NaN or an infinity: such a row has no prediction
   * @throws IllegalStateException when a parameter of the network is no longer a finite number (trained on since the
   *     model was made, and diverged)
   */
  public void predict(double[] features, int rows, double[] out) {
    int in = inputs();
    int k = outputs();
    checks.requireRows(features, rows, out, k);
    Buffers b = takeBuffers();
    try {
      predictInto(features, rows, out, b);
    } finally {
      giveBack(b);
    }
  }

  /** An idle set of buffers, or a new one when none is idle; allocates nothing once enough exist. */
  private Buffers takeBuffers() {
    for (int i = 0; i < IDLE_BUFFERS; i++) {
      Buffers b = idle.getAndSet(i, null);
      if (b != null) {
        return b;
      }
    }
    return new Buffers();
  }

  /** Keeps {@code b} for the next call, unless as many sets are idle already. */
  private void giveBack(Buffers b) {
    for (int i = 0; i < IDLE_BUFFERS; i++) {
      if (idle.compareAndSet(i, null, b)) {
        return;
      }
    }
  }

  private void predictInto(double[] features, int rows, double[] out, Buffers b) {
    int in = inputs();
    int k = outputs();
    double[] means = spec.means();
    double[] scales = spec.scales();
    int width = network.width(0);
    for (int start = 0; start < rows; start += CHUNK) {
      int n = Math.min(CHUNK, rows - start);
      double[] raw = features;
      int first = start;
      if (spec.oneHot() != null) {
        spec.oneHot().encode(features, start, n, b.encoded);
        raw = b.encoded;
        first = 0;
      }
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < width; j++) {
          double v = raw[(first + r) * width + j];
          if (means == null) {
            checks.requireHeld(v, start + r, j);
            b.scaled[r * width + j] = v;
          } else {
            double z = (v - means[j]) / scales[j];
            checks.requireStandardized(z, v, means[j], scales[j], start + r, j);
            b.scaled[r * width + j] = z;
          }
        }
      }
      b.ws.setInput(b.scaled, 0, n);
      network.infer(b.ws, n);
      network.output(b.ws, loss, b.out);
      if (targetScaler != null) {
        targetScaler.restore(b.out, n);
      }
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < k; c++) {
          if (!Double.isFinite(b.out[r * k + c])) {
            // a network trained on since the model was made, and diverged, is to blame before any row
            requireFiniteParameters();
            // once per row: the row is run again layer by layer only to see whose value it was
            blamePluginFor(b.scaled, r * width);
            break;
          }
        }
        checks.requireFiniteOutputs(b.out, r * k, k, b.scaled, r * width, width, features, (start + r) * in,
            start + r);
      }
      System.arraycopy(b.out, 0, out, start * k, n * k);
    }
  }

  /**
   * For a row whose predictions are not finite, before its inputs are blamed: throws the failure of the
   * third-party plugin that returned NaN or an infinity for finite values (an activation's φ, the loss's link) as
   * the row went through the network layer by layer, if one did. Off the prediction's path: only for such a row.
   *
   * @param scaled the row's network inputs, at {@code at}
   */
  private void blamePluginFor(double[] scaled, int at) {
    Workspace one = network.newWorkspace(1);
    one.setInput(scaled, at, 1);
    network.forward(one, 1);
    double[] row = new double[outputs()];
    network.output(one, loss, row);
    // the same contract as training's look-back; a z that is not finite is the row's inputs' doing
    Optional<NonFiniteLayers.Finding> layer = NonFiniteLayers.find(network, one, 1);
    if (layer.isPresent()) {
      if (!layer.get().zNotFinite()) {
        // nn's own plugins give values that are not finite only for extreme inputs: the row's, named after this
        PluginResults.blameNonFinite(network.activation(layer.get().layer()), "(layers[" + layer.get().layer() + "]) "
            + layer.get().detail());
      }
      return;
    }
    for (double p : row) {
      if (!Double.isFinite(p)) {
        PluginResults.blameNonFinite(loss, "returned " + p + " from its output link (link) for finite outputs");
        return;
      }
    }
  }
}
