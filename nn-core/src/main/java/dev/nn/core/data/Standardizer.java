package dev.nn.core.data;

import dev.nn.core.kernel.Precision;
import dev.nn.core.text.Excerpt;
import java.util.List;
import java.util.Locale;

/**
 * Per-feature standardisation x' = (x − mean) / std, fitted on the training rows only and applied
 * unchanged to validation, test and prediction inputs.
 *
 * <p>The std is the population standard deviation (divide by n, as scikit-learn's StandardScaler), so on
 * the rows it was fitted on every transformed feature has mean 0 and std 1. A feature whose values are all
 * equal on those rows gets mean = that value and std 1: it becomes exactly 0 but is not scaled, because
 * dividing by 0 would turn constants into NaN and dividing by a tiny rounding residue into noise.
 * {@link #stds()} reports that 1, i.e. always the divisor actually used.
 *
 * <p>A fitted standardizer is two arrays, {@link #means()} and {@link #stds()}, and {@link #of} rebuilds it
 * from them (the model file stores them). Immutable and thread-safe.
 */
public final class Standardizer {
  private final double[] means;
  private final double[] stds;

  private Standardizer(double[] means, double[] stds) {
    this.means = means;
    this.stds = stds;
  }

  /**
   * Fits means and stds on every row of {@code train} (two passes, for accuracy), weighted by the rows' weights
   * when they carry any.
   *
   * @throws IllegalArgumentException if {@code train} has no rows
   */
  public static Standardizer fit(Dataset train) {
    if (train.size() == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer on " + train.source() + ": it has no rows");
    }
    return requireFinite(fit(train.size(), train.featureCount(), train::x, shares(train)), train, train.featureNames(),
        false);
  }

  /**
   * Fits means and stds on the targets of every row of {@code train}, one per target column, as {@link #fit}
   * does on the inputs: a regression's targets standardised for training ({@code data.standardize-targets}),
   * its predictions mapped back with {@link #restore}.
   *
   * @throws IllegalArgumentException if {@code train} has no rows
   */
  public static Standardizer fitTargets(Dataset train) {
    if (train.size() == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer on " + train.source() + ": it has no rows");
    }
    return requireFinite(fit(train.size(), train.targetCount(), train::y, shares(train)), train, train.targetNames(),
        true);
  }

  /**
   * The rows' weights as shares of the largest, which give the same weighted figures and keep their sums finite (a
   * weight of 1e308 would overflow them); weights of 1 stay 1, and so keep the plain figures' bits.
   */
  private static java.util.function.IntToDoubleFunction shares(Dataset train) {
    if (!train.weighted()) {
      return r -> 1.0;
    }
    double largest = 0;
    for (int r = 0; r < train.size(); r++) {
      largest = Math.max(largest, train.weight(r));
    }
    double top = largest;
    return r -> top == 0 ? 0 : train.weight(r) / top;
  }

  /**
   * A deviation from the mean below which its square loses bits as a subnormal double (2⁻⁵⁰⁰, about 3e-151, whose
   * square is still normal with room for a sum over many rows): columns of so small a spread are fitted scaled.
   */
  private static final double TINY_SPREAD = 0x1p-500;

  /** The largest magnitude whose square is a finite double: a spread beyond it overflows the variance. */
  public static final double LARGEST_SPREAD = Math.sqrt(Double.MAX_VALUE);

  /**
   * {@code fitted}, whose means and standard deviations must be finite: values too large for float64 arithmetic
   * (their sum or the sum of their squared deviations overflows) are refused, naming the column and its range.
   *
   * @throws DataException for a column whose mean or standard deviation overflows
   */
  private static Standardizer requireFinite(Standardizer fitted, Dataset train, List<String> names, boolean targets) {
    for (int j = 0; j < fitted.means.length; j++) {
      if (Double.isFinite(fitted.means[j]) && Double.isFinite(fitted.stds[j])) {
        continue;
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < train.size(); i++) {
        double v = targets ? train.y(i, j) : train.x(i, j);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      throw new DataException(train.source() + ": " + (targets ? "target" : "column") + " \"" + Excerpt.of(names.get(j))
          + "\" cannot be standardized: its values, from " + min + " to " + max + ", overflow float64 in its "
          + (Double.isFinite(fitted.means[j]) ? "standard deviation" : "mean") + "; standardizing needs values"
          + " whose spread stays well below " + String.format(Locale.ROOT, "%.3g", LARGEST_SPREAD)
          + " (the square root of the largest double): scale the column down, e.g. divide it by a power of ten");
    }
    return fitted;
  }

  /** The value of row i, column j of the columns being fitted. */
  private interface Column {
    double value(int row, int column);
  }

  /**
   * The weighted means and standard deviations of the columns, row i weighing {@code weights.applyAsDouble(i)}
   * (a data set's row weights, 1 without): Σ_i w_i·v_i / Σ_i w_i and √(Σ_i w_i·(v_i − mean)² / Σ_i w_i), so that
   * a row of weight 0 counts as absent and one of weight 2 as twice there. Weights of 1 give the plain figures' bits.
   */
  private static Standardizer fit(int n, int d, Column values, java.util.function.IntToDoubleFunction weights) {
    double[] mean = new double[d];
    double[] min = new double[d];
    double[] max = new double[d];
    for (int j = 0; j < d; j++) {
      min[j] = Double.POSITIVE_INFINITY;
      max[j] = Double.NEGATIVE_INFINITY;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double w = weights.applyAsDouble(i);
      if (w == 0) {
        continue;
      }
      total += w;
      for (int j = 0; j < d; j++) {
        double v = values.value(i, j);
        mean[j] += w * v;
        min[j] = Math.min(min[j], v);
        max[j] = Math.max(max[j], v);
      }
    }
    if (total == 0) {
      throw new IllegalArgumentException("cannot fit a standardizer on rows that all weigh 0");
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= total;
    }
    double[] sq = new double[d];
    for (int i = 0; i < n; i++) {
      double w = weights.applyAsDouble(i);
      for (int j = 0; w != 0 && j < d; j++) {
        double e = values.value(i, j) - mean[j];
        sq[j] += w * (e * e);
      }
    }
    // values of 1e-170 differ by 100% of themselves, but their squared deviations underflow to 0 (and below
    // 1e-154 lose bits as subnormals): such columns sum their squares scaled by their largest deviation instead,
    // which leaves every other column's bits as they were
    double[] spread = new double[d];
    boolean tiny = false;
    for (int j = 0; j < d; j++) {
      spread[j] = min[j] == max[j] ? 0 : Math.max(max[j] - mean[j], mean[j] - min[j]);
      tiny |= spread[j] > 0 && spread[j] < TINY_SPREAD;
    }
    double[] scaledSq = tiny ? new double[d] : null;
    for (int i = 0; tiny && i < n; i++) {
      double w = weights.applyAsDouble(i);
      for (int j = 0; w != 0 && j < d; j++) {
        if (spread[j] > 0 && spread[j] < TINY_SPREAD) {
          double e = (values.value(i, j) - mean[j]) / spread[j];
          scaledSq[j] += w * (e * e);
        }
      }
    }
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      if (min[j] == max[j]) {
        // all values equal: the summed mean may be off by rounding, the value itself is exact
        mean[j] = min[j];
        std[j] = 1.0;
      } else {
        std[j] = spread[j] < TINY_SPREAD ? spread[j] * Math.sqrt(scaledSq[j] / total) : Math.sqrt(sq[j] / total);
        if (std[j] == 0) {
          // values so close that even their mean cannot tell them apart (0 and 1e-320 about a mean of 1e-320's
          // rounding): as good as constant, and not divided by 0
          std[j] = 1.0;
        }
      }
    }
    return new Standardizer(mean, std);
  }

  /**
   * Rebuilds a fitted standardizer, e.g. from a model file.
   *
   * @param means one per feature, finite. Not modified.
   * @param stds one per feature, finite and &gt; 0. Not modified.
   */
  public static Standardizer of(double[] means, double[] stds) {
    if (means.length != stds.length) {
      throw new IllegalArgumentException(
          "means and stds must have one value per feature, found " + means.length + " and " + stds.length);
    }
    for (int j = 0; j < means.length; j++) {
      if (!Double.isFinite(means[j]) || !Double.isFinite(stds[j]) || stds[j] <= 0) {
        throw new IllegalArgumentException(
            "feature " + j + ": mean must be finite and std finite and > 0, found mean " + means[j] + ", std " + stds[j]);
      }
    }
    return new Standardizer(means.clone(), stds.clone());
  }

  /**
   * This standardizer with {@code columns} passed as they are (mean 0, divisor 1): a one-hot encoding's 0/1
   * columns, which keep their meaning, one category or none.
   */
  public Standardizer leaving(int[] columns) {
    double[] m = means.clone();
    double[] s = stds.clone();
    for (int j : columns) {
      m[j] = 0.0;
      s[j] = 1.0;
    }
    return new Standardizer(m, s);
  }

  /** The number of features d. */
  public int featureCount() {
    return means.length;
  }

  /** A copy of the d means. */
  public double[] means() {
    return means.clone();
  }

  /** A copy of the d divisors: the population std, or 1 for a constant feature. */
  public double[] stds() {
    return stds.clone();
  }

  /**
   * Standardises {@code rows} rows of inputs in place.
   *
   * @param x rows × d, row-major. Modified.
   */
  public void transform(double[] x, int rows) {
    int d = means.length;
    if (rows < 0 || (long) rows * d > x.length) {
      throw new IllegalArgumentException(
          rows + " rows of " + d + " features need " + (long) rows * d + " values, found " + x.length);
    }
    int k = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < d; j++, k++) {
        x[k] = (x[k] - means[j]) / stds[j];
      }
    }
  }

  /**
   * Maps standardised values back to the original units in place: v ← v·std + mean, the inverse of
   * {@link #transform(double[], int)} (a regression model's predictions, when its targets were standardised).
   *
   * @param v rows × d, row-major. Modified.
   */
  public void restore(double[] v, int rows) {
    int d = means.length;
    if (rows < 0 || (long) rows * d > v.length) {
      throw new IllegalArgumentException(
          rows + " rows of " + d + " values need " + (long) rows * d + " values, found " + v.length);
    }
    int k = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < d; j++, k++) {
        v[k] = v[k] * stds[j] + means[j];
      }
    }
  }

  /** A copy of {@code data} whose targets are standardised; inputs (shared) and names are unchanged. */
  public Dataset transformTargets(Dataset data) {
    if (data.targetCount() != means.length) {
      throw new IllegalArgumentException(data.source() + " has " + data.targetCount()
          + " targets, the standardizer was fitted on " + means.length);
    }
    double[] y = data.copyY();
    int d = means.length;
    for (int k = 0; k < y.length; k++) {
      double v = (y[k] - means[k % d]) / stds[k % d];
      if (!Double.isFinite(v)) {
        throw notFinite(data, "target", data.targetNames().get(k % d), y[k], v, k % d);
      }
      y[k] = v;
    }
    return data.withTargets(y);
  }

  /** A value that standardizes to an infinity: far outside the training rows, or a divisor near 0. */
  private DataException notFinite(Dataset data, String what, String name, double value, double result, int j) {
    boolean float32 = Double.isInfinite(result) && Double.isFinite((value - means[j]) / stds[j]);
    return new DataException(data.source() + ": " + what + " \"" + Excerpt.of(name) + "\" holds " + value
        + ", which standardizes to " + result + " with the training rows' mean " + means[j]
        + " and standard deviation " + stds[j] + "; a standardized value must be a finite number"
        + (float32 ? " of a float32 run, at most " + Float.MAX_VALUE + " in magnitude" : "")
        + ": scale the column down, or keep its values near the range of the training rows");
  }

  /** A copy of {@code data} with standardised inputs, held in the same precision; targets and names are unchanged. */
  public Dataset transform(Dataset data) {
    return transform(data, data.inputPrecision());
  }

  /**
   * A copy of {@code data} with standardised inputs held in {@code precision}: computed in double from the inputs
   * as held, and for float32 rounded once standardised — as a model's predictions standardise a row, so training
   * and predictions see the same numbers.
   */
  public Dataset transform(Dataset data, Precision precision) {
    requireFeatures(data);
    InputValues x = InputValues.zeros(data.inputs().length(), precision);
    transform(data, data.inputs(), x);
    return data.withInputs(x);
  }

  /**
   * {@link #transform(Dataset)} without the copy: standardises the inputs of {@code data}, which its caller alone
   * holds, in place, and returns it.
   */
  Dataset transformInPlace(Dataset data) {
    requireFeatures(data);
    transform(data, data.inputs(), data.inputs());
    return data;
  }

  /**
   * Standardises the rows of {@code data}, read from {@code from}, into {@code x} (which may be {@code from}).
   * Computed in double, as {@link #transform(double[], int)}; inputs held as floats take the result rounded to a
   * float, which is what a float32 run's kernels would have made of the double result. A result that is not
   * finite (in the precision {@code x} holds) is refused.
   *
   * @throws DataException for a value that standardizes to an infinity or NaN
   */
  private void transform(Dataset data, InputValues from, InputValues x) {
    int rows = data.size();
    boolean floats = x.precision() == Precision.FLOAT32;
    int d = means.length;
    int k = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < d; j++, k++) {
        double v = from.get(k);
        double z = (v - means[j]) / stds[j];
        if (!Double.isFinite(z) || floats && Float.isInfinite((float) z)) {
          throw notFinite(data, "column", data.featureNames().get(j), v, floats ? (float) z : z, j);
        }
        x.set(k, z);
      }
    }
  }

  private void requireFeatures(Dataset data) {
    if (data.featureCount() != means.length) {
      throw new IllegalArgumentException(
          data.source() + " has " + data.featureCount() + " features, the standardizer was fitted on "
              + means.length);
    }
  }
}
