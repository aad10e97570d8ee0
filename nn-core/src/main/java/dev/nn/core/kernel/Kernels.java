package dev.nn.core.kernel;

import dev.nn.api.Activation;
import java.nio.DoubleBuffer;

/**
 * Matrix storage and kernels. Matrices are row-major blocks of a {@link DoubleBuffer}, given by an
 * offset and a leading dimension (the distance between rows). Kernels do not check shapes: the
 * engine checks them once when a network and its workspace are built.
 *
 * <p>Implementations are thread-safe; results must not depend on the number of threads used (parallel
 * kernels split over blocks of output elements, never over a reduction). {@link JavaKernels} keeps this
 * on every CPU; {@link BlasKernels} keeps it with OpenBLAS's Haswell kernels and says where it does not.
 */
public interface Kernels {

  /** A short name: "java", "openblas". */
  String name();

  /**
   * The name with what decides how results round, for provenance and benchmark reports: for example
   * "java (vector-512 loops)" or "openblas (OPENBLAS_CORETYPE=Haswell)". Part of what a bit-for-bit
   * repetition needs.
   */
  default String description() {
    return name();
  }

  /** A zeroed buffer of {@code length} values, stored where this implementation computes fastest. */
  DoubleBuffer allocate(int length);

  /**
   * C ← alpha·op(A)·op(B) + beta·C, where op(A) is m×k, op(B) is k×n and C is m×n. With {@code beta ==
   * 0} the old contents of C are ignored (even NaN).
   *
   * @param a A, or Aᵀ stored when {@code transA}. Not modified.
   * @param b B, or Bᵀ stored when {@code transB}. Not modified.
   * @param c C. Modified.
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      DoubleBuffer a, int aOffset, int lda, DoubleBuffer b, int bOffset, int ldb,
      double beta, DoubleBuffer c, int cOffset, int ldc);

  /**
   * Adds the row vector v to every row of the rows×cols matrix C: C[r][j] += v[j]. This is the bias
   * term 1·b(l)ᵀ of the forward pass.
   *
   * @param v cols values. Not modified.
   * @param c C, leading dimension cols. Modified.
   */
  void addRowVector(int rows, int cols, DoubleBuffer v, int vOffset, DoubleBuffer c, int cOffset);

  /**
   * out[j] ← alpha·Σ_r A[r][j] + beta·out[j]: the bias gradient (1/B)·1ᵀΔ(l).
   *
   * @param a A, rows×cols, leading dimension cols. Not modified.
   * @param out cols values. Modified.
   */
  void columnSums(int rows, int cols, double alpha, DoubleBuffer a, int aOffset, double beta,
      DoubleBuffer out, int outOffset);

  /**
   * A {@code double[]} holding the first {@code length} values of {@code buffer}, for plugins, which see
   * plain arrays. Heap implementations return the backing array itself (no copy); off-heap ones copy into
   * {@code staging} and return it — O(B·n) for one layer of a batch, never O(n²).
   *
   * @param staging an array of at least {@code length} values, or {@code null} for heap buffers
   */
  double[] view(DoubleBuffer buffer, int length, double[] staging);

  /**
   * Writes back a view obtained from {@link #view} after a plugin modified it. A no-op for heap buffers,
   * whose view is the buffer itself.
   */
  void commit(double[] view, DoubleBuffer buffer, int length);

  /**
   * Like {@link #view}, but without copying the buffer's values in: for an array that is about to be
   * overwritten, or whose staging copy is already current (the engine's forward pass leaves z and x staged).
   * Heap implementations return the backing array, off-heap ones {@code staging} as it is.
   */
  default double[] stagedView(DoubleBuffer buffer, int length, double[] staging) {
    if (viewsAreShared()) {
      return buffer.array();
    }
    if (staging == null || staging.length < length) {
      throw new IllegalArgumentException("off-heap kernels need a staging array of at least " + length + " values");
    }
    return staging;
  }

  /**
   * The element-wise half of a layer's forward pass on a rows×cols batch: Z ← Z + 1·bᵀ, then X = φ(Z).
   * With {@code stage}, off-heap kernels also leave Z and X in the staging arrays, where the backward pass
   * and the loss read them ({@link #stagedView}); without, they may skip those copies and leave Z without
   * the bias (a prediction needs only X, and Z and X of the output layer).
   *
   * @param bias cols values at {@code biasOffset}. Not modified.
   * @param z Z, leading dimension cols. Modified.
   * @param x X, leading dimension cols. Modified.
   */
  default void addBiasAndActivate(int rows, int cols, DoubleBuffer bias, int biasOffset, DoubleBuffer z,
      double[] zStage, DoubleBuffer x, double[] xStage, Activation phi, boolean stage) {
    addRowVector(rows, cols, bias, biasOffset, z, 0);
    int count = rows * cols;
    double[] zv = view(z, count, zStage);
    double[] xv = stagedView(x, count, xStage);
    phi.forward(zv, xv, count);
    commit(xv, x, count);
  }

  /**
   * δ ← δ ⊙ φ′(z) on the first {@code count} values, after {@link #addBiasAndActivate} left z and x
   * staged.
   *
   * @param delta on entry ∂L/∂x, on exit ∂L/∂z. Modified.
   */
  default void multiplyByDerivative(int count, DoubleBuffer z, double[] zStage, DoubleBuffer x, double[] xStage,
      DoubleBuffer delta, double[] deltaStage, Activation phi) {
    double[] zv = stagedView(z, count, zStage);
    double[] xv = stagedView(x, count, xStage);
    double[] dv = view(delta, count, deltaStage);
    phi.backward(zv, xv, dv, count);
    commit(dv, delta, count);
  }

  /** Whether {@link #view} returns the buffer's own array, so no staging array is needed. */
  boolean viewsAreShared();

  /**
   * The kernels for {@code backend} ({@code auto}, {@code java} or {@code blas}); see
   * {@link KernelChoice#choose} for the rule {@code auto} follows.
   *
   * @param widths n(0) … n(L+1). Not modified.
   */
  static Kernels choose(String backend, int threads, int[] widths, int batchSize) {
    return KernelChoice.choose(backend, threads, widths, batchSize);
  }
}
