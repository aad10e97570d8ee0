package dev.nn.core.data;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a CSV source is read beyond its target: which columns are features, what a missing value does, whether the
 * first column is a row index, which character separates the fields, and whether numeric class labels are indices
 * or names.
 *
 * @param features the feature columns by name, in this order; empty for every column but the target and
 *     the {@code ignored} ones, in file order
 * @param ignored columns that are not features (only when {@code features} is empty)
 * @param missing what an empty, {@code NA} or {@code N/A} value does
 * @param indexColumn whether the first column is a row index to ignore
 * @param separator the field separator, one of {@link #SEPARATORS}, or {@link #AUTO_SEPARATOR} for the one the
 *     file's first lines show ({@link CsvSeparator})
 * @param labels how a classification's class column is read
 * @param missingValues values read as missing besides an empty field, {@code NA} and {@code N/A} (UCI's
 *     {@code ?}, say), compared after the spaces around a value are dropped
 * @param weight the column holding each row's weight ({@code weight:}), which is then not a feature, or {@code
 *     null} when every row weighs 1
 */
public record CsvOptions(List<String> features, List<String> ignored, Missing missing, IndexColumn indexColumn,
    char separator, Labels labels, List<String> missingValues, String weight) {
  /** Every column but the target, missing values refused, a pandas index column recognised. */
  public static final CsvOptions DEFAULTS = new CsvOptions(List.of(), List.of(), Missing.ERROR, IndexColumn.AUTO);

  /** The separator meaning "the one the file shows". */
  public static final char AUTO_SEPARATOR = 0;

  /** The separators a file may have: comma, semicolon, tab and vertical bar. */
  public static final String SEPARATORS = ",;\t|";

  /** Copies the lists and checks for {@code null}. */
  public CsvOptions {
    features = List.copyOf(features);
    ignored = List.copyOf(ignored);
    missingValues = List.copyOf(missingValues);
    Objects.requireNonNull(missing, "missing");
    Objects.requireNonNull(indexColumn, "indexColumn");
    Objects.requireNonNull(labels, "labels");
    if (!features.isEmpty() && !ignored.isEmpty()) {
      throw new IllegalArgumentException("give the feature columns or the ignored ones, not both");
    }
    if (separator != AUTO_SEPARATOR && SEPARATORS.indexOf(separator) < 0) {
      throw new IllegalArgumentException("the separator is one of , ; tab | or auto, found " + separator);
    }
  }

  /** Rows without weights. */
  public CsvOptions(List<String> features, List<String> ignored, Missing missing, IndexColumn indexColumn,
      char separator, Labels labels, List<String> missingValues) {
    this(features, ignored, missing, indexColumn, separator, labels, missingValues, null);
  }

  /** No values read as missing but an empty field, {@code NA} and {@code N/A}. */
  public CsvOptions(List<String> features, List<String> ignored, Missing missing, IndexColumn indexColumn,
      char separator, Labels labels) {
    this(features, ignored, missing, indexColumn, separator, labels, List.of());
  }

  /** The separator sniffed, and class labels as indices (or names, for words). */
  public CsvOptions(List<String> features, List<String> ignored, Missing missing, IndexColumn indexColumn) {
    this(features, ignored, missing, indexColumn, AUTO_SEPARATOR, Labels.INDICES);
  }

  /** These options with the field separator {@code separator} ({@link #AUTO_SEPARATOR} to sniff it). */
  public CsvOptions withSeparator(char separator) {
    return new CsvOptions(features, ignored, missing, indexColumn, separator, labels, missingValues, weight);
  }

  /** These options reading class labels as {@code labels} says. */
  public CsvOptions withLabels(Labels labels) {
    return new CsvOptions(features, ignored, missing, indexColumn, separator, labels, missingValues, weight);
  }

  /** Whether {@code text} is a number as a CSV file's values are read (spaces around it dropped). */
  public static boolean isNumber(String text) {
    return DecimalText.isDecimal(DecimalText.strip(text));
  }

  /** These options reading {@code values} as missing too. */
  public CsvOptions withMissingValues(List<String> values) {
    return new CsvOptions(features, ignored, missing, indexColumn, separator, labels, values, weight);
  }

  /** These options reading each row's weight from column {@code column} ({@code null}: every row weighs 1). */
  public CsvOptions withWeight(String column) {
    return new CsvOptions(features, ignored, missing, indexColumn, separator, labels, missingValues, column);
  }

  /** How a separator is written in an experiment file: {@code auto}, {@code tab}, or the character. */
  public static String separatorLabel(char separator) {
    return separator == AUTO_SEPARATOR ? "auto" : separator == '\t' ? "tab" : String.valueOf(separator);
  }

  /** How a classification's class column is read. */
  public enum Labels {
    /** Numbers are class indices 0..k-1, without gaps; words are names. */
    INDICES,
    /**
     * Every distinct value is a class name, numbers too: numbers equal in value are one class, and all-numeric
     * names are ordered by value ({@code 1, 2, 3, 5, 6, 7} are six classes, the first named "1").
     */
    NAMES;

    /** The name written in an experiment file. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
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
