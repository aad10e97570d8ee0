package dev.nn.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.TreeSet;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * The rows of one partition of a data frame, read on the executor that holds the partition: the features
 * (a vector column) row-major, and the label of each row. A persisted RDD of blocks, one per partition, is
 * what the parts of a distributed run train on; the driver only ever sees their {@link Summary summaries}.
 */
final class FrameBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final int rows;
  /** Values per row; −1 for a block without rows. */
  final int width;
  final double[] x;
  final double[] labels;

  private FrameBlock(int rows, int width, double[] x, double[] labels) {
    this.rows = rows;
    this.width = width;
    this.x = x;
    this.labels = labels;
  }

  /**
   * The block of rows whose field 0 is the features vector and field 1 the label (a double).
   *
   * @throws IllegalArgumentException for a missing value, vectors of different sizes or a value that is not
   *     a finite number, naming the column
   */
  static FrameBlock of(Iterator<Row> it, String featuresCol, String labelCol) {
    int width = -1;
    int n = 0;
    double[] x = new double[0];
    double[] labels = new double[16];
    while (it.hasNext()) {
      Row row = it.next();
      if (row.isNullAt(0)) {
        throw new IllegalArgumentException("a row has no value in column \"" + featuresCol + "\"");
      }
      if (row.isNullAt(1)) {
        throw new IllegalArgumentException("a row has no value in column \"" + labelCol + "\"");
      }
      double[] v = ((Vector) row.get(0)).toArray();
      if (width < 0) {
        width = v.length;
        x = new double[16 * Math.max(1, width)];
      } else if (v.length != width) {
        throw new IllegalArgumentException("the vectors of column \"" + featuresCol + "\" differ in size: " + width
            + " and " + v.length);
      }
      for (double d : v) {
        if (!Double.isFinite(d)) {
          throw new IllegalArgumentException("column \"" + featuresCol + "\" holds " + d
              + "; features must be finite numbers");
        }
      }
      double label = row.getDouble(1);
      if (!Double.isFinite(label)) {
        throw new IllegalArgumentException("column \"" + labelCol + "\" holds " + label
            + "; labels must be finite numbers");
      }
      if (n == labels.length) {
        labels = Arrays.copyOf(labels, 2 * n);
        x = Arrays.copyOf(x, 2 * n * width);
      }
      System.arraycopy(v, 0, x, n * width, width);
      labels[n++] = label;
    }
    return new FrameBlock(n, width, Arrays.copyOf(x, Math.max(0, n * width)), Arrays.copyOf(labels, n));
  }

  /** What the driver learns of a block: its size and width, its distinct labels and feature statistics. */
  Summary summary(boolean classification) {
    TreeSet<Double> distinct = null;
    if (classification) {
      distinct = new TreeSet<>();
      for (double l : labels) {
        distinct.add(l);
      }
    }
    int d = Math.max(0, width);
    double[] mean = new double[d];
    double[] m2 = new double[d];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[r * d + j];
      }
    }
    for (int j = 0; j < d && rows > 0; j++) {
      mean[j] /= rows;
    }
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        double dev = x[r * d + j] - mean[j];
        m2[j] += dev * dev;
      }
    }
    return new Summary(rows, width, distinct == null ? null : distinct.stream().mapToDouble(Double::doubleValue)
        .toArray(), mean, m2);
  }

  /**
   * A block's size, width, sorted distinct labels ({@code null} for regression), and per feature the mean
   * and the sum of squared deviations from it.
   */
  record Summary(int rows, int width, double[] labels, double[] mean, double[] m2) implements Serializable {
    private static final long serialVersionUID = 1L;
  }
}
