package dev.nn.core.data;

import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Required;

import dev.nn.core.kernel.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable in-memory table of n rows: inputs {@code x} (n × d, row-major) and targets {@code y}
 * (n × k, row-major), with the names of the columns.
 *
 * <p>Targets by {@link Task}:
 *
 * <ul>
 *   <li>{@link Task#REGRESSION}: k target columns, named by {@link #targetNames()} (k names); no class
 *       labels.
 *   <li>{@link Task#CLASSIFICATION}: C ≥ 2 classes named by {@link #classLabels()}, and one target name
 *       (the column the classes came from, e.g. {@code species}). Rows of y are one-hot, k = C, so column c
 *       of y belongs to class c. The one exception is {@link #withBinaryTarget()}: two classes stored as a
 *       single 0/1 column (k = 1), for losses that expect that.
 * </ul>
 *
 * <p>The inputs are held as doubles, or as floats for a float32 run ({@link #inPrecision}): they are most of a
 * data set (n × d values), and a float32 run's kernels round them to floats when they load a batch anyway. Every
 * operation works on either, and the accessors read them as doubles. The targets are always doubles: they are k
 * columns, for classification one-hot rows, small beside the inputs.
 *
 * <p>The arrays are never handed out: read single values with {@link #x(int, int)} and {@link #y(int,
 * int)}, copy mini-batches into caller-owned buffers with {@link #copyRows}, or take copies. Derived datasets
 * ({@link #rows(int[])}, {@link Standardizer#transform(Dataset)}) share nothing mutable with this one.
 * Instances are safe to share between threads. (The engine's data preparation lends the arrays of data sets
 * it made itself to the trainer's samples, and changes data sets only it holds in place: see {@link OwnedData}.)
 */
public final class Dataset {
  private final String source;
  private final Task task;
  private final int size;
  private final int featureCount;
  private final int targetCount;
  private final InputValues x;
  private final double[] y;
  private final List<String> featureNames;
  private final List<String> targetNames;
  private final List<String> classLabels;
  /** w_n of each row ({@code weight:} of a csv source), or {@code null} when every row weighs 1. */
  private final double[] weights;

  /** Takes the arrays without copying them; every caller hands over arrays nobody else holds. */
  private Dataset(
      String source,
      Task task,
      InputValues x,
      double[] y,
      int targetCount,
      List<String> featureNames,
      List<String> targetNames,
      List<String> classLabels) {
    this(source, task, x, y, targetCount, featureNames, targetNames, classLabels, null);
  }

  /** As above, with the rows' weights, or {@code null}: taken without copying, as the arrays are. */
  private Dataset(
      String source,
      Task task,
      InputValues x,
      double[] y,
      int targetCount,
      List<String> featureNames,
      List<String> targetNames,
      List<String> classLabels,
      double[] weights) {
    this.source = Objects.requireNonNull(source, "source");
    this.task = Objects.requireNonNull(task, "task");
    this.featureNames = List.copyOf(featureNames);
    this.targetNames = List.copyOf(targetNames);
    this.classLabels = List.copyOf(classLabels);
    this.featureCount = this.featureNames.size();
    this.targetCount = targetCount;
    if (featureCount == 0) {
      throw new IllegalArgumentException("a dataset needs at least one feature column");
    }
    // a model names each input and output once: refused here, before a run trains, not when its model is made
    requireDistinct("featureNames", this.featureNames);
    requireDistinct("targetNames", this.targetNames);
    requireDistinct("classLabels", this.classLabels);
    if (targetCount == 0) {
      throw new IllegalArgumentException("a dataset needs at least one target column");
    }
    this.size = x.length() / featureCount;
    if ((long) size * featureCount != x.length() || (long) size * targetCount != y.length) {
      throw new IllegalArgumentException(
          "x has " + x.length() + " values for " + featureCount + " features and y has " + y.length + " values for "
              + targetCount + " target columns; they must describe the same number of rows");
    }
    if (task == Task.CLASSIFICATION) {
      if (this.classLabels.size() < 2) {
        throw new IllegalArgumentException("classification needs at least 2 class labels, found " + this.classLabels);
      }
      if (this.targetNames.size() != 1) {
        throw new IllegalArgumentException(
            "classification has one target name (the class column), found " + this.targetNames);
      }
      int c = this.classLabels.size();
      if (targetCount != c && !(targetCount == 1 && c == 2)) {
        throw new IllegalArgumentException(
            c + " classes need " + c + " one-hot target columns (or 1 binary column for 2 classes), found " + targetCount);
      }
    } else if (!this.classLabels.isEmpty() || targetCount != this.targetNames.size()) {
      throw new IllegalArgumentException(
          "regression has one name per target column and no class labels, found " + targetCount + " columns, names "
              + this.targetNames + ", class labels " + this.classLabels);
    }
    if (weights != null && weights.length != size) {
      throw new IllegalArgumentException(size + " rows need " + size + " weights, found " + weights.length);
    }
    this.x = x;
    this.y = y;
    this.weights = weights;
  }

  /** What the factories' {@code source} takes, for the message of a null one. */
  private static final String SOURCE = "where the data came from (a file name, a generator)";
  private static final String FEATURE_NAMES = "a name for each feature column";

  private static void requireDistinct(String field, List<String> names) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        throw new IllegalArgumentException(field + "[" + i + "] \"" + dev.nn.core.text.ControlCharacters.escape(
            names.get(i)) + "\" appears twice in " + field + "; each must be named once");
      }
    }
  }

  /**
   * A regression dataset. The arrays are copied and checked to be finite.
   *
   * @param source where the data came from, for messages and provenance (a file name, a generator)
   * @param x n × d inputs, row-major. Not modified.
   * @param y n × k targets, row-major. Not modified.
   * @param featureNames d names
   * @param targetNames k names
   */
  public static Dataset regression(
      String source, double[] x, double[] y, List<String> featureNames, List<String> targetNames) {
    Required.of(source, "source", SOURCE);
    requireFinite(x, "x");
    requireFinite(y, "y");
    Required.each(featureNames, "featureNames", FEATURE_NAMES);
    Required.each(targetNames, "targetNames", "a name for each target column");
    return new Dataset(source, Task.REGRESSION, InputValues.of(x.clone()), y.clone(), targetNames.size(),
        featureNames, targetNames, List.of());
  }

  /**
   * A classification dataset; targets are one-hot encoded from class indices.
   *
   * @param source where the data came from, for messages and provenance
   * @param x n × d inputs, row-major. Not modified.
   * @param classes n class indices in {@code 0 .. classLabels.size() − 1}. Not modified.
   * @param featureNames d names
   * @param targetName the name of the class column
   * @param classLabels C ≥ 2 labels; class c is called {@code classLabels.get(c)}
   */
  public static Dataset classification(
      String source,
      double[] x,
      int[] classes,
      List<String> featureNames,
      String targetName,
      List<String> classLabels) {
    Required.of(source, "source", SOURCE);
    requireFinite(x, "x");
    Required.of(classes, "classes", "the class index of each row");
    Required.each(featureNames, "featureNames", FEATURE_NAMES);
    Required.of(targetName, "targetName", "the name of the class column");
    Required.each(classLabels, "classLabels", "a label for each class");
    int c = classLabels.size();
    // checked here, in the caller's terms: past this point the classes are one-hot rows of c values each
    if (featureNames.isEmpty() || (long) classes.length * featureNames.size() != x.length) {
      throw new IllegalArgumentException("x has " + x.length + " values for " + featureNames.size() + " features, "
          + (featureNames.isEmpty() ? "no rows" : rowsOf(x.length, featureNames.size())) + ", but classes has "
          + classes.length + "; they must describe the same rows");
    }
    for (int i = 0; i < classes.length; i++) {
      if (classes[i] < 0 || classes[i] >= c) {
        throw new IllegalArgumentException(
            "class index " + classes[i] + " of row " + i + " is out of range 0.." + (c - 1));
      }
    }
    return new Dataset(source, Task.CLASSIFICATION, InputValues.of(x.clone()), oneHot(classes, c), c, featureNames,
        List.of(targetName), classLabels);
  }

  private static String rowsOf(int values, int perRow) {
    String rows = values / perRow + (values / perRow == 1 ? " row" : " rows");
    int over = values % perRow;
    return over == 0 ? rows : rows + " and " + over + (over == 1 ? " value" : " values") + " over";
  }

  /** Package-private factory that takes ownership of the arrays: no copy, no finiteness check. */
  static Dataset wrapRegression(
      String source, InputValues x, double[] y, List<String> featureNames, List<String> targetNames) {
    return new Dataset(source, Task.REGRESSION, x, y, targetNames.size(), featureNames, targetNames, List.of());
  }

  /** Package-private factory that takes ownership of {@code x}: no copy, no finiteness check. */
  static Dataset wrapClassification(
      String source, InputValues x, int[] classes, List<String> featureNames, String targetName,
      List<String> labels) {
    int c = labels.size();
    return new Dataset(
        source, Task.CLASSIFICATION, x, oneHot(classes, c), c, featureNames, List.of(targetName), labels);
  }

  /** Row i has a 1 in column classes[i]; the caller has checked the range. */
  static double[] oneHot(int[] classes, int c) {
    double[] y = new double[classes.length * c];
    for (int i = 0; i < classes.length; i++) {
      y[i * c + classes[i]] = 1.0;
    }
    return y;
  }

  private static void requireFinite(double[] a, String name) {
    if (a == null) {
      throw new NullPointerException(name + ": an array of values is needed, found null");
    }
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is " + a[i] + "; values must be finite");
      }
    }
  }

  /** Where the data came from: a file name or a generator with its settings. */
  public String source() {
    return source;
  }

  /** Regression or classification. */
  public Task task() {
    return task;
  }

  /** The number of rows n (samples). May be 0, e.g. for an empty validation split. */
  public int size() {
    return size;
  }

  /** The number of input columns d. */
  public int featureCount() {
    return featureCount;
  }

  /** The number of target columns k: the regression targets, or the one-hot width C (1 if binary). */
  public int targetCount() {
    return targetCount;
  }

  /** The d input column names, in column order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Regression: the k target column names. Classification: one name, the class column. */
  public List<String> targetNames() {
    return targetNames;
  }

  /** Classification: the C class labels, class c first at index c. Regression: empty. */
  public List<String> classLabels() {
    return classLabels;
  }

  /** C for classification, 0 for regression. */
  public int classCount() {
    return classLabels.size();
  }

  /** Whether the rows carry weights of their own ({@link #withWeights}); without, every row weighs 1. */
  public boolean weighted() {
    return weights != null;
  }

  /** w_n of row {@code row}: its weight, or 1 when the rows carry none. */
  public double weight(int row) {
    if (row < 0 || row >= size) {
      throw new IndexOutOfBoundsException("row " + row + " is outside 0.." + (size - 1));
    }
    return weights == null ? 1.0 : weights[row];
  }

  /**
   * The same rows (arrays shared) with weights of their own: in training, row n's loss L_n and its gradient count
   * w_n times, J = (1/B)·Σ_n w_n·L_n. {@code null} takes the weights away.
   *
   * @param weights one finite number {@code >= 0} per row, or {@code null}. Copied.
   * @throws IllegalArgumentException for another count, or a weight negative or not finite
   */
  public Dataset withWeights(double[] weights) {
    double[] w = weights == null ? null : weights.clone();
    for (int i = 0; w != null && i < w.length; i++) {
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new IllegalArgumentException("the weight of row " + i + " is " + w[i]
            + "; a row's weight is a finite number >= 0");
      }
    }
    return new Dataset(source, task, x, y, targetCount, featureNames, targetNames, classLabels, w);
  }

  /** Whether the rows carry weights and every one is 0: such rows train on nothing. */
  public boolean weighsNoRow() {
    if (weights == null) {
      return false;
    }
    for (double w : weights) {
      if (w > 0) {
        return false;
      }
    }
    return true;
  }

  /** A copy of the rows' weights, or {@code null} when every row weighs 1. */
  public double[] weights() {
    return weights == null ? null : weights.clone();
  }

  /** Input value of row {@code row}, column {@code col}. */
  public double x(int row, int col) {
    return x.get(index(row, col, featureCount));
  }

  /** The precision the inputs are held in: {@code FLOAT64}, or {@code FLOAT32} for a float32 run's data. */
  public Precision inputPrecision() {
    return x.precision();
  }

  /**
   * This data set with its inputs held in {@code precision}: itself if they are already, else a data set with
   * the inputs rounded to floats (or widened to doubles) in a new array; the targets are shared (immutable).
   */
  public Dataset inPrecision(Precision precision) {
    if (precision == x.precision()) {
      return this;
    }
    if (precision == Precision.FLOAT32) {
      for (int k = 0; k < x.length(); k++) {
        double v = x.get(k);
        if (Float.isInfinite((float) v)) {
          throw new DataException(source + ": column \"" + Excerpt.of(featureNames.get(k % featureNames.size()))
              + "\" of row " + k / featureNames.size() + " holds " + v + ", too large for a float32 run; the largest"
              + " magnitude is " + Float.MAX_VALUE);
        }
      }
    }
    return withInputs(x.in(precision));
  }

  /** Target value of row {@code row}, column {@code col}. */
  public double y(int row, int col) {
    return y[index(row, col, targetCount)];
  }

  private int index(int row, int col, int width) {
    if (row < 0 || row >= size || col < 0 || col >= width) {
      throw new IndexOutOfBoundsException(
          "(" + row + ", " + col + ") is outside " + size + " rows × " + width + " columns");
    }
    return row * width + col;
  }

  /** A copy of all inputs, n × d row-major. */
  public double[] copyX() {
    return x.toDoubles();
  }

  /** A copy of all targets, n × k row-major. */
  public double[] copyY() {
    return y.clone();
  }

  /**
   * Copies {@code count} rows into a mini-batch: row {@code index[from + b]} of x and y becomes row b of
   * {@code xOut} and {@code yOut}. Allocates nothing.
   *
   * @param index row numbers. Not modified.
   * @param xOut at least count × d values. Modified.
   * @param yOut at least count × k values. Modified.
   */
  public void copyRows(int[] index, int from, int count, double[] xOut, double[] yOut) {
    if (from < 0 || count < 0 || from + count > index.length) {
      throw new IndexOutOfBoundsException(
          "rows " + from + ".." + (from + count) + " are outside the index of length " + index.length);
    }
    if (xOut.length < count * featureCount || yOut.length < count * targetCount) {
      throw new IllegalArgumentException(
          count + " rows need " + count * featureCount + " x and " + count * targetCount + " y values, buffers hold "
              + xOut.length + " and " + yOut.length);
    }
    for (int b = 0; b < count; b++) {
      int r = index[from + b];
      if (r < 0 || r >= size) {
        throw new IndexOutOfBoundsException("row " + r + " is outside 0.." + (size - 1));
      }
      x.copyTo(r * featureCount, xOut, b * featureCount, featureCount);
      System.arraycopy(y, r * targetCount, yOut, b * targetCount, targetCount);
    }
  }

  /**
   * A new dataset of the given rows, in the given order (repeats allowed): row i of the result is row
   * {@code index[i]} of this one. Used for shuffles and splits.
   *
   * @param index row numbers. Not modified.
   */
  public Dataset rows(int[] index) {
    InputValues nx = InputValues.zeros(index.length * featureCount, x.precision());
    double[] ny = new double[index.length * targetCount];
    for (int b = 0; b < index.length; b++) {
      int r = index[b];
      if (r < 0 || r >= size) {
        throw new IndexOutOfBoundsException("row " + r + " is outside 0.." + (size - 1));
      }
      x.copy(r * featureCount, nx, b * featureCount, featureCount);
      System.arraycopy(y, r * targetCount, ny, b * targetCount, targetCount);
    }
    double[] nw = null;
    if (weights != null) {
      nw = new double[index.length];
      for (int b = 0; b < index.length; b++) {
        nw[b] = weights[index[b]];
      }
    }
    return new Dataset(source, task, nx, ny, targetCount, featureNames, targetNames, classLabels, nw);
  }

  /** The first {@code n} rows (all of them if there are fewer). */
  public Dataset head(int n) {
    int m = Math.min(Math.max(n, 0), size);
    return new Dataset(
        source,
        task,
        x.copyOf(m * featureCount),
        Arrays.copyOf(y, m * targetCount),
        targetCount,
        featureNames,
        targetNames,
        classLabels,
        weights == null ? null : Arrays.copyOf(weights, m));
  }

  /** The same inputs (shared) and names with other targets, already owned by the caller. */
  Dataset withTargets(double[] newY) {
    if (newY.length != y.length) {
      throw new IllegalArgumentException("expected " + y.length + " target values, found " + newY.length);
    }
    return new Dataset(source, task, x, newY, targetCount, featureNames, targetNames, classLabels, weights);
  }

  /** The same targets and names with other inputs, already owned by the caller; y is shared (immutable). */
  Dataset withInputs(InputValues newX) {
    return new Dataset(source, task, newX, y, targetCount, featureNames, targetNames, classLabels, weights);
  }

  /** The same rows and targets with other feature columns, already owned by the caller: a one-hot encoding's. */
  Dataset withFeatures(InputValues newX, List<String> names) {
    return new Dataset(source, task, newX, y, targetCount, names, targetNames, classLabels, weights);
  }

  /**
   * What {@link #rows(int[]) rows(order)} returns for a permutation {@code order} of all rows, made by moving
   * the rows of this data set's own arrays: no copy. The result holds the arrays, so this data set must no
   * longer be used; only its owner, who alone holds it, may call this.
   *
   * @param order a permutation of 0 … n−1. Not modified.
   */
  Dataset reorderInPlace(int[] order) {
    if (order.length != size) {
      throw new IllegalArgumentException("a reordering of " + size + " rows needs " + size + " row numbers, found "
          + order.length);
    }
    boolean[] placed = new boolean[size];
    InputValues xRow = x.copyOf(featureCount);
    double[] yRow = new double[targetCount];
    double wRow = 0;
    for (int start = 0; start < size; start++) {
      if (placed[start]) {
        continue;
      }
      // the cycle start ← order[start] ← order[order[start]] ← … ← start: row i takes row order[i]
      x.copy(start * featureCount, xRow, 0, featureCount);
      System.arraycopy(y, start * targetCount, yRow, 0, targetCount);
      if (weights != null) {
        wRow = weights[start];
      }
      int i = start;
      while (true) {
        placed[i] = true;
        int from = order[i];
        if (from < 0 || from >= size) {
          throw new IndexOutOfBoundsException("row " + from + " is outside 0.." + (size - 1));
        }
        if (from == start) {
          break;
        }
        if (placed[from]) {
          throw new IllegalArgumentException("row " + from + " appears twice in the reordering");
        }
        x.copy(from * featureCount, x, i * featureCount, featureCount);
        System.arraycopy(y, from * targetCount, y, i * targetCount, targetCount);
        if (weights != null) {
          weights[i] = weights[from];
        }
        i = from;
      }
      xRow.copy(0, x, i * featureCount, featureCount);
      System.arraycopy(yRow, 0, y, i * targetCount, targetCount);
      if (weights != null) {
        weights[i] = wRow;
      }
    }
    return new Dataset(source, task, x, y, targetCount, featureNames, targetNames, classLabels, weights);
  }

  /**
   * Hands this data set's arrays, not copies, to {@code doubles} or to {@code floats}, as its inputs are held; see
   * {@link OwnedData#lend}.
   */
  <T> T lend(OwnedData.Rows<T> doubles, OwnedData.FloatRows<T> floats) {
    return x.lend(a -> doubles.of(a, y, size, featureCount, targetCount),
        a -> floats.of(a, y, size, featureCount, targetCount));
  }

  /** The inputs themselves, not a copy, for the data package's in-place steps (standardisation, mean fill). */
  InputValues inputs() {
    return x;
  }

  /**
   * The same rows and names with the inputs as the targets: an autoencoder's data. Inputs held as doubles are
   * one array for both; the targets of inputs held as floats are a double copy of them.
   */
  Dataset inputsAsTargets() {
    double[] targets = x.lend(doubles -> doubles, floats -> x.toDoubles());
    return new Dataset(source, Task.REGRESSION, x, targets, featureCount, featureNames, featureNames, List.of(),
        weights);
  }

  /**
   * Classification: the class of row {@code row} (the column holding the 1, or the 0/1 value of a binary
   * target).
   */
  public int classOf(int row) {
    requireClassification();
    if (targetCount == 1) {
      return y(row, 0) == 1.0 ? 1 : 0;
    }
    int base = index(row, 0, targetCount);
    for (int c = 0; c < targetCount; c++) {
      if (y[base + c] == 1.0) {
        return c;
      }
    }
    throw new IllegalStateException("row " + row + " has no class");
  }

  /** Classification: how many rows each class has, class c at index c. */
  public int[] classCounts() {
    requireClassification();
    int[] counts = new int[classCount()];
    for (int i = 0; i < size; i++) {
      counts[classOf(i)]++;
    }
    return counts;
  }

  /**
   * A two-class dataset with its targets as one 0/1 column (the class index) instead of two one-hot
   * columns, for a single sigmoid output with binary cross-entropy or the squared loss. The class labels
   * and target name stay; {@link #classOf(int)} still works. Returns this dataset if it already is binary.
   *
   * @throws IllegalStateException unless this is classification with exactly two classes
   */
  public Dataset withBinaryTarget() {
    requireClassification();
    if (classCount() != 2) {
      throw new IllegalStateException(
          "a binary target needs exactly 2 classes, " + source + " has " + classCount() + ": " + classLabels);
    }
    if (targetCount == 1) {
      return this;
    }
    double[] ny = new double[size];
    for (int i = 0; i < size; i++) {
      ny[i] = y[2 * i + 1];
    }
    return new Dataset(source, task, x, ny, 1, featureNames, targetNames, classLabels, weights);
  }

  private void requireClassification() {
    if (task != Task.CLASSIFICATION) {
      throw new IllegalStateException(source + " is a regression dataset and has no classes");
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Dataset[").append(source).append(": ").append(size).append(" rows, ");
    s.append(featureCount).append(" features, ").append(task.label());
    if (task == Task.CLASSIFICATION) {
      s.append(" of \"").append(targetNames.get(0)).append("\" into ").append(classCount()).append(" classes");
    } else {
      List<String> quoted = new ArrayList<>();
      for (String t : targetNames) {
        quoted.add("\"" + t + "\"");
      }
      s.append(" of ").append(String.join(", ", quoted));
    }
    return s.append(']').toString();
  }
}
