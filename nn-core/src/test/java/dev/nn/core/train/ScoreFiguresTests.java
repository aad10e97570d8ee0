package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ROC AUC against the count over every pair of rows, and the log loss worked out by hand. */
class ScoreFiguresTests {

  /** The pair count the rank formula must equal: rows of the class above rows outside it, ties one half. */
  private static double pairCount(double[] scores, boolean[] positive) {
    double pairs = 0;
    double ordered = 0;
    for (int a = 0; a < scores.length; a++) {
      for (int b = 0; b < scores.length; b++) {
        if (positive[a] && !positive[b]) {
          pairs++;
          ordered += scores[a] > scores[b] ? 1 : scores[a] == scores[b] ? 0.5 : 0;
        }
      }
    }
    return ordered / pairs;
  }

  @Test
  void theRankFormulaEqualsThePairCountWithAndWithoutTies() {
    // scikit-learn's documented example: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) is 0.75
    assertEquals(0.75, ScoreFigures.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true,
        true}), 0.0);
    SplittableRandom rnd = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + rnd.nextInt(60);
      double[] scores = new double[n];
      boolean[] positive = new boolean[n];
      for (int i = 0; i < n; i++) {
        // few distinct scores on odd trials: many ties
        scores[i] = trial % 2 == 1 ? rnd.nextInt(4) / 4.0 : rnd.nextDouble();
        positive[i] = rnd.nextDouble() < 0.4;
      }
      positive[0] = true;
      positive[1] = false;
      assertEquals(pairCount(scores, positive), ScoreFigures.rocAuc(scores, positive), 1e-15, "trial " + trial);
    }
  }

  @Test
  void perfectReversedAndConstantScoresGiveOneZeroAndOneHalfAndOneClassGivesNone() {
    boolean[] positive = {false, false, true, true, true};
    assertEquals(1.0, ScoreFigures.rocAuc(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, positive), 0.0);
    assertEquals(0.0, ScoreFigures.rocAuc(new double[] {0.5, 0.4, 0.3, 0.2, 0.1}, positive), 0.0);
    assertEquals(0.5, ScoreFigures.rocAuc(new double[] {0.3, 0.3, 0.3, 0.3, 0.3}, positive), 0.0);
    assertTrue(Double.isNaN(ScoreFigures.rocAuc(new double[] {0.1, 0.2}, new boolean[] {true, true})));
    assertTrue(Double.isNaN(ScoreFigures.rocAuc(new double[] {0.1, Double.NaN}, new boolean[] {true, false})));
  }

  /** One probability column: class 1 above 0.5; its AUC is of that column, its log loss of p or 1 − p. */
  @Test
  void aSingleOutputIsRankedAsClassOneAndItsLogLossTakesPOrOneMinusP() {
    double[] p = {0.9, 0.2, 0.6, 0.4};
    double[] y = {1, 0, 0, 1};
    ScoreFigures s = ScoreFigures.of(p, y, 4, 1, 0.5);
    assertEquals(1, s.classesRanked());
    // pairs (class 1, class 0): 0.9 > 0.2, 0.9 > 0.6, 0.4 > 0.2, 0.4 < 0.6
    assertEquals(0.75, s.rocAuc(), 0.0);
    assertEquals(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.4)) / 4, s.logLoss(), 1e-15);
  }

  /** Three classes: the mean of each class against the rest, and −log of the true class's probability. */
  @Test
  void severalClassesAreEachRankedAgainstTheRestAndAveraged() {
    double[] p = {
        0.7, 0.2, 0.1,
        0.1, 0.6, 0.3,
        0.2, 0.3, 0.5,
        0.5, 0.4, 0.1,
        0.3, 0.3, 0.4};
    double[] y = {
        1, 0, 0,
        0, 1, 0,
        0, 0, 1,
        0, 1, 0,
        0, 0, 1};
    int[] truth = {0, 1, 2, 1, 2};
    ScoreFigures s = ScoreFigures.of(p, y, 5, 3, 0.5);
    double mean = 0;
    for (int c = 0; c < 3; c++) {
      double[] scores = new double[5];
      boolean[] positive = new boolean[5];
      for (int r = 0; r < 5; r++) {
        scores[r] = p[r * 3 + c];
        positive[r] = truth[r] == c;
      }
      mean += pairCount(scores, positive) / 3;
    }
    assertEquals(3, s.classesRanked());
    assertEquals(mean, s.rocAuc(), 1e-15);
    assertEquals(-(Math.log(0.7) + Math.log(0.6) + Math.log(0.5) + Math.log(0.4) + Math.log(0.4)) / 5, s.logLoss(),
        1e-15);
  }

  @Test
  void aClassWithoutRowsIsLeftOutOfTheMeanAndScoresThatAreNotProbabilitiesHaveNoLogLoss() {
    // class 2 has no rows: the mean is over classes 0 and 1
    double[] p = {0.8, 0.1, 0.1, 0.3, 0.6, 0.1, 0.6, 0.3, 0.1};
    double[] y = {1, 0, 0, 0, 1, 0, 0, 1, 0};
    ScoreFigures s = ScoreFigures.of(p, y, 3, 3, 0.5);
    assertEquals(2, s.classesRanked());
    // class 0 against the rest: 0.8 above 0.3 and 0.6; class 1: 0.6 above 0.1, 0.3 above 0.1
    assertEquals(1.0, s.rocAuc(), 0.0);
    // a hinge model's outputs in [−1, 1], and rows that do not sum to 1
    assertTrue(Double.isNaN(ScoreFigures.of(new double[] {-0.8, 0.9}, new double[] {-1, 1}, 2, 1, 0).logLoss()));
    assertEquals(1.0, ScoreFigures.of(new double[] {-0.8, 0.9}, new double[] {-1, 1}, 2, 1, 0).rocAuc(), 0.0);
    assertTrue(Double.isNaN(ScoreFigures.of(new double[] {2, 1, 3, 1}, new double[] {1, 0, 0, 1}, 2, 2, 0.5)
        .logLoss()));
  }

  @Test
  void aProbabilityOfZeroForTheTrueClassCostsLogOf1e15NotInfinity() {
    ScoreFigures s = ScoreFigures.of(new double[] {0.0, 1.0}, new double[] {1, 0}, 2, 1, 0.5);
    assertEquals(-Math.log(1e-15), s.logLoss(), 1e-9);
  }
}
