package dev.nn.core.network;

import dev.nn.core.random.RandomStream;
import java.util.Arrays;

/**
 * Inverted dropout (Srivastava et al., JMLR 15, 2014, with the scaling moved to training): while the network
 * trains, each value of x(l) of a layer with rate p > 0 is kept with probability 1 − p and then multiplied by
 * 1/(1 − p), or set to 0, before the next layer reads it; the backward pass multiplies δ(l) by the same mask
 * before φ′(z(l)), since x̃(l) = x(l) ⊙ m(l) makes ∂x̃/∂x the mask. Predictions use x(l) as it is: the mask's
 * expectation is 1, so nothing is scaled at inference.
 *
 * <p>The masks are drawn from {@link RandomStream#DROPOUT} of the experiment's seed and the update number t:
 * value i of layer l's mask is kept when its draw at position (offset of layer l) + i is at least p. A mask
 * depends on (seed, t, l, i) alone — not on the thread count, not on other random streams, not on what ran
 * before — so a resumed run draws what an uninterrupted one does, and the gradient check sees one fixed mask.
 */
public final class Dropout {
  private final double[] rates;
  private final long seed;
  /** Where each layer's draws start: layer l draws at {@code offsets[l] + i}, i < capacity·n(l). */
  private final long[] offsets;

  /**
   * @param rates p of each layer 0 … L+1 (input layer included), each in [0, 1); the output layer's must be
   *     0. Not modified.
   * @param seed the experiment's seed
   */
  public Dropout(double[] rates, long seed) {
    for (int l = 0; l < rates.length; l++) {
      if (!(rates[l] >= 0 && rates[l] < 1)) {
        throw new IllegalArgumentException("dropout of layer " + l + " must be in [0, 1), found " + rates[l]);
      }
    }
    if (rates.length > 0 && rates[rates.length - 1] != 0) {
      throw new IllegalArgumentException("the output layer takes no dropout, found " + rates[rates.length - 1]);
    }
    this.rates = rates.clone();
    this.seed = seed;
    this.offsets = new long[rates.length];
    for (int l = 1; l < rates.length; l++) {
      // 2^40 draws a layer: more values than any batch of any layer holds
      offsets[l] = offsets[l - 1] + (1L << 40);
    }
  }

  /** Dropout of these rates, or {@code null} when no layer drops anything. */
  static Dropout of(double[] rates, long seed) {
    return rates != null && Arrays.stream(rates).anyMatch(p -> p > 0) ? new Dropout(rates, seed) : null;
  }

  /** p of layer l. */
  public double rate(int l) {
    return rates[l];
  }

  /**
   * Fills {@code mask} with layer l's mask of update t: {@code count} values, each 0 or 1/(1 − p), for the
   * first rows of the update's batch.
   *
   * @param mask at least {@code count} long. Modified.
   */
  public void fill(long t, int l, int count, double[] mask) {
    fill(t, l, 1, count, null, 0, mask);
  }

  /**
   * Fills {@code mask} with layer l's mask of update t for {@code rows} rows of n(l) = {@code width} values:
   * row r takes the mask of row {@code positions[from + r]} of the update's batch, or of row {@code from + r}
   * when {@code positions} is {@code null}. So a batch computed in parts (chunks, or the workers of a
   * distributed run) draws the masks the whole batch draws in one pass.
   *
   * @param mask at least rows·width long. Modified.
   */
  public void fill(long t, int l, int rows, int width, int[] positions, int from, double[] mask) {
    long stream = RandomStream.DROPOUT.streamSeed(seed, t);
    if (positions == null) {
      fill(stream, l, (long) from * width, rows * width, mask, 0);
      return;
    }
    for (int r = 0; r < rows; r++) {
      fill(stream, l, (long) positions[from + r] * width, width, mask, r * width);
    }
  }

  /** Values {@code first … first+count−1} of layer l's mask in {@code stream}, into {@code mask} at {@code at}. */
  private void fill(long stream, int l, long first, int count, double[] mask, int at) {
    double p = rates[l];
    double scale = 1.0 / (1.0 - p);
    long offset = offsets[l] + first;
    // draw ≥ p, where draw = k·2⁻⁵³ for the 53-bit integer k, is k ≥ ⌈p·2⁵³⌉ (p·2⁵³ is exact): the same test
    // in integers and without a branch, which at p = 0.5 the processor would mispredict for half the values
    long least = (long) Math.ceil(p * 0x1.0p53);
    for (int i = 0; i < count; i++) {
      long dropped = (RandomStream.bits53(stream, offset + i) - least) >>> 63;
      mask[at + i] = (1 - dropped) * scale;
    }
  }
}
