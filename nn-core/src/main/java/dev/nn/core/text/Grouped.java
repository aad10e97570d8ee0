package dev.nn.core.text;

import java.util.Locale;

/** A count as nn prints it to people: digits grouped by thousands with commas, "238,510". */
public final class Grouped {
  private Grouped() {}

  /** {@code n} with its thousands separated by commas, whatever the JVM's locale. */
  public static String of(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
