package dev.nn.core.data;

import dev.nn.core.text.Excerpt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code missing: mean}: fills missing feature values, held as NaN from reading until here, with the mean of their
 * column. A run takes the means over its training rows only and fills its validation and test rows with the same
 * means — as the standardizer's statistics come from the training rows — so that no held-out value reaches
 * training; a file read on its own ({@link CsvReader#read}) is filled from its own rows.
 *
 * <p>The means are summed in double whether the inputs are held as doubles or floats; inputs held as floats take
 * the mean rounded to a float.
 */
final class MeanFill {
  private MeanFill() {
  }

  /**
   * Replaces each NaN in {@code x} (rows × features, row-major) by its column's mean over the rows that have
   * a value.
   *
   * @throws DataException for a column with a missing value and no value at all
   */
  static void fill(InputValues x, int rows, List<String> features, String file) {
    double[] means = means(x, rows, features.size(), r -> 1.0);
    requireMeans(means, missingColumns(x, rows, features.size()), features, file + ": column \"",
        "\" has no value in any row");
    fill(x, rows, means);
  }

  /**
   * Fills the missing inputs of {@code train} and of the held-out sets (null ones skipped) with the means of
   * {@code train}'s columns, in place.
   *
   * @throws DataException for a column that has a missing value somewhere and no value in any training row
   */
  static void fillFromTraining(Dataset train, List<Dataset> heldOut) {
    int d = train.featureCount();
    // rows that carry weights give weighted means, as they give the standardizer: a row of weight 0 moves nothing
    double[] means = means(train.inputs(), train.size(), d, train::weight);
    List<Dataset> all = new ArrayList<>();
    all.add(train);
    for (Dataset h : heldOut) {
      if (h != null) {
        all.add(h);
      }
    }
    for (Dataset part : all) {
      boolean[] missing = missingColumns(part.inputs(), part.size(), d);
      requireMeans(means, missing, part.featureNames(), part.source() + ": column \"",
          "\" has no value in any training row" + (part == train ? "" : " to fill this file's missing values with"));
      fill(part.inputs(), part.size(), means);
    }
  }

  /**
   * Each column's mean over its present (non-NaN) values, row i weighing {@code weight.applyAsDouble(i)}: Σ w·v / Σ w
   * over the rows of weight > 0 (weights of 1 give the plain mean's bits); NaN for a column without any.
   */
  private static double[] means(InputValues x, int rows, int d, java.util.function.IntToDoubleFunction weight) {
    double[] sum = new double[d];
    double[] n = new double[d];
    for (int i = 0; i < rows; i++) {
      double w = weight.applyAsDouble(i);
      for (int j = 0; w > 0 && j < d; j++) {
        double v = x.get(i * d + j);
        if (!Double.isNaN(v)) {
          sum[j] += w * v;
          n[j] += w;
        }
      }
    }
    double[] means = new double[d];
    for (int j = 0; j < d; j++) {
      means[j] = n[j] == 0 ? Double.NaN : sum[j] / n[j];
      if (n[j] > 0 && !Double.isFinite(means[j])) {
        // the sum of values near the largest double overflows, their mean never does: summed as shares of it
        double share = 0;
        for (int i = 0; i < rows; i++) {
          double v = x.get(i * d + j);
          double w = weight.applyAsDouble(i);
          share += Double.isNaN(v) || w == 0 ? 0 : w == 1 ? v / n[j] : v * (w / n[j]);
        }
        means[j] = share;
      }
    }
    return means;
  }

  private static boolean[] missingColumns(InputValues x, int rows, int d) {
    boolean[] missing = new boolean[d];
    for (int i = 0; i < rows * d; i++) {
      if (Double.isNaN(x.get(i))) {
        missing[i % d] = true;
      }
    }
    return missing;
  }

  private static void requireMeans(double[] means, boolean[] missing, List<String> features, String prefix,
      String problem) {
    for (int j = 0; j < means.length; j++) {
      if (missing[j] && Double.isNaN(means[j])) {
        throw new DataException(prefix + Excerpt.of(features.get(j)) + problem
            + "; missing: mean needs at least one to take the mean of");
      }
    }
  }

  private static void fill(InputValues x, int rows, double[] means) {
    int d = means.length;
    for (int i = 0; i < rows * d; i++) {
      if (Double.isNaN(x.get(i))) {
        x.set(i, means[i % d]);
      }
    }
  }
}
