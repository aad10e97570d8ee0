package dev.nn.core.model;

import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Significant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Model#predict} refuses before and after the forward pass: arrays of the wrong length, values that
 * are not finite, values that standardize to an infinity (training refuses those too), and rows whose outputs are
 * not finite numbers, which only inputs far outside the training rows' range can cause.
 */
final class InputChecks {
  /** How many input names a message lists. */
  private static final int LISTED = 12;

  private final List<String> inputs;
  /** For each network input (after a one-hot encoding), the model input it comes from. */
  private final int[] inputOf;
  /** Whether the network's inputs are standardized values, so that their size counts standard deviations. */
  private final boolean standardized;
  /**
   * Whether the network computes in float32, so that an input must be a float: one beyond ±3.4028235E38 would
   * be an infinity once rounded, and its training refuses such values too.
   */
  private final boolean floats;

  InputChecks(ModelSpec spec, boolean floats) {
    this.inputs = spec.inputs();
    this.inputOf = networkInputSources(spec);
    this.standardized = spec.means() != null;
    this.floats = floats;
  }

  private static int[] networkInputSources(ModelSpec spec) {
    if (spec.oneHot() == null) {
      int[] same = new int[spec.inputs().size()];
      for (int j = 0; j < same.length; j++) {
        same[j] = j;
      }
      return same;
    }
    java.util.Map<String, double[]> categories = spec.oneHot().categories();
    int[] of = new int[spec.oneHot().features().size()];
    int f = 0;
    for (int j = 0; j < spec.inputs().size(); j++) {
      double[] c = categories.get(spec.inputs().get(j));
      for (int k = 0; k < (c == null ? 1 : c.length); k++) {
        of[f++] = j;
      }
    }
    return of;
  }

  /**
   * Refuses a row whose length is not the model's input count; a row with extra values (the target left in, the
   * columns of another model) would otherwise predict from the first values alone, plausibly and wrongly.
   */
  void requireRow(double[] features) {
    Objects.requireNonNull(features, "features: a row of input values is needed, found null");
    if (features.length != inputs.size()) {
      throw new IllegalArgumentException("expected " + inputs.size() + (inputs.size() == 1 ? " value" : " values")
          + " (" + names() + "), found " + features.length);
    }
  }

  /** Refuses arrays that do not hold exactly {@code rows} rows of inputs, or cannot take their predictions. */
  void requireRows(double[] features, int rows, double[] out, int outputs) {
    Objects.requireNonNull(features, "features: rows of input values are needed, found null");
    Objects.requireNonNull(out, "out: an array for the predictions is needed, found null");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be 0 or more, found " + rows);
    }
    long needed = (long) rows * inputs.size();
    if (features.length != needed) {
      throw new IllegalArgumentException(rows + (rows == 1 ? " row" : " rows") + " of " + inputs.size()
          + (inputs.size() == 1 ? " value" : " values") + " (" + names() + ") are " + needed + " values, found "
          + features.length);
    }
    if (out.length < (long) rows * outputs) {
      throw new IllegalArgumentException("the predictions of " + rows + (rows == 1 ? " row" : " rows") + " take "
          + (long) rows * outputs + " values (" + outputs + " per row), but out holds " + out.length);
    }
    int in = inputs.size();
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        throw new UnusableInputException(i / in, inputs.get(i % in), "column \"" + Excerpt.of(inputs.get(i % in))
            + "\" holds " + features[i] + "; inputs must be finite numbers");
      }
    }
  }

  /**
   * Refuses a standardized value that is not finite: {@code raw} went through ({@code mean}, {@code scale}).
   *
   * @param row the row among those given to predict
   * @param j the network input
   */
  void requireStandardized(double z, double raw, double mean, double scale, int row, int j) {
    if (!Double.isFinite(z) || floats && Float.isInfinite((float) z)) {
      String name = inputs.get(inputOf[j]);
      throw new UnusableInputException(row, name, "column \"" + Excerpt.of(name) + "\" holds " + raw
          // the standardized value as computed, in double; in float32 it is beyond a float's range, which is said
          + ", which standardizes to " + z + " with the training rows' mean " + mean
          + " and standard deviation " + scale + "; the model takes values whose standardized value is a finite"
          + " number" + (floats ? " of float32, which it computes in, at most " + Float.MAX_VALUE + " in magnitude"
              : "") + ": scale the column down, or keep its values near the range of the training rows");
    }
  }

  /**
   * Refuses an unstandardized input that a float32 model cannot hold: beyond ±3.4028235E38 it would be an
   * infinity once rounded, as the model's training refused.
   *
   * @param row the row among those given to predict
   * @param j the network input
   */
  void requireHeld(double value, int row, int j) {
    if (floats && Float.isInfinite((float) value)) {
      String name = inputs.get(inputOf[j]);
      throw new UnusableInputException(row, name, "column \"" + Excerpt.of(name) + "\" holds " + value
          + ", too large for a float32 model; the largest magnitude is " + Float.MAX_VALUE);
    }
  }

  /**
   * Refuses a row whose predictions are not finite: its inputs, finite after standardizing, were still large
   * enough to overflow the network's arithmetic. Blames the input farthest from its training mean.
   *
   * @param out the row's predictions. Not modified.
   * @param scaled the row's network inputs, standardized. Not modified.
   * @param raw the row's values, as given
   */
  void requireFiniteOutputs(double[] out, int at, int k, double[] scaled, int scaledAt, int width, double[] raw,
      int rawAt, int row) {
    for (int c = 0; c < k; c++) {
      if (!Double.isFinite(out[at + c])) {
        int worst = 0;
        for (int j = 1; j < width; j++) {
          if (Math.abs(scaled[scaledAt + j]) > Math.abs(scaled[scaledAt + worst])) {
            worst = j;
          }
        }
        String name = inputs.get(inputOf[worst]);
        // without a scaler the network's input is the value itself, which says nothing of standard deviations
        String far = standardized ? ", " + Significant.of(Math.abs(scaled[scaledAt + worst]), 3)
            + " standard deviations from the training rows' mean," : ", the largest input of the row,";
        throw new UnusableInputException(row, name, "column \"" + Excerpt.of(name) + "\" holds "
            + raw[rawAt + inputOf[worst]] + far + " and the model's prediction for the row is " + out[at + c]
            + "; keep the values near the range of the training rows");
      }
    }
  }

  /** The inputs' names, the first {@value #LISTED} of them when there are more. */
  private String names() {
    List<String> shown = inputs.stream().limit(LISTED).map(Excerpt::of).toList();
    return String.join(", ", shown) + (inputs.size() > LISTED ? ", … " + inputs.size() + " in all" : "");
  }
}
