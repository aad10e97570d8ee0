package dev.nn.core.data;

import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsTests {

  /** Row i has x = i and y = 2i, so every row can be recognised after a shuffle. */
  static Dataset numbered(int n) {
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = 2 * i;
    }
    return Dataset.regression("numbered", x, y, List.of("i"), List.of("twice"));
  }

  private static double[] ids(Dataset d) {
    return d.copyX();
  }

  @Test
  void testIsAFractionOfAllRowsAndValidationAFractionOfTheRest() {
    Splits.Split s = Splits.split(numbered(1000), 0.1, 0.2, 42);
    assertEquals(200, s.test().size());
    assertEquals(80, s.validation().size());
    assertEquals(720, s.train().size());
  }

  @Test
  void everyRowLandsInExactlyOnePartWithItsTarget() {
    Splits.Split s = Splits.split(numbered(101), 0.25, 0.3, 7);
    double[] all = new double[101];
    int k = 0;
    for (Dataset part : List.of(s.train(), s.validation(), s.test())) {
      for (int i = 0; i < part.size(); i++) {
        assertEquals(2 * part.x(i, 0), part.y(i, 0));
        all[k++] = part.x(i, 0);
      }
    }
    assertEquals(101, k);
    Arrays.sort(all);
    for (int i = 0; i < 101; i++) {
      assertEquals(i, all[i]);
    }
  }

  @Test
  void theSplitDependsOnlyOnTheSeed() {
    Splits.Split a = Splits.split(numbered(50), 0.2, 0.2, 3);
    Splits.Split b = Splits.split(numbered(50), 0.2, 0.2, 3);
    Splits.Split c = Splits.split(numbered(50), 0.2, 0.2, 4);
    assertArrayEquals(ids(a.train()), ids(b.train()));
    assertArrayEquals(ids(a.test()), ids(b.test()));
    assertFalse(Arrays.equals(ids(a.test()), ids(c.test())));
  }

  @Test
  void theRowsAreShuffledByThePermutationOfTheSplitStream() {
    Splits.Split s = Splits.split(numbered(20), 0.0, 0.25, 5);
    int[] p = Rng.permutation(20, RandomStream.SPLIT.generator(5));
    for (int i = 0; i < 5; i++) {
      assertEquals(p[i], s.test().x(i, 0));
    }
    for (int i = 0; i < 15; i++) {
      assertEquals(p[5 + i], s.train().x(i, 0));
    }
    Dataset shuffled = Splits.shuffle(numbered(20), 5);
    for (int i = 0; i < 20; i++) {
      assertEquals(p[i], shuffled.x(i, 0), "shuffle gives the order split takes its parts from");
    }
  }

  @Test
  void zeroFractionsLeaveEmptyPartsAndASmallPositiveFractionTakesOneRow() {
    Splits.Split none = Splits.split(numbered(10), 0, 0, 1);
    assertEquals(10, none.train().size());
    assertEquals(0, none.validation().size());
    assertEquals(0, none.test().size());
    Splits.Split tiny = Splits.split(numbered(10), 0.01, 0.01, 1);
    assertEquals(1, tiny.test().size());
    assertEquals(1, tiny.validation().size());
    assertEquals(8, tiny.train().size());
  }

  @Test
  void shuffleKeepsEveryRow() {
    Dataset s = Splits.shuffle(numbered(30), 9);
    double[] ids = ids(s);
    assertFalse(Arrays.equals(ids(numbered(30)), ids));
    Arrays.sort(ids);
    assertArrayEquals(ids(numbered(30)), ids);
  }

  @Test
  void aDatasetTooSmallForTheSplitIsADataError() {
    DataException e = assertThrows(DataException.class, () -> Splits.split(numbered(2), 0.5, 0.5, 1));
    assertEquals(
        "numbered: 2 rows are too few to split into test 0.5 (1 row), validation 0.5 (1 row) and at least 1 training row",
        e.getMessage());
    e = assertThrows(DataException.class,
        () -> Splits.split(numbered(2), 0.1875, 0.2, 1, false, new Splits.Named("data.test 0.2", "data.validation 0.15")));
    assertEquals("numbered: 2 rows are too few to split into data.test 0.2 (1 row), data.validation 0.15 (1 row) and"
        + " at least 1 training row", e.getMessage());    // no rows at all: said so, without the fractions of hold-outs a caller may never have written
    assertEquals("numbered: the data set has no rows; training needs at least 1",
        assertThrows(DataException.class, () -> Splits.split(numbered(0), 0.2, 0.0, 1)).getMessage());
  }

  @Test
  void fractionsMustBeBelowOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.split(numbered(5), 1.0, 0, 1));
    assertEquals("validation fraction must be in [0, 1), found 1.0", e.getMessage());
  }

  @Test
  void aSplitThatOwnsItsDataGivesTheSamePartsAndWithNothingHeldOutMovesTheRowsInPlace() {
    for (double[] f : new double[][] {{0, 0}, {0.1, 0.2}, {0.3, 0}, {0, 0.25}}) {
      Splits.Split copied = Splits.split(numbered(101), f[0], f[1], 5);
      Dataset data = numbered(101);
      Splits.Split owned = Splits.split(data, f[0], f[1], 5, true, false);
      for (int part = 0; part < 3; part++) {
        Dataset a = part == 0 ? copied.train() : part == 1 ? copied.validation() : copied.test();
        Dataset b = part == 0 ? owned.train() : part == 1 ? owned.validation() : owned.test();
        assertArrayEquals(a.copyX(), b.copyX());
        assertArrayEquals(a.copyY(), b.copyY());
      }
      double[] dataX = OwnedData.lend(data, (x, y, n, d, k) -> x);
      double[] trainX = OwnedData.lend(owned.train(), (x, y, n, d, k) -> x);
      assertEquals(f[0] == 0 && f[1] == 0, dataX == trainX, "in place exactly when nothing is held out");
    }
  }

  @Test
  void reorderingInPlaceGivesTheRowsOfThePermutation() {
    java.util.random.RandomGenerator rng = RandomStream.SPLIT.generator(3);
    for (int n : new int[] {0, 1, 2, 17, 200}) {
      int[] order = Rng.permutation(n, rng);
      Dataset expected = Dataset.classification("c", numbered(n).copyX(), classes(n), List.of("i"), "c",
          List.of("a", "b", "c")).rows(order);
      Dataset reordered = Dataset.classification("c", numbered(n).copyX(), classes(n), List.of("i"), "c",
          List.of("a", "b", "c")).reorderInPlace(order);
      assertArrayEquals(expected.copyX(), reordered.copyX());
      assertArrayEquals(expected.copyY(), reordered.copyY());
    }
    assertThrows(IllegalArgumentException.class, () -> numbered(3).reorderInPlace(new int[] {0, 0, 1}));
    assertThrows(IllegalArgumentException.class, () -> numbered(3).reorderInPlace(new int[] {0, 1}));
  }

  private static int[] classes(int n) {
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      c[i] = i * 7 % 3;
    }
    return c;
  }
}
