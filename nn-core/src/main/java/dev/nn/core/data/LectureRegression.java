package dev.nn.core.data;

import dev.nn.spi.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The lecture's regression task: x ~ N(0, I_D), y = sin(Σ_i x_i / √D) / 2 + σ·ε with ε ~ N(0, 1) and σ =
 * {@code noise} (0.01 by default). The sum over √D keeps the argument of sin standard normal for every D.
 * Per sample, the D inputs are drawn first, then ε.
 */
final class LectureRegression implements Generator {
  static final String NAME = "lecture-regression";
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Dataset generate(GeneratorSettings settings, RandomGenerator random, long seed) {
    int d = settings.integer("inputs", 16, Range.closed(1, 100_000));
    int n = settings.integer("samples", 1000, Range.closed(1, 10_000_000));
    double noise = settings.number("noise", 0.01, Range.atLeast(0));
    if ((long) n * d > MAX_ARRAY) {
      settings.problem(
          "samples",
          "samples × inputs = " + (long) n * d + " values do not fit in one array",
          "samples × inputs <= " + MAX_ARRAY);
    }
    settings.check();
    double[] x = new double[n * d];
    double[] y = new double[n];
    double scale = 1.0 / Math.sqrt(d);
    int k = 0;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < d; j++) {
        double v = random.nextGaussian();
        x[k++] = v;
        sum += v;
      }
      y[i] = Math.sin(sum * scale) / 2 + noise * random.nextGaussian();
    }
    List<String> features = new ArrayList<>(d);
    for (int j = 1; j <= d; j++) {
      features.add("x" + j);
    }
    String source = "generator " + NAME + " (inputs " + d + ", samples " + n + ", noise " + noise + ", seed " + seed + ")";
    return Dataset.wrapRegression(source, InputValues.of(x), y, features, List.of("y"));
  }
}
