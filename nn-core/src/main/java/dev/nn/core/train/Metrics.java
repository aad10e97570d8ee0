package dev.nn.core.train;

/**
 * Figures of a model on a set of samples. Classification fills accuracy and the confusion matrix;
 * regression fills RMSE, MAE and R²; the others are NaN (or {@code null}).
 *
 * @param loss mean L_n over the samples
 * @param rows the number of samples
 * @param accuracy fraction of rows whose predicted class is the true one
 * @param confusion counts[true class][predicted class]
 * @param rmse root mean squared error over every output value
 * @param mae mean absolute error over every output value
 * @param r2 1 − SS_res/SS_tot, SS_tot taken about each output column's mean
 * @param byTarget for a regression of several targets, each target's RMSE, MAE and R² alone (its loss NaN), in
 *     the order of the outputs — the pooled figures above mix the targets' units; empty otherwise
 */
public record Metrics(double loss, int rows, double accuracy, long[][] confusion, double rmse, double mae, double r2,
    java.util.List<Metrics> byTarget) {

  /** Copies the list; {@code null} is none. */
  public Metrics {
    byTarget = byTarget == null ? java.util.List.of() : java.util.List.copyOf(byTarget);
  }

  /** Figures without a target's own: a classification, a regression of one target, or figures read back. */
  public Metrics(double loss, int rows, double accuracy, long[][] confusion, double rmse, double mae, double r2) {
    this(loss, rows, accuracy, confusion, rmse, mae, r2, java.util.List.of());
  }

  /** The figures as a record prints them, with the confusion matrix's counts rather than the array's identity. */
  @Override
  public String toString() {
    return "Metrics[loss=" + loss + ", rows=" + rows + ", accuracy=" + accuracy + ", confusion="
        + java.util.Arrays.deepToString(confusion) + ", rmse=" + rmse + ", mae=" + mae + ", r2=" + r2
        + (byTarget.isEmpty() ? "" : ", byTarget=" + byTarget) + "]";
  }

  /** Whether these are classification figures. */
  public boolean isClassification() {
    return confusion != null;
  }

  /**
   * A class's figures from the confusion matrix, as scikit-learn's {@code classification_report} gives them.
   *
   * @param precision of the rows predicted as the class, the fraction that are of it; 0 when none is predicted as it
   *     (as scikit-learn's {@code zero_division} default gives, with a warning)
   * @param recall of the rows of the class, the fraction predicted as it; 0 when there are none
   * @param f1 the harmonic mean of the two, 2PR/(P + R); 0 when both are 0
   * @param support the number of rows of the class (for an average, of all classes)
   */
  public record ClassFigures(double precision, double recall, double f1, long support) {
    /** The unweighted mean of each figure over {@code classes}, with their total support. */
    public static ClassFigures macroAverage(java.util.List<ClassFigures> classes) {
      return average(classes, false);
    }

    /** Each figure averaged over {@code classes} weighted by their support, with their total support. */
    public static ClassFigures weightedAverage(java.util.List<ClassFigures> classes) {
      return average(classes, true);
    }

    private static ClassFigures average(java.util.List<ClassFigures> classes, boolean bySupport) {
      long total = 0;
      for (ClassFigures c : classes) {
        total += c.support;
      }
      double p = 0;
      double r = 0;
      double f = 0;
      for (ClassFigures c : classes) {
        if (bySupport) {
          // Σ support·x, divided once: support·recall of figures from a confusion matrix is the class's rows predicted
          // right, a whole number but for its last bits, which are rounded off, so the weighted recall is the
          // accuracy's own double; weighting each term by support/total first printed 0.9390 beside an accuracy of
          // 0.9391 (0.93905). Figures given otherwise are summed as they are
          p += c.support * c.precision;
          double right = c.support * c.recall;
          double whole = Math.rint(right);
          r += Math.abs(right - whole) <= 1e-9 * Math.max(1, whole) ? whole : right;
          f += c.support * c.f1;
        } else {
          p += c.precision;
          r += c.recall;
          f += c.f1;
        }
      }
      double n = bySupport ? total : classes.size();
      return n == 0 ? new ClassFigures(0, 0, 0, total) : new ClassFigures(p / n, r / n, f / n, total);
    }
  }

  /**
   * Above this many classes a confusion matrix is not drawn or printed whole — 10,000 classes would make a table of
   * 10⁸ cells — but given as its {@link #commonestConfusions commonest confusions}.
   */
  public static final int MATRIX_CLASSES = 30;

  /** One cell of the confusion matrix off its diagonal: {@code count} rows of {@code actual} predicted as another. */
  public record Confusion(int actual, int predicted, long count) {
  }

  /**
   * The {@code n} largest cells off the confusion matrix's diagonal, largest first (ties by true, then predicted
   * class); cells of 0 are left out.
   *
   * @throws IllegalStateException for regression figures, which have no classes
   */
  public java.util.List<Confusion> commonestConfusions(int n) {
    if (!isClassification()) {
      throw new IllegalStateException("regression figures have no classes");
    }
    java.util.List<Confusion> cells = new java.util.ArrayList<>();
    for (int t = 0; t < confusion.length; t++) {
      for (int p = 0; p < confusion[t].length; p++) {
        if (t != p && confusion[t][p] > 0) {
          cells.add(new Confusion(t, p, confusion[t][p]));
        }
      }
    }
    cells.sort(java.util.Comparator.comparingLong(Confusion::count).reversed()
        .thenComparingInt(Confusion::actual).thenComparingInt(Confusion::predicted));
    return java.util.List.copyOf(cells.subList(0, Math.min(n, cells.size())));
  }

  /**
   * Each class's precision, recall, F1 and support, class by class, from the confusion matrix.
   *
   * @throws IllegalStateException for regression figures, which have no classes
   */
  public java.util.List<ClassFigures> byClass() {
    if (!isClassification()) {
      throw new IllegalStateException("regression figures have no classes");
    }
    int k = confusion.length;
    java.util.List<ClassFigures> figures = new java.util.ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      long truePositive = confusion[c][c];
      long predicted = 0;
      long actual = 0;
      for (int o = 0; o < k; o++) {
        predicted += confusion[o][c];
        actual += confusion[c][o];
      }
      double precision = predicted == 0 ? 0 : (double) truePositive / predicted;
      double recall = actual == 0 ? 0 : (double) truePositive / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      figures.add(new ClassFigures(precision, recall, f1, actual));
    }
    return java.util.List.copyOf(figures);
  }

  /** One line: "loss 0.1234, accuracy 0.9650" or "loss 0.1234, rmse …, mae …, r2 …". */
  public String summary() {
    if (isClassification()) {
      return String.format(java.util.Locale.ROOT, "loss %.6f, accuracy %.4f", loss, accuracy);
    }
    return String.format(java.util.Locale.ROOT, "loss %.6f, rmse %.6g, mae %.6g, r2 %.4f", loss, rmse, mae, r2);
  }

  /**
   * The class of one row of outputs or targets: argmax for several columns, a threshold for one.
   *
   * @param v rows × cols values. Not modified.
   * @param threshold for a single column: values above it are class 1 (0.5 for probabilities, 0 for ±1)
   */
  public static int classOf(double[] v, int offset, int cols, double threshold) {
    if (cols == 1) {
      return v[offset] > threshold ? 1 : 0;
    }
    int best = 0;
    for (int k = 1; k < cols; k++) {
      if (v[offset + k] > v[offset + best]) {
        best = k;
      }
    }
    return best;
  }

  /**
   * Computes the figures from predictions and targets.
   *
   * @param predicted rows × cols model outputs (after the loss's link). Not modified.
   * @param target rows × cols targets. Not modified.
   * @param threshold for a single output column: values above it are class 1 (0.5 for probabilities,
   *     0 for ±1 targets)
   * @param lossSum Σ L_n over the rows, or NaN when only the loss-free figures are wanted
   */
  public static Metrics of(double lossSum, double[] predicted, double[] target, int rows, int cols, boolean classification,
      double threshold) {
    double loss = rows == 0 ? Double.NaN : lossSum / rows;
    if (classification) {
      int classes = Math.max(2, cols);
      long[][] confusion = new long[classes][classes];
      long right = 0;
      for (int r = 0; r < rows; r++) {
        int t = classOf(target, r * cols, cols, threshold);
        int p = classOf(predicted, r * cols, cols, threshold);
        confusion[t][p]++;
        if (t == p) {
          right++;
        }
      }
      return new Metrics(loss, rows, rows == 0 ? Double.NaN : (double) right / rows, confusion, Double.NaN,
          Double.NaN, Double.NaN);
    }
    double[] mean = new double[cols];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        mean[k] += target[r * cols + k] / rows;
      }
    }
    for (int k = 0; k < cols && rows > 0; k++) {
      // a column of one value has that value as its mean exactly: the summed mean is off by rounding (3,000 rows of
      // 3.25), which would leave SS_tot a residue of 1e-28 and R² a number of −1e23 instead of undefined
      boolean constant = true;
      for (int r = 1; r < rows && constant; r++) {
        constant = target[r * cols + k] == target[k];
      }
      if (constant) {
        mean[k] = target[k];
      }
    }
    int n = rows * cols;
    // the squares are summed scaled by the largest error (and deviation), so that errors of 1e200, whose RMSE is a
    // fine double, do not overflow on the way to it; NaN stays NaN
    double largestError = 0;
    double largestDeviation = 0;
    for (int i = 0; i < n; i++) {
      largestError = Math.max(largestError, Math.abs(target[i] - predicted[i]));
      largestDeviation = Math.max(largestDeviation, Math.abs(target[i] - mean[i % cols]));
    }
    double ssRes = 0;
    double ssTot = 0;
    double mae = 0;
    for (int i = 0; i < n; i++) {
      double e = target[i] - predicted[i];
      mae += Math.abs(e) / n;
      if (largestError > 0) {
        double scaled = e / largestError;
        ssRes += scaled * scaled;
      }
      if (largestDeviation > 0) {
        double scaled = (target[i] - mean[i % cols]) / largestDeviation;
        ssTot += scaled * scaled;
      }
    }
    double rmse = largestError * Math.sqrt(ssRes / n);
    double ratio = largestError / largestDeviation;
    // targets that do not vary leave R² undefined: NaN for a perfect fit, else −∞ (1 − something / 0)
    // (targets that vary, predicted 1e168 times too large, give an R² beyond the doubles: the most negative one,
    // for −∞ says the targets do not vary)
    double r2 = ssTot == 0 ? (ssRes == 0 ? Double.NaN : Double.NEGATIVE_INFINITY)
        : Math.max(-Double.MAX_VALUE, 1 - ratio * ratio * (ssRes / ssTot));
    return new Metrics(loss, rows, Double.NaN, null, rmse, mae, r2, cols == 1 ? null
        : byTarget(predicted, target, rows, cols));
  }

  /** Each output column's regression figures alone. */
  private static java.util.List<Metrics> byTarget(double[] predicted, double[] target, int rows, int cols) {
    java.util.List<Metrics> figures = new java.util.ArrayList<>(cols);
    double[] p = new double[rows];
    double[] y = new double[rows];
    for (int k = 0; k < cols; k++) {
      for (int r = 0; r < rows; r++) {
        p[r] = predicted[r * cols + k];
        y[r] = target[r * cols + k];
      }
      figures.add(of(Double.NaN, p, y, rows, 1, false, 0));
    }
    return figures;
  }
}
