package dev.nn.spark;

import dev.nn.api.Loss;
import dev.nn.api.TargetKind;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Standardizer;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.train.Samples;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns of a data frame a run trains on, as the driver learnt them from the partitions' summaries:
 * the feature names, the label column, the class label values (sorted; {@code null} for regression) and the
 * scaler's statistics. With it, the driver and every executor build the same network, and an executor turns
 * its partition's rows into samples exactly as nn prepares the rows of a file.
 *
 * @param features the feature names, one per vector entry
 * @param label the label column's name
 * @param classes the distinct label values in increasing order, class c being {@code classes[c]}; {@code null}
 *     for regression
 * @param means the scaler's means, or {@code null} when the experiment does not standardize
 * @param stds the scaler's divisors, or {@code null}
 */
record FrameShape(List<String> features, String label, double[] classes, double[] means, double[] stds)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  boolean classification() {
    return classes != null;
  }

  /** The class label as nn names it: a whole number without a decimal point. */
  static String labelName(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** The data as a run prepares it, with no rows: columns, classes, scaler, target encoding. */
  PreparedData prepared(Loss loss, String lossName) {
    Dataset columns;
    if (classification()) {
      List<String> names = new ArrayList<>();
      for (double c : classes) {
        names.add(labelName(c));
      }
      columns = Dataset.classification("data frame", new double[0], new int[0], features, label, names);
    } else {
      columns = Dataset.regression("data frame", new double[0], new double[0], features, List.of(label));
    }
    return PreparedData.elsewhere(columns, means == null ? null : Standardizer.of(means, stds), loss, lossName);
  }

  /**
   * A block's rows as samples for {@code prepared}'s network: standardized when the shape has a scaler, class
   * labels encoded as the loss needs them (one-hot, or one 0/1 or −1/+1 column for two classes).
   */
  Samples samples(FrameBlock block, PreparedData prepared) {
    int n = block.rows;
    int d = features.size();
    if (n > 0 && block.width != d) {
      throw new IllegalArgumentException("the features have " + block.width + " values in one partition and " + d
          + " in another");
    }
    double[] x = Arrays.copyOf(block.x, n * d);
    if (means != null) {
      Standardizer.of(means, stds).transform(x, n);
    }
    int k = prepared.train().targetCount();
    double[] y = new double[n * k];
    for (int r = 0; r < n; r++) {
      double label = block.labels[r];
      if (!classification()) {
        y[r] = label;
        continue;
      }
      int c = Arrays.binarySearch(classes, label);
      if (c < 0) {
        throw new IllegalStateException("label " + label + " is not among the classes " + Arrays.toString(classes));
      }
      if (k == 1) {
        y[r] = prepared.targets() == TargetKind.SIGNED ? (c == 0 ? -1.0 : 1.0) : c;
      } else {
        y[r * k + c] = 1.0;
      }
    }
    return new Samples(x, y, n, d, k);
  }
}
