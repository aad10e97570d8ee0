package dev.nn.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatRowLoops} with explicit SIMD vectors of the JVM's preferred width (16 floats with AVX-512, 8 with
 * AVX2). Compiled with {@link VectorLoops}, on its own; loaded by {@link FloatRowLoops#vector} only when the JVM
 * was started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Each element of C is computed in the order {@link FloatRowLoops} documents wherever it falls — in a vector
 * lane, a narrower block or the scalar tail — so a split of C into blocks never changes a bit, and
 * {@link FloatFmaLoops} of the same lane count gives the same bits. The dot form's partial sums are the lanes of
 * one vector per output, added by halving with lane rotations; a row of op(A) that is not contiguous (A stored
 * transposed with more than one row; not used by the engine) is left to {@link FloatFmaLoops#dotForm}.
 *
 * <p>Accumulators stay in registers across the depth of a block: four rows of C by four vectors in the axpy form
 * (by two with vectors of fewer than 16 floats), four outputs at a time in the dot form, so the FMA units always
 * have independent work.
 */
final class FloatVectorLoops implements FloatRowLoops {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int L = SPECIES.length();
  /**
   * Whether the axpy form keeps four rows of C by four vectors in registers (16 accumulators, 4 vectors of B):
   * with vectors of 16 floats or more (AVX-512, 32 registers). With AVX2's 16 registers it would spill, so
   * there the widest block is four rows by two vectors. Measured on AMD EPYC (AVX-512), 128×512×784 on one
   * thread: 4×4 about 76 GFLOP/s, 4×3 65, 4×2 60 (by thread CPU time, on a shared machine).
   */
  private static final boolean WIDE = L >= 16;
  /** The length of each array {@link #warmUpRound} needs. */
  static int warmUpLength() {
    return 9 * (7 * L + 3);
  }

  /**
   * One round of the warm-up that {@link FloatWarmingLoops} repeats until the JIT's optimising tier has compiled
   * these loops, as {@code VectorLoops.warmUpRound} is for doubles (see there why the shapes both enter and skip
   * every loop, and why the arrays are the caller's): every entry point, every block width — four (with
   * {@link #WIDE} vectors), two and one vectors in {@code fourRows}, four and one in {@code oneRow} — and every
   * tail, each both run and skipped.
   *
   * @param a at least {@link #warmUpLength} values. Not modified.
   * @param b at least {@link #warmUpLength} values. Not modified.
   * @param c at least {@link #warmUpLength} values. Modified.
   */
  static void warmUpRound(float[] a, float[] b, float[] c) {
    FloatVectorLoops loops = new FloatVectorLoops();
    int n = 7 * L + 3;
    int kd = 2 * L + 3;
    // axpy form, k > 1: fourRows (four vectors, two, one, tail 3) and oneRow (four vectors, one three times,
    // tail 3); oneRow alone on whole vectors; fourRows alone on a tail only; oneRow on a tail only
    loops.axpyForm(0, 9, 0, n, 5, 1f, a, 0, 5, 1, b, 0, n, c, 0, n);
    loops.axpyForm(0, 1, 0, 4 * L, 2, 1f, a, 0, 2, 1, b, 0, 4 * L, c, 0, 4 * L);
    loops.axpyForm(0, 4, 0, 3, 2, 1f, a, 0, 2, 1, b, 0, 3, c, 0, 3);
    loops.axpyForm(0, 1, 0, 3, 2, 1f, a, 0, 2, 1, b, 0, 3, c, 0, 3);
    // axpy form, k = 1: rankOne with vectors and tail, with a tail only, and for one column that is not
    // columnRankOne's (ldc > 1; si > 1); columnRankOne with a vector and tail, and with a tail only
    loops.axpyForm(0, 2, 0, n, 1, 1f, a, 0, 1, 1, b, 0, n, c, 0, n);
    loops.axpyForm(0, 1, 0, 3, 1, 1f, a, 0, 1, 1, b, 0, 3, c, 0, 3);
    loops.axpyForm(0, 3, 0, 1, 1, 1f, a, 0, 1, 1, b, 0, 1, c, 0, 2);
    loops.axpyForm(0, 3, 0, 1, 1, 1f, a, 0, 2, 1, b, 0, 1, c, 0, 1);
    loops.axpyForm(0, L + 3, 0, 1, 1, 1f, a, 0, 1, 1, b, 0, 1, c, 0, 1);
    loops.axpyForm(0, 3, 0, 1, 1, 1f, a, 0, 1, 1, b, 0, 1, c, 0, 1);
    // ... and both on whole vectors with no tail, the shapes of real layers (64, 288, 784 units): a tail
    // loop that every warm-up call enters is compiled with a profiled loop predicate, which the first such
    // product fails, sending the loop back to the interpreter (every vector an object) until C2 recompiles it
    loops.axpyForm(0, 2, 0, 2 * L, 1, 1f, a, 0, 1, 1, b, 0, 2 * L, c, 0, 2 * L);
    loops.axpyForm(0, 2 * L, 0, 1, 1, 1f, a, 0, 1, 1, b, 0, 1, c, 0, 1);
    // dot form: singleProducts (k = 1, ldb = 1) with vectors and tail, and with a tail only; dotRows with
    // four outputs and single ones, whole vectors in k and a tail; with single outputs and no whole vector;
    // with k = 1 and ldb > 1; and a row of op(A) not contiguous
    loops.dotForm(0, 1, 0, n, 1, 1f, a, 0, 1, 1, b, 0, 1, c, 0, n);
    loops.dotForm(0, 1, 0, 3, 1, 1f, a, 0, 1, 1, b, 0, 1, c, 0, 3);
    loops.dotForm(0, 1, 0, 7, kd, 1f, a, 0, kd, 1, b, 0, kd, c, 0, 7);
    loops.dotForm(0, 1, 0, 3, 3, 1f, a, 0, 3, 1, b, 0, 3, c, 0, 3);
    loops.dotForm(0, 1, 0, 3, 1, 1f, a, 0, 1, 1, b, 0, 2, c, 0, 3);
    loops.dotForm(0, 2, 0, 3, 2, 1f, a, 0, 1, 2, b, 0, 2, c, 0, 3);
    // ... and the shapes that skip the scalar tails: singleProducts on whole vectors; dotRows with four
    // outputs and a single one, k whole vectors (k a multiple of the lanes, as for 64, 288 or 784 inputs);
    // four outputs with no whole vector in k
    loops.dotForm(0, 1, 0, 2 * L, 1, 1f, a, 0, 1, 1, b, 0, 1, c, 0, 2 * L);
    loops.dotForm(0, 1, 0, 5, 2 * L, 1f, a, 0, 2 * L, 1, b, 0, 2 * L, c, 0, 5);
    loops.dotForm(0, 1, 0, 4, 3, 1f, a, 0, 3, 1, b, 0, 3, c, 0, 4);
    // the fused step, in the shapes of VectorLoops.warmUpRound: every branch entered and skipped
    int d = 30 * L + 20;
    loops.propagateAndStep(5, 2 * L + 3, 1e-3f, 0.5f, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(4, 2 * L, 1e-3f, 0.5f, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(1, 2 * L, 1e-3f, 0.5f, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(3, 3, 1e-3f, 0.5f, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(2 * L + 3, 1, 1e-3f, 0.5f, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(2 * L, 1, 1e-3f, 0.5f, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(3, 1, 1e-3f, 0.5f, a, 0, b, 0, c, 0, c, d);
  }

  @Override
  public String description() {
    return "vector-" + SPECIES.vectorBitSize();
  }

  @Override
  public int lanes() {
    return L;
  }

  @Override
  public void axpyForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
      float[] b, int bo, int ldb, float[] c, int co, int ldc) {
    if (k == 1 && j1 - j0 == 1 && si == 1 && ldc == 1) {
      columnRankOne(i1 - i0, alpha, a, ao + i0, b[bo + j0], c, co + i0 + j0);
      return;
    }
    if (k == 1) {
      rankOne(i0, i1, j0, j1, alpha, a, ao, si, b, bo, c, co, ldc);
      return;
    }
    for (int jb = j0; jb < j1; jb += GemmLoops.COLUMN_BLOCK) {
      int je = Math.min(j1, jb + GemmLoops.COLUMN_BLOCK);
      for (int pb = 0; pb < k; pb += GemmLoops.DEPTH_BLOCK) {
        int pe = Math.min(k, pb + GemmLoops.DEPTH_BLOCK);
        int i = i0;
        for (int end = whole(i0, i1, 4); i < end; i += 4) {
          fourRows(i, jb, je, pb, pe, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
        }
        for (; i < i1; i++) {
          oneRow(i, jb, je, pb, pe, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
        }
      }
    }
  }

  /** The axpy form with one product per element (the SGD step at batch size 1), a row of C at a time. */
  private static void rankOne(int i0, int i1, int j0, int j1, float alpha, float[] a, int ao, int si, float[] b,
      int bo, float[] c, int co, int ldc) {
    int end = whole(j0, j1, L);
    for (int i = i0; i < i1; i++) {
      float x = alpha * a[ao + i * si];
      int row = co + i * ldc;
      int j = j0;
      if (j < end) {
        FloatVector xv = FloatVector.broadcast(SPECIES, x);
        for (; j < end; j += L) {
          FloatVector.fromArray(SPECIES, b, bo + j).fma(xv, FloatVector.fromArray(SPECIES, c, row + j))
              .intoArray(c, row + j);
        }
      }
      for (; j < j1; j++) {
        c[row + j] = Math.fma(x, b[bo + j], c[row + j]);
      }
    }
  }

  /** {@link #rankOne} for one contiguous column of C (ldc = 1) and A read along i (si = 1), in vectors of rows. */
  private static void columnRankOne(int rows, float alpha, float[] a, int ao, float b, float[] c, int co) {
    int end = whole(0, rows, L);
    int i = 0;
    if (end > 0) {
      FloatVector bv = FloatVector.broadcast(SPECIES, b);
      for (; i < end; i += L) {
        FloatVector.fromArray(SPECIES, a, ao + i).mul(alpha).fma(bv, FloatVector.fromArray(SPECIES, c, co + i))
            .intoArray(c, co + i);
      }
    }
    for (; i < rows; i++) {
      c[co + i] = Math.fma(alpha * a[ao + i], b, c[co + i]);
    }
  }

  /**
   * Rows i … i+3 of C: four (with {@link #WIDE} vectors), two or one vectors of each row in registers while p
   * runs over [pb, pe), then the columns left one at a time.
   */
  private static void fourRows(int i, int jb, int je, int pb, int pe, float alpha, float[] a, int ao, int si,
      int sp, float[] b, int bo, int ldb, float[] c, int co, int ldc) {
    int c0 = co + i * ldc;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    int a0 = ao + i * si;
    int a1 = a0 + si;
    int a2 = a1 + si;
    int a3 = a2 + si;
    int j = jb;
    if (WIDE) {
      for (int end = whole(jb, je, 4 * L); j < end; j += 4 * L) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, c, c0 + j);
        FloatVector s01 = FloatVector.fromArray(SPECIES, c, c0 + j + L);
        FloatVector s02 = FloatVector.fromArray(SPECIES, c, c0 + j + 2 * L);
        FloatVector s03 = FloatVector.fromArray(SPECIES, c, c0 + j + 3 * L);
        FloatVector s10 = FloatVector.fromArray(SPECIES, c, c1 + j);
        FloatVector s11 = FloatVector.fromArray(SPECIES, c, c1 + j + L);
        FloatVector s12 = FloatVector.fromArray(SPECIES, c, c1 + j + 2 * L);
        FloatVector s13 = FloatVector.fromArray(SPECIES, c, c1 + j + 3 * L);
        FloatVector s20 = FloatVector.fromArray(SPECIES, c, c2 + j);
        FloatVector s21 = FloatVector.fromArray(SPECIES, c, c2 + j + L);
        FloatVector s22 = FloatVector.fromArray(SPECIES, c, c2 + j + 2 * L);
        FloatVector s23 = FloatVector.fromArray(SPECIES, c, c2 + j + 3 * L);
        FloatVector s30 = FloatVector.fromArray(SPECIES, c, c3 + j);
        FloatVector s31 = FloatVector.fromArray(SPECIES, c, c3 + j + L);
        FloatVector s32 = FloatVector.fromArray(SPECIES, c, c3 + j + 2 * L);
        FloatVector s33 = FloatVector.fromArray(SPECIES, c, c3 + j + 3 * L);
        for (int p = pb; p < pe; p++) {
          int q = p * sp;
          int r = bo + p * ldb + j;
          FloatVector b0 = FloatVector.fromArray(SPECIES, b, r);
          FloatVector b1 = FloatVector.fromArray(SPECIES, b, r + L);
          FloatVector b2 = FloatVector.fromArray(SPECIES, b, r + 2 * L);
          FloatVector b3 = FloatVector.fromArray(SPECIES, b, r + 3 * L);
          FloatVector x = FloatVector.broadcast(SPECIES, alpha * a[a0 + q]);
          s00 = b0.fma(x, s00);
          s01 = b1.fma(x, s01);
          s02 = b2.fma(x, s02);
          s03 = b3.fma(x, s03);
          x = FloatVector.broadcast(SPECIES, alpha * a[a1 + q]);
          s10 = b0.fma(x, s10);
          s11 = b1.fma(x, s11);
          s12 = b2.fma(x, s12);
          s13 = b3.fma(x, s13);
          x = FloatVector.broadcast(SPECIES, alpha * a[a2 + q]);
          s20 = b0.fma(x, s20);
          s21 = b1.fma(x, s21);
          s22 = b2.fma(x, s22);
          s23 = b3.fma(x, s23);
          x = FloatVector.broadcast(SPECIES, alpha * a[a3 + q]);
          s30 = b0.fma(x, s30);
          s31 = b1.fma(x, s31);
          s32 = b2.fma(x, s32);
          s33 = b3.fma(x, s33);
        }
        s00.intoArray(c, c0 + j);
        s01.intoArray(c, c0 + j + L);
        s02.intoArray(c, c0 + j + 2 * L);
        s03.intoArray(c, c0 + j + 3 * L);
        s10.intoArray(c, c1 + j);
        s11.intoArray(c, c1 + j + L);
        s12.intoArray(c, c1 + j + 2 * L);
        s13.intoArray(c, c1 + j + 3 * L);
        s20.intoArray(c, c2 + j);
        s21.intoArray(c, c2 + j + L);
        s22.intoArray(c, c2 + j + 2 * L);
        s23.intoArray(c, c2 + j + 3 * L);
        s30.intoArray(c, c3 + j);
        s31.intoArray(c, c3 + j + L);
        s32.intoArray(c, c3 + j + 2 * L);
        s33.intoArray(c, c3 + j + 3 * L);
      }
    }
    for (int end = whole(j, je, 2 * L); j < end; j += 2 * L) {
      FloatVector s00 = FloatVector.fromArray(SPECIES, c, c0 + j);
      FloatVector s01 = FloatVector.fromArray(SPECIES, c, c0 + j + L);
      FloatVector s10 = FloatVector.fromArray(SPECIES, c, c1 + j);
      FloatVector s11 = FloatVector.fromArray(SPECIES, c, c1 + j + L);
      FloatVector s20 = FloatVector.fromArray(SPECIES, c, c2 + j);
      FloatVector s21 = FloatVector.fromArray(SPECIES, c, c2 + j + L);
      FloatVector s30 = FloatVector.fromArray(SPECIES, c, c3 + j);
      FloatVector s31 = FloatVector.fromArray(SPECIES, c, c3 + j + L);
      for (int p = pb; p < pe; p++) {
        int q = p * sp;
        int r = bo + p * ldb + j;
        FloatVector b0 = FloatVector.fromArray(SPECIES, b, r);
        FloatVector b1 = FloatVector.fromArray(SPECIES, b, r + L);
        FloatVector x = FloatVector.broadcast(SPECIES, alpha * a[a0 + q]);
        s00 = b0.fma(x, s00);
        s01 = b1.fma(x, s01);
        x = FloatVector.broadcast(SPECIES, alpha * a[a1 + q]);
        s10 = b0.fma(x, s10);
        s11 = b1.fma(x, s11);
        x = FloatVector.broadcast(SPECIES, alpha * a[a2 + q]);
        s20 = b0.fma(x, s20);
        s21 = b1.fma(x, s21);
        x = FloatVector.broadcast(SPECIES, alpha * a[a3 + q]);
        s30 = b0.fma(x, s30);
        s31 = b1.fma(x, s31);
      }
      s00.intoArray(c, c0 + j);
      s01.intoArray(c, c0 + j + L);
      s10.intoArray(c, c1 + j);
      s11.intoArray(c, c1 + j + L);
      s20.intoArray(c, c2 + j);
      s21.intoArray(c, c2 + j + L);
      s30.intoArray(c, c3 + j);
      s31.intoArray(c, c3 + j + L);
    }
    for (int end = whole(j, je, L); j < end; j += L) {
      FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0 + j);
      FloatVector s1 = FloatVector.fromArray(SPECIES, c, c1 + j);
      FloatVector s2 = FloatVector.fromArray(SPECIES, c, c2 + j);
      FloatVector s3 = FloatVector.fromArray(SPECIES, c, c3 + j);
      for (int p = pb; p < pe; p++) {
        int q = p * sp;
        FloatVector bv = FloatVector.fromArray(SPECIES, b, bo + p * ldb + j);
        s0 = bv.fma(FloatVector.broadcast(SPECIES, alpha * a[a0 + q]), s0);
        s1 = bv.fma(FloatVector.broadcast(SPECIES, alpha * a[a1 + q]), s1);
        s2 = bv.fma(FloatVector.broadcast(SPECIES, alpha * a[a2 + q]), s2);
        s3 = bv.fma(FloatVector.broadcast(SPECIES, alpha * a[a3 + q]), s3);
      }
      s0.intoArray(c, c0 + j);
      s1.intoArray(c, c1 + j);
      s2.intoArray(c, c2 + j);
      s3.intoArray(c, c3 + j);
    }
    for (; j < je; j++) {
      float s0 = c[c0 + j];
      float s1 = c[c1 + j];
      float s2 = c[c2 + j];
      float s3 = c[c3 + j];
      for (int p = pb; p < pe; p++) {
        int q = p * sp;
        float bj = b[bo + p * ldb + j];
        s0 = Math.fma(alpha * a[a0 + q], bj, s0);
        s1 = Math.fma(alpha * a[a1 + q], bj, s1);
        s2 = Math.fma(alpha * a[a2 + q], bj, s2);
        s3 = Math.fma(alpha * a[a3 + q], bj, s3);
      }
      c[c0 + j] = s0;
      c[c1 + j] = s1;
      c[c2 + j] = s2;
      c[c3 + j] = s3;
    }
  }

  /** Row i of C: four vectors in registers while p runs over [pb, pe) — x·W at batch size 1. */
  private static void oneRow(int i, int jb, int je, int pb, int pe, float alpha, float[] a, int ao, int si,
      int sp, float[] b, int bo, int ldb, float[] c, int co, int ldc) {
    int c0 = co + i * ldc;
    int a0 = ao + i * si;
    int j = jb;
    for (int end = whole(jb, je, 4 * L); j < end; j += 4 * L) {
      FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0 + j);
      FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + j + L);
      FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + j + 2 * L);
      FloatVector s3 = FloatVector.fromArray(SPECIES, c, c0 + j + 3 * L);
      for (int p = pb; p < pe; p++) {
        int r = bo + p * ldb + j;
        FloatVector x = FloatVector.broadcast(SPECIES, alpha * a[a0 + p * sp]);
        s0 = FloatVector.fromArray(SPECIES, b, r).fma(x, s0);
        s1 = FloatVector.fromArray(SPECIES, b, r + L).fma(x, s1);
        s2 = FloatVector.fromArray(SPECIES, b, r + 2 * L).fma(x, s2);
        s3 = FloatVector.fromArray(SPECIES, b, r + 3 * L).fma(x, s3);
      }
      s0.intoArray(c, c0 + j);
      s1.intoArray(c, c0 + j + L);
      s2.intoArray(c, c0 + j + 2 * L);
      s3.intoArray(c, c0 + j + 3 * L);
    }
    for (int end = whole(j, je, L); j < end; j += L) {
      FloatVector s = FloatVector.fromArray(SPECIES, c, c0 + j);
      for (int p = pb; p < pe; p++) {
        s = FloatVector.fromArray(SPECIES, b, bo + p * ldb + j)
            .fma(FloatVector.broadcast(SPECIES, alpha * a[a0 + p * sp]), s);
      }
      s.intoArray(c, c0 + j);
    }
    for (; j < je; j++) {
      float s = c[c0 + j];
      for (int p = pb; p < pe; p++) {
        s = Math.fma(alpha * a[a0 + p * sp], b[bo + p * ldb + j], s);
      }
      c[c0 + j] = s;
    }
  }

  @Override
  public void dotForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
      float[] bt, int bo, int ldb, float[] c, int co, int ldc) {
    if (sp != 1) {
      FloatFmaLoops.dotForm(L, i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
    } else if (k == 1 && ldb == 1) {
      singleProducts(i0, i1, j0, j1, alpha, a, ao, si, bt, bo, c, co, ldc);
    } else {
      dotRows(i0, i1, j0, j1, k, alpha, a, ao, si, bt, bo, ldb, c, co, ldc);
    }
  }

  /**
   * The dot form with one product per element and Bt one contiguous column (k = 1, ldb = 1), as δ·Wᵀ into a
   * one-unit output layer: c ← fma(alpha, fma(a(i,0), bt[j], 0), c), in vectors along j.
   */
  private static void singleProducts(int i0, int i1, int j0, int j1, float alpha, float[] a, int ao, int si,
      float[] bt, int bo, float[] c, int co, int ldc) {
    int end = whole(j0, j1, L);
    for (int i = i0; i < i1; i++) {
      float x = a[ao + i * si];
      int cr = co + i * ldc;
      int j = j0;
      if (end > j0) {
        FloatVector xv = FloatVector.broadcast(SPECIES, x);
        FloatVector av = FloatVector.broadcast(SPECIES, alpha);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (; j < end; j += L) {
          FloatVector s = xv.fma(FloatVector.fromArray(SPECIES, bt, bo + j), zero);
          av.fma(s, FloatVector.fromArray(SPECIES, c, cr + j)).intoArray(c, cr + j);
        }
      }
      for (; j < j1; j++) {
        c[cr + j] = Math.fma(alpha, Math.fma(x, bt[bo + j], 0.0f), c[cr + j]);
      }
    }
  }

  /** The dot form for rows of A that are contiguous (sp = 1), four outputs at a time. */
  private static void dotRows(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si,
      float[] bt, int bo, int ldb, float[] c, int co, int ldc) {
    int kv = k - k % L;
    for (int i = i0; i < i1; i++) {
      int ar = ao + i * si;
      int cr = co + i * ldc;
      int j = j0;
      for (int end = whole(j0, j1, 4); j < end; j += 4) {
        int r0 = bo + j * ldb;
        int r1 = r0 + ldb;
        int r2 = r1 + ldb;
        int r3 = r2 + ldb;
        float s0 = 0.0f;
        float s1 = 0.0f;
        float s2 = 0.0f;
        float s3 = 0.0f;
        if (kv > 0) {
          FloatVector v0 = FloatVector.zero(SPECIES);
          FloatVector v1 = v0;
          FloatVector v2 = v0;
          FloatVector v3 = v0;
          for (int p = 0; p < kv; p += L) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, ar + p);
            v0 = x.fma(FloatVector.fromArray(SPECIES, bt, r0 + p), v0);
            v1 = x.fma(FloatVector.fromArray(SPECIES, bt, r1 + p), v1);
            v2 = x.fma(FloatVector.fromArray(SPECIES, bt, r2 + p), v2);
            v3 = x.fma(FloatVector.fromArray(SPECIES, bt, r3 + p), v3);
          }
          s0 = halve(v0);
          s1 = halve(v1);
          s2 = halve(v2);
          s3 = halve(v3);
        }
        for (int p = kv; p < k; p++) {
          float x = a[ar + p];
          s0 = Math.fma(x, bt[r0 + p], s0);
          s1 = Math.fma(x, bt[r1 + p], s1);
          s2 = Math.fma(x, bt[r2 + p], s2);
          s3 = Math.fma(x, bt[r3 + p], s3);
        }
        c[cr + j] = Math.fma(alpha, s0, c[cr + j]);
        c[cr + j + 1] = Math.fma(alpha, s1, c[cr + j + 1]);
        c[cr + j + 2] = Math.fma(alpha, s2, c[cr + j + 2]);
        c[cr + j + 3] = Math.fma(alpha, s3, c[cr + j + 3]);
      }
      for (; j < j1; j++) {
        int r = bo + j * ldb;
        float s = 0.0f;
        if (kv > 0) {
          FloatVector v = FloatVector.zero(SPECIES);
          for (int p = 0; p < kv; p += L) {
            v = FloatVector.fromArray(SPECIES, a, ar + p).fma(FloatVector.fromArray(SPECIES, bt, r + p), v);
          }
          s = halve(v);
        }
        for (int p = kv; p < k; p++) {
          s = Math.fma(a[ar + p], bt[r + p], s);
        }
        c[cr + j] = Math.fma(alpha, s, c[cr + j]);
      }
    }
  }

  /**
   * Both halves of {@link FloatRowLoops#propagateAndStep} in one pass over W, as {@code VectorLoops} does for
   * doubles: each vector of a row read once, added into the row's dot product with δ (as {@link #dotRows}
   * sums it) and stepped (as {@link #rankOne} steps it, after C ← decay·C); four rows at a time. A decay of 1
   * multiplies without changing a bit, so one loop serves both.
   */
  @Override
  public void propagateAndStep(int in, int out, float step, float decay, float[] x, int xo, float[] delta,
      int deltaOffset, float[] w, int wo, float[] d, int dOffset) {
    if (out == 1) {
      oneOutputPropagateAndStep(in, step, decay, x, xo, delta[deltaOffset], w, wo, d, dOffset);
      return;
    }
    int kv = whole(0, out, L);
    int i = 0;
    if (kv > 0) {
      for (int end = whole(0, in, 4); i < end; i += 4) {
        fourRowsPropagateAndStep(i, out, kv, step, decay, x, xo, delta, deltaOffset, w, wo, d, dOffset);
      }
    }
    for (; i < in; i++) {
      int row = wo + i * out;
      float xi = step * x[xo + i];
      float s = 0f;
      if (kv > 0) {
        FloatVector xv = FloatVector.broadcast(SPECIES, xi);
        FloatVector v = FloatVector.zero(SPECIES);
        for (int p = 0; p < kv; p += L) {
          FloatVector dp = FloatVector.fromArray(SPECIES, delta, deltaOffset + p);
          FloatVector wp = FloatVector.fromArray(SPECIES, w, row + p);
          v = dp.fma(wp, v);
          dp.fma(xv, wp.mul(decay)).intoArray(w, row + p);
        }
        s = halve(v);
      }
      d[dOffset + i] = Math.fma(1f, stepTail(row, out, kv, xi, decay, delta, deltaOffset, w, s), 0f);
    }
  }

  /** Rows i … i+3 of {@link #propagateAndStep}, which has at least one whole vector per row. */
  private static void fourRowsPropagateAndStep(int i, int out, int kv, float step, float decay, float[] x, int xo,
      float[] delta, int deltaOffset, float[] w, int wo, float[] d, int dOffset) {
    int r0 = wo + i * out;
    int r1 = r0 + out;
    int r2 = r1 + out;
    int r3 = r2 + out;
    float x0 = step * x[xo + i];
    float x1 = step * x[xo + i + 1];
    float x2 = step * x[xo + i + 2];
    float x3 = step * x[xo + i + 3];
    FloatVector xv0 = FloatVector.broadcast(SPECIES, x0);
    FloatVector xv1 = FloatVector.broadcast(SPECIES, x1);
    FloatVector xv2 = FloatVector.broadcast(SPECIES, x2);
    FloatVector xv3 = FloatVector.broadcast(SPECIES, x3);
    FloatVector v0 = FloatVector.zero(SPECIES);
    FloatVector v1 = v0;
    FloatVector v2 = v0;
    FloatVector v3 = v0;
    for (int p = 0; p < kv; p += L) {
      FloatVector dp = FloatVector.fromArray(SPECIES, delta, deltaOffset + p);
      FloatVector w0 = FloatVector.fromArray(SPECIES, w, r0 + p);
      FloatVector w1 = FloatVector.fromArray(SPECIES, w, r1 + p);
      FloatVector w2 = FloatVector.fromArray(SPECIES, w, r2 + p);
      FloatVector w3 = FloatVector.fromArray(SPECIES, w, r3 + p);
      v0 = dp.fma(w0, v0);
      v1 = dp.fma(w1, v1);
      v2 = dp.fma(w2, v2);
      v3 = dp.fma(w3, v3);
      dp.fma(xv0, w0.mul(decay)).intoArray(w, r0 + p);
      dp.fma(xv1, w1.mul(decay)).intoArray(w, r1 + p);
      dp.fma(xv2, w2.mul(decay)).intoArray(w, r2 + p);
      dp.fma(xv3, w3.mul(decay)).intoArray(w, r3 + p);
    }
    d[dOffset + i] = Math.fma(1f, stepTail(r0, out, kv, x0, decay, delta, deltaOffset, w, halve(v0)), 0f);
    d[dOffset + i + 1] = Math.fma(1f, stepTail(r1, out, kv, x1, decay, delta, deltaOffset, w, halve(v1)), 0f);
    d[dOffset + i + 2] = Math.fma(1f, stepTail(r2, out, kv, x2, decay, delta, deltaOffset, w, halve(v2)), 0f);
    d[dOffset + i + 3] = Math.fma(1f, stepTail(r3, out, kv, x3, decay, delta, deltaOffset, w, halve(v3)), 0f);
  }

  /** The scalar tail p = kv … out−1 of one row: adds its products into {@code s}, steps, returns the sum. */
  private static float stepTail(int row, int out, int kv, float xi, float decay, float[] delta, int deltaOffset,
      float[] w, float s) {
    for (int p = kv; p < out; p++) {
      float wp = w[row + p];
      s = Math.fma(delta[deltaOffset + p], wp, s);
      w[row + p] = Math.fma(xi, delta[deltaOffset + p], wp * decay);
    }
    return s;
  }

  /**
   * {@link #propagateAndStep} for a one-unit layer, whose weights are one contiguous column: in vectors down
   * the column, d[i] as {@link #singleProducts} computes it and the step as {@link #columnRankOne} takes it.
   */
  private static void oneOutputPropagateAndStep(int in, float step, float decay, float[] x, int xo, float delta,
      float[] w, int wo, float[] d, int dOffset) {
    int end = whole(0, in, L);
    int i = 0;
    if (end > 0) {
      FloatVector dv = FloatVector.broadcast(SPECIES, delta);
      FloatVector one = FloatVector.broadcast(SPECIES, 1f);
      FloatVector zero = FloatVector.zero(SPECIES);
      for (; i < end; i += L) {
        FloatVector wv = FloatVector.fromArray(SPECIES, w, wo + i);
        one.fma(dv.fma(wv, zero), zero).intoArray(d, dOffset + i);
        FloatVector.fromArray(SPECIES, x, xo + i).mul(step).fma(dv, wv.mul(decay)).intoArray(w, wo + i);
      }
    }
    for (; i < in; i++) {
      float wi = w[wo + i];
      d[dOffset + i] = Math.fma(1f, Math.fma(delta, wi, 0f), 0f);
      w[wo + i] = Math.fma(step * x[xo + i], delta, wi * decay);
    }
  }

  /**
   * The lanes of v added in lane order, as {@link FloatFmaLoops} adds its partial sums (not
   * {@code reduceLanes}, whose order is unspecified). Lane by lane, because L is a constant the JIT unrolls
   * this into extracts; rotations with {@code rearrange} allocated on every call.
   */
  private static float halve(FloatVector v) {
    float s = v.lane(0);
    for (int l = 1; l < L; l++) {
      s += v.lane(l);
    }
    return s;
  }

  /**
   * The end of the whole steps of {@code step} from {@code from} before {@code to}. Loops run to it with
   * {@code j < end}, which the JIT recognises as a counted loop ({@code j + step <= to} might overflow).
   */
  private static int whole(int from, int to, int step) {
    return to - from < step ? from : from + (to - from) / step * step;
  }
}
