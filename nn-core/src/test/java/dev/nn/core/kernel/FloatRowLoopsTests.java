package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float32 loops: the scalar twin sums every element in the order {@link FloatRowLoops} documents, for any
 * lane count, and the vector loops give the same bits as the twin of their lane count, on every block of C.
 */
class FloatRowLoopsTests {
  /** Rows, columns and depths that are not multiples of a vector or of a block, and some that are. */
  private static final int[] SIZES = {1, 3, 17, 33, 64, 100, 129};

  @Test
  void theBuildRunsItsTestsWithTheFloatVectorLoops() {
    FloatRowLoops vector = FloatRowLoops.vector().orElseThrow(
        () -> new AssertionError("tests run with --add-modules jdk.incubator.vector (see pom.xml)"));
    assertTrue(vector.lanes() >= 8 && Integer.bitCount(vector.lanes()) == 1, "lanes " + vector.lanes());
    assertEquals("vector-" + 32 * vector.lanes(), vector.description());
    assertEquals(vector.description(), FloatRowLoops.best().description());
  }

  @Test
  void loopsAreChosenByNameAndScalarIsTheTwinOfThisJvmsVectors() {
    FloatRowLoops vector = FloatRowLoops.named("vector");
    assertEquals(vector.description(), FloatRowLoops.named("auto").description());
    assertEquals("fma-" + vector.lanes(), FloatRowLoops.named("scalar").description());
    assertTrue(FloatRowLoops.named("scalar") instanceof FloatFmaLoops);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 12, 128, -4})
  void theFmaLoopsTakeOnlyPowersOfTwoUpTo64Lanes(int lanes) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FloatFmaLoops(lanes));
    assertTrue(e.getMessage().contains("found " + lanes), e.getMessage());
  }

  /** The axpy form's documented order: c ← fma(alpha·a(i,p), b(p,j), c) for p = 0, 1, …. */
  static float axpyOrder(float c, int k, float alpha, float[] a, int ai, int sp, float[] b, int bj, int ldb) {
    for (int p = 0; p < k; p++) {
      c = Math.fma(alpha * a[ai + p * sp], b[bj + p * ldb], c);
    }
    return c;
  }

  /**
   * The dot form's documented order: lane partial sums up to the last whole vector, added in lane order, then the
   * remaining products fused in order, then c ← fma(alpha, s, c).
   */
  static float dotOrder(int lanes, float c, int k, float alpha, float[] a, int ai, int sp, float[] bt, int bj) {
    int whole = k - k % lanes;
    float s = 0.0f;
    if (whole > 0) {
      float[] partial = new float[lanes];
      for (int p = 0; p < whole; p++) {
        partial[p % lanes] = Math.fma(a[ai + p * sp], bt[bj + p], partial[p % lanes]);
      }
      s = partial[0];
      for (int l = 1; l < lanes; l++) {
        s = s + partial[l];
      }
    }
    for (int p = whole; p < k; p++) {
      s = Math.fma(a[ai + p * sp], bt[bj + p], s);
    }
    return Math.fma(alpha, s, c);
  }

  /** One call of a loop form on a block of a random product, with everything the call needs to be repeated. */
  private static final class Case {
    final boolean dot;
    final boolean ta;
    final int m;
    final int n;
    final int k;
    final int i0;
    final int i1;
    final int j0;
    final int j1;
    final float alpha;
    final float[] a;
    final int ao;
    final int lda;
    final float[] b;
    final int bo;
    final int ldb;
    final float[] c0;
    final int co;
    final int ldc;

    Case(SplittableRandom rnd, boolean dot, boolean ta, int m, int n, int k) {
      this(rnd, dot, ta, m, n, k, true);
    }

    /** @param pad whether rows may be longer than the matrix (leading dimensions above the minimum) */
    Case(SplittableRandom rnd, boolean dot, boolean ta, int m, int n, int k, boolean pad) {
      this.dot = dot;
      this.ta = ta;
      this.m = m;
      this.n = n;
      this.k = k;
      // a random block of C, usually all of it
      boolean whole = rnd.nextBoolean();
      i0 = whole ? 0 : rnd.nextInt(m);
      i1 = whole ? m : i0 + 1 + rnd.nextInt(m - i0);
      j0 = whole ? 0 : rnd.nextInt(n);
      j1 = whole ? n : j0 + 1 + rnd.nextInt(n - j0);
      alpha = rnd.nextBoolean() ? 1.0f : (float) rnd.nextDouble(-2, 2);
      // op(A) is m×k: stored m×k (row i contiguous) or k×m (transposed); B k×n, or Bᵀ n×k for the dot form
      int extra = pad ? 3 : 1;
      lda = (ta ? m : k) + rnd.nextInt(extra);
      ldb = (dot ? k : n) + rnd.nextInt(extra);
      ldc = n + rnd.nextInt(extra);
      ao = rnd.nextInt(4);
      bo = rnd.nextInt(4);
      co = rnd.nextInt(4);
      a = FloatProducts.random(rnd, ao + (ta ? k : m) * lda);
      b = FloatProducts.random(rnd, bo + (dot ? n : k) * ldb);
      c0 = FloatProducts.random(rnd, co + m * ldc);
    }

    float[] run(FloatRowLoops loops) {
      float[] c = c0.clone();
      int si = ta ? 1 : lda;
      int sp = ta ? lda : 1;
      if (dot) {
        loops.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
      } else {
        loops.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
      }
      return c;
    }

    /** C as the documented order computes it for {@code lanes}, the elements outside the block unchanged. */
    float[] documented(int lanes) {
      float[] c = c0.clone();
      int si = ta ? 1 : lda;
      int sp = ta ? lda : 1;
      for (int i = i0; i < i1; i++) {
        for (int j = j0; j < j1; j++) {
          int at = co + i * ldc + j;
          c[at] = dot
              ? dotOrder(lanes, c[at], k, alpha, a, ao + i * si, sp, b, bo + j * ldb)
              : axpyOrder(c[at], k, alpha, a, ao + i * si, sp, b, bo + j, ldb);
        }
      }
      return c;
    }

    @Override
    public String toString() {
      return (dot ? "dot" : "axpy") + " form, A " + (ta ? "transposed" : "as is") + ", " + m + "×" + n + "×" + k
          + ", block rows [" + i0 + ", " + i1 + ") columns [" + j0 + ", " + j1 + ")";
    }
  }

  /** Random cases of both forms and both layouts of A over the awkward sizes, and the one-product fast paths. */
  private static Case[] cases(long seed, int count) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Case[] cases = new Case[count + 6];
    for (int r = 0; r < count; r++) {
      int m = SIZES[rnd.nextInt(SIZES.length)];
      int n = SIZES[rnd.nextInt(SIZES.length)];
      int k = SIZES[rnd.nextInt(SIZES.length)];
      cases[r] = new Case(rnd, r % 2 == 1, rnd.nextBoolean(), m, n, k);
    }
    // k = 1, rows unpadded: the rank-one update, of one contiguous column of C (n = 1, A transposed) and of rows,
    // and single products (Bt one contiguous column), with A's rows contiguous and not
    cases[count] = new Case(rnd, false, true, 100, 1, 1, false);
    cases[count + 1] = new Case(rnd, false, false, 33, 129, 1, false);
    cases[count + 2] = new Case(rnd, true, false, 3, 129, 1, false);
    cases[count + 3] = new Case(rnd, true, true, 17, 64, 1, false);
    // a row longer than a 512-column block and deeper than a 128-deep block
    cases[count + 4] = new Case(rnd, false, false, 5, 1100, 300);
    cases[count + 5] = new Case(rnd, true, false, 2, 40, 1000);
    return cases;
  }

  @Test
  void theDefaultLoopsAreTheVectorLoopsBehindTheirWarmUpWhichAShortRunNeverStarts() {
    for (FloatRowLoops loops : new FloatRowLoops[] {FloatRowLoops.best(), FloatRowLoops.named("vector")}) {
      assertTrue(loops instanceof FloatWarmingLoops, loops.getClass().getName());
      FloatWarmingLoops warming = (FloatWarmingLoops) loops;
      try {
        Case small = new Case(new SplittableRandom(3), false, false, 1, 64, 32);
        for (int call = 0; call < 1000; call++) {
          small.run(warming);
        }
        // 1,000 products of 2,048 multiply-adds: below the work that starts a warm-up
        assertFalse(warming.isStarted());
      } finally {
        warming.close();
      }
    }
  }

  @Test
  void theWarmingLoopsGiveTheVectorLoopsBitsBeforeAndAfterTheirWarmUpSwitches() throws InterruptedException {
    FloatRowLoops vector = FloatRowLoops.vector().orElseThrow();
    FloatWarmingLoops loops = FloatWarmingLoops.of(vector, 0);
    try {
      assertEquals(vector.description(), loops.description());
      Case[] cases = cases(11, 60);
      float[][] before = new float[cases.length][];
      for (int i = 0; i < cases.length; i++) {
        before[i] = cases[i].run(loops);
        FloatProducts.assertSameBits(cases[i].run(vector), before[i], "before the switch, " + cases[i]);
      }
      // the real warm-up round of the float vector loops; the generous limit only catches one that never ends
      WarmingLoopsTests.awaitEnd(loops.thread(), 180);
      assertTrue(loops.isWarm(), "switched to the vector loops");
      for (int i = 0; i < cases.length; i++) {
        FloatProducts.assertSameBits(before[i], cases[i].run(loops), "after the switch, " + cases[i]);
      }
    } finally {
      loops.close();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 8, 16, 64})
  void theFmaLoopsComputeEachElementInTheDocumentedOrder(int lanes) {
    FloatRowLoops loops = new FloatFmaLoops(lanes);
    for (Case c : cases(100 + lanes, 60)) {
      FloatProducts.assertSameBits(c.documented(lanes), c.run(loops), loops.description() + ", " + c);
    }
  }

  @Test
  void theVectorLoopsGiveTheBitsOfTheirFmaTwin() {
    FloatRowLoops vector = FloatRowLoops.vector().orElseThrow(
        () -> new AssertionError("tests run with --add-modules jdk.incubator.vector (see pom.xml)"));
    FloatRowLoops twin = FloatRowLoops.fma(vector.lanes());
    for (Case c : cases(7, 300)) {
      FloatProducts.assertSameBits(c.run(twin), c.run(vector), vector.description() + " against " + twin.description()
          + ", " + c);
    }
  }

  /**
   * The float vector loops' one pass over W for a layer's step at batch size 1 gives the bits of the two
   * products it replaces, through the vector loops' own forms and through their twin: four rows at a time and
   * the rows left, whole vectors and tails, one output, with and without weight decay.
   */
  @Test
  void propagateAndStepGivesTheBitsOfTheTwoProductsItFuses() {
    FloatRowLoops vector = FloatRowLoops.vector().orElseThrow();
    FloatRowLoops twin = new FloatFmaLoops(vector.lanes());
    FloatRowLoops separate = new FloatRowLoops() {
      @Override
      public String description() {
        return "the vector loops' two forms";
      }

      @Override
      public int lanes() {
        return vector.lanes();
      }

      @Override
      public void axpyForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
          float[] b, int bo, int ldb, float[] c, int co, int ldc) {
        vector.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
      }

      @Override
      public void dotForm(int i0, int i1, int j0, int j1, int k, float alpha, float[] a, int ao, int si, int sp,
          float[] bt, int bo, int ldb, float[] c, int co, int ldc) {
        vector.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
      }
    };
    SplittableRandom rnd = new SplittableRandom(29);
    int checked = 0;
    for (int in : new int[] {1, 3, 4, 5, 17, 64}) {
      for (int out : new int[] {1, 3, 16, 17, 33, 64}) {
        for (float decay : new float[] {1f, 0.999f, -0.5f}) {
          float step = (float) rnd.nextDouble(-1, 1);
          float[] x = randomFloats(rnd, in + 2);
          float[] delta = randomFloats(rnd, out + 1);
          float[] w = randomFloats(rnd, in * out + 3);
          float[] d = randomFloats(rnd, in + 1);
          String what = in + "×" + out + " decay " + decay;
          float[][] want = propagated(separate, in, out, step, decay, x, delta, w, d);
          float[][] fused = propagated(vector, in, out, step, decay, x, delta, w, d);
          float[][] twinned = propagated(twin, in, out, step, decay, x, delta, w, d);
          for (int part = 0; part < 2; part++) {
            String name = (part == 0 ? "weights " : "input gradient ") + what;
            for (int i = 0; i < want[part].length; i++) {
              assertEquals(Float.floatToRawIntBits(want[part][i]), Float.floatToRawIntBits(fused[part][i]),
                  name + ", element " + i);
              assertEquals(Float.floatToRawIntBits(want[part][i]), Float.floatToRawIntBits(twinned[part][i]),
                  "twin's " + name + ", element " + i);
            }
          }
          assertFalse(java.util.Arrays.equals(w, fused[0]), "the weights were stepped: " + what);
          checked++;
        }
      }
    }
    assertEquals(6 * 6 * 3, checked);
  }

  private static float[] randomFloats(SplittableRandom rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-3, 4)));
    }
    return a;
  }

  /** W and d after {@code propagateAndStep} on copies, x at offset 2, δ at 1, W at 3, d at 1. */
  private static float[][] propagated(FloatRowLoops loops, int in, int out, float step, float decay, float[] x,
      float[] delta, float[] w, float[] d) {
    float[] wOut = w.clone();
    float[] dOut = d.clone();
    loops.propagateAndStep(in, out, step, decay, x, 2, delta, 1, wOut, 3, dOut, 1);
    return new float[][] {wOut, dOut};
  }

  @Test
  void differentLaneCountsSumTheDotFormDifferently() {
    // the twin must be made for the vector's lane count: with another count the partial sums differ
    SplittableRandom rnd = new SplittableRandom(3);
    Case c = new Case(rnd, true, false, 4, 64, 129);
    float[] eight = c.run(new FloatFmaLoops(8));
    float[] sixteen = c.run(new FloatFmaLoops(16));
    int differ = 0;
    for (int q = 0; q < eight.length; q++) {
      differ += Float.floatToRawIntBits(eight[q]) != Float.floatToRawIntBits(sixteen[q]) ? 1 : 0;
    }
    assertTrue(differ > 0, "8 and 16 lanes gave the same bits for all " + eight.length + " elements");
  }
}
