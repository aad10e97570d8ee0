package dev.nn.core.network;

import dev.nn.core.kernel.Kernels;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of a network in one buffer, and ∂J/∂θ in a second buffer of the same layout.
 *
 * <p>Layout: for l = 1 … L+1, W(l) (n(l−1)×n(l), row-major) then b(l) (n(l)). Each W(l) and b(l) is a
 * {@link Block}: a contiguous range the kernels read in place and the optimizer updates with state of
 * its own. One store per network is what lets a later layer of the engine map several edges onto one
 * slot (weight tying) without the optimizer, the checkpoint or the gradient check knowing.
 */
public final class ParameterStore {

  /**
   * A contiguous range of the store: one layer's weights or biases.
   *
   * @param name {@code layers[l].W} or {@code layers[l].b}
   * @param layer l, from 1
   * @param weights whether this block holds weights (decayed by L2) rather than biases
   * @param offset first index in the store
   * @param length number of values
   */
  public record Block(String name, int layer, boolean weights, int offset, int length) {}

  private final DoubleBuffer values;
  private final DoubleBuffer grads;
  private final int[] widths;
  private final int[] weightOffset;
  private final int[] biasOffset;
  private final List<Block> blocks;
  private final int size;

  ParameterStore(int[] widths, Kernels kernels) {
    this.widths = widths.clone();
    int layers = widths.length - 1;
    weightOffset = new int[layers + 1];
    biasOffset = new int[layers + 1];
    List<Block> list = new ArrayList<>();
    long offset = 0;
    for (int l = 1; l <= layers; l++) {
      int w = widths[l - 1] * widths[l];
      weightOffset[l] = (int) offset;
      list.add(new Block("layers[" + l + "].W", l, true, (int) offset, w));
      offset += w;
      biasOffset[l] = (int) offset;
      list.add(new Block("layers[" + l + "].b", l, false, (int) offset, widths[l]));
      offset += widths[l];
      if (offset > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("network too large: more than " + Integer.MAX_VALUE + " parameters");
      }
    }
    size = (int) offset;
    blocks = List.copyOf(list);
    values = kernels.allocate(size);
    grads = kernels.allocate(size);
  }

  /** All parameters θ. Read and written in place by kernels and optimizers. */
  public DoubleBuffer values() {
    return values;
  }

  /** ∂J/∂θ of the last backward pass, same layout as {@link #values()}. */
  public DoubleBuffer grads() {
    return grads;
  }

  /** The number of free parameters. */
  public int size() {
    return size;
  }

  /** The blocks W(1), b(1), …, W(L+1), b(L+1), in store order. */
  public List<Block> blocks() {
    return blocks;
  }

  /** Index of W(l) in the store. */
  public int weightOffset(int l) {
    return weightOffset[l];
  }

  /** Index of b(l) in the store. */
  public int biasOffset(int l) {
    return biasOffset[l];
  }

  /** Index of w(l)ij, the edge from node i of layer l−1 to node j of layer l. */
  public int weightIndex(int l, int i, int j) {
    checkLayer(l);
    if (i < 0 || i >= widths[l - 1] || j < 0 || j >= widths[l]) {
      throw new IndexOutOfBoundsException("w(" + l + ")" + i + "," + j + " outside W(" + l + ") of shape "
          + widths[l - 1] + "x" + widths[l]);
    }
    return weightOffset[l] + i * widths[l] + j;
  }

  /** Index of b(l)j. */
  public int biasIndex(int l, int j) {
    checkLayer(l);
    if (j < 0 || j >= widths[l]) {
      throw new IndexOutOfBoundsException("b(" + l + ")" + j + " outside b(" + l + ") of length " + widths[l]);
    }
    return biasOffset[l] + j;
  }

  /** w(l)ij. */
  public double weight(int l, int i, int j) {
    return values.get(weightIndex(l, i, j));
  }

  /** b(l)j. */
  public double bias(int l, int j) {
    return values.get(biasIndex(l, j));
  }

  /** A copy of every parameter, in store order. */
  public double[] toArray() {
    double[] out = new double[size];
    values.get(0, out, 0, size);
    return out;
  }

  /** Replaces every parameter. Not modified: {@code source}. */
  public void load(double[] source) {
    if (source.length != size) {
      throw new IllegalArgumentException("expected " + size + " parameters, found " + source.length);
    }
    values.put(0, source, 0, size);
  }

  /** A copy of the gradient, in store order. */
  public double[] gradsToArray() {
    double[] out = new double[size];
    grads.get(0, out, 0, size);
    return out;
  }

  /** A human name for index {@code k}: {@code layers[2].W[3][1]} or {@code layers[2].b[1]}. */
  public String describe(int k) {
    for (Block block : blocks) {
      if (k >= block.offset() && k < block.offset() + block.length()) {
        int r = k - block.offset();
        int l = block.layer();
        if (block.weights()) {
          return "layers[" + l + "].W[" + (r / widths[l]) + "][" + (r % widths[l]) + "]";
        }
        return "layers[" + l + "].b[" + r + "]";
      }
    }
    throw new IndexOutOfBoundsException("parameter " + k + " outside a store of " + size);
  }

  private void checkLayer(int l) {
    if (l < 1 || l >= widths.length) {
      throw new IndexOutOfBoundsException("layer " + l + " outside 1.." + (widths.length - 1));
    }
  }
}
