package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-validation's folds ({@link Splits#fold}): with one seed, the k folds hold every row as test data exactly
 * once, in parts whose sizes differ by at most one, cut from the order a split takes; the validation rows come
 * from what the fold leaves, and no row is in two parts of one fold.
 */
class FoldsTests {
  /** Row i has x = i and y = 2i. */
  private static Dataset numbered(int n) {
    return SplitsTests.numbered(n);
  }

  @Test
  void theFoldsHoldEveryRowAsTestDataOnceInPartsOfAlmostEqualSize() {
    Dataset data = numbered(103);
    int[] timesTested = new int[103];
    for (int k = 0; k < 5; k++) {
      Splits.Split s = Splits.fold(data, k, 5, 0.25, 7);
      int nTest = s.test().size();
      assertTrue(nTest == 20 || nTest == 21, "103 rows in 5 folds: 20 or 21 each, found " + nTest);
      // a quarter of the 82 or 83 rows left, rounded, is validation; the rest trains
      assertEquals(Math.round(0.25 * (103 - nTest)), s.validation().size());
      assertEquals(103, s.train().size() + s.validation().size() + nTest);
      boolean[] seen = new boolean[103];
      for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
        for (int r = 0; r < part.size(); r++) {
          int id = (int) part.x(r, 0);
          assertEquals(2.0 * id, part.y(r, 0), "each row keeps its target");
          assertTrue(!seen[id], "row " + id + " is in two parts of fold " + k);
          seen[id] = true;
        }
      }
      for (int r = 0; r < nTest; r++) {
        timesTested[(int) s.test().x(r, 0)]++;
      }
    }
    int[] once = new int[103];
    Arrays.fill(once, 1);
    assertArrayEquals(once, timesTested);
  }

  @Test
  void theFoldsAreCutFromTheOrderASplitTakesAndDependOnlyOnTheSeed() {
    Dataset data = numbered(50);
    int[] order = Rng.permutation(50, RandomStream.SPLIT.generator(11));
    Splits.Split second = Splits.fold(data, 1, 5, 0, 11);
    for (int r = 0; r < 10; r++) {
      assertEquals(order[10 + r], (int) second.test().x(r, 0));
    }
    // the training rows are the others, in the same order: 0..9, then 20..49
    for (int r = 0; r < 40; r++) {
      assertEquals(order[r < 10 ? r : r + 10], (int) second.train().x(r, 0));
    }
    assertArrayEquals(second.test().copyX(), Splits.fold(data, 1, 5, 0, 11).test().copyX());
    assertTrue(!Arrays.equals(second.test().copyX(), Splits.fold(data, 1, 5, 0, 12).test().copyX()));
  }

  @Test
  void aClassificationsFoldsHoldEachClassInProportion() {
    // 97 rows of class 0 and 8 of class 1, the rare ones spread through the file
    int n = 105;
    double[] x = new double[n];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      classes[i] = i % 13 == 5 ? 1 : 0;
    }
    Dataset data = Dataset.classification("rare", x, classes, List.of("i"), "c", List.of("common", "rare"));
    assertEquals(8, data.classCounts()[1]);
    int[] timesTested = new int[n];
    for (int k = 0; k < 4; k++) {
      Splits.Split s = Splits.fold(data, k, 4, 0, 3);
      int[] counts = s.test().classCounts();
      // 8 rare rows over 4 folds: 2 each; 97 common ones: 24 or 25; 26 or 27 rows a fold
      assertEquals(2, counts[1], "fold " + k);
      assertTrue(counts[0] == 24 || counts[0] == 25, "fold " + k + ": " + counts[0]);
      assertEquals(n, s.train().size() + s.test().size());
      for (int r = 0; r < s.test().size(); r++) {
        int id = (int) s.test().x(r, 0);
        assertEquals(classes[id], s.test().classOf(r), "each row keeps its class");
        timesTested[id]++;
      }
    }
    int[] once = new int[n];
    Arrays.fill(once, 1);
    assertArrayEquals(once, timesTested);
    // without stratification the rare rows would fall as the permutation puts them: this seed's plain runs
    int[] order = Rng.permutation(n, RandomStream.SPLIT.generator(3));
    int[] rareInRun = new int[4];
    for (int p = 0; p < n; p++) {
      if (classes[order[p]] == 1) {
        rareInRun[(int) ((long) p * 4 / n)]++;
      }
    }
    assertTrue(Arrays.stream(rareInRun).anyMatch(c -> c != 2), Arrays.toString(rareInRun));
  }

  @Test
  void tooFewRowsAndAFoldOutOfRangeAreRefused() {
    assertEquals("numbered: 3 rows are too few for 5 folds; each fold needs a row at least",
        assertThrows(DataException.class, () -> Splits.fold(numbered(3), 0, 5, 0, 1)).getMessage());
    assertEquals("numbered: 4 rows are too few for fold 0 of 2 (2 rows), validation 0.9 of the rest (2 rows) and at"
        + " least 1 training row", assertThrows(DataException.class,
            () -> Splits.fold(numbered(4), 0, 2, 0.9, 1)).getMessage());
    assertEquals("fold 5 of 5: need 2 or more folds, 0 <= fold < folds",
        assertThrows(IllegalArgumentException.class, () -> Splits.fold(numbered(10), 5, 5, 0, 1)).getMessage());
  }
}
