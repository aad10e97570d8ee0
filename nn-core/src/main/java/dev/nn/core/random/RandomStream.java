package dev.nn.core.random;

import java.util.random.RandomGenerator;

/**
 * The one derivation of every random stream of a run from the experiment's seed: (seed, purpose[, index]) →
 * a generator of {@link Rng#ALGORITHM}. Each constant is a purpose; {@link #generator(long, long)} draws the
 * stream of that purpose, and {@code index} tells apart the streams of one purpose (the epoch, for
 * {@link #SHUFFLE}).
 *
 * <p>Derivation, with m the SplitMix64 finalizer (Stafford's "Mix13": xor-shift 30, multiply by
 * 0xBF58476D1CE4E5B9, xor-shift 27, multiply by 0x94D049BB133111EB, xor-shift 31) and γ = 0x9E3779B97F4A7C15
 * (the golden-ratio increment of SplitMix64):
 *
 * <pre>
 *   stream seed = m( m( m(seed) + γ·id(purpose) ) + γ·index )
 * </pre>
 *
 * and the generator is {@code Rng.create(stream seed)}.
 *
 * <p>Why: adding small constants to the seed (seed + 1 for one stream, seed + 2 for another) makes the
 * experiment with seed s + 1 reuse the streams of seed s under other names, so two "independent" runs share
 * draws. The finalizer is a bijection whose every output bit depends on every input bit, applied after each
 * ingredient is folded in, so neighbouring seeds, purposes and indices give unrelated streams.
 *
 * <p>A purpose's {@code id} is fixed forever, not its position in this enum: adding or reordering purposes
 * must not change what existing experiments draw. A stream depends on nothing but (seed, purpose, index) —
 * in particular not on how many numbers other streams drew — so a run resumed at an epoch boundary shuffles
 * epoch e exactly as an uninterrupted run does.
 */
public enum RandomStream {
  /** The initial weights and biases, drawn by the initializer layer by layer. */
  INIT(1),
  /** The permutation that splits one data source into training, validation and test rows. */
  SPLIT(2),
  /** The samples of a generated training source ({@code data.train}). */
  TRAIN_DATA(3),
  /** The samples of a generated validation source ({@code data.validation}). */
  VALIDATION_DATA(4),
  /** The samples of a generated test source ({@code data.test}). */
  TEST_DATA(5),
  /** The order in which an epoch visits the training samples; the index is the epoch, from 1. */
  SHUFFLE(6),
  /**
   * The seed of the order in which one part of a distributed run visits its own samples, when parts train on
   * their own between averagings; the index is the part, from 0. That part's epoch e then shuffles with
   * {@link #SHUFFLE} of (this stream's seed, e).
   */
  PART_SHUFFLE(7),
  /**
   * The choices of a stability study ({@code nn stability}): which training sample pair p replaces, and by which
   * held-out row; the index is the pair, from 0.
   */
  STABILITY(8),
  /**
   * The shuffles of a permutation importance ({@code nn evaluate --importance}): the index is
   * column × repeats + repeat, each the order one shuffle of one input column takes.
   */
  IMPORTANCE(9),
  /**
   * The dropout masks of a training run: the index is the update t, from 1; each masked value's draw is
   * {@link #draw} of this stream's seed and the value's position, so a mask depends on (seed, t) alone.
   */
  DROPOUT(10);

  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private final long id;

  RandomStream(long id) {
    this.id = id;
  }

  /** The generator of this purpose for {@code seed}, index 0. */
  public RandomGenerator generator(long seed) {
    return generator(seed, 0);
  }

  /** The generator of this purpose for {@code seed} and {@code index}. */
  public RandomGenerator generator(long seed, long index) {
    return Rng.create(streamSeed(seed, index));
  }

  /** The seed of the stream (seed, this purpose, index), as in the class comment. */
  public long streamSeed(long seed, long index) {
    return mix(mix(mix(seed) + GAMMA * id) + GAMMA * index);
  }

  /**
   * A uniform number in [0, 1) for position {@code i} of the stream whose seed is {@code streamSeed}:
   * m(streamSeed + γ·(i + 1)), its top 53 bits. Counter-based, so any position is drawn without drawing the
   * ones before it, in any order and on any thread.
   */
  public static double draw(long streamSeed, long i) {
    return bits53(streamSeed, i) * 0x1.0p-53;
  }

  /** The integer k in [0, 2⁵³) of {@link #draw}: draw = k·2⁻⁵³. */
  public static long bits53(long streamSeed, long i) {
    return mix(streamSeed + GAMMA * (i + 1)) >>> 11;
  }

  /** SplitMix64's finalizer: a bijection on 64-bit values with full avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
