package dev.nn.core.io;

/**
 * A double as text that reads back bit for bit: {@link Double#toString} (exact on reading), except for a
 * NaN whose bits are not {@link Double#NaN}'s, which is {@code nan-bits:} and its bits in hex. Checkpoints
 * need this because a resumed run must continue from exactly the figures it stopped at.
 */
public final class DoubleText {
  private static final String NAN_BITS = "nan-bits:";

  private DoubleText() {}

  /** Whether {@code v} is {@link Double#NaN} itself, bit for bit. */
  public static boolean isPlainNaN(double v) {
    return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(Double.NaN);
  }

  /** Whether {@code text} is the {@code nan-bits:} form. */
  static boolean isNanBits(String text) {
    return text.startsWith(NAN_BITS);
  }

  /** The text of {@code v}. */
  public static String format(double v) {
    if (Double.isNaN(v) && !isPlainNaN(v)) {
      return NAN_BITS + Long.toHexString(Double.doubleToRawLongBits(v));
    }
    return Double.toString(v);
  }

  /**
   * Reads what {@link #format} wrote (and anything {@link Double#parseDouble} reads).
   *
   * @throws NumberFormatException when {@code text} is neither
   */
  public static double parse(String text) {
    if (isNanBits(text)) {
      return Double.longBitsToDouble(Long.parseUnsignedLong(text.substring(NAN_BITS.length()), 16));
    }
    return Double.parseDouble(text);
  }
}
