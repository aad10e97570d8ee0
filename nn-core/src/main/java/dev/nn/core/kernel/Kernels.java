package dev.nn.core.kernel;

import dev.nn.api.Activation;
import dev.nn.api.Loss;

/**
 * A kernel runtime: the matrix storage ({@link Matrix}) and the kernels of one run, in one
 * {@link Precision}, with the worker threads and scratch memory it owns. Made per run (the injector makes
 * one for each experiment) and closed when the run ends, which stops its threads; two runtimes in one JVM
 * share nothing, so runs with different thread counts or precisions do not interfere.
 *
 * <p>Matrices are row-major blocks of a {@link Matrix} made by {@link #allocate}, given by an offset and a
 * leading dimension (the distance between rows). Kernels do not check shapes: the engine checks them once
 * when a network and its workspace are built. The engine never sees how values are stored: it asks for
 * "activate layer l", "multiply by φ′", "seed from the loss", and the runtime hands plugins {@code double[]}
 * views (the storage itself for heap doubles, a mirror otherwise).
 *
 * <p>Results must not depend on the number of threads (parallel kernels split over blocks of output
 * elements, never over a reduction). Any thread may call a runtime; the thread that calls it first runs
 * without a lookup for its scratch. A runtime that is closed computes on the calling thread alone.
 */
public interface Kernels extends AutoCloseable {

  /** A short name: "java", "openblas". */
  String name();

  /**
   * The name with what decides how results round, for provenance and benchmark reports: for example
   * "java (vector-512 loops, float64)" or "openblas (core SkylakeX, float32)". Part of what a bit-for-bit
   * repetition needs.
   */
  default String description() {
    return name();
  }

  /** The precision of every matrix this runtime makes. */
  Precision precision();

  /** The threads a large product runs on, the caller's included. */
  int threads();

  /** A zeroed matrix of {@code length} values, stored where this runtime computes fastest. */
  Matrix allocate(int length);

  /**
   * C ← alpha·op(A)·op(B) + beta·C, where op(A) is m×k, op(B) is k×n and C is m×n. With {@code beta ==
   * 0} the old contents of C are ignored (even NaN).
   *
   * @param a A, or Aᵀ stored when {@code transA}. Not modified.
   * @param b B, or Bᵀ stored when {@code transB}. Not modified.
   * @param c C. Modified.
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      Matrix a, int aOffset, int lda, Matrix b, int bOffset, int ldb,
      double beta, Matrix c, int cOffset, int ldc);

  /**
   * Whether {@link #gemm} with {@code beta != 0} sums the k products of each element of C before adding them to
   * beta·C (BLAS sums blocks of hundreds in registers), rather than adding each product to C in turn. In float32 it
   * matters: an SGD step fused into the weight-gradient product on a runtime that adds in turn rounds W after every
   * row of the batch, and drifts from the step on the summed gradient (a cluster's) by far more than float32's
   * rounding of one step.
   */
  default boolean sumsProductsBeforeAddingToC() {
    return false;
  }

  /**
   * One layer's backward step at batch size 1 with plain SGD: first d[i] ← Σ_j W[i][j]·δ[j] (the gradient
   * with respect to the layer's input, before φ′, through the current weights), then W ← decay·W + step·x·δᵀ.
   * Exactly {@code gemm(false, true, 1, in, out, 1, δ, …, W, …, 0, d, …)} followed by
   * {@code gemm(true, false, in, out, 1, step, x, …, δ, …, decay, W, …)}, which is what the default does; a
   * runtime may do both in one pass over W, giving the same bits.
   *
   * @param x the layer's input, {@code in} values. Not modified.
   * @param delta δ of the layer, {@code out} values. Not modified.
   * @param w W, in×out, leading dimension out. Modified.
   * @param d {@code in} values. Overwritten.
   */
  default void propagateAndStep(int in, int out, double step, double decay, Matrix x, int xOffset,
      Matrix delta, int deltaOffset, Matrix w, int wOffset, Matrix d, int dOffset) {
    gemm(false, true, 1, in, out, 1.0, delta, deltaOffset, out, w, wOffset, out, 0.0, d, dOffset, in);
    gemm(true, false, in, out, 1, step, x, xOffset, in, delta, deltaOffset, out, decay, w, wOffset, out);
  }

  /**
   * out[i] ← a[i]·factors[i] for the first {@code count} values; {@code out} may be {@code a}. Dropout's mask,
   * forward and backward.
   *
   * @param a not modified, unless it is {@code out}
   * @param factors at least {@code count} values. Not modified.
   * @param out modified
   */
  void multiply(int count, Matrix a, double[] factors, Matrix out);

  /**
   * Adds the row vector v to every row of the rows×cols matrix C: C[r][j] += v[j].
   *
   * @param v cols values. Not modified.
   * @param c C, leading dimension cols. Modified.
   */
  void addRowVector(int rows, int cols, Matrix v, int vOffset, Matrix c, int cOffset);

  /**
   * out[j] ← alpha·Σ_r A[r][j] + beta·out[j]: the bias gradient (1/B)·1ᵀΔ(l).
   *
   * @param a A, rows×cols, leading dimension cols. Not modified.
   * @param out cols values. Modified.
   */
  void columnSums(int rows, int cols, double alpha, Matrix a, int aOffset, double beta, Matrix out, int outOffset);

  /**
   * The element-wise half of a layer's forward pass on a rows×cols batch: Z ← Z + 1·bᵀ, then X = φ(Z).
   * With {@code keep}, Z and X are kept for {@link #multiplyByDerivative}, {@link #seed} and the loss;
   * without, a runtime may leave Z without the bias and skip its plugin views (a prediction needs only X).
   *
   * @param bias cols values at {@code biasOffset}. Not modified.
   * @param z Z, leading dimension cols. Modified.
   * @param x X, leading dimension cols. Modified.
   */
  void activate(int rows, int cols, Matrix bias, int biasOffset, Matrix z, Matrix x, Activation phi, boolean keep);

  /**
   * δ ← δ ⊙ φ′(z) on the first {@code count} values, after {@link #activate} kept z and x.
   *
   * @param delta on entry ∂L/∂x, on exit ∂L/∂z. Modified.
   */
  void multiplyByDerivative(int count, Matrix z, Matrix x, Matrix delta, Activation phi);

  /**
   * Seeds δ(L+1) from the loss on a rows×cols output layer (times φ′ when the loss seeds ∂L/∂x, the
   * default), after {@link #activate} kept z and x.
   *
   * @param target rows×cols targets. Not modified.
   * @param weights the rows' weights w_n, which scale each row's L_n and seed, or {@code null}: each weighs 1
   * @param delta δ(L+1). Overwritten.
   * @return Σ_n w_n·L_n over the rows
   */
  double seed(Loss loss, Activation phi, Matrix z, Matrix x, double[] target, RowWeights weights, Matrix delta,
      int rows, int cols);

  /**
   * Σ_n w_n·L_n of the output layer's z and x against {@code target}, without seeding; {@code weights} {@code null}:
   * each row weighs 1.
   */
  double lossValue(Loss loss, Matrix z, Matrix x, double[] target, RowWeights weights, int rows, int cols);

  /**
   * Copies the first rows×cols values of x (or of the loss's link of z and x, when {@code link} is given)
   * into {@code out}.
   */
  void output(Loss link, Matrix z, Matrix x, double[] out, int rows, int cols);

  /** Stops this runtime's threads; idempotent. Later calls compute on the calling thread alone. */
  @Override
  void close();
}
