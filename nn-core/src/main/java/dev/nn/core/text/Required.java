package dev.nn.core.text;

import java.util.Collection;

/**
 * A {@code null} argument of nn's Java API, refused with a {@link NullPointerException} that names the parameter and
 * says what it takes ("featureNames: the feature column names are needed, found null"), as the helpful message of a
 * dereferenced null would name a variable of nn's instead. {@code Nn}'s methods and the other API types share it, so
 * that every one says it the same way.
 */
public final class Required {
  private Required() {}

  /**
   * {@code value}, or a {@link NullPointerException} naming {@code parameter} and {@code what}.
   *
   * @param what what the parameter takes, as a noun phrase: "the training samples"
   */
  public static <T> T of(T value, String parameter, String what) {
    if (value == null) {
      throw new NullPointerException(parameter + ": " + what + " is needed, found null");
    }
    return value;
  }

  /** {@link #of} of a collection and of each element of it, a null element named by its index. */
  public static <C extends Collection<?>> C each(C values, String parameter, String what) {
    of(values, parameter, what);
    int i = 0;
    for (Object value : values) {
      if (value == null) {
        throw new NullPointerException(parameter + ": " + what + " is needed, found null at index " + i);
      }
      i++;
    }
    return values;
  }
}
