package dev.nn.spi;

/**
 * An interval of allowed numbers for a setting, with a readable description ("> 0", "in [0, 1)").
 *
 * @param min lower end
 * @param minInclusive whether {@code min} itself is allowed
 * @param max upper end
 * @param maxInclusive whether {@code max} itself is allowed
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {

  /** Any finite number. */
  public static Range any() {
    return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
  }

  /** Numbers {@code > 0}. */
  public static Range positive() {
    return new Range(0, false, Double.POSITIVE_INFINITY, false);
  }

  /** Numbers {@code >= min}. */
  public static Range atLeast(double min) {
    return new Range(min, true, Double.POSITIVE_INFINITY, false);
  }

  /** Numbers in {@code [min, max]}. */
  public static Range closed(double min, double max) {
    return new Range(min, true, max, true);
  }

  /** Numbers in {@code [min, max)}. */
  public static Range closedOpen(double min, double max) {
    return new Range(min, true, max, false);
  }

  /** Numbers in {@code (min, max)}. */
  public static Range open(double min, double max) {
    return new Range(min, false, max, false);
  }

  /** Whether {@code v} is finite and inside. */
  public boolean contains(double v) {
    if (!Double.isFinite(v)) {
      return false;
    }
    boolean aboveMin = minInclusive ? v >= min : v > min;
    boolean belowMax = maxInclusive ? v <= max : v < max;
    return aboveMin && belowMax;
  }

  /** "> 0", ">= 0", "in [0, 1)", "any finite number". */
  public String describe() {
    boolean noMin = min == Double.NEGATIVE_INFINITY;
    boolean noMax = max == Double.POSITIVE_INFINITY;
    if (noMin && noMax) {
      return "any finite number";
    }
    if (noMax) {
      return (minInclusive ? ">= " : "> ") + fmt(min);
    }
    if (noMin) {
      return (maxInclusive ? "<= " : "< ") + fmt(max);
    }
    return "in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
