package dev.nn.core.kernel;

import java.util.Optional;

/**
 * The two loop forms of a float32 product (see {@link GemmLoops} for their meaning and arguments), on
 * {@code float[]} arrays, in one of two implementations that give the same bits: {@code FloatVectorLoops},
 * explicit SIMD vectors, where the JVM has the Vector API; and {@link FloatFmaLoops}, its scalar twin with
 * {@link Math#fma(float, float, float)} in the same order for every element. A run may therefore start on the
 * scalar twin and move to the vector loops once the JIT has compiled them without a result changing, and a
 * JVM without the Vector API computes what one with it computes, given the same {@link #lanes}.
 *
 * <p>The order of each element of C, on every path and block split (so neither the thread count nor a
 * change of implementation changes a bit):
 * <ul>
 *   <li>axpy form: c ← fma(alpha·a(i,p), b(p,j), c) for p = 0, 1, …, k−1, one rounding per product, where
 *       alpha·a(i,p) is rounded to float first and c starts at the (already scaled) C[i][j].
 *   <li>dot form, with L = {@link #lanes} (a power of two) and K = k − k mod L: partial sums P[l] = 0 for
 *       l &lt; L, P[p mod L] ← fma(a(i,p), b(p,j), P[p mod L]) for p = 0, 1, …, K−1; then, only if K &gt; 0,
 *       s = P[0] + P[1] + … + P[L−1], added in lane order (otherwise s = 0) — the order in which the vector
 *       loops read their lanes one by one, which the JIT compiles without allocating (a halving by lane
 *       rotations allocated a shuffle result on every call of JDK 17's vector code);
 *       then s ← fma(a(i,p), b(p,j), s) for p = K, …, k−1; finally C[i][j] ← fma(alpha, s, C[i][j]).
 * </ul>
 */
interface FloatRowLoops {

  /** A short description for provenance: "fma-16" (the scalar twin of 16 lanes) or "vector-512". */
  String description();

  /** The number of partial sums of a dot product: the vector loops' floats per vector. */
  int lanes();

  /** C[i][j] ← fma(alpha·op(A)[i][p], B[p][j], C[i][j]) for p = 0 … k−1, on rows [i0, i1), columns [j0, j1). */
  void axpyForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
      float[] b, int bo, int ldb, float[] c, int co, int ldc);

  /** C[i][j] ← fma(alpha, Σ_p op(A)[i][p]·Bt[j][p], C[i][j]), the sum in the order above, on a block of C. */
  void dotForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
      float[] bt, int bo, int ldb, float[] c, int co, int ldc);

  /**
   * {@link Kernels#propagateAndStep} on float arrays: d[i] ← Σ_j W[i][j]·δ[j] as the dot form computes it
   * (alpha 1, onto zeros), then W ← decay·W + step·x·δᵀ as the axpy form does (after scaling). Loops may fuse
   * the two into one pass over W, giving the same bits; these do them in turn. Needs step ≠ 0 and decay ≠ 0.
   */
  default void propagateAndStep(int in, int out, float step, float decay, float[] x, int xo, float[] delta,
      int deltaOffset, float[] w, int wo, float[] d, int dOffset) {
    FloatGemmJob.scale(0, 1, 0, in, 0f, d, dOffset, in);
    dotForm(0, 1, 0, in, out, 1f, delta, deltaOffset, out, 1, w, wo, out, d, dOffset, in);
    FloatGemmJob.scale(0, in, 0, out, decay, w, wo, out);
    axpyForm(0, in, 0, out, 1, step, x, xo, 1, in, delta, deltaOffset, out, w, wo, out);
  }

  /** The scalar loops that compute exactly what vector loops of {@code lanes} floats compute. */
  static FloatRowLoops fma(int lanes) {
    return new FloatFmaLoops(lanes);
  }

  /**
   * The vector loops behind a warm-up of their own ({@link #warming}; a new one on each call, which its kernels
   * close) when this JVM has them, otherwise the scalar loops of {@link FloatFmaLoops#DEFAULT_LANES} lanes.
   */
  static FloatRowLoops best() {
    return warming().<FloatRowLoops>map(w -> w).orElseGet(() -> fma(FloatFmaLoops.DEFAULT_LANES));
  }

  /**
   * The vector loops behind a warm-up of their own ({@link FloatWarmingLoops}), if this JVM can run them: their
   * bits from the first call, at plain Java's speed (their twin) until the JIT has compiled them.
   */
  static Optional<FloatWarmingLoops> warming() {
    return vector().map(FloatWarmingLoops::of);
  }

  /**
   * The vector loops, if this JVM can run them: the module {@code jdk.incubator.vector} is in the boot layer and its preferred vectors
   * hold at least eight floats. Loaded by name, so that nothing touches the incubating module on a JVM
   * started without it. Their scalar twin is {@code fma(vector.lanes())}.
   */
  static Optional<FloatRowLoops> vector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Optional.empty();
    }
    try {
      FloatRowLoops loops = (FloatRowLoops) Class.forName("dev.nn.core.kernel.FloatVectorLoops")
          .getDeclaredConstructor().newInstance();
      return loops.lanes() >= 8 ? Optional.of(loops) : Optional.empty();
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }

  /**
   * The loops called {@code name}: {@code auto} ({@link #best}), {@code vector} (the vector
   * loops behind their warm-up, as {@code auto} where they exist) or {@code scalar} (the scalar
   * twin of the vector loops of this JVM, or of {@value FloatFmaLoops#DEFAULT_LANES} lanes).
   *
   * @throws IllegalStateException for {@code vector} on a JVM without the Vector API
   * @throws IllegalArgumentException for another name
   */
  static FloatRowLoops named(String name) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "auto":
        return best();
      case "scalar":
        return fma(vector().map(FloatRowLoops::lanes).orElse(FloatFmaLoops.DEFAULT_LANES));
      case "vector":
        return warming().<FloatRowLoops>map(w -> w).orElseThrow(() -> new IllegalStateException(
            "the vector loops need the JDK's Vector API: "
            + "start the JVM with --add-modules jdk.incubator.vector (the nn launcher does unless NN_VECTOR=off)"));
      default:
        throw new IllegalArgumentException("loops must be auto, vector or scalar, found '" + name + "'");
    }
  }
}
