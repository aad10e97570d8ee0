package dev.nn.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class RngTests {

  @Test
  void theAlgorithmIsL64X128MixRandomSeededDirectly() {
    assertEquals("L64X128MixRandom", Rng.ALGORITHM);
    RandomGenerator a = Rng.create(7);
    RandomGenerator b = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
    for (int i = 0; i < 5; i++) {
      assertEquals(b.nextLong(), a.nextLong());
    }
  }

  @Test
  void permutationHoldsEveryIndexOnceAndDependsOnTheSeed() {
    int[] p = Rng.permutation(1000, Rng.create(1));
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, sorted[i]);
    }
    assertArrayEquals(p, Rng.permutation(1000, Rng.create(1)));
    assertFalse(Arrays.equals(p, Rng.permutation(1000, Rng.create(2))));
    assertFalse(Arrays.equals(p, sorted));
  }

  @Test
  void shuffleIsFisherYatesFromTheTop() {
    int[] a = {0, 1, 2, 3};
    Rng.shuffle(a, Rng.create(3));
    int[] expected = {0, 1, 2, 3};
    RandomGenerator r = Rng.create(3);
    for (int i = 3; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = expected[i];
      expected[i] = expected[j];
      expected[j] = t;
    }
    assertArrayEquals(expected, a);
  }
}
