package dev.nn.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowLoops} with explicit SIMD vectors of the JVM's preferred width (eight doubles with AVX-512,
 * four with AVX2). Compiled on its own, because javac warns about every use of an incubating module; loaded
 * by {@link RowLoops#vector} only when the JVM was started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Each element of C is computed the same way wherever it falls — in a vector lane, a narrower block or
 * the scalar tail — so a split of C into blocks (threads) never changes a bit:
 * <ul>
 *   <li>axpy form: c ← fma(alpha·a(i,p), b(p,j), c) for p = 0, 1, …, k−1, one rounding per product;
 *   <li>dot form (a row of op(A) contiguous): {@link #lanes} partial sums, partial sum l holding the products with
 *       p ≡ l (mod lanes) below the last whole vector, each fused in ascending p; then the partial sums
 *       added in lane order, the remaining products fused in ascending p, and c ← c + alpha·sum. Otherwise
 *       (A stored transposed with more than one row; not used by the engine) it is {@link GemmLoops#dotForm}'s.
 * </ul>
 * Accumulators stay in registers across the depth of a block: four rows of C by two vectors in the axpy
 * form, four outputs at a time in the dot form, so the FMA units always have independent work.
 *
 * <p>{@link FmaLoops} computes the same bits in plain Java and stands in for these loops until the JIT has
 * compiled them ({@link WarmingLoops}): a change to the order of any sum here must be made there too
 * ({@code FmaLoopsTests} compares the two on every path).
 */
final class VectorLoops implements RowLoops {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int L = SPECIES.length();

  /** The length of each array {@link #warmUpRound} needs. */
  static int warmUpLength() {
    return 9 * (5 * L + 3);
  }

  /**
   * One round of the warm-up that {@link WarmingLoops} repeats until the JIT's optimising tier has compiled
   * these loops: Vector API code runs some thousand times slower before that (every vector is an object), and
   * the JIT counts calls, not time. Calls every entry point on small arrays with shapes that reach every
   * loop, every block width and every scalar tail, and that also skip each of them: C2 compiles a branch
   * its profile has never seen taken as a trap back into the interpreter, so a warm-up with only the shapes
   * that enter every loop (as 9×43×5) is undone by the first product with a width of whole vectors (as
   * 1×64×64, whose one-vector loop and tail do not run), which then runs interpreted again for a thousand
   * calls. About 3,300 multiply-adds (with eight lanes).
   *
   * <p>The caller passes the same arrays to every round: fresh arrays in each round cost more than the round
   * itself (some 35 µs against 3 µs, measured) until the heap's pages have all been touched once.
   *
   * @param a at least {@link #warmUpLength} values. Not modified.
   * @param b at least {@link #warmUpLength} values. Not modified.
   * @param c at least {@link #warmUpLength} values. Modified.
   */
  static void warmUpRound(double[] a, double[] b, double[] c) {
    VectorLoops loops = new VectorLoops();
    int n = 5 * L + 3;
    int kd = 2 * L + 3;
    // axpy form, k > 1: fourRows (twice: two vectors twice, one vector, tail 3) and oneRow (four vectors,
    // one vector, tail 3); then oneRow alone on whole vectors (no one-vector block, no tail), fourRows alone
    // on a tail only, and oneRow on a tail only
    loops.axpyForm(0, 9, 0, n, 5, 1.0, a, 0, 5, 1, b, 0, n, c, 0, n);
    loops.axpyForm(0, 1, 0, 4 * L, 2, 1.0, a, 0, 2, 1, b, 0, 4 * L, c, 0, 4 * L);
    // oneRow's eight-vector block: with one vector and a tail after it, with four vectors after it, alone
    loops.axpyForm(0, 1, 0, 9 * L + 3, 2, 1.0, a, 0, 2, 1, b, 0, 9 * L + 3, c, 0, 9 * L + 3);
    loops.axpyForm(0, 1, 0, 12 * L, 2, 1.0, a, 0, 2, 1, b, 0, 12 * L, c, 0, 12 * L);
    loops.axpyForm(0, 1, 0, 8 * L, 2, 1.0, a, 0, 2, 1, b, 0, 8 * L, c, 0, 8 * L);
    loops.axpyForm(0, 4, 0, 3, 2, 1.0, a, 0, 2, 1, b, 0, 3, c, 0, 3);
    loops.axpyForm(0, 1, 0, 3, 2, 1.0, a, 0, 2, 1, b, 0, 3, c, 0, 3);
    // axpy form, k = 1: rankOne with vectors and tail, with a tail only, and for one column that is not
    // columnRankOne's (ldc > 1; si > 1); columnRankOne with a vector and tail, and with a tail only
    loops.axpyForm(0, 2, 0, n, 1, 1.0, a, 0, 1, 1, b, 0, n, c, 0, n);
    loops.axpyForm(0, 1, 0, 3, 1, 1.0, a, 0, 1, 1, b, 0, 3, c, 0, 3);
    loops.axpyForm(0, 3, 0, 1, 1, 1.0, a, 0, 1, 1, b, 0, 1, c, 0, 2);
    loops.axpyForm(0, 3, 0, 1, 1, 1.0, a, 0, 2, 1, b, 0, 1, c, 0, 1);
    loops.axpyForm(0, L + 3, 0, 1, 1, 1.0, a, 0, 1, 1, b, 0, 1, c, 0, 1);
    loops.axpyForm(0, 3, 0, 1, 1, 1.0, a, 0, 1, 1, b, 0, 1, c, 0, 1);
    // ... and both on whole vectors with no tail, the shapes of real layers (64, 288, 784 units): a tail
    // loop that every warm-up call enters is compiled with a profiled loop predicate, which the first such
    // product fails, sending the loop back to the interpreter (every vector an object) until C2 recompiles it
    loops.axpyForm(0, 2, 0, 2 * L, 1, 1.0, a, 0, 1, 1, b, 0, 2 * L, c, 0, 2 * L);
    loops.axpyForm(0, 2 * L, 0, 1, 1, 1.0, a, 0, 1, 1, b, 0, 1, c, 0, 1);
    // dot form: singleProducts (k = 1, ldb = 1) with vectors and tail, and with a tail only; dotRows with
    // four outputs and single ones, whole vectors in k and a tail; with single outputs and no whole vector;
    // with k = 1 and ldb > 1; and a row of op(A) not contiguous (GemmLoops.dotForm)
    loops.dotForm(0, 1, 0, n, 1, 1.0, a, 0, 1, 1, b, 0, 1, c, 0, n);
    loops.dotForm(0, 1, 0, 3, 1, 1.0, a, 0, 1, 1, b, 0, 1, c, 0, 3);
    loops.dotForm(0, 1, 0, 7, kd, 1.0, a, 0, kd, 1, b, 0, kd, c, 0, 7);
    loops.dotForm(0, 1, 0, 3, 3, 1.0, a, 0, 3, 1, b, 0, 3, c, 0, 3);
    loops.dotForm(0, 1, 0, 3, 1, 1.0, a, 0, 1, 1, b, 0, 2, c, 0, 3);
    loops.dotForm(0, 2, 0, 3, 2, 1.0, a, 0, 1, 2, b, 0, 2, c, 0, 3);
    // ... and the shapes that skip the scalar tails: singleProducts on whole vectors; dotRows with four
    // outputs and a single one, k whole vectors (k a multiple of the lanes, as for 64, 288 or 784 inputs);
    // four outputs with no whole vector in k
    loops.dotForm(0, 1, 0, 2 * L, 1, 1.0, a, 0, 1, 1, b, 0, 1, c, 0, 2 * L);
    loops.dotForm(0, 1, 0, 5, 2 * L, 1.0, a, 0, 2 * L, 1, b, 0, 2 * L, c, 0, 5);
    loops.dotForm(0, 1, 0, 4, 3, 1.0, a, 0, 3, 1, b, 0, 3, c, 0, 4);
    // the fused step (weights in c, the input gradient further on in c; a decay of 0.5 keeps them bounded):
    // four rows and one left, whole vectors and a tail; four rows alone on whole vectors; one row on whole
    // vectors; rows with a tail only; one output with vectors and a tail, with vectors, with a tail only
    int d = 30 * L + 20;
    loops.propagateAndStep(5, 2 * L + 3, 1e-3, 0.5, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(4, 2 * L, 1e-3, 0.5, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(1, 2 * L, 1e-3, 0.5, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(3, 3, 1e-3, 0.5, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(2 * L + 3, 1, 1e-3, 0.5, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(2 * L, 1, 1e-3, 0.5, a, 0, b, 0, c, 0, c, d);
    loops.propagateAndStep(3, 1, 1e-3, 0.5, a, 0, b, 0, c, 0, c, d);
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
  public void axpyForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] b, int bo, int ldb, double[] c, int co, int ldc) {
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

  /**
   * C[i][j] ← fma(alpha·a(i,0), b(0,j), C[i][j]): the axpy form with one product per element (the SGD step
   * at batch size 1), a row of C at a time with nothing held across rows.
   */
  private static void rankOne(int i0, int i1, int j0, int j1, double alpha, double[] a, int ao, int si,
      double[] b, int bo, double[] c, int co, int ldc) {
    int end = whole(j0, j1, L);
    for (int i = i0; i < i1; i++) {
      double x = alpha * a[ao + i * si];
      int row = co + i * ldc;
      int j = j0;
      if (j < end) {
        DoubleVector xv = DoubleVector.broadcast(SPECIES, x);
        for (; j < end; j += L) {
          DoubleVector.fromArray(SPECIES, b, bo + j).fma(xv, DoubleVector.fromArray(SPECIES, c, row + j))
              .intoArray(c, row + j);
        }
      }
      for (; j < j1; j++) {
        c[row + j] = Math.fma(x, b[bo + j], c[row + j]);
      }
    }
  }

  /**
   * {@link #rankOne} for a single column of C stored contiguously (ldc = 1) and A read along i (si = 1), as
   * the SGD step of a one-unit output layer at batch size 1: c[i] ← fma(alpha·a[i], b, c[i]) down the
   * column, in vectors of rows.
   */
  private static void columnRankOne(int rows, double alpha, double[] a, int ao, double b, double[] c, int co) {
    int end = whole(0, rows, L);
    int i = 0;
    if (end > 0) {
      DoubleVector bv = DoubleVector.broadcast(SPECIES, b);
      for (; i < end; i += L) {
        DoubleVector.fromArray(SPECIES, a, ao + i).mul(alpha).fma(bv, DoubleVector.fromArray(SPECIES, c, co + i))
            .intoArray(c, co + i);
      }
    }
    for (; i < rows; i++) {
      c[co + i] = Math.fma(alpha * a[ao + i], b, c[co + i]);
    }
  }

  /** Rows i … i+3 of C: two vectors of each row in registers while p runs over [pb, pe). */
  private static void fourRows(int i, int jb, int je, int pb, int pe, double alpha, double[] a, int ao,
      int si, int sp, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    int c0 = co + i * ldc;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    int a0 = ao + i * si;
    int a1 = a0 + si;
    int a2 = a1 + si;
    int a3 = a2 + si;
    int j = jb;
    for (int end = whole(jb, je, 2 * L); j < end; j += 2 * L) {
      DoubleVector s00 = DoubleVector.fromArray(SPECIES, c, c0 + j);
      DoubleVector s01 = DoubleVector.fromArray(SPECIES, c, c0 + j + L);
      DoubleVector s10 = DoubleVector.fromArray(SPECIES, c, c1 + j);
      DoubleVector s11 = DoubleVector.fromArray(SPECIES, c, c1 + j + L);
      DoubleVector s20 = DoubleVector.fromArray(SPECIES, c, c2 + j);
      DoubleVector s21 = DoubleVector.fromArray(SPECIES, c, c2 + j + L);
      DoubleVector s30 = DoubleVector.fromArray(SPECIES, c, c3 + j);
      DoubleVector s31 = DoubleVector.fromArray(SPECIES, c, c3 + j + L);
      for (int p = pb; p < pe; p++) {
        int q = p * sp;
        int r = bo + p * ldb + j;
        DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, r);
        DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, r + L);
        DoubleVector x = DoubleVector.broadcast(SPECIES, alpha * a[a0 + q]);
        s00 = b0.fma(x, s00);
        s01 = b1.fma(x, s01);
        x = DoubleVector.broadcast(SPECIES, alpha * a[a1 + q]);
        s10 = b0.fma(x, s10);
        s11 = b1.fma(x, s11);
        x = DoubleVector.broadcast(SPECIES, alpha * a[a2 + q]);
        s20 = b0.fma(x, s20);
        s21 = b1.fma(x, s21);
        x = DoubleVector.broadcast(SPECIES, alpha * a[a3 + q]);
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
      DoubleVector s0 = DoubleVector.fromArray(SPECIES, c, c0 + j);
      DoubleVector s1 = DoubleVector.fromArray(SPECIES, c, c1 + j);
      DoubleVector s2 = DoubleVector.fromArray(SPECIES, c, c2 + j);
      DoubleVector s3 = DoubleVector.fromArray(SPECIES, c, c3 + j);
      for (int p = pb; p < pe; p++) {
        int q = p * sp;
        DoubleVector bv = DoubleVector.fromArray(SPECIES, b, bo + p * ldb + j);
        s0 = bv.fma(DoubleVector.broadcast(SPECIES, alpha * a[a0 + q]), s0);
        s1 = bv.fma(DoubleVector.broadcast(SPECIES, alpha * a[a1 + q]), s1);
        s2 = bv.fma(DoubleVector.broadcast(SPECIES, alpha * a[a2 + q]), s2);
        s3 = bv.fma(DoubleVector.broadcast(SPECIES, alpha * a[a3 + q]), s3);
      }
      s0.intoArray(c, c0 + j);
      s1.intoArray(c, c1 + j);
      s2.intoArray(c, c2 + j);
      s3.intoArray(c, c3 + j);
    }
    for (; j < je; j++) {
      double s0 = c[c0 + j];
      double s1 = c[c1 + j];
      double s2 = c[c2 + j];
      double s3 = c[c3 + j];
      for (int p = pb; p < pe; p++) {
        int q = p * sp;
        double bj = b[bo + p * ldb + j];
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

  /**
   * Row i of C: eight, then four vectors in registers while p runs over [pb, pe) — x·W at batch size 1. Each
   * vector's sum is a chain of dependent multiply-adds; eight chains keep both FMA units busy.
   */
  private static void oneRow(int i, int jb, int je, int pb, int pe, double alpha, double[] a, int ao, int si,
      int sp, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    int c0 = co + i * ldc;
    int a0 = ao + i * si;
    int j = jb;
    for (int end = whole(jb, je, 8 * L); j < end; j += 8 * L) {
      DoubleVector s0 = DoubleVector.fromArray(SPECIES, c, c0 + j);
      DoubleVector s1 = DoubleVector.fromArray(SPECIES, c, c0 + j + L);
      DoubleVector s2 = DoubleVector.fromArray(SPECIES, c, c0 + j + 2 * L);
      DoubleVector s3 = DoubleVector.fromArray(SPECIES, c, c0 + j + 3 * L);
      DoubleVector s4 = DoubleVector.fromArray(SPECIES, c, c0 + j + 4 * L);
      DoubleVector s5 = DoubleVector.fromArray(SPECIES, c, c0 + j + 5 * L);
      DoubleVector s6 = DoubleVector.fromArray(SPECIES, c, c0 + j + 6 * L);
      DoubleVector s7 = DoubleVector.fromArray(SPECIES, c, c0 + j + 7 * L);
      for (int p = pb; p < pe; p++) {
        int r = bo + p * ldb + j;
        DoubleVector x = DoubleVector.broadcast(SPECIES, alpha * a[a0 + p * sp]);
        s0 = DoubleVector.fromArray(SPECIES, b, r).fma(x, s0);
        s1 = DoubleVector.fromArray(SPECIES, b, r + L).fma(x, s1);
        s2 = DoubleVector.fromArray(SPECIES, b, r + 2 * L).fma(x, s2);
        s3 = DoubleVector.fromArray(SPECIES, b, r + 3 * L).fma(x, s3);
        s4 = DoubleVector.fromArray(SPECIES, b, r + 4 * L).fma(x, s4);
        s5 = DoubleVector.fromArray(SPECIES, b, r + 5 * L).fma(x, s5);
        s6 = DoubleVector.fromArray(SPECIES, b, r + 6 * L).fma(x, s6);
        s7 = DoubleVector.fromArray(SPECIES, b, r + 7 * L).fma(x, s7);
      }
      s0.intoArray(c, c0 + j);
      s1.intoArray(c, c0 + j + L);
      s2.intoArray(c, c0 + j + 2 * L);
      s3.intoArray(c, c0 + j + 3 * L);
      s4.intoArray(c, c0 + j + 4 * L);
      s5.intoArray(c, c0 + j + 5 * L);
      s6.intoArray(c, c0 + j + 6 * L);
      s7.intoArray(c, c0 + j + 7 * L);
    }
    for (int end = whole(jb, je, 4 * L); j < end; j += 4 * L) {
      DoubleVector s0 = DoubleVector.fromArray(SPECIES, c, c0 + j);
      DoubleVector s1 = DoubleVector.fromArray(SPECIES, c, c0 + j + L);
      DoubleVector s2 = DoubleVector.fromArray(SPECIES, c, c0 + j + 2 * L);
      DoubleVector s3 = DoubleVector.fromArray(SPECIES, c, c0 + j + 3 * L);
      for (int p = pb; p < pe; p++) {
        int r = bo + p * ldb + j;
        DoubleVector x = DoubleVector.broadcast(SPECIES, alpha * a[a0 + p * sp]);
        s0 = DoubleVector.fromArray(SPECIES, b, r).fma(x, s0);
        s1 = DoubleVector.fromArray(SPECIES, b, r + L).fma(x, s1);
        s2 = DoubleVector.fromArray(SPECIES, b, r + 2 * L).fma(x, s2);
        s3 = DoubleVector.fromArray(SPECIES, b, r + 3 * L).fma(x, s3);
      }
      s0.intoArray(c, c0 + j);
      s1.intoArray(c, c0 + j + L);
      s2.intoArray(c, c0 + j + 2 * L);
      s3.intoArray(c, c0 + j + 3 * L);
    }
    for (int end = whole(j, je, L); j < end; j += L) {
      DoubleVector s = DoubleVector.fromArray(SPECIES, c, c0 + j);
      for (int p = pb; p < pe; p++) {
        s = DoubleVector.fromArray(SPECIES, b, bo + p * ldb + j)
            .fma(DoubleVector.broadcast(SPECIES, alpha * a[a0 + p * sp]), s);
      }
      s.intoArray(c, c0 + j);
    }
    for (; j < je; j++) {
      double s = c[c0 + j];
      for (int p = pb; p < pe; p++) {
        s = Math.fma(alpha * a[a0 + p * sp], b[bo + p * ldb + j], s);
      }
      c[c0 + j] = s;
    }
  }

  @Override
  public void dotForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] bt, int bo, int ldb, double[] c, int co, int ldc) {
    if (sp != 1) {
      GemmLoops.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
    } else {
      if (k == 1 && ldb == 1) {
        singleProducts(i0, i1, j0, j1, alpha, a, ao, si, bt, bo, c, co, ldc);
      } else {
        dotRows(i0, i1, j0, j1, k, alpha, a, ao, si, bt, bo, ldb, c, co, ldc);
      }
    }
  }

  /**
   * The dot form with one product per element and Bt one contiguous column (k = 1, ldb = 1), as δ(L)·W(L+1)ᵀ
   * into a one-unit output layer: c[i][j] += alpha·fma(a(i,0), bt[j], 0), in vectors along j.
   */
  private static void singleProducts(int i0, int i1, int j0, int j1, double alpha, double[] a, int ao, int si,
      double[] bt, int bo, double[] c, int co, int ldc) {
    for (int i = i0; i < i1; i++) {
      double x = a[ao + i * si];
      int cr = co + i * ldc;
      int end = whole(j0, j1, L);
      int j = j0;
      if (end > j0) {
        DoubleVector xv = DoubleVector.broadcast(SPECIES, x);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (; j < end; j += L) {
          DoubleVector s = xv.fma(DoubleVector.fromArray(SPECIES, bt, bo + j), zero);
          DoubleVector.fromArray(SPECIES, c, cr + j).add(s.mul(alpha)).intoArray(c, cr + j);
        }
      }
      for (; j < j1; j++) {
        c[cr + j] += alpha * Math.fma(x, bt[bo + j], 0.0);
      }
    }
  }

  /** The dot form for rows of A that are contiguous (sp = 1). */
  private static void dotRows(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si,
      double[] bt, int bo, int ldb, double[] c, int co, int ldc) {
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
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        if (kv > 0) {
          DoubleVector v0 = DoubleVector.zero(SPECIES);
          DoubleVector v1 = v0;
          DoubleVector v2 = v0;
          DoubleVector v3 = v0;
          for (int p = 0; p < kv; p += L) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, ar + p);
            v0 = x.fma(DoubleVector.fromArray(SPECIES, bt, r0 + p), v0);
            v1 = x.fma(DoubleVector.fromArray(SPECIES, bt, r1 + p), v1);
            v2 = x.fma(DoubleVector.fromArray(SPECIES, bt, r2 + p), v2);
            v3 = x.fma(DoubleVector.fromArray(SPECIES, bt, r3 + p), v3);
          }
          s0 = sumLanes(v0);
          s1 = sumLanes(v1);
          s2 = sumLanes(v2);
          s3 = sumLanes(v3);
        }
        for (int p = kv; p < k; p++) {
          double x = a[ar + p];
          s0 = Math.fma(x, bt[r0 + p], s0);
          s1 = Math.fma(x, bt[r1 + p], s1);
          s2 = Math.fma(x, bt[r2 + p], s2);
          s3 = Math.fma(x, bt[r3 + p], s3);
        }
        c[cr + j] += alpha * s0;
        c[cr + j + 1] += alpha * s1;
        c[cr + j + 2] += alpha * s2;
        c[cr + j + 3] += alpha * s3;
      }
      for (; j < j1; j++) {
        int r = bo + j * ldb;
        double s = 0.0;
        if (kv > 0) {
          DoubleVector v = DoubleVector.zero(SPECIES);
          for (int p = 0; p < kv; p += L) {
            v = DoubleVector.fromArray(SPECIES, a, ar + p).fma(DoubleVector.fromArray(SPECIES, bt, r + p), v);
          }
          s = sumLanes(v);
        }
        for (int p = kv; p < k; p++) {
          s = Math.fma(a[ar + p], bt[r + p], s);
        }
        c[cr + j] += alpha * s;
      }
    }
  }

  /**
   * Both halves of {@link RowLoops#propagateAndStep} in one pass over W: each vector of a row is read once,
   * added into the row's dot product with δ (as {@link #dotRows} sums it: lanes in ascending p, then the
   * lanes in order, then the tail) and then stepped (as {@link #rankOne} steps it, after C ← decay·C). So the
   * bits are those of the two products in turn; the weights are read once instead of twice, and δ is loaded
   * once for both. Four rows go together, so that four dot products (each a chain of dependent multiply-adds)
   * are in flight at once.
   */
  @Override
  public void propagateAndStep(int in, int out, double step, double decay, double[] x, int xo, double[] delta,
      int deltaOffset, double[] w, int wo, double[] d, int dOffset) {
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
      double xi = step * x[xo + i];
      double s = 0.0;
      if (kv > 0) {
        DoubleVector xv = DoubleVector.broadcast(SPECIES, xi);
        DoubleVector v = DoubleVector.zero(SPECIES);
        for (int p = 0; p < kv; p += L) {
          DoubleVector dp = DoubleVector.fromArray(SPECIES, delta, deltaOffset + p);
          DoubleVector wp = DoubleVector.fromArray(SPECIES, w, row + p);
          v = dp.fma(wp, v);
          dp.fma(xv, wp.mul(decay)).intoArray(w, row + p);
        }
        s = sumLanes(v);
      }
      d[dOffset + i] = 0.0 + 1.0 * stepTail(row, out, kv, xi, decay, delta, deltaOffset, w, s);
    }
  }

  /**
   * Rows i … i+3 of {@link #propagateAndStep}, which has at least one whole vector per row. Multiplying by a
   * decay of 1 gives the same bits as not scaling (x·1 = x for every double), so one loop serves both.
   */
  private static void fourRowsPropagateAndStep(int i, int out, int kv, double step, double decay, double[] x,
      int xo, double[] delta, int deltaOffset, double[] w, int wo, double[] d, int dOffset) {
    int r0 = wo + i * out;
    int r1 = r0 + out;
    int r2 = r1 + out;
    int r3 = r2 + out;
    double x0 = step * x[xo + i];
    double x1 = step * x[xo + i + 1];
    double x2 = step * x[xo + i + 2];
    double x3 = step * x[xo + i + 3];
    DoubleVector xv0 = DoubleVector.broadcast(SPECIES, x0);
    DoubleVector xv1 = DoubleVector.broadcast(SPECIES, x1);
    DoubleVector xv2 = DoubleVector.broadcast(SPECIES, x2);
    DoubleVector xv3 = DoubleVector.broadcast(SPECIES, x3);
    DoubleVector v0 = DoubleVector.zero(SPECIES);
    DoubleVector v1 = v0;
    DoubleVector v2 = v0;
    DoubleVector v3 = v0;
    for (int p = 0; p < kv; p += L) {
      DoubleVector dp = DoubleVector.fromArray(SPECIES, delta, deltaOffset + p);
      DoubleVector w0 = DoubleVector.fromArray(SPECIES, w, r0 + p);
      DoubleVector w1 = DoubleVector.fromArray(SPECIES, w, r1 + p);
      DoubleVector w2 = DoubleVector.fromArray(SPECIES, w, r2 + p);
      DoubleVector w3 = DoubleVector.fromArray(SPECIES, w, r3 + p);
      v0 = dp.fma(w0, v0);
      v1 = dp.fma(w1, v1);
      v2 = dp.fma(w2, v2);
      v3 = dp.fma(w3, v3);
      dp.fma(xv0, w0.mul(decay)).intoArray(w, r0 + p);
      dp.fma(xv1, w1.mul(decay)).intoArray(w, r1 + p);
      dp.fma(xv2, w2.mul(decay)).intoArray(w, r2 + p);
      dp.fma(xv3, w3.mul(decay)).intoArray(w, r3 + p);
    }
    d[dOffset + i] = 0.0 + 1.0 * stepTail(r0, out, kv, x0, decay, delta, deltaOffset, w, sumLanes(v0));
    d[dOffset + i + 1] = 0.0 + 1.0 * stepTail(r1, out, kv, x1, decay, delta, deltaOffset, w, sumLanes(v1));
    d[dOffset + i + 2] = 0.0 + 1.0 * stepTail(r2, out, kv, x2, decay, delta, deltaOffset, w, sumLanes(v2));
    d[dOffset + i + 3] = 0.0 + 1.0 * stepTail(r3, out, kv, x3, decay, delta, deltaOffset, w, sumLanes(v3));
  }

  /**
   * {@link #propagateAndStep} for a layer of one unit, whose weights are one contiguous column: in vectors
   * down the column, d[i] = 0 + δ·W[i] as {@link #singleProducts} computes it and the step as
   * {@link #columnRankOne} takes it.
   */
  private static void oneOutputPropagateAndStep(int in, double step, double decay, double[] x, int xo,
      double delta, double[] w, int wo, double[] d, int dOffset) {
    int end = whole(0, in, L);
    int i = 0;
    if (end > 0) {
      DoubleVector dv = DoubleVector.broadcast(SPECIES, delta);
      DoubleVector zero = DoubleVector.zero(SPECIES);
      for (; i < end; i += L) {
        DoubleVector wv = DoubleVector.fromArray(SPECIES, w, wo + i);
        zero.add(dv.fma(wv, zero)).intoArray(d, dOffset + i);
        DoubleVector.fromArray(SPECIES, x, xo + i).mul(step).fma(dv, wv.mul(decay)).intoArray(w, wo + i);
      }
    }
    for (; i < in; i++) {
      double wi = w[wo + i];
      d[dOffset + i] = 0.0 + 1.0 * Math.fma(delta, wi, 0.0);
      w[wo + i] = Math.fma(step * x[xo + i], delta, wi * decay);
    }
  }

  /**
   * The scalar tail p = kv … out−1 of one row of {@link #propagateAndStep}: adds its products into the dot
   * product {@code s}, steps the weights, and returns the dot product.
   */
  private static double stepTail(int row, int out, int kv, double xi, double decay, double[] delta,
      int deltaOffset, double[] w, double s) {
    for (int p = kv; p < out; p++) {
      double wp = w[row + p];
      s = Math.fma(delta[deltaOffset + p], wp, s);
      w[row + p] = Math.fma(xi, delta[deltaOffset + p], wp * decay);
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

  /**
   * The lanes of v added in lane order (not {@code reduceLanes}, whose order is unspecified). With no whole
   * vector in k the sum is 0, as adding zero lanes would give, and no vector is made.
   */
  private static double sumLanes(DoubleVector v) {
    // constant lane numbers: the JIT reads a lane with one instruction only when it knows which lane
    if (L == 8) {
      return v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3) + v.lane(4) + v.lane(5) + v.lane(6) + v.lane(7);
    }
    if (L == 4) {
      return v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3);
    }
    double s = v.lane(0);
    for (int l = 1; l < L; l++) {
      s += v.lane(l);
    }
    return s;
  }

}
