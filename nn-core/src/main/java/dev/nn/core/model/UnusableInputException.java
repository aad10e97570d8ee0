package dev.nn.core.model;

/**
 * A row a model cannot predict: a value far enough outside its training rows' range that standardizing it, or the
 * network's arithmetic on it, leaves float64 ({@code 1e308} in a column whose training values are near 3). The
 * prediction would be NaN or an infinity, so the row is refused rather than predicted.
 *
 * <p>It carries the row and the column, so that a caller reading a file can name its line ({@link #reason()} is
 * the message without the row).
 */
public final class UnusableInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int row;
  private final String input;
  private final String reason;

  UnusableInputException(int row, String input, String reason) {
    super("row " + row + ": " + reason);
    this.row = row;
    this.input = input;
    this.reason = reason;
  }

  /** The row refused, counted from 0 among the rows given. */
  public int row() {
    return row;
  }

  /** The input column whose value is to blame. */
  public String input() {
    return input;
  }

  /** What is wrong, naming the column and its value but not the row: {@code column "x" holds 1e308, which …}. */
  public String reason() {
    return reason;
  }
}
