package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTests {

  private static Dataset threeRows() {
    return Dataset.regression(
        "table", new double[] {1, 2, 3, 4, 5, 6}, new double[] {10, 20, 30}, List.of("a", "b"), List.of("t"));
  }

  @Test
  void regressionHasItsShapeNamesAndValues() {
    Dataset d = threeRows();
    assertEquals(3, d.size());
    assertEquals(2, d.featureCount());
    assertEquals(1, d.targetCount());
    assertEquals(Task.REGRESSION, d.task());
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(List.of("t"), d.targetNames());
    assertEquals(List.of(), d.classLabels());
    assertEquals(0, d.classCount());
    assertEquals(4.0, d.x(1, 1));
    assertEquals(30.0, d.y(2, 0));
    assertEquals("Dataset[table: 3 rows, 2 features, regression of \"t\"]", d.toString());
  }

  @Test
  void factoriesCopyTheCallersArraysAndCopiesDoNotWriteBack() {
    double[] x = {1, 2, 3, 4};
    double[] y = {5, 6};
    Dataset d = Dataset.regression("t", x, y, List.of("a", "b"), List.of("t"));
    x[0] = 99;
    y[0] = 99;
    d.copyX()[1] = 99;
    d.copyY()[1] = 99;
    assertArrayEquals(new double[] {1, 2, 3, 4}, d.copyX());
    assertArrayEquals(new double[] {5, 6}, d.copyY());
  }

  @Test
  void classificationIsOneHotEncodedWithOneColumnPerClass() {
    Dataset d = Dataset.classification(
        "c", new double[] {0, 1, 2}, new int[] {2, 0, 1}, List.of("f"), "kind", List.of("a", "b", "c"));
    assertEquals(Task.CLASSIFICATION, d.task());
    assertEquals(3, d.targetCount());
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, d.copyY());
    assertEquals(2, d.classOf(0));
    assertEquals(0, d.classOf(1));
    assertArrayEquals(new int[] {1, 1, 1}, d.classCounts());
    assertEquals(List.of("kind"), d.targetNames());
    assertEquals("Dataset[c: 3 rows, 1 features, classification of \"kind\" into 3 classes]", d.toString());
  }

  @Test
  void rowsTakesTheGivenRowsInOrderWithRepeats() {
    Dataset r = threeRows().rows(new int[] {2, 0, 2});
    assertArrayEquals(new double[] {5, 6, 1, 2, 5, 6}, r.copyX());
    assertArrayEquals(new double[] {30, 10, 30}, r.copyY());
    assertEquals(List.of("a", "b"), r.featureNames());
  }

  @Test
  void copyRowsFillsMiniBatchBuffersFromAnIndexRange() {
    double[] xb = new double[4];
    double[] yb = new double[2];
    threeRows().copyRows(new int[] {0, 2, 1}, 1, 2, xb, yb);
    assertArrayEquals(new double[] {5, 6, 3, 4}, xb);
    assertArrayEquals(new double[] {30, 20}, yb);
  }

  @Test
  void copyRowsRejectsBuffersTooSmallForTheBatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> threeRows().copyRows(new int[] {0, 1}, 0, 2, new double[3], new double[2]));
    assertEquals("2 rows need 4 x and 2 y values, buffers hold 3 and 2", e.getMessage());
  }

  @Test
  void headKeepsTheFirstRows() {
    Dataset h = threeRows().head(2);
    assertArrayEquals(new double[] {1, 2, 3, 4}, h.copyX());
    assertEquals(3, threeRows().head(10).size());
  }

  @Test
  void binaryTargetIsTheClassIndexOfTwoClasses() {
    Dataset d = Dataset.classification(
        "c", new double[] {0, 1, 2}, new int[] {1, 0, 1}, List.of("f"), "k", List.of("no", "yes"));
    Dataset b = d.withBinaryTarget();
    assertEquals(1, b.targetCount());
    assertArrayEquals(new double[] {1, 0, 1}, b.copyY());
    assertEquals(1, b.classOf(0));
    assertEquals(0, b.classOf(1));
    assertArrayEquals(new int[] {1, 2}, b.classCounts());
    assertSame(b, b.withBinaryTarget());
    assertEquals(List.of("no", "yes"), b.classLabels());
  }

  @Test
  void binaryTargetNeedsExactlyTwoClasses() {
    Dataset d = Dataset.classification("c", new double[] {0}, new int[] {0}, List.of("f"), "k", List.of("a", "b", "c"));
    IllegalStateException e = assertThrows(IllegalStateException.class, d::withBinaryTarget);
    assertEquals("a binary target needs exactly 2 classes, c has 3: [a, b, c]", e.getMessage());
  }

  /** Told in the caller's terms: rows of x against class indices, not the one-hot columns nn makes of them. */
  @Test
  void classesOfAnotherCountThanTheRowsAreRejectedInTheCallersTerms() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.classification("d",
        new double[] {0, 0, 1}, new int[] {0, 1}, List.of("a", "b"), "y", List.of("no", "yes")));
    assertEquals("x has 3 values for 2 features, 1 row and 1 value over, but classes has 2; they must describe the"
        + " same rows", e.getMessage());
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> Dataset.classification("d",
        new double[] {0, 0, 1, 1}, new int[] {0, 1, 1}, List.of("a", "b"), "y", List.of("no", "yes")));
    assertEquals("x has 4 values for 2 features, 2 rows, but classes has 3; they must describe the same rows",
        rows.getMessage());
  }

  @Test
  void inconsistentShapesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.regression("t", new double[] {1, 2, 3}, new double[] {1}, List.of("a", "b"), List.of("t")));
    assertEquals(
        "x has 3 values for 2 features and y has 1 values for 1 target columns; they must describe the same number of rows",
        e.getMessage());
  }

  @Test
  void nonFiniteInputsAndOutOfRangeClassesAreRejected() {
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Dataset.regression("t", new double[] {1, Double.NaN}, new double[] {1, 2}, List.of("a"), List.of("t")));
    assertEquals("x[1] is NaN; values must be finite", nan.getMessage());
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> Dataset.classification("c", new double[] {0, 1}, new int[] {0, 2}, List.of("f"), "k", List.of("a", "b")));
    assertEquals("class index 2 of row 1 is out of range 0..1", range.getMessage());
  }

  @Test
  void regressionHasNoClasses() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> threeRows().classOf(0));
    assertEquals("table is a regression dataset and has no classes", e.getMessage());
  }

  @Test
  void readingOutsideTheTableFailsWithTheShape() {
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> threeRows().x(3, 0));
    assertEquals("(3, 0) is outside 3 rows × 2 columns", e.getMessage());
  }
}
