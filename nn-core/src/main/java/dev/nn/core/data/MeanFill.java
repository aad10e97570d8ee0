package dev.nn.core.data;

import dev.nn.core.text.Excerpt;
import java.util.List;

/** Fills missing feature values (held as NaN while reading) with the mean of their column's present values. */
final class MeanFill {
  private MeanFill() {
  }

  /**
   * Replaces each NaN in {@code x} (rows × features, row-major) by its column's mean over the rows that have
   * a value.
   *
   * @throws DataException for a column with no value at all
   */
  static void fill(double[] x, int rows, List<String> features, String file) {
    int d = features.size();
    for (int j = 0; j < d; j++) {
      double sum = 0;
      int n = 0;
      for (int i = 0; i < rows; i++) {
        double v = x[i * d + j];
        if (!Double.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      if (n == 0) {
        throw new DataException(file + ": column \"" + Excerpt.of(features.get(j))
            + "\" has no value in any row; missing: mean needs at least one to take the mean of");
      }
      double mean = sum / n;
      for (int i = 0; i < rows; i++) {
        if (Double.isNaN(x[i * d + j])) {
          x[i * d + j] = mean;
        }
      }
    }
  }
}
