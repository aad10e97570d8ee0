package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each class's precision, recall, F1 and support from a confusion matrix, and their macro and weighted averages,
 * checked against figures worked out by hand; a class never predicted or never present gives 0, as
 * scikit-learn's {@code classification_report} does.
 */
class ClassFiguresTests {
  /** counts[true][predicted]: 6 rows of class 0, 5 of class 1, 2 of class 2, none of them predicted as class 2. */
  private static final long[][] CONFUSION = {
      {5, 1, 0},
      {2, 3, 0},
      {1, 1, 0}};

  private static Metrics metrics(long[][] confusion) {
    long rows = 0;
    long right = 0;
    for (int t = 0; t < confusion.length; t++) {
      for (int p = 0; p < confusion.length; p++) {
        rows += confusion[t][p];
        right += t == p ? confusion[t][p] : 0;
      }
    }
    return new Metrics(Double.NaN, (int) rows, (double) right / rows, confusion, Double.NaN, Double.NaN, Double.NaN);
  }

  @Test
  void eachClassIsFiguredFromItsRowAndItsColumn() {
    List<Metrics.ClassFigures> byClass = metrics(CONFUSION).byClass();
    // class 0: 5 of the 8 rows predicted 0 are 0; 5 of its 6 rows are predicted 0
    assertEquals(5.0 / 8, byClass.get(0).precision(), 1e-15);
    assertEquals(5.0 / 6, byClass.get(0).recall(), 1e-15);
    assertEquals(2 * (5.0 / 8) * (5.0 / 6) / (5.0 / 8 + 5.0 / 6), byClass.get(0).f1(), 1e-15);
    assertEquals(10.0 / 14, byClass.get(0).f1(), 1e-15, "F1 = 2TP/(2TP + FP + FN) = 10/14");
    assertEquals(6, byClass.get(0).support());
    assertEquals(3.0 / 5, byClass.get(1).precision(), 1e-15);
    assertEquals(3.0 / 5, byClass.get(1).recall(), 1e-15);
    assertEquals(5, byClass.get(1).support());
    // never predicted: precision 0 (not NaN), recall 0, F1 0
    assertEquals(new Metrics.ClassFigures(0, 0, 0, 2), byClass.get(2));
  }

  @Test
  void theMacroAverageWeighsEachClassAlikeTheWeightedOneByItsRows() {
    List<Metrics.ClassFigures> byClass = metrics(CONFUSION).byClass();
    Metrics.ClassFigures macro = Metrics.ClassFigures.macroAverage(byClass);
    assertEquals((5.0 / 8 + 3.0 / 5 + 0) / 3, macro.precision(), 1e-15);
    assertEquals((5.0 / 6 + 3.0 / 5 + 0) / 3, macro.recall(), 1e-15);
    assertEquals((10.0 / 14 + 0.6 + 0) / 3, macro.f1(), 1e-15);
    assertEquals(13, macro.support());
    Metrics.ClassFigures weighted = Metrics.ClassFigures.weightedAverage(byClass);
    assertEquals((6 * 5.0 / 8 + 5 * 3.0 / 5) / 13, weighted.precision(), 1e-15);
    // the recall weighted by support is the accuracy: the right rows over all rows
    assertEquals(8.0 / 13, weighted.recall(), 1e-15);
    assertEquals(metrics(CONFUSION).accuracy(), weighted.recall(), 1e-15);
    assertEquals(13, weighted.support());
  }

  /**
   * The weighted recall is the accuracy's own double, so the two print alike: weighting each class's recall by
   * support/total summed 0.9525499999999999 where the accuracy is 0.95255, and printed 0.9525 beside 0.9526.
   */
  @Test
  void theWeightedRecallIsTheAccuracyToTheLastBit() {
    long[] support = {778, 817, 615, 726, 862, 776, 878, 676, 725, 738, 624, 709, 803, 678, 876, 890, 711, 712, 810,
        758, 769, 685, 870, 853, 775, 886};
    long[] right = {738, 763, 599, 686, 775, 723, 871, 666, 675, 700, 591, 662, 731, 672, 816, 877, 685, 646, 806,
        717, 732, 665, 836, 815, 770, 834};
    long[][] confusion = new long[support.length][support.length];
    for (int c = 0; c < support.length; c++) {
      confusion[c][c] = right[c];
      confusion[c][(c + 1) % support.length] = support[c] - right[c];
    }
    Metrics m = metrics(confusion);
    assertEquals(0.95255, m.accuracy());
    double recall = Metrics.ClassFigures.weightedAverage(m.byClass()).recall();
    assertEquals(m.accuracy(), recall, 0.0);
    assertEquals(String.format(java.util.Locale.ROOT, "%.4f", m.accuracy()),
        String.format(java.util.Locale.ROOT, "%.4f", recall));
  }

  @Test
  void aClassWithoutRowsHasRecallZeroAndRegressionHasNoClasses() {
    List<Metrics.ClassFigures> byClass = metrics(new long[][] {{4, 0}, {0, 0}}).byClass();
    assertEquals(new Metrics.ClassFigures(1, 1, 1, 4), byClass.get(0));
    assertEquals(new Metrics.ClassFigures(0, 0, 0, 0), byClass.get(1));
    // the weighted average of classes without rows takes none of them into account
    assertEquals(new Metrics.ClassFigures(1, 1, 1, 4), Metrics.ClassFigures.weightedAverage(byClass));
    Metrics regression = new Metrics(0.5, 3, Double.NaN, null, 1, 1, 0.5);
    assertEquals("regression figures have no classes",
        assertThrows(IllegalStateException.class, regression::byClass).getMessage());
  }

  /** The largest cells off the diagonal, largest first, ties by true then predicted class; zeros left out. */
  @Test
  void theCommonestConfusionsAreTheLargestCellsOffTheDiagonal() {
    Metrics m = metrics(CONFUSION);
    assertEquals(List.of(new Metrics.Confusion(1, 0, 2), new Metrics.Confusion(0, 1, 1),
        new Metrics.Confusion(2, 0, 1), new Metrics.Confusion(2, 1, 1)), m.commonestConfusions(10));
    assertEquals(List.of(new Metrics.Confusion(1, 0, 2)), m.commonestConfusions(1));
    assertEquals(List.of(), metrics(new long[][] {{3, 0}, {0, 2}}).commonestConfusions(5));
  }

  /** A metrics record printed for a log or a debugger shows its confusion counts, not an array's identity. */
  @Test
  void printedMetricsShowTheConfusionCounts() {
    Metrics m = new Metrics(0.25, 4, 0.75, new long[][] {{2, 1}, {0, 1}}, Double.NaN, Double.NaN, Double.NaN);
    assertEquals("Metrics[loss=0.25, rows=4, accuracy=0.75, confusion=[[2, 1], [0, 1]], rmse=NaN, mae=NaN, r2=NaN]",
        m.toString());
  }
}
