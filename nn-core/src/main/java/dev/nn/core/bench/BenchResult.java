package dev.nn.core.bench;

import java.util.Locale;

/**
 * The figures of one workload: samples per second over repetitions of at least a given duration.
 *
 * @param workload the workload's name (its experiment's name)
 * @param mode "train", "infer", or "products" (the matrix products alone: {@link Benchmark#products})
 * @param median median samples per second over the repetitions
 * @param min slowest repetition
 * @param max fastest repetition
 * @param flopsPerSample floating-point operations one sample costs (see {@link Flops})
 * @param repetitions how many repetitions were timed
 * @param seconds total time measured
 * @param backend the kernels' name
 * @param precision {@code float64} or {@code float32}
 */
public record BenchResult(String workload, String mode, double median, double min, double max, double flopsPerSample,
    int repetitions, double seconds, String backend, String precision) {

  /** GFLOP/s at the median rate. */
  public double gflops() {
    return median * flopsPerSample / 1e9;
  }

  /** One line for people. */
  public String line() {
    return String.format(Locale.ROOT, "%-20s %-8s %-7s %12.0f samples/s  (min %.0f, max %.0f)  %7.2f GFLOP/s  %d x %.1fs"
        + "  %s", workload, mode, precision, median, min, max, gflops(), repetitions, seconds / repetitions, backend);
  }

  /** One JSON object, for scripts. */
  public String json() {
    return String.format(Locale.ROOT, "{\"workload\":\"%s\",\"mode\":\"%s\",\"samples_per_s\":%.1f,\"min_samples_per_s\":%.1f,"
        + "\"max_samples_per_s\":%.1f,\"gflops\":%.3f,\"flops_per_sample\":%.0f,\"repetitions\":%d,\"seconds\":%.3f,"
        + "\"backend\":\"%s\",\"precision\":\"%s\"}", workload, mode, median, min, max, gflops(), flopsPerSample,
        repetitions, seconds, backend, precision);
  }
}
