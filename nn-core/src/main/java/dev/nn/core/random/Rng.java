package dev.nn.core.random;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The one random number algorithm of nn, and the seeded helpers built on it. Every seeded result of a run
 * (initial weights, generated data, splits, shuffles) comes from {@link #create(long)}, seeded through the one
 * derivation {@link RandomStream}, so the same seed gives the same run on every JVM that provides the
 * algorithm.
 */
public final class Rng {
  /**
   * The {@link RandomGeneratorFactory} name of the algorithm: a member of the LXM family (JDK 17), which
   * has a 2^192 period and is splittable. Recorded in provenance.
   */
  public static final String ALGORITHM = "L64X128MixRandom";

  private Rng() {}

  /** A fresh generator of {@link #ALGORITHM} seeded with {@code seed}. */
  public static RandomGenerator create(long seed) {
    return RandomGeneratorFactory.of(ALGORITHM).create(seed);
  }

  /**
   * Shuffles {@code a} in place by Fisher–Yates, drawing {@code a.length − 1} bounded integers.
   *
   * @param a the values to shuffle. Modified.
   */
  public static void shuffle(int[] a, RandomGenerator random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A uniformly random permutation of {@code 0 .. n−1}. */
  public static int[] permutation(int n, RandomGenerator random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p, random);
    return p;
  }
}
