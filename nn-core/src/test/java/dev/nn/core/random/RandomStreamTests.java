package dev.nn.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one derivation (seed, purpose, index) → stream: neighbouring experiment seeds share no stream under any
 * purpose (what seed + 1, seed + 2 used to do), purposes of one seed are unrelated, and a stream is a pure
 * function of its three ingredients (what resuming at an epoch boundary relies on).
 */
class RandomStreamTests {
  private static final int DRAWS = 4096;
  private static final long[] SEEDS = {0, 1, 2, 41, 42, 43, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0x5DEECE66DL};
  /** 4.5 standard errors of the correlation of two independent uniform sequences of DRAWS values. */
  private static final double MAX_CORRELATION = 4.5 / Math.sqrt(DRAWS);

  @Test
  void theMixerIsSplitMix64sFinalizer() {
    // SplitMix64 from state 0: its first output is the finalizer applied to 0 + γ
    assertEquals(0xE220A8397B1DCDAFL, RandomStream.mix(0x9E3779B97F4A7C15L));
    assertEquals(0x6E789E6AA1B965F4L, RandomStream.mix(2 * 0x9E3779B97F4A7C15L));
  }

  @Test
  void theStreamSeedIsTheDocumentedDerivation() {
    long g = 0x9E3779B97F4A7C15L;
    long expected = RandomStream.mix(RandomStream.mix(RandomStream.mix(42) + g * 6) + g * 3);
    assertEquals(expected, RandomStream.SHUFFLE.streamSeed(42, 3));
    RandomGenerator direct = RandomGeneratorFactory.of(Rng.ALGORITHM).create(expected);
    RandomGenerator derived = RandomStream.SHUFFLE.generator(42, 3);
    for (int i = 0; i < 8; i++) {
      assertEquals(direct.nextLong(), derived.nextLong());
    }
    assertEquals(RandomGeneratorFactory.of(Rng.ALGORITHM).create(RandomStream.INIT.streamSeed(42, 0)).nextLong(),
        RandomStream.INIT.generator(42).nextLong(), "index 0 by default");
  }

  @Test
  void aStreamDependsOnlyOnSeedPurposeAndIndex() {
    for (RandomStream p : RandomStream.values()) {
      RandomGenerator a = p.generator(42, 7);
      RandomGenerator b = p.generator(42, 7);
      for (int i = 0; i < 100; i++) {
        assertEquals(a.nextLong(), b.nextLong(), p.name());
      }
    }
  }

  @Test
  void seedsSAndSPlusOneGiveUnrelatedStreamsForEveryPurpose() {
    for (long s : SEEDS) {
      for (RandomStream p : RandomStream.values()) {
        assertUnrelated(p.generator(s), p.generator(s + 1), p + " of seeds " + s + " and " + (s + 1));
        assertUnrelated(p.generator(s, 1), p.generator(s + 1, 1), p + " index 1 of seeds " + s + " and " + (s + 1));
      }
    }
  }

  @Test
  void purposesOfOneSeedGiveUnrelatedStreams() {
    RandomStream[] all = RandomStream.values();
    for (long s : SEEDS) {
      for (int i = 0; i < all.length; i++) {
        for (int j = i + 1; j < all.length; j++) {
          assertUnrelated(all[i].generator(s), all[j].generator(s), all[i] + " and " + all[j] + " of seed " + s);
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {0, 42, -7})
  void noStreamOfNeighbouringSeedsPurposesOrEpochsSharesItsStart(long seed) {
    // every (seed, purpose, index) for three neighbouring seeds and the first epochs: no stream is another
    // stream under another name, and no stream seed is repeated
    Map<Long, String> firstDraws = new HashMap<>();
    Set<Long> streamSeeds = new HashSet<>();
    for (long s = seed - 1; s <= seed + 1; s++) {
      for (RandomStream p : RandomStream.values()) {
        for (long index = 0; index < 20; index++) {
          String name = "(" + s + ", " + p + ", " + index + ")";
          assertTrue(streamSeeds.add(p.streamSeed(s, index)), "stream seed repeated at " + name);
          RandomGenerator r = p.generator(s, index);
          for (int k = 0; k < 4; k++) {
            String before = firstDraws.put(r.nextLong(), name);
            assertEquals(null, before, name + " repeats a draw of " + before);
          }
        }
      }
    }
  }

  @Test
  void stepsInTheSeedFlipAboutHalfTheStreamSeedsBits() {
    for (RandomStream p : RandomStream.values()) {
      int flipped = 0;
      int pairs = 0;
      for (long s = -500; s < 500; s++) {
        flipped += Long.bitCount(p.streamSeed(s, 0) ^ p.streamSeed(s + 1, 0));
        flipped += Long.bitCount(p.streamSeed(s, s) ^ p.streamSeed(s, s + 1));
        pairs += 2;
      }
      double mean = flipped / (double) pairs;
      // 32 bits for independent values; the standard error of the mean over 2000 pairs is 0.09
      assertEquals(32.0, mean, 0.5, p.name());
    }
    assertNotEquals(RandomStream.INIT.streamSeed(0, 0), RandomStream.SPLIT.streamSeed(0, 0));
  }

  /** No equal draw at any position, and no linear relation between the two sequences. */
  private static void assertUnrelated(RandomGenerator a, RandomGenerator b, String what) {
    double[] x = new double[DRAWS];
    double[] y = new double[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      long u = a.nextLong();
      long v = b.nextLong();
      assertNotEquals(u, v, what + ": draw " + i + " is equal");
      x[i] = (u >>> 11) * 0x1.0p-53;
      y[i] = (v >>> 11) * 0x1.0p-53;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < DRAWS; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= DRAWS;
    my /= DRAWS;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < DRAWS; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    double r = sxy / Math.sqrt(sxx * syy);
    assertTrue(Math.abs(r) < MAX_CORRELATION, what + ": correlation " + r);
  }
}
