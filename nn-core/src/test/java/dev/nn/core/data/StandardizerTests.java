package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

class StandardizerTests {
  private static final Dataset DIABETES = CsvReader.regression("target").read(Path.of("../examples/data/diabetes.csv"));

  private static double[] column(Dataset d, int j) {
    double[] c = new double[d.size()];
    for (int i = 0; i < d.size(); i++) {
      c[i] = d.x(i, j);
    }
    return c;
  }

  @Test
  void theTrainingSplitBecomesMeanZeroAndStdOne() {
    Splits.Split s = Splits.split(DIABETES, 0.1, 0.2, 1);
    Standardizer st = Standardizer.fit(s.train());
    Dataset t = st.transform(s.train());
    StandardDeviation population = new StandardDeviation(false);
    for (int j = 0; j < t.featureCount(); j++) {
      double[] c = column(t, j);
      assertEquals(0.0, new Mean().evaluate(c), 1e-12, t.featureNames().get(j));
      assertEquals(1.0, population.evaluate(c), 1e-12, t.featureNames().get(j));
    }
    assertArrayEquals(s.train().copyY(), t.copyY());
    assertEquals(s.train().featureNames(), t.featureNames());
  }

  @Test
  void meansAndStdsAreThePopulationMomentsOfTheTrainingRowsOnly() {
    Splits.Split s = Splits.split(DIABETES, 0.0, 0.3, 2);
    Standardizer st = Standardizer.fit(s.train());
    StandardDeviation population = new StandardDeviation(false);
    for (int j = 0; j < 10; j++) {
      double[] c = column(s.train(), j);
      assertEquals(new Mean().evaluate(c), st.means()[j], 1e-12 * Math.abs(st.means()[j]));
      assertEquals(population.evaluate(c), st.stds()[j], 1e-12 * st.stds()[j]);
    }
    double[] bmiTest = column(st.transform(s.test()), 2);
    assertTrue(Math.abs(new Mean().evaluate(bmiTest)) > 1e-6, "the test rows are not used for fitting");
  }

  @Test
  void aConstantFeatureIsCentredAndScaledByOne() {
    Dataset d = Dataset.regression(
        "c", new double[] {0.1, 1, 0.1, 2, 0.1, 6}, new double[] {0, 0, 0}, List.of("constant", "varying"), List.of("y"));
    Standardizer st = Standardizer.fit(d);
    assertEquals(1.0, st.stds()[0]);
    assertEquals(0.1, st.means()[0]);
    assertEquals(Math.sqrt(14.0 / 3), st.stds()[1], 1e-15);
    Dataset t = st.transform(d);
    for (int i = 0; i < 3; i++) {
      assertEquals(0.0, t.x(i, 0));
    }
    assertEquals((1 - 3) / Math.sqrt(14.0 / 3), t.x(0, 1), 1e-15);
  }

  /**
   * Columns of values near 1e-170 (and 0 beside 1e-300) vary by as much as columns near 1: their squared deviations
   * underflow, but their standard deviation is the same figure scaled, and they standardise to the same values; a
   * target of such values too. A column of ordinary values keeps the bits of the unscaled sum.
   */
  @Test
  void columnsOfTinyValuesGetTheirTrueSpreadNotTheConstantsOne() {
    double[] ordinary = {0.3, -1.2, 2.5, 0.7, -0.4};
    double[] x = new double[ordinary.length * 3];
    double[] y = new double[ordinary.length];
    for (int i = 0; i < ordinary.length; i++) {
      x[3 * i] = ordinary[i];
      x[3 * i + 1] = ordinary[i] * 1e-170;
      x[3 * i + 2] = i % 2 == 0 ? 0 : 1e-300;
      y[i] = ordinary[i] * 1e-170;
    }
    Dataset d = Dataset.regression("tiny", x, y, List.of("ordinary", "tiny", "zero-or-1e-300"), List.of("y"));
    Standardizer st = Standardizer.fit(d);
    double mean = new Mean().evaluate(ordinary);
    double sd = Math.sqrt(new org.apache.commons.math3.stat.descriptive.moment.Variance(false).evaluate(ordinary));
    assertEquals(sd, st.stds()[0], 1e-15);
    assertEquals(sd * 1e-170, st.stds()[1], 1e-15 * sd * 1e-170);
    assertEquals(Math.sqrt(0.6 * 0.4) * 1e-300, st.stds()[2], 1e-15 * 1e-300);
    Dataset t = st.transform(d);
    for (int i = 0; i < ordinary.length; i++) {
      assertEquals((ordinary[i] - mean) / sd, t.x(i, 1), 1e-12, "row " + i);
      assertEquals(i % 2 == 0 ? -Math.sqrt(2 / 3.0) : Math.sqrt(1.5), t.x(i, 2), 1e-12, "row " + i);
    }
    Standardizer targets = Standardizer.fitTargets(d);
    assertEquals(sd * 1e-170, targets.stds()[0], 1e-15 * sd * 1e-170);
  }

  @Test
  void inPlaceTransformAgreesWithTheCopyAndLeavesTheDatasetAlone() {
    Standardizer st = Standardizer.fit(DIABETES);
    double[] before = DIABETES.copyX();
    double[] x = DIABETES.copyX();
    st.transform(x, DIABETES.size());
    assertArrayEquals(st.transform(DIABETES).copyX(), x);
    assertArrayEquals(before, DIABETES.copyX());
  }

  @Test
  void twoArraysRebuildTheSameStandardizer() {
    Standardizer fitted = Standardizer.fit(DIABETES);
    Standardizer loaded = Standardizer.of(fitted.means(), fitted.stds());
    assertArrayEquals(fitted.transform(DIABETES).copyX(), loaded.transform(DIABETES).copyX());
    assertEquals(10, loaded.featureCount());
  }

  @Test
  void invalidArraysAndMismatchedFeaturesAreRejected() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> Standardizer.of(new double[] {0, 1}, new double[] {1, 0}));
    assertEquals("feature 1: mean must be finite and std finite and > 0, found mean 1.0, std 0.0", zero.getMessage());
    Standardizer two = Standardizer.of(new double[] {0, 1}, new double[] {1, 2});
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> two.transform(DIABETES));
    assertEquals(
        "../examples/data/diabetes.csv has 10 features, the standardizer was fitted on 2", wrong.getMessage());
  }

  /**
   * Rows that carry weights are fitted as weighted figures: weight 2 as a row given twice, weight 0 as a row left
   * out (Commons Math's weighted mean and variance agree), weights of 1 as no weights, bit for bit.
   */
  @Test
  void weightedRowsFitWeightedMeansAndDeviations() {
    double[] x = {1, 10, 2, 20, 4, 40, 8, -80, 1e6, 3};
    double[] y = {0, 0, 0, 0, 0};
    Dataset d = Dataset.regression("w", x, y, List.of("a", "b"), List.of("y"));
    Standardizer weighted = Standardizer.fit(d.withWeights(new double[] {2, 1, 0.5, 1, 0}));
    double[] w = {2, 1, 0.5, 1};
    for (int j = 0; j < 2; j++) {
      double[] column = {x[j], x[2 + j], x[4 + j], x[6 + j]};
      double mean = new Mean().evaluate(column, w);
      double variance = new org.apache.commons.math3.stat.descriptive.moment.Variance(false).evaluate(column, w);
      assertEquals(mean, weighted.means()[j], 1e-13 * Math.abs(mean));
      assertEquals(Math.sqrt(variance), weighted.stds()[j], 1e-13 * Math.sqrt(variance));
    }
    Dataset twice = Dataset.regression("t", new double[] {1, 10, 1, 10, 2, 20}, new double[] {0, 0, 0},
        List.of("a", "b"), List.of("y"));
    Standardizer doubled = Standardizer.fit(twice.head(3).withWeights(null));
    Standardizer asWeight = Standardizer.fit(twice.rows(new int[] {0, 2}).withWeights(new double[] {2, 1}));
    assertArrayEquals(doubled.means(), asWeight.means(), 1e-15);
    assertArrayEquals(doubled.stds(), asWeight.stds(), 1e-15);
    Standardizer ones = Standardizer.fit(d.withWeights(new double[] {1, 1, 1, 1, 1}));
    assertArrayEquals(Standardizer.fit(d).means(), ones.means(), 0.0);
    assertArrayEquals(Standardizer.fit(d).stds(), ones.stds(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(d.withWeights(new double[5])));
  }
}
