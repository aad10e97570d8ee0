package dev.nn.core.text;

/**
 * A count and its noun, the noun in the singular for one: "1 epoch", "0 epochs", "40 epochs", the count's thousands
 * grouped as every count nn prints is ({@link Grouped}): "359,400 rows".
 */
public final class Counted {
  private Counted() {}

  /**
   * {@code n} and {@code one} when {@code n} is 1, otherwise {@code n} and {@code many}.
   *
   * @param one the noun for one, such as "entry"
   * @param many the noun for any other count, such as "entries"
   */
  public static String of(long n, String one, String many) {
    return Grouped.of(n) + " " + (n == 1 ? one : many);
  }
}
