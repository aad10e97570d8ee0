package dev.nn.core.network;

import dev.nn.core.text.Grouped;
import dev.nn.core.text.Required;
import dev.nn.api.Activation;
import dev.nn.api.Initializer;
import dev.nn.api.Loss;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.kernel.Matrix;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A dense feed-forward network: widths n(0) … n(L+1), an activation φ per layer 1 … L+1, and every
 * weight and bias in one {@link ParameterStore}. It runs the lecture's forward pass (keeping z(l) and
 * x(l)) and backward pass on a {@link Workspace}; a {@link GradientSink} decides what happens to each
 * layer's gradient (stored in the parameter store, or applied as an SGD step).
 *
 * <p>The network itself is not thread-safe for training; for inference, several threads may each run
 * {@link #forward} on their own workspace while nobody trains.
 */
public final class Network {
  private final int[] widths;
  private final Activation[] phi;
  private final String[] activationNames;
  /** Each activation's settings as its plugin took them, for model files; empty for its defaults. */
  private final List<Map<String, Object>> activationSettings;
  private final Kernels kernels;
  private final ParameterStore params;
  /** The thread training this network, or {@code null} ({@link #claimTraining}). */
  private final java.util.concurrent.atomic.AtomicReference<Thread> trainer =
      new java.util.concurrent.atomic.AtomicReference<>();
  /** {@code null} when no layer has dropout. */
  private Dropout dropout;

  /**
   * Creates a network with all parameters zero.
   *
   * @param widths n(0) … n(L+1), at least two entries, each at least 1. Not modified.
   * @param activations φ for layers 1 … L+1 (so {@code widths.length − 1} of them)
   * @param activationNames the plugin name of each activation, for messages and model files
   */
  public Network(int[] widths, List<Activation> activations, List<String> activationNames, Kernels kernels) {
    this(widths, activations, activationNames, kernels, null);
  }

  /**
   * Creates a network whose edges share parameters or are absent as {@code structure} says ({@code null}:
   * every edge its own parameter), with all parameters zero.
   */
  public Network(int[] widths, List<Activation> activations, List<String> activationNames, Kernels kernels,
      Structure structure) {
    this(widths, activations, activationNames, null, kernels, structure);
  }

  /**
   * {@link #Network(int[], List, List, Kernels, Structure)} whose activations took settings.
   *
   * @param activationSettings each activation's settings as its plugin was created with them, which a model of the
   *     network records; {@code null} when each took its defaults
   */
  public Network(int[] widths, List<Activation> activations, List<String> activationNames,
      List<? extends Map<String, ?>> activationSettings, Kernels kernels, Structure structure) {
    if (widths.length < 2) {
      throw new IllegalArgumentException("a network needs an input and an output layer, found "
          + widths.length + " layer(s)");
    }
    for (int l = 0; l < widths.length; l++) {
      if (widths[l] < 1) {
        throw new IllegalArgumentException("layer " + l + " must have at least 1 unit, found " + widths[l]);
      }
    }
    int layers = widths.length - 1;
    if (activations.size() != layers || activationNames.size() != layers) {
      // the names are the activations' own, so one count is the user's; a mismatch between the two is a caller's
      throw new IllegalArgumentException("expected one activation for each of layers 1.." + layers + " (" + layers
          + " for " + widths.length + " widths), found " + activations.size()
          + (activationNames.size() == activations.size() ? "" : " (and " + activationNames.size() + " names)"));
    }
    if (activationSettings != null && activationSettings.size() != layers) {
      throw new IllegalArgumentException("expected the settings of each of the " + layers + " activations, found "
          + activationSettings.size());
    }
    List<Map<String, Object>> settings = new java.util.ArrayList<>();
    for (int l = 0; l < layers; l++) {
      settings.add(activationSettings == null ? Map.of()
          : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(activationSettings.get(l))));
    }
    this.activationSettings = List.copyOf(settings);
    this.widths = widths.clone();
    this.phi = new Activation[layers + 1];
    this.activationNames = new String[layers + 1];
    for (int l = 1; l <= layers; l++) {
      phi[l] = activations.get(l - 1);
      this.activationNames[l] = activationNames.get(l - 1);
    }
    this.kernels = kernels;
    this.params = new ParameterStore(this.widths, structure, kernels);
  }

  /** L+1: the number of layers with weights; the output layer's index. */
  public int outputLayer() {
    return widths.length - 1;
  }

  /** n(l). */
  public int width(int l) {
    return widths[l];
  }

  /** n(0) … n(L+1). */
  public int[] widths() {
    return widths.clone();
  }

  /** φ of layer l, 1 ≤ l ≤ L+1. */
  public Activation activation(int l) {
    return phi[l];
  }

  /**
   * Marks this network as trained by the calling thread until {@link #releaseTraining}: a network, its parameters
   * and its workspaces are trained by one thread at a time.
   *
   * @throws IllegalStateException naming the thread that trains it when that is another
   */
  public void claimTraining() {
    Thread me = Thread.currentThread();
    Thread other = trainer.compareAndExchange(null, me);
    if (other != null && other != me) {
      throw new IllegalStateException("this network is being trained by thread \"" + other.getName() + "\"; a"
          + " network (and a Trainer) is trained by one thread at a time: give each thread a network of its own");
    }
  }

  /** Refuses {@code what}, a write of the parameters, while another thread trains this network. */
  private void requireNotTrainedElsewhere(String what) {
    Thread other = trainer.get();
    if (other != null && other != Thread.currentThread()) {
      throw new IllegalStateException(what + " while thread \"" + other.getName() + "\" trains this network: its"
          + " parameters are written by one thread at a time; wait for the training to end");
    }
  }

  /** Ends the calling thread's {@link #claimTraining}. */
  public void releaseTraining() {
    trainer.compareAndSet(Thread.currentThread(), null);
  }

  /** The plugin name of φ of layer l. */
  public String activationName(int l) {
    return activationNames[l];
  }

  /** The settings φ of layer l was created with; empty when it took its defaults. */
  public Map<String, Object> activationSettings(int l) {
    if (l < 1 || l > outputLayer()) {
      throw new IndexOutOfBoundsException("layer " + l + " has no activation; layers 1.." + outputLayer() + " do");
    }
    return activationSettings.get(l - 1);
  }

  /** The parameters and their gradient. */
  public ParameterStore parameters() {
    return params;
  }

  /**
   * W(l) as the forward pass uses it, n(l−1) rows of n(l): w(l)ij, from node i of layer l−1 to node j of
   * layer l, at [i][j]. A weight shared by several edges is on each of them; an edge the network does not have
   * is 0. A copy.
   *
   * @param l 1 … L+1
   */
  public double[][] weights(int l) {
    requireParameters(l);
    double[][] w = new double[width(l - 1)][width(l)];
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < w[i].length; j++) {
        w[i][j] = params.weight(l, i, j);
      }
    }
    return w;
  }

  /**
   * b(l), n(l) values. A copy.
   *
   * @param l 1 … L+1
   */
  public double[] biases(int l) {
    requireParameters(l);
    double[] b = new double[width(l)];
    for (int j = 0; j < b.length; j++) {
      b[j] = params.bias(l, j);
    }
    return b;
  }

  /**
   * Sets W(l) and b(l), laid out as {@link #weights} and {@link #biases} give them (a float32 network rounds
   * them to float). An edge that shares its weight with others sets that weight, on all of its edges, those of
   * other layers too, so edges sharing one weight must be given the same value; an edge the network does not
   * have must be given 0.
   *
   * @param l 1 … L+1
   * @throws IllegalArgumentException for the wrong shape, a value that is not finite, two values for one shared
   *     weight, or a value other than 0 for an edge the network does not have; nothing is set then
   */
  public void setLayer(int l, double[][] weights, double[] biases) {
    requireNotTrainedElsewhere("setLayer");
    java.util.Objects.requireNonNull(weights, () -> "weights: W(" + l + "), n(l−1) rows of n(l), is needed, found null");
    java.util.Objects.requireNonNull(biases, () -> "biases: b(" + l + "), n(l) values, is needed, found null");
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] == null) {
        throw new NullPointerException("weights: row " + i + " of W(" + l + ") is needed, found null");
      }
    }
    params.setLayer(l, weights, biases);
  }

  private void requireParameters(int l) {
    if (l < 1 || l > outputLayer()) {
      throw new IndexOutOfBoundsException("layer " + l + " has no parameters: layers 1 … " + outputLayer() + " have");
    }
  }

  /** The kernels this network computes with. */
  public Kernels kernels() {
    return kernels;
  }

  /**
   * Gives layers dropout while the network trains (see {@link Dropout}): {@code rates} holds p of every layer
   * 0 … L+1, the output layer's 0; all zero (or {@code null}) means none. Workspaces made before keep what
   * they had. Predictions ({@link #infer}) never drop anything.
   *
   * @param seed the experiment's seed, from which every mask is drawn
   */
  public void setDropout(double[] rates, long seed) {
    if (rates != null && rates.length != widths.length) {
      throw new IllegalArgumentException("expected a dropout rate for each of layers 0.." + outputLayer()
          + ", found " + rates.length);
    }
    dropout = Dropout.of(rates, seed);
  }

  /** The dropout of training, or {@code null} when no layer has any. */
  public Dropout dropout() {
    return dropout;
  }

  /** Buffers for batches of up to {@code capacity} rows. */
  public Workspace newWorkspace(int capacity) {
    return new Workspace(widths, capacity, kernels, dropout);
  }

  /**
   * Sets every W(l) and b(l) from the initializer, layer by layer, drawing only from {@code random}.
   * Fan-in of layer l is n(l−1), fan-out n(l). A shared parameter takes the value drawn for its first edge;
   * absent edges are zero.
   */
  public void initialize(Initializer initializer, RandomGenerator random) {
    requireNotTrainedElsewhere("initialize");
    Required.of(initializer, "initializer", "an initializer (plugins().create(PluginKind.INITIALIZER, name))");
    Required.of(random, "random", "a random generator (Rng.create(seed))");
    double[] edges = new double[params.edgeCount()];
    for (int l = 1; l <= outputLayer(); l++) {
      double[] w = new double[widths[l - 1] * widths[l]];
      double[] b = new double[widths[l]];
      initializer.initWeights(w, widths[l - 1], widths[l], random);
      initializer.initBiases(b, widths[l - 1], widths[l], random);
      System.arraycopy(w, 0, edges, params.weightOffset(l), w.length);
      System.arraycopy(b, 0, edges, params.biasOffset(l), b.length);
    }
    // a shared parameter starts from the value drawn for its first edge
    params.adoptEdges(edges);
  }

  /**
   * The forward pass on the first {@code rows} rows of the workspace's input: for l = 1 … L+1,
   * Z(l) = X(l−1)·W(l) + 1·b(l)ᵀ and X(l) = φ(Z(l)). Leaves every layer ready for {@link #backward}. With
   * dropout, layer l+1 reads X̃(l) = X(l) ⊙ M(l), the masks of the workspace's {@link Workspace#dropoutUpdate}.
   */
  public void forward(Workspace ws, int rows) {
    forward(ws, rows, true);
  }

  /**
   * The forward pass for predictions and evaluation: the same values as {@link #forward}, but only the
   * output layer is kept for {@link #output} and {@link #lossValue}; a {@link #backward} must not follow,
   * and {@link Workspace#z} of a hidden layer is not kept. Kernels that mirror values for plugins skip
   * those copies.
   */
  public void infer(Workspace ws, int rows) {
    forward(ws, rows, false);
  }

  private void forward(Workspace ws, int rows, boolean forBackward) {
    ws.checkRows(rows);
    ws.rows = rows;
    ws.dropping = forBackward && dropout != null && ws.drops;
    Matrix values = params.edgeValues();
    for (int l = 1; l < widths.length; l++) {
      int in = widths[l - 1];
      int out = widths[l];
      drop(ws, l - 1);
      kernels.gemm(false, false, rows, out, in, 1.0, ws.input(l - 1), 0, in,
          values, params.weightOffset(l), out, 0.0, ws.z[l], 0, out);
      kernels.activate(rows, out, values, params.biasOffset(l), ws.z[l], ws.x[l], phi[l],
          forBackward || l == widths.length - 1);
    }
  }

  /** X̃(l) ← X(l) ⊙ M(l) with layer l's mask of this update, when this pass drops values of layer l. */
  private void drop(Workspace ws, int l) {
    if (!ws.dropping || ws.dropped[l] == null) {
      return;
    }
    dropout.fill(ws.dropoutUpdate, l, ws.rows, widths[l], ws.dropoutRows, ws.dropoutFrom, ws.mask[l]);
    kernels.multiply(ws.rows * widths[l], ws.x[l], ws.mask[l], ws.dropped[l]);
  }

  /**
   * The backward pass after {@link #forward} on the same workspace, storing the gradient: the store's gradient
   * is set to G_W(l) = (1/B)·X(l−1)ᵀ·Δ(l), g_b(l) = (1/B)·1ᵀΔ(l), the gradient of J without L2; edges that
   * share a parameter add their gradients into its slot. The same as
   * {@code backward(ws, loss, GradientSink.store())}.
   *
   * @return Σ_n L_n over the batch's rows
   */
  public double backward(Workspace ws, Loss loss) {
    return backward(ws, loss, StoreGradient.INSTANCE);
  }

  /**
   * The lecture's backward pass after {@link #forward} on the same workspace, the one place it is written:
   * the loss seeds δ(L+1) from the workspace's targets; then for l = L+1 … 1, δ(l−1) = (Δ(l)·W(l)ᵀ) ⊙ φ′(Z(l−1))
   * is computed from the current W(l), and only then does {@code gradients} take layer l's gradient (store it,
   * or step W(l) and b(l) with it) — the product through W(l) and the step may share one pass over W(l)
   * ({@link GradientSink#propagateAndLayer}); φ′ is applied after, and before it a dropout layer's mask.
   *
   * @return Σ_n L_n over the batch's rows
   */
  public double backward(Workspace ws, Loss loss, GradientSink gradients) {
    int rows = ws.rows;
    int top = outputLayer();
    double sum = kernels.seed(loss, phi[top], ws.z[top], ws.x[top], ws.target, ws.rowWeights(), ws.delta[top], rows,
        widths[top]);
    for (int l = outputLayer(); l >= 1; l--) {
      if (l > 1) {
        gradients.propagateAndLayer(this, ws, l);
        if (ws.dropping && ws.mask[l - 1] != null) {
          // ∂x̃/∂x = M(l−1): the values dropped in the forward pass pass no gradient back
          kernels.multiply(rows * widths[l - 1], ws.delta[l - 1], ws.mask[l - 1], ws.delta[l - 1]);
        }
        kernels.multiplyByDerivative(rows * widths[l - 1], ws.z[l - 1], ws.x[l - 1], ws.delta[l - 1], phi[l - 1]);
      } else {
        gradients.layer(this, ws, l);
      }
    }
    gradients.end(params);
    return sum;
  }

  /** δ(l−1) ← Δ(l)·W(l)ᵀ on the workspace's rows, from the current W(l), before φ′(Z(l−1)); 2 ≤ l ≤ L+1. */
  void propagate(Workspace ws, int l) {
    int in = widths[l - 1];
    int out = widths[l];
    kernels.gemm(false, true, ws.rows, in, out, 1.0, ws.delta[l], 0, out,
        params.edgeValues(), params.weightOffset(l), out, 0.0, ws.delta[l - 1], 0, in);
  }

  /** Σ_n L_n of the last forward pass against the workspace's targets, without seeding. */
  public double lossValue(Workspace ws, Loss loss) {
    int top = outputLayer();
    return kernels.lossValue(loss, ws.z[top], ws.x[top], ws.target, ws.rowWeights(), ws.rows, widths[top]);
  }

  /**
   * Adds the L2 term to the gradient, g ← g + λθ, once per free weight parameter, and returns its value
   * (λ/2)·Σθ². Biases are not decayed.
   */
  public double addL2(double lambda) {
    return params.addL2(lambda);
  }

  /** (λ/2)·Σθ² over every free weight parameter, without touching the gradient. */
  public double l2Value(double lambda) {
    return params.l2Value(lambda);
  }

  /**
   * Copies the first {@code rows} rows of x(L+1) (or of the loss's link, if given) into {@code out}.
   *
   * @param out rows × n(L+1). Modified.
   */
  public void output(Workspace ws, Loss link, double[] out) {
    int top = outputLayer();
    kernels.output(link, ws.z[top], ws.x[top], out, ws.rows, widths[top]);
  }

  /**
   * One line for people: "network 2-4-1 (tanh, identity), 17 parameters", or with shared or absent edges
   * "network 64-288-10 (relu, identity), 2,970 free parameters on 21,610 edges"; dropout follows, as in
   * "…, 4,810 parameters, dropout 0.2 (layer 0), 0.5 (layer 1)"; a network in float32 has "… parameters in float32".
   */
  public String describe() {
    StringBuilder widthList = new StringBuilder();
    StringBuilder activationList = new StringBuilder();
    for (int l = 0; l <= outputLayer(); l++) {
      widthList.append(l == 0 ? "" : "-").append(width(l));
      if (l > 0) {
        activationList.append(l == 1 ? "" : ", ").append(activationName(l));
      }
    }
    int n = params.size();
    int edges = params.edgeCount();
    // grouped as the progress line groups samples/s: 238,510 parameters
    String count = n == edges ? Grouped.of(n) + (n == 1 ? " parameter" : " parameters")
        : Grouped.of(n) + " free parameters on " + Grouped.of(edges) + " edges";
    // float32 said where the run starts: nothing else on the terminal shows that the setting took effect
    return "network " + widthList + " (" + activationList + "), " + count + (params.inFloat32() ? " in float32" : "")
        + describeDropout();
  }

  /** ", dropout 0.2 (layer 0), 0.5 (layer 1)" for the layers that drop values; empty without dropout. */
  private String describeDropout() {
    if (dropout == null) {
      return "";
    }
    StringBuilder s = new StringBuilder(", dropout ");
    String sep = "";
    for (int l = 0; l < outputLayer(); l++) {
      if (dropout.rate(l) > 0) {
        s.append(sep).append(dropout.rate(l)).append(" (layer ").append(l).append(')');
        sep = ", ";
      }
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return "Network" + Arrays.toString(widths) + " " + Arrays.toString(Arrays.copyOfRange(activationNames, 1,
        activationNames.length)) + ", " + params.size() + " free parameters on " + params.edgeCount() + " edges";
  }
}
