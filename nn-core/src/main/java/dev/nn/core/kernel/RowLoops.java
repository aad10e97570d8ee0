package dev.nn.core.kernel;

import java.util.Optional;

/**
 * The two loop forms behind {@link JavaKernels#gemm} (see {@link GemmLoops} for their meaning and arguments),
 * in one of two implementations: {@link #SCALAR}, plain loops the JIT may vectorise, and, where the JVM has
 * the Vector API ({@code --add-modules jdk.incubator.vector}, as the {@code nn} launcher starts it), loops
 * written with explicit SIMD vectors.
 *
 * <p>Why both: the JIT of Java 17 vectorises a loop well only when it runs for hundreds of iterations; a
 * row of 64 values (the lecture's networks, batch size 1) runs mostly in its scalar pre- and post-loops, at
 * about a quarter of the vector loops' speed. Each implementation computes every element of C the same way
 * on every block split, so both keep results independent of the thread count; they differ from each other
 * in the last bits (the vector loops fuse each multiply-add with one rounding).
 *
 * <p>The vector loops run some thousand times slower until the JIT has compiled them, so they come behind a
 * warm-up ({@link WarmingLoops}) that computes with their plain-Java twin ({@link FmaLoops}, the same bits)
 * meanwhile.
 */
interface RowLoops {

  /** The plain loops. */
  RowLoops SCALAR = new ScalarLoops();

  /** A short description for provenance: "scalar" or "vector-512" (the vector width in bits). */
  String description();

  /** The number of values one vector holds (1 for the scalar loops); dot products keep this many partial sums. */
  int lanes();

  /** C[i][j] += Σ_p (alpha·op(A)[i][p])·B[p][j] on rows [i0, i1) and columns [j0, j1). */
  void axpyForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] b, int bo, int ldb, double[] c, int co, int ldc);

  /** C[i][j] += alpha·Σ_p op(A)[i][p]·Bt[j][p] on rows [i0, i1) and columns [j0, j1). */
  void dotForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] bt, int bo, int ldb, double[] c, int co, int ldc);

  /**
   * {@link Kernels#propagateAndStep} on arrays: d[i] ← Σ_j W[i][j]·δ[j] as the dot form computes it, then
   * W ← decay·W + step·x·δᵀ as the axpy form does. Loops may fuse the two into one pass over W, giving the
   * same bits; these do them in turn. Needs step ≠ 0 and decay ≠ 0 (a product with alpha = 0 or beta = 0
   * skips its sum or ignores C, which a fused pass would not).
   */
  default void propagateAndStep(int in, int out, double step, double decay, double[] x, int xo, double[] delta,
      int deltaOffset, double[] w, int wo, double[] d, int dOffset) {
    GemmLoops.scale(0, 1, 0, in, 0.0, d, dOffset, in);
    dotForm(0, 1, 0, in, out, 1.0, delta, deltaOffset, out, 1, w, wo, out, d, dOffset, in);
    GemmLoops.scale(0, in, 0, out, decay, w, wo, out);
    axpyForm(0, in, 0, out, 1, step, x, xo, 1, in, delta, deltaOffset, out, w, wo, out);
  }

  /**
   * The loops {@link JavaKernels} use by default: where this JVM has the Vector API with vectors of at least
   * four doubles, the vector loops behind a warm-up of their own ({@link #warming}; a new one on each call,
   * which its kernels close), otherwise {@link #SCALAR}.
   */
  static RowLoops best() {
    return warming().<RowLoops>map(w -> w).orElse(SCALAR);
  }

  /**
   * The vector loops behind a warm-up of their own ({@link WarmingLoops}), if this JVM can run them (see
   * {@link #vector}): the vector loops' bits from the first call, at plain Java's speed (their twin,
   * {@link FmaLoops}) until the JIT has compiled the vector loops. Each instance has a warm-up thread of its
   * own, started after some work and ended by {@link WarmingLoops#close} or by the end of the warm-up.
   */
  static Optional<WarmingLoops> warming() {
    return vector().map(WarmingLoops::of);
  }

  /**
   * The loops called {@code name}: {@code auto} ({@link #best}), {@code vector} (the vector loops behind their
   * warm-up, as {@code auto} where they exist) or {@code scalar}.
   *
   * @throws IllegalStateException for {@code vector} on a JVM without the Vector API
   * @throws IllegalArgumentException for another name
   */
  static RowLoops named(String name) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "auto":
        return best();
      case "scalar":
        return SCALAR;
      case "vector":
        return warming().<RowLoops>map(w -> w).orElseThrow(() -> new IllegalStateException(
            "the vector loops need the JDK's Vector API: "
            + "start the JVM with --add-modules jdk.incubator.vector (the nn launcher does unless NN_VECTOR=off)"));
      default:
        throw new IllegalArgumentException("loops must be auto, vector or scalar, found '" + name + "'");
    }
  }

  /**
   * The vector loops, if this JVM can run them: the module {@code jdk.incubator.vector} is in the boot layer
   * and its preferred vectors hold at least four doubles. Loaded by name, so that nothing touches the
   * incubating module on a JVM started without it.
   */
  static Optional<RowLoops> vector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Optional.empty();
    }
    try {
      RowLoops loops = (RowLoops) Class.forName("dev.nn.core.kernel.VectorLoops").getDeclaredConstructor()
          .newInstance();
      return loops.lanes() >= 4 ? Optional.of(loops) : Optional.empty();
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }
}
