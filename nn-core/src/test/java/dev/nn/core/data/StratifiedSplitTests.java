package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code data.stratify}: the split's parts keep the sizes of an unstratified split, and each holds every class in
 * its share of the rows to within one; a regression is refused.
 */
class StratifiedSplitTests {

  /** Three classes of 50, 30 and 20 rows, interleaved through the file; x is the row's number. */
  private static Dataset threeClasses() {
    int n = 100;
    double[] x = new double[n];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      classes[i] = i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2;
    }
    return Dataset.classification("three", x, classes, List.of("i"), "c", List.of("a", "b", "c"));
  }

  /** Whether every class of {@code part} is within one row of its share of the whole. */
  private static boolean inProportion(Dataset part, Dataset whole) {
    int[] counts = part.classCounts();
    int[] all = whole.classCounts();
    for (int c = 0; c < all.length; c++) {
      double share = (double) part.size() * all[c] / whole.size();
      if (Math.abs(counts[c] - share) > 1) {
        return false;
      }
    }
    return true;
  }

  @Test
  void everyPartHoldsEachClassInItsShareAndTheSizesOfAPlainSplit() {
    Dataset data = threeClasses();
    for (long seed = 1; seed <= 40; seed++) {
      Splits.Split plain = Splits.split(data, 0.125, 0.2, seed);
      Splits.Split s = Splits.split(data, 0.125, 0.2, seed, true);
      assertEquals(plain.test().size(), s.test().size());
      assertEquals(plain.validation().size(), s.validation().size());
      assertEquals(plain.train().size(), s.train().size());
      for (Dataset part : List.of(s.train(), s.validation(), s.test())) {
        assertTrue(inProportion(part, data), "seed " + seed + ": " + java.util.Arrays.toString(part.classCounts())
            + " of " + part.size());
      }
      boolean[] seen = new boolean[100];
      for (Dataset part : List.of(s.train(), s.validation(), s.test())) {
        for (int r = 0; r < part.size(); r++) {
          int id = (int) part.x(r, 0);
          assertTrue(!seen[id], "row " + id + " twice");
          seen[id] = true;
        }
      }
    }
    // 20 test rows of 50/30/20: exactly 10, 6 and 4
    assertEquals(List.of(10, 6, 4), java.util.Arrays.stream(Splits.split(data, 0.125, 0.2, 9, true).test()
        .classCounts()).boxed().toList());
  }

  @Test
  void withoutStratifyingSomeSeedsMissTheSharesAndTheSeedStillDecidesWhichRows() {
    Dataset data = threeClasses();
    int missed = 0;
    for (long seed = 1; seed <= 40; seed++) {
      missed += inProportion(Splits.split(data, 0.125, 0.2, seed).test(), data) ? 0 : 1;
    }
    assertTrue(missed > 0, "the plain split's test part missed its shares for some seed");
    // other seeds take other rows, class by class
    Splits.Split a = Splits.split(data, 0, 0.2, 1, true);
    Splits.Split b = Splits.split(data, 0, 0.2, 2, true);
    assertTrue(a.test().x(0, 0) != b.test().x(0, 0) || a.test().x(1, 0) != b.test().x(1, 0));
  }

  @Test
  void aFoldsValidationPartIsStratifiedToo() {
    Dataset data = threeClasses();
    for (int k = 0; k < 5; k++) {
      Splits.Split s = Splits.fold(data, k, 5, 0.25, 4, true);
      assertEquals(20, s.test().size());
      assertTrue(inProportion(s.validation(), data), java.util.Arrays.toString(s.validation().classCounts()));
      assertTrue(inProportion(s.test(), data));
    }
  }

  @Test
  void aRegressionCannotBeStratified() {
    Dataset data = SplitsTests.numbered(20);
    DataException e = assertThrows(DataException.class, () -> Splits.split(data, 0.1, 0.2, 1, true));
    assertTrue(e.getMessage().contains("data.stratify splits by class, but the task is regression"), e.getMessage());
  }
}
