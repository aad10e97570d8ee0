package dev.nn.core.network;

import dev.nn.core.kernel.Kernels;
import dev.nn.core.kernel.Matrix;
import dev.nn.api.Optimizer;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Every free parameter of a network in one buffer, ∂J/∂θ in a second buffer of the same layout, and the
 * edge weights the kernels compute with.
 *
 * <p>Edge layout: for l = 1 … L+1, W(l) (n(l−1)×n(l), row-major) then b(l) (n(l)). In a dense network
 * every edge is its own free parameter and the edge buffers <em>are</em> the parameter buffers: the
 * kernels read W(l) in place and write G_W(l) straight into the gradient. With a {@link Structure} that
 * shares or removes edges, the store keeps separate edge buffers: {@link #publish()} copies each free
 * parameter to all of its edges (absent edges stay 0) after every change of the parameters, and
 * {@link #reduceGradients()} sums the edge gradients of each free parameter into its slot after every
 * backward pass — the lecture's rule for shared weights. Both cost O(edges), against O(B·edges) for the
 * pass itself.
 *
 * <p>Free parameters are grouped into {@link Block}s, one per W(l) and b(l) (a block holds the slots first
 * allocated by its edges); each block gets optimizer state of its own.
 */
public final class ParameterStore {

  /**
   * A contiguous range of free parameters, first allocated by one layer's weights or biases.
   *
   * @param name {@code layers[l].W} or {@code layers[l].b}
   * @param layer l, from 1
   * @param weights whether the block came from weights (rather than biases)
   * @param offset first slot
   * @param length number of slots
   */
  public record Block(String name, int layer, boolean weights, int offset, int length) {}

  private final int[] widths;
  private final Structure structure;
  private final Structure.EdgeLayout layout;
  private final Matrix values;
  private final Matrix grads;
  private final Matrix edgeValues;
  private final Matrix edgeGrads;
  private final List<Block> blocks;
  private final int size;
  private final boolean dense;
  private final int[] slotOf;

  ParameterStore(int[] widths, Structure structure, Kernels kernels) {
    this.widths = widths.clone();
    this.structure = structure == null ? Structure.dense(widths) : structure;
    if (!java.util.Arrays.equals(this.structure.widths(), widths)) {
      throw new IllegalArgumentException("the structure was built for widths "
          + java.util.Arrays.toString(this.structure.widths()) + ", not " + java.util.Arrays.toString(widths));
    }
    this.layout = new Structure.EdgeLayout(widths);
    this.dense = this.structure.isDense();
    this.size = this.structure.freeParameters();
    this.slotOf = this.structure.slotMap();
    values = kernels.allocate(size);
    grads = kernels.allocate(size);
    edgeValues = dense ? values : kernels.allocate(layout.edges());
    edgeGrads = dense ? grads : kernels.allocate(layout.edges());
    List<Block> list = new ArrayList<>();
    int next = 0;
    for (int l = 1; l < widths.length; l++) {
      next = addBlock(list, "layers[" + l + "].W", l, true, layout.weightOffset[l], layout.biasOffset[l], next);
      next = addBlock(list, "layers[" + l + "].b", l, false, layout.biasOffset[l], layout.biasOffset[l] + widths[l],
          next);
    }
    blocks = List.copyOf(list);
  }

  /** Adds the block of the slots first allocated by edges [from, to); returns the next unallocated slot. */
  private int addBlock(List<Block> list, String name, int l, boolean weights, int from, int to, int next) {
    int start = next;
    for (int e = from; e < to; e++) {
      if (slotOf[e] == next) {
        next++;
      }
    }
    if (next > start) {
      list.add(new Block(name, l, weights, start, next - start));
    }
    return next;
  }

  /** The free parameters θ. After changing them, call {@link #publish()}. */
  public Matrix values() {
    return values;
  }

  /** ∂J/∂θ of the last backward pass (summed over shared edges), same layout as {@link #values()}. */
  public Matrix grads() {
    return grads;
  }

  /** The weight of every edge, in edge layout: what the kernels compute with. */
  public Matrix edgeValues() {
    return edgeValues;
  }

  /** ∂J/∂(edge weight) of the last backward pass, before {@link #reduceGradients()} sums shared edges. */
  public Matrix edgeGrads() {
    return edgeGrads;
  }

  /** The number of free parameters. */
  public int size() {
    return size;
  }

  /** The number of edges (weights and biases), shared or absent ones included. */
  public int edgeCount() {
    return layout.edges();
  }

  /** Which edges share parameters and which are absent. */
  public Structure structure() {
    return structure;
  }

  /** The blocks of free parameters, in slot order. */
  public List<Block> blocks() {
    return blocks;
  }

  /** Index of W(l) in the edge buffers. */
  public int weightOffset(int l) {
    return layout.weightOffset[l];
  }

  /** Index of b(l) in the edge buffers. */
  public int biasOffset(int l) {
    return layout.biasOffset[l];
  }

  /** Copies every free parameter to its edges; absent edges stay zero. A no-op for a dense network. */
  public void publish() {
    if (dense) {
      return;
    }
    for (int e = 0; e < slotOf.length; e++) {
      int s = slotOf[e];
      edgeValues.set(e, s < 0 ? 0.0 : values.get(s));
    }
  }

  /** Sets each free parameter's gradient to the sum of its edges' gradients. A no-op for a dense network. */
  public void reduceGradients() {
    if (dense) {
      return;
    }
    for (int s = 0; s < size; s++) {
      grads.set(s, 0.0);
    }
    for (int e = 0; e < slotOf.length; e++) {
      int s = slotOf[e];
      if (s >= 0) {
        grads.set(s, grads.get(s) + edgeGrads.get(e));
      }
    }
  }

  /**
   * Adds the L2 term to the gradient, g ← g + λθ, once per free parameter that any weight edge uses
   * (parameters of biases alone are not decayed), and returns (λ/2)·Σθ² over those parameters.
   */
  public double addL2(double lambda) {
    return l2(lambda, true);
  }

  /**
   * Gradient clipping by the global norm: when ‖g‖₂ over every free parameter exceeds {@code maxNorm}, scales
   * g by maxNorm/‖g‖₂, keeping its direction. Returns ‖g‖₂ before clipping.
   */
  public double clipGradientNorm(double maxNorm) {
    double sumSquares = 0.0;
    for (int k = 0; k < size; k++) {
      double g = grads.get(k);
      sumSquares += g * g;
    }
    double norm = Math.sqrt(sumSquares);
    if (norm > maxNorm) {
      double scale = maxNorm / norm;
      for (int k = 0; k < size; k++) {
        grads.set(k, grads.get(k) * scale);
      }
    }
    return norm;
  }

  /** (λ/2)·Σθ² over the decayed free parameters, without touching the gradient. */
  public double l2Value(double lambda) {
    return l2(lambda, false);
  }

  private double l2(double lambda, boolean addGradient) {
    if (lambda == 0.0) {
      return 0.0;
    }
    double sumSquares = 0.0;
    if (dense) {
      for (Block block : blocks) {
        if (block.weights()) {
          int end = block.offset() + block.length();
          for (int k = block.offset(); k < end; k++) {
            double w = values.get(k);
            sumSquares += w * w;
            if (addGradient) {
              grads.set(k, grads.get(k) + lambda * w);
            }
          }
        }
      }
    } else {
      for (int k = 0; k < size; k++) {
        if (structure.decayed(k)) {
          double w = values.get(k);
          sumSquares += w * w;
          if (addGradient) {
            grads.set(k, grads.get(k) + lambda * w);
          }
        }
      }
    }
    return 0.5 * lambda * sumSquares;
  }

  /** The edge index of w(l)ij, the edge from node i of layer l−1 to node j of layer l. */
  public int weightIndex(int l, int i, int j) {
    checkLayer(l);
    if (i < 0 || i >= widths[l - 1] || j < 0 || j >= widths[l]) {
      throw new IndexOutOfBoundsException("w(" + l + ")" + i + "," + j + " outside W(" + l + ") of shape "
          + widths[l - 1] + "x" + widths[l]);
    }
    return layout.weightOffset[l] + i * widths[l] + j;
  }

  /** The edge index of b(l)j. */
  public int biasIndex(int l, int j) {
    checkLayer(l);
    if (j < 0 || j >= widths[l]) {
      throw new IndexOutOfBoundsException("b(" + l + ")" + j + " outside b(" + l + ") of length " + widths[l]);
    }
    return layout.biasOffset[l] + j;
  }

  /** w(l)ij as the kernels see it. */
  public double weight(int l, int i, int j) {
    return edgeValues.get(weightIndex(l, i, j));
  }

  /** b(l)j as the kernels see it. */
  public double bias(int l, int j) {
    return edgeValues.get(biasIndex(l, j));
  }

  /** The free parameter of edge {@code e}, or −1 if the edge is absent. */
  public int slotOf(int e) {
    return slotOf[e];
  }

  /** A copy of every free parameter, in slot order. */
  public double[] toArray() {
    double[] out = new double[size];
    values.get(0, out, 0, size);
    return out;
  }

  /** Replaces every free parameter and publishes them to the edges. Not modified: {@code source}. */
  public void load(double[] source) {
    if (source.length != size) {
      throw new IllegalArgumentException("expected " + size + " parameters, found " + source.length);
    }
    values.set(0, source, 0, size);
    publish();
  }

  /** A copy of the gradient of every free parameter, in slot order. */
  public double[] gradsToArray() {
    double[] out = new double[size];
    grads.get(0, out, 0, size);
    return out;
  }

  /** A copy of every edge weight, in edge layout. */
  public double[] edgesToArray() {
    double[] out = new double[layout.edges()];
    edgeValues.get(0, out, 0, out.length);
    return out;
  }

  /**
   * {@code DoubleBuffer} views of each block's values and gradients for optimizers, made once (a step then
   * allocates nothing); see {@link #step}.
   */
  public DoubleBuffer[][] blockViews() {
    DoubleBuffer[][] views = new DoubleBuffer[2][blocks.size()];
    for (int b = 0; b < blocks.size(); b++) {
      Block block = blocks.get(b);
      views[0][b] = values.doubles(block.offset(), block.length());
      views[1][b] = grads.doubles(block.offset(), block.length());
    }
    return views;
  }

  /**
   * Steps every block with its updater on the views of {@link #blockViews} — which, when the kernels keep
   * parameters in float32, are double mirrors brought up to date before and written back after — then
   * publishes the parameters to their edges.
   */
  public void step(Optimizer.Updater[] updaters, DoubleBuffer[][] views, double rate, long t) {
    step(updaters, views, rate, t, null);
  }

  /**
   * {@link #step(Optimizer.Updater[], DoubleBuffer[][], double, long)}, running {@code beforeRounding} (when not
   * {@code null}) once the updaters have written the views and before float32 parameters are rounded from them:
   * what an optimizer wrote, as it wrote it.
   */
  public void step(Optimizer.Updater[] updaters, DoubleBuffer[][] views, double rate, long t,
      Runnable beforeRounding) {
    values.beginUpdate();
    grads.beginUpdate();
    for (int b = 0; b < updaters.length; b++) {
      updaters[b].step(views[0][b], views[1][b], rate, t);
    }
    if (beforeRounding != null) {
      beforeRounding.run();
    }
    values.endUpdate();
    publish();
  }

  /** Whether the parameters are held in float32 (rounded from the updaters' double views after each step). */
  public boolean inFloat32() {
    return values.precision() == dev.nn.core.kernel.Precision.FLOAT32;
  }

  /**
   * Sets the free parameters of W(l)'s and b(l)'s edges from {@code w} (n(l−1) rows of n(l)) and {@code b}
   * (n(l)), and publishes them: see {@link Network#setLayer}.
   */
  void setLayer(int l, double[][] w, double[] b) {
    checkLayer(l);
    if (w.length != widths[l - 1] || b.length != widths[l]) {
      throw new IllegalArgumentException("W(" + l + ") is " + widths[l - 1] + "x" + widths[l] + " and b(" + l
          + ") has " + widths[l] + " values, found " + w.length + " rows and " + b.length + " biases");
    }
    double[] given = new double[size];
    int[] givenBy = new int[size];
    java.util.Arrays.fill(givenBy, -1);
    for (int i = 0; i < w.length; i++) {
      if (w[i].length != widths[l]) {
        throw new IllegalArgumentException("row " + i + " of W(" + l + ") must have " + widths[l] + " values, found "
            + w[i].length);
      }
      for (int j = 0; j < widths[l]; j++) {
        take(weightIndex(l, i, j), w[i][j], given, givenBy);
      }
    }
    for (int j = 0; j < widths[l]; j++) {
      take(biasIndex(l, j), b[j], given, givenBy);
    }
    for (int s = 0; s < size; s++) {
      if (givenBy[s] >= 0) {
        values.set(s, given[s]);
      }
    }
    publish();
  }

  /** Records {@code v} for edge {@code e}'s free parameter, refusing what no parameter can hold. */
  private void take(int e, double v, double[] given, int[] givenBy) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(describeEdge(e) + " must be a finite number, found " + v);
    }
    int s = slotOf[e];
    if (s < 0) {
      if (v != 0) {
        throw new IllegalArgumentException(describeEdge(e) + " is not an edge of this network (its structure leaves"
            + " it out), so it must be 0, found " + v);
      }
      return;
    }
    if (givenBy[s] >= 0 && given[s] != v) {
      throw new IllegalArgumentException(describeEdge(givenBy[s]) + " and " + describeEdge(e) + " share one weight,"
          + " so they must be given the same value, found " + given[s] + " and " + v);
    }
    given[s] = v;
    givenBy[s] = e;
  }

  /**
   * Sets the free parameters from edge weights: each takes the weight of its first edge. Used after an
   * initializer has filled every layer's edges.
   */
  void adoptEdges(double[] edges) {
    for (int s = 0; s < size; s++) {
      values.set(s, edges[structure.firstEdge(s)]);
    }
    publish();
  }

  /**
   * A human name for free parameter {@code k}: its first edge, {@code layers[2].W[3][1]}, and how many edges
   * share it when more than one.
   */
  public String describe(int k) {
    int e = structure.firstEdge(k);
    String name = describeEdge(e);
    int n = structure.members(k);
    return n > 1 ? name + " (shared by " + n + " edges)" : name;
  }

  /** {@code layers[2].W[3][1]} or {@code layers[2].b[1]} for edge {@code e}. */
  public String describeEdge(int e) {
    for (int l = 1; l < widths.length; l++) {
      if (e >= layout.weightOffset[l] && e < layout.biasOffset[l]) {
        int r = e - layout.weightOffset[l];
        return "layers[" + l + "].W[" + (r / widths[l]) + "][" + (r % widths[l]) + "]";
      }
      if (e >= layout.biasOffset[l] && e < layout.biasOffset[l] + widths[l]) {
        return "layers[" + l + "].b[" + (e - layout.biasOffset[l]) + "]";
      }
    }
    throw new IndexOutOfBoundsException("edge " + e + " outside " + layout.edges());
  }

  private void checkLayer(int l) {
    if (l < 1 || l >= widths.length) {
      throw new IndexOutOfBoundsException("layer " + l + " outside 1.." + (widths.length - 1));
    }
  }
}
