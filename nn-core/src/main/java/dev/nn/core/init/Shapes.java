package dev.nn.core.init;

/** The one shape check of every built-in initializer, made before anything is written. */
final class Shapes {

  private Shapes() {}

  /**
   * Checks that {@code weights} holds fanIn × fanOut values and that both fans are positive.
   *
   * @param weights the weight block. Not modified.
   */
  static void check(double[] weights, int fanIn, int fanOut) {
    if (fanIn < 1 || fanOut < 1) {
      throw new IllegalArgumentException(
          "W(l) needs fan-in >= 1 and fan-out >= 1, found " + fanIn + "×" + fanOut);
    }
    if (weights.length != (long) fanIn * fanOut) {
      throw new IllegalArgumentException(
          "W(l) is "
              + fanIn
              + "×"
              + fanOut
              + " = "
              + (long) fanIn * fanOut
              + " values, found an array of "
              + weights.length);
    }
  }
}
