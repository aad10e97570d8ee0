package dev.nn.core.config;

import dev.nn.core.kernel.Precision;
import java.util.Objects;

/**
 * The {@code compute} section. Results do not depend on the thread count; they may differ between
 * backends, loops and precisions.
 *
 * @param backend which kernels to use
 * @param threads worker threads, {@code >= 1}
 * @param precision how numbers are stored and multiplied: float64 (the default) or float32
 * @param loops which loops the Java kernels run: {@code auto} (the Vector API's when the JVM has it),
 *     {@code vector} or {@code scalar}
 * @param blasFrom multiply-adds of one forward pass from which {@code backend: auto} picks OpenBLAS over the
 *     Java kernels, or {@code null} for the measured default of the loops in use
 * @param blasKernels which kernels the bundled OpenBLAS runs: {@code auto} (it detects the CPU, ignoring an
 *     inherited {@code OPENBLAS_CORETYPE}), {@code inherit} (the environment as given) or a core type name
 */
public record ComputeSpec(Backend backend, int threads, Precision precision, Loops loops, Long blasFrom,
    String blasKernels) {

  /** Checks for {@code null}. */
  public ComputeSpec {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(loops, "loops");
    Objects.requireNonNull(blasKernels, "blasKernels");
  }

  /** Float64, the loops of this JVM and the measured threshold. */
  public ComputeSpec(Backend backend, int threads) {
    this(backend, threads, Precision.FLOAT64, Loops.AUTO, null, "auto");
  }

  /** The same section in another precision. */
  public ComputeSpec withPrecision(Precision p) {
    return new ComputeSpec(backend, threads, p, loops, blasFrom, blasKernels);
  }
}
