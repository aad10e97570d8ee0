package dev.nn.tck;

/**
 * The distribution an initializer documents for each value it writes, as {@link InitializerContract}
 * compares samples against it: its first moments, its support, and its distribution function.
 *
 * <p>{@link #constant}, {@link #uniform} and {@link #normal} cover the common initializers. Any other (a truncated
 * normal, a Laplace, an orthogonal initializer's marginal) is an implementation of this interface written from the
 * initializer's documentation: its mean, variance, fourth central moment, support and distribution function, in
 * closed form where there is one. A distribution of variance 0 is taken as a constant: nothing is drawn.
 */
public interface WeightDistribution {

  /** Every value equals {@code value}: nothing is drawn. */
  static WeightDistribution constant(double value) {
    return new Constant(value);
  }

  /** U(low, high), {@code low < high}. */
  static WeightDistribution uniform(double low, double high) {
    return new Uniform(low, high);
  }

  /** N(mean, std²), {@code std > 0}, not truncated. */
  static WeightDistribution normal(double mean, double std) {
    return new Normal(mean, std);
  }

  /** E[w]. */
  double mean();

  /** Var[w] = E[(w − E[w])²]. */
  double variance();

  /** E[(w − E[w])⁴]: with the variance, it gives the standard error of a sample variance. */
  double fourthCentralMoment();

  /** The smallest value the distribution can take ({@code -∞} when unbounded). */
  double low();

  /** The largest value the distribution can take ({@code +∞} when unbounded). */
  double high();

  /** P(w ≤ x). */
  double cdf(double x);

  /** A single value. */
  record Constant(double value) implements WeightDistribution {
    @Override
    public double mean() {
      return value;
    }

    @Override
    public double variance() {
      return 0;
    }

    @Override
    public double fourthCentralMoment() {
      return 0;
    }

    @Override
    public double low() {
      return value;
    }

    @Override
    public double high() {
      return value;
    }

    @Override
    public double cdf(double x) {
      return x < value ? 0 : 1;
    }
  }

  /** U(low, high): variance width²/12, fourth central moment width⁴/80. */
  record Uniform(double low, double high) implements WeightDistribution {
    /** Requires {@code low < high}, both finite. */
    public Uniform {
      if (!(low < high) || Double.isInfinite(high - low)) {
        throw new IllegalArgumentException("U(low, high) needs finite low < high, found " + low + ", " + high);
      }
    }

    @Override
    public double mean() {
      return 0.5 * (low + high);
    }

    @Override
    public double variance() {
      double w = high - low;
      return w * w / 12;
    }

    @Override
    public double fourthCentralMoment() {
      double w = high - low;
      return w * w * w * w / 80;
    }

    @Override
    public double cdf(double x) {
      return Math.min(1, Math.max(0, (x - low) / (high - low)));
    }
  }

  /** N(mean, std²): fourth central moment 3σ⁴. */
  record Normal(double mean, double std) implements WeightDistribution {
    /** Requires {@code std > 0}, both finite. */
    public Normal {
      if (!(std > 0) || Double.isInfinite(std) || !Double.isFinite(mean)) {
        throw new IllegalArgumentException("N(mean, std²) needs a finite mean and std > 0, found " + mean + ", " + std);
      }
    }

    @Override
    public double variance() {
      return std * std;
    }

    @Override
    public double fourthCentralMoment() {
      return 3 * variance() * variance();
    }

    @Override
    public double low() {
      return Double.NEGATIVE_INFINITY;
    }

    @Override
    public double high() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    public double cdf(double x) {
      return StandardNormal.cdf((x - mean) / std);
    }
  }
}
