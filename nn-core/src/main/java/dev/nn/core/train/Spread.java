package dev.nn.core.train;

/**
 * The mean and spread of repeated measurements of one figure: a cross-validation's folds, a sweep of seeds, the
 * shuffles of a permutation importance.
 *
 * @param mean the mean of the values
 * @param sd their sample standard deviation (divided by n − 1); 0 for one value
 * @param n how many values there were
 */
public record Spread(double mean, double sd, int n) {

  /**
   * The spread of {@code values}.
   *
   * @throws IllegalArgumentException for no values
   */
  public static Spread of(double... values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("a spread needs one value or more");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    double sq = 0;
    for (double v : values) {
      sq += (v - mean) * (v - mean);
    }
    return new Spread(mean, n == 1 ? 0 : Math.sqrt(sq / (n - 1)), n);
  }
}
