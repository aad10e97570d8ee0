package dev.nn.core.config;

/**
 * An inclusive range of indices {@code from..to} in a parameter reference: {@code 3} is 3..3,
 * {@code 0..4} is 0, 1, 2, 3, 4, and {@code *} is every index ({@code to} = {@link #END}).
 *
 * @param from the first index, {@code >= 0}
 * @param to the last index, {@code >= from}, or {@link #END} for "to the last one"
 */
public record Span(int from, int to) {

  /** The value of {@link #to()} written {@code *}: up to the last index, whatever the width. */
  static final int END = Integer.MAX_VALUE;

  /** One index. */
  static Span of(int index) {
    return new Span(index, index);
  }

  /** Every index: {@code *}. */
  static Span all() {
    return new Span(0, END);
  }

  /** Whether this is {@code *}. */
  boolean isAll() {
    return from == 0 && to == END;
  }

  /** Whether both spans hold a common index. */
  boolean overlaps(Span other) {
    return from <= other.to && other.from <= to;
  }

  /** The number of indices named when the dimension has {@code size} of them ({@code *} reaches size − 1). */
  public int count(int size) {
    return (to == END ? size - 1 : to) - from + 1;
  }

  /** As written: {@code 3}, {@code 0..4} or {@code *}. */
  @Override
  public String toString() {
    if (isAll()) {
      return "*";
    }
    return from == to ? Integer.toString(from) : from + ".." + to;
  }
}
