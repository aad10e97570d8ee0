package dev.nn.core.optim;

import java.nio.DoubleBuffer;

/** Checks and state copies shared by the built-in updaters; never called per element. */
final class Blocks {

  private Blocks() {}

  /** Rejects negative block sizes. */
  static int checkSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("a parameter block needs size >= 0, found " + size);
    }
    return size;
  }

  /**
   * Checks once per step that both buffers reach index {@code size − 1}, so that a short buffer fails
   * before any parameter or moment has changed.
   */
  static void checkStep(DoubleBuffer params, DoubleBuffer grads, int size, long t) {
    if (params.limit() < size || grads.limit() < size) {
      throw new IllegalArgumentException(
          "a block of "
              + size
              + " parameters needs buffers with limit >= "
              + size
              + ", found params limit "
              + params.limit()
              + " and grads limit "
              + grads.limit());
    }
    if (t < 1) {
      throw new IllegalArgumentException("updates are counted from 1, found t = " + t);
    }
  }

  /**
   * Concatenates the state arrays into one new array.
   *
   * @param parts state arrays, each of the block's size. Not modified.
   */
  static double[] export(double[]... parts) {
    int total = 0;
    for (double[] p : parts) {
      total += p.length;
    }
    double[] state = new double[total];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, state, at, p.length);
      at += p.length;
    }
    return state;
  }

  /**
   * Copies {@code state} back into the parts, in order.
   *
   * @param state what {@link #export} produced. Not modified.
   * @param parts state arrays. Modified.
   * @throws IllegalArgumentException if the length does not match, before anything is copied
   */
  static void restore(double[] state, String optimizer, double[]... parts) {
    int total = 0;
    for (double[] p : parts) {
      total += p.length;
    }
    if (state.length != total) {
      throw new IllegalArgumentException(
          optimizer
              + " state of this block has "
              + total
              + " values ("
              + parts.length
              + " per parameter), found "
              + state.length);
    }
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(state, at, p, 0, p.length);
      at += p.length;
    }
  }
}
