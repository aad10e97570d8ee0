package dev.nn.core.kernel;

import java.util.Locale;

/**
 * Chooses the kernels for a network: {@code java}, {@code blas} or {@code auto}.
 *
 * <p>{@code auto} picks OpenBLAS when a training step does enough multiply-adds to pay for the native
 * calls and for staging every layer's values for the plugins (a copy of B·n values per layer and pass
 * that the heap kernels do not need): when batchSize·Σ_l n(l−1)·n(l), the multiply-adds of one forward
 * pass, reaches {@link #blasMinMultiplyAdds} — {@value #VECTOR_LOOPS_MIN_MULTIPLY_ADDS} when the Java kernels
 * run their Vector API loops, {@value #SCALAR_LOOPS_MIN_MULTIPLY_ADDS} with their plain loops. Below that,
 * or when the native library does not load on this platform, it picks the pure-Java kernels — without ever
 * loading the native library.
 *
 * <p>Measured on the 2-core AMD EPYC this project builds on (one thread, relu layers, squared error, SGD;
 * OpenBLAS 0.3.31 with its Haswell kernels): time of a Java step / time of an OpenBLAS step. With the
 * vector loops (512-bit), {@code nn bench} on 4,096 samples —
 * <pre>
 * widths            B=1   B=4   B=16  B=64
 * 784,512,1         0.79  0.97  1.11  1.55
 * 784,128,1         0.75  0.85  1.16  1.32
 * 256,256,256,1     0.58  0.67  1.27  1.13
 * 64,64,64,1        0.52  0.64  0.84  0.84
 * 32,16,16,1        0.35  0.57  0.63  0.69
 * </pre>
 * 2²⁰ multiply-adds puts every case below a ratio of 1 on Java and every case from 1.11 up on OpenBLAS
 * (784,512,1 at B = 4, 1.6 million, ratio 0.97, is a tie). With the plain loops (B = 1 … 128) —
 * <pre>
 * widths            B=1   B=4   B=8   B=16  B=32  B=128
 * 784,512,10        1.02  1.42  2.21  2.68  3.27  3.39
 * 784,128,10        1.17  1.56  2.33  2.61  3.26  3.56
 * 256,256,256,10    1.13  1.59  2.39  2.86  3.05  3.13
 * 64,64,64,10       1.05  1.30  2.07  2.13  2.32  2.68
 * 32,16,16,1        0.62  0.77  1.07  1.16  1.35  1.50
 * </pre>
 * where 16,384 puts 64,64,64,10 at B = 1 (8,832 multiply-adds, ratio 1.05) and 32,16,16,1 at B ≤ 16
 * (≤ 12,544, ratios ≤ 1.16) on Java, and every case measured above a ratio of 1.17 on OpenBLAS.
 */
public final class KernelChoice {
  /** Multiply-adds of one forward pass from which {@code auto} picks OpenBLAS over the vector loops. */
  static final long VECTOR_LOOPS_MIN_MULTIPLY_ADDS = 1L << 20;
  /** Multiply-adds of one forward pass from which {@code auto} picks OpenBLAS over the plain loops. */
  static final long SCALAR_LOOPS_MIN_MULTIPLY_ADDS = 16_384;

  /**
   * What a run asked for and what was made: the kernels, and the threshold {@code auto} compared with.
   *
   * @param kernels the runtime made; the caller closes it
   * @param blasFrom the threshold in multiply-adds of one forward pass
   * @param multiplyAdds this network's multiply-adds of one forward pass at its batch size
   */
  public record Choice(Kernels kernels, long blasFrom, long multiplyAdds) {
    /** For provenance: "auto: 5184 multiply-adds per forward pass, blas-from 1048576 → java". */
    public String describe(String backend) {
      return backend + ": " + multiplyAdds + " multiply-adds per forward pass, blas-from " + blasFrom + " → "
          + kernels.name();
    }

    /** The provenance of this choice: precision, the rule applied, the threshold. */
    public java.util.Map<String, String> provenance(String backend) {
      java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
      m.put("precision", kernels.precision().yamlName());
      m.put("choice", describe(backend));
      m.put("blas-from", Long.toString(blasFrom));
      if (kernels instanceof BlasKernels) {
        m.put("blas-kernels", ((BlasKernels) kernels).library().describe());
      }
      return m;
    }
  }

  private KernelChoice() {}

  /** Float64 kernels with this JVM's best loops and the measured threshold. */
  public static Kernels choose(String backend, int threads, int[] widths, int batchSize) {
    return choose(backend, threads, Precision.FLOAT64, "auto", null, widths, batchSize).kernels();
  }

  /** The kernels for {@code backend}, with the bundled OpenBLAS choosing its kernels by CPU detection. */
  public static Choice choose(String backend, int threads, Precision precision, String loops, Long blasFrom,
      int[] widths, int batchSize) {
    return choose(backend, threads, precision, loops, blasFrom, "auto", widths, batchSize);
  }

  /**
   * The kernels for {@code backend}.
   *
   * @param backend {@code auto}, {@code java} or {@code blas} (case-insensitive)
   * @param threads threads per product, at least 1
   * @param precision how the kernels store and multiply numbers
   * @param loops the Java kernels' loops: {@code auto}, {@code vector} or {@code scalar}
   * @param blasFrom the threshold of {@code auto}, or {@code null} for the measured default of the loops
   * @param blasKernels the kernels the bundled OpenBLAS runs: {@code auto}, {@code inherit} or a core type
   *     (see {@link BlasCoreType})
   * @param widths n(0) … n(L+1). Not modified.
   * @param batchSize the training batch size, at least 1
   * @throws IllegalArgumentException for another backend or loops name or a count below 1
   * @throws IllegalStateException for {@code blas} when the native library cannot be loaded here, or
   *     {@code vector} loops on a JVM without the Vector API
   */
  public static Choice choose(String backend, int threads, Precision precision, String loops, Long blasFrom,
      String blasKernels, int[] widths, int batchSize) {
    BlasCoreType core = BlasCoreType.parse(blasKernels);
    if (threads < 1) {
      throw new IllegalArgumentException("kernel threads must be at least 1, found " + threads);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, found " + batchSize);
    }
    RowLoops chosen = RowLoops.named(loops);
    long threshold = blasFrom != null ? blasFrom : blasMinMultiplyAdds(chosen.lanes());
    long work = multiplyAdds(widths, batchSize);
    switch (backend.toLowerCase(Locale.ROOT)) {
      case "java":
        return new Choice(JavaKernels.of(threads, precision, loops), threshold, work);
      case "blas":
        return new Choice(new BlasKernels(threads, precision, core), threshold, work);
      case "auto":
        if (work >= threshold) {
          try {
            return new Choice(new BlasKernels(threads, precision, core), threshold, work);
          } catch (IllegalStateException unavailable) {
            if (!OpenBlas.isUnavailable(unavailable)) {
              // loaded earlier in this JVM with another core type: a setting to correct, not to hide
              throw unavailable;
            }
            return new Choice(JavaKernels.of(threads, precision, loops), threshold, work);
          }
        }
        return new Choice(JavaKernels.of(threads, precision, loops), threshold, work);
      default:
        throw new IllegalArgumentException("kernel backend must be auto, java or blas, found '" + backend + "'");
    }
  }

  /** The measured default threshold for loops with this many lanes (1: the plain loops). */
  static long blasMinMultiplyAdds(int lanes) {
    return lanes > 1 ? VECTOR_LOOPS_MIN_MULTIPLY_ADDS : SCALAR_LOOPS_MIN_MULTIPLY_ADDS;
  }

  /** Multiply-adds of one forward pass: batch size × Σ n(l−1)·n(l). */
  static long multiplyAdds(int[] widths, int batchSize) {
    long perRow = 0;
    for (int l = 1; l < widths.length; l++) {
      perRow += (long) widths[l - 1] * widths[l];
    }
    return (long) batchSize * perRow;
  }
}
