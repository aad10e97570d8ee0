package dev.nn.core.data;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a CSV source is read beyond its target: which columns are features, what a missing value does, and
 * whether the first column is a row index.
 *
 * @param features the feature columns by name, in this order; empty for every column but the target and
 *     the {@code ignored} ones, in file order
 * @param ignored columns that are not features (only when {@code features} is empty)
 * @param missing what an empty, {@code NA} or {@code N/A} value does
 * @param indexColumn whether the first column is a row index to ignore
 */
public record CsvOptions(List<String> features, List<String> ignored, Missing missing, IndexColumn indexColumn) {
  /** Every column but the target, missing values refused, a pandas index column recognised. */
  public static final CsvOptions DEFAULTS = new CsvOptions(List.of(), List.of(), Missing.ERROR, IndexColumn.AUTO);

  /** Copies the lists and checks for {@code null}. */
  public CsvOptions {
    features = List.copyOf(features);
    ignored = List.copyOf(ignored);
    Objects.requireNonNull(missing, "missing");
    Objects.requireNonNull(indexColumn, "indexColumn");
    if (!features.isEmpty() && !ignored.isEmpty()) {
      throw new IllegalArgumentException("give the feature columns or the ignored ones, not both");
    }
  }

  /** What a missing value (an empty field, {@code NA} or {@code N/A}) does. */
  public enum Missing {
    /** The row is refused, naming its line and column. */
    ERROR,
    /** Rows with a missing value are left out, and their number reported. */
    DROP,
    /**
     * A missing feature value is replaced by its column's mean: in a run, over the training rows, for every split;
     * for a file read on its own, over its rows.
     */
    MEAN;

    /** The name written in an experiment file. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether the first column is a row index, as pandas writes one: a header with an empty first name. */
  public enum IndexColumn {
    /** The first column is ignored when its name is empty. */
    AUTO,
    /** The first column is ignored, whatever its name. */
    TRUE,
    /** The first column is data; an empty name is an error. */
    FALSE;

    /** The name written in an experiment file. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
