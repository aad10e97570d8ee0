package dev.nn.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nn.api.Activation;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conformance tests every {@link Activation} must pass. A plugin's test class implements this
 * interface and supplies the activation; JUnit runs the default test methods:
 *
 * <pre>{@code
 * class SwishTests implements ActivationContract {
 *   public Activation activation() { return new SwishProvider().create(Settings.empty("activation \"swish\"")); }
 * }
 * }</pre>
 *
 * <p>What is checked. The value checks (bulk equals scalar, no NaN) run twice, once per
 * {@link Precision}: in float64 as the plugin computes, and in float32 as the core runs with
 * {@code compute: {precision: float32}}, where it hands the activation doubles that hold float values
 * and rounds what it writes back to float. A float32 run therefore feeds float-representable z (the float64 points rounded to
 * float, and float32's own extremes) and compares results after rounding them to float; the backward
 * check passes φ′ the rounded x = φ(z), as the core does. The derivative checks run in float64 only:
 * central differences of a function rounded to float (7 significant digits) could not tell a right
 * φ′ from a wrong one, and φ′ is the same code in both precisions.
 *
 * <ul>
 *   <li><b>φ′ against central differences</b> (float64 only) at a fixed spread of points: 0, tiny,
 *       moderate and large |z| up to ±700 (both signs), and 200 seeded points in (−10, 10); and at
 *       points on both sides of each declared kink, 4·10⁻⁶, 10⁻⁴ and 10⁻² away (scaled by
 *       max(1, |kink|)). With
 *       h = 10⁻⁶·max(1, |z|), D(s) = (φ(z + s) − φ(z − s)) / ((z + s) − (z − s)) (the denominator is the
 *       step actually taken after rounding) and the extrapolated fd = (4·D(h/2) − D(h))/3, a point passes when
 *       <pre>|φ′(z) − fd| ≤ atol + |D(h) − D(h/2)| + rtol·max(|φ′(z)|, |fd|),</pre>
 *       with rtol = 10⁻⁵ and atol = 24ε·max(1, |φ(z − h)|, |φ(z + h)|) / ((z + h) − (z − h)), ε = 2⁻⁵²: the
 *       rounding error of fd when each φ carries up to 4 ulps of error relative to
 *       max(1, |φ|) (so φ is expected to be accurate in absolute terms where it is small, not
 *       relatively). |D(h) − D(h/2)| covers the truncation error left in fd — a single difference is off by
 *       about h²·φ‴/6, which at large |z| (a large h) exceeds any fixed tolerance for a strongly curved φ —
 *       including the O(h) error at points where φ″ jumps (softsign at 0); an activation whose φ″
 *       jumps steeply may still declare such a point among its kinks to have it skipped. Points whose
 *       interval [z − h, z + h] contains a kink (with a margin of 10⁻⁹·max(1, |kink|)) are skipped, and
 *       so are points where φ(z), φ(z ± h) or φ(z ± h/2) is not finite.
 *   <li><b>Bulk equals scalar, exactly</b> (float64 and float32): {@code forward} writes {@code phi(z[i])}
 *       and {@code backward} writes {@code delta[i] * phiPrime(z[i], x[i])}, compared with {@code ==}
 *       (NaN matching NaN); in float32 both sides are rounded to float before they are compared.
 *       Java's floating-point arithmetic is strict IEEE 754 (every operation rounded the same way,
 *       interpreted or compiled), so a bulk loop that evaluates the same expressions as the scalar
 *       method meets this; exact equality keeps a run reproducible whichever form the core calls. Only the sign of a zero is not
 *       checked: a loop may write 0 where δ·0 gives −0. Entries from {@code count} on, and the input
 *       arrays, must be left untouched.
 *   <li><b>Floats, if offered, exactly</b>: {@code forwardFloats} and {@code backwardFloats} each either
 *       decline without writing, or write what {@code forward} and {@code backward} give on the widened
 *       values, rounded to float, bit for bit, and answer the same whatever the count.
 *   <li><b>No NaN</b> (float64 and float32): φ(z) and φ′(z, φ(z)) are never NaN for finite z, up to
 *       ±{@link Double#MAX_VALUE} in float64 and ±{@link Float#MAX_VALUE} in float32. They are finite
 *       for |z| ≤ 700 in float64, where e^z is still a finite double (e^709.78 is not), and, after
 *       rounding to float, for |z| ≤ 88 in float32, where e^z is still a finite float (e^88.72 is not):
 *       float32 runs hold an activation to the float range, since a value above
 *       {@link Float#MAX_VALUE} becomes ∞ when the core stores it. Beyond these bounds an activation
 *       may overflow to ±∞ if its true value does.
 *   <li><b>kinks()</b> is non-null, finite and strictly increasing.
 *   <li><b>Two threads at once</b>: one instance gives two threads calling {@code forward} and {@code backward}
 *       at the same time the bits it gives one thread alone (an activation keeps no mutable state).
 * </ul>
 *
 * <p>Each check is a public default method and can also be called directly on an instance; a value
 * check takes the {@link Precision} to run in, e.g. {@code bulkForwardEqualsScalarPhi(Precision.FLOAT32)}.
 */
public interface ActivationContract {

  /** The activation under test. May return the same instance on every call, or a new one. */
  Activation activation();

  /** φ′ matches central differences of φ away from kinks, over small, moderate and large |z|. */
  @Test
  default void derivativeMatchesCentralDifferences() {
    Activation f = activation();
    double[] kinks = f.kinks();
    int checked = 0;
    for (double z : probePoints()) {
      if (checkDerivative(f, z, kinks)) {
        checked++;
      }
    }
    int total = checked;
    assertTrue(total >= 10, () -> "only " + total + " points could be checked (the others were kinks or gave a"
        + " non-finite phi), for " + Named.activation(f));
  }

  /** φ′ matches central differences just left and just right of every declared kink. */
  @Test
  default void derivativeMatchesCentralDifferencesBesideEachKink() {
    Activation f = activation();
    double[] kinks = f.kinks();
    for (double k : kinks) {
      double s = Math.max(1.0, Math.abs(k));
      for (double d : new double[] {4e-6, 1e-4, 1e-2}) {
        checkDerivative(f, k - d * s, kinks);
        checkDerivative(f, k + d * s, kinks);
      }
    }
  }

  /**
   * {@code forwardFloats}, where an activation offers it, writes exactly what {@code forward} gives for the
   * floats widened to double, rounded to float (the sign of a zero included), for i &lt; count and nothing
   * else, and gives the same answer when asked with count 0; where it declines, it writes nothing.
   */
  @Test
  default void forwardFloatsIsForwardRoundedOrDeclinedWithoutWriting() {
    Activation f = activation();
    double[] z = bulkPoints(f.kinks(), Precision.FLOAT32);
    int count = z.length - tail();
    float[] zf = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      zf[i] = (float) z[i];
    }
    float[] zBefore = zf.clone();
    float[] xf = new float[z.length];
    Arrays.fill(xf, (float) sentinel());
    boolean offered = f.forwardFloats(zf, xf, count);
    assertEquals(offered, f.forwardFloats(new float[0], new float[0], 0),
        () -> "forwardFloats answered " + offered + " for " + count + " values and the opposite for none, for "
            + Named.activation(f));
    assertArrayEquals(zBefore, zf, () -> "forwardFloats modified z, for " + Named.activation(f));
    double[] x = new double[z.length];
    f.forward(z, x, z.length);
    for (int i = 0; i < z.length; i++) {
      float expected = i < count && offered ? (float) x[i] : (float) sentinel();
      if (Float.floatToIntBits(expected) != Float.floatToIntBits(xf[i])) {
        fail("forwardFloats " + (offered ? "offered" : "declined") + " and wrote x[" + i + "] = " + xf[i]
            + " where " + expected + " was expected (z = " + zf[i] + ", count " + count + "), for "
                + Named.activation(f));
      }
    }
  }

  /**
   * {@code backwardFloats}, where an activation offers it, writes exactly what {@code backward} gives for the
   * floats widened to double, rounded to float, for i &lt; count and nothing else (x = φ(z) rounded to float,
   * δ floats), and gives the same answer when asked with count 0; where it declines, it writes nothing.
   */
  @Test
  default void backwardFloatsIsBackwardRoundedOrDeclinedWithoutWriting() {
    Activation f = activation();
    double[] z = bulkPoints(f.kinks(), Precision.FLOAT32);
    int count = z.length - tail();
    double[] x = new double[z.length];
    double[] delta = Precision.FLOAT32.round(upstreamGradients(z.length));
    float[] zf = new float[z.length];
    float[] xf = new float[z.length];
    float[] df = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      zf[i] = (float) z[i];
      x[i] = Precision.FLOAT32.round(f.phi(z[i]));
      xf[i] = (float) x[i];
      df[i] = (float) delta[i];
    }
    float[] zBefore = zf.clone();
    float[] xBefore = xf.clone();
    float[] dBefore = df.clone();
    boolean offered = f.backwardFloats(zf, xf, df, count);
    assertEquals(offered, f.backwardFloats(new float[0], new float[0], new float[0], 0),
        () -> "backwardFloats answered " + offered + " for " + count + " values and the opposite for none, for "
            + Named.activation(f));
    assertArrayEquals(zBefore, zf, () -> "backwardFloats modified z, for " + Named.activation(f));
    assertArrayEquals(xBefore, xf, () -> "backwardFloats modified x, for " + Named.activation(f));
    f.backward(z, x, delta, z.length);
    for (int i = 0; i < z.length; i++) {
      float expected = i < count && offered ? (float) delta[i] : dBefore[i];
      if (Float.floatToIntBits(expected) != Float.floatToIntBits(df[i])) {
        fail("backwardFloats " + (offered ? "offered" : "declined") + " and wrote delta[" + i + "] = " + df[i]
            + " where " + expected + " was expected (z = " + zf[i] + ", count " + count + "), for "
                + Named.activation(f));
      }
    }
  }

  /**
   * {@code forward} writes exactly {@code phi(z[i])} for i &lt; count and nothing else; in float32, on
   * float z, the two agree after rounding to float.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void bulkForwardEqualsScalarPhi(Precision precision) {
    Activation f = activation();
    double[] z = bulkPoints(f.kinks(), precision);
    int count = z.length - tail();
    double[] zBefore = z.clone();
    double[] x = new double[z.length];
    Arrays.fill(x, sentinel());
    f.forward(z, x, count);
    assertArrayEquals(zBefore, z, () -> "forward modified z, for " + Named.activation(f));
    for (int i = 0; i < count; i++) {
      double expected = precision.round(f.phi(z[i]));
      if (!sameNumber(expected, precision.round(x[i]))) {
        fail("forward wrote x[" + i + "] = " + x[i] + " but phi(" + z[i] + ") = " + f.phi(z[i]) + in(precision)
            + ", for " + Named.activation(f));
      }
    }
    for (int i = count; i < z.length; i++) {
      assertEquals(sentinel(), x[i], "forward wrote x[" + i + "], at or beyond count = " + count + ", for "
          + Named.activation(f));
    }
  }

  /**
   * {@code backward} multiplies exactly by {@code phiPrime(z[i], x[i])} for i &lt; count and nothing else;
   * in float32, with float z, δ and x = φ(z) rounded to float, the two agree after rounding to float.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void bulkBackwardEqualsDeltaTimesPhiPrime(Precision precision) {
    Activation f = activation();
    double[] z = bulkPoints(f.kinks(), precision);
    int count = z.length - tail();
    double[] x = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      x[i] = precision.round(f.phi(z[i]));
    }
    double[] delta = precision.round(upstreamGradients(z.length));
    double[] zBefore = z.clone();
    double[] xBefore = x.clone();
    double[] deltaBefore = delta.clone();
    f.backward(z, x, delta, count);
    assertArrayEquals(zBefore, z, () -> "backward modified z, for " + Named.activation(f));
    assertArrayEquals(xBefore, x, () -> "backward modified x, for " + Named.activation(f));
    for (int i = 0; i < count; i++) {
      double product = deltaBefore[i] * f.phiPrime(z[i], x[i]);
      if (!sameNumber(precision.round(product), precision.round(delta[i]))) {
        fail("backward wrote delta[" + i + "] = " + delta[i] + " but " + deltaBefore[i] + " * phiPrime(" + z[i]
            + ", " + x[i] + ") = " + product + in(precision) + ", for " + Named.activation(f));
      }
    }
    for (int i = count; i < z.length; i++) {
      assertEquals(deltaBefore[i], delta[i], "backward changed delta[" + i + "], at or beyond count = " + count
          + ", for " + Named.activation(f));
    }
  }

  /**
   * φ and φ′ are never NaN for finite z, and finite for |z| ≤ 700 in float64; in float32, on float z and
   * after rounding to float, never NaN, and finite for |z| ≤ 88.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void phiAndPhiPrimeAreNeverNaNAndFiniteForModerateZ(Precision precision) {
    Activation f = activation();
    double bound = finiteUpTo(precision);
    for (double z : bulkPoints(f.kinks(), precision)) {
      double x = precision.round(f.phi(z));
      double d = precision.round(f.phiPrime(z, x));
      if (Double.isNaN(x) || Double.isNaN(d)) {
        fail("phi(" + z + ") = " + x + ", phiPrime = " + d + in(precision) + ": NaN for a finite z, for "
            + Named.activation(f));
      }
      if (Math.abs(z) <= bound && !(Double.isFinite(x) && Double.isFinite(d))) {
        fail("phi(" + z + ") = " + x + ", phiPrime = " + d + in(precision) + ": not finite for |z| <= " + bound
            + ", for " + Named.activation(f));
      }
    }
  }

  /** kinks() is non-null, finite and strictly increasing. */
  @Test
  default void kinksAreFiniteAndStrictlyIncreasing() {
    Activation f = activation();
    double[] kinks = f.kinks();
    assertNotNull(kinks, () -> "kinks() returned null, for " + Named.activation(f)
        + "; return an empty array for a smooth activation");
    for (int i = 0; i < kinks.length; i++) {
      double k = kinks[i];
      assertTrue(Double.isFinite(k), () -> "kinks() contains " + k + ", for " + Named.activation(f));
      if (i > 0) {
        double previous = kinks[i - 1];
        assertFalse(k <= previous, () -> "kinks() is not strictly increasing: " + Arrays.toString(kinks) + ", for "
            + Named.activation(f));
      }
    }
  }

  /**
   * One instance, called from two threads at once ({@code forward} then {@code backward} on rows of their own),
   * gives each thread the bits it gives one thread alone: the core calls one activation from several threads (a
   * layer's rows split over the kernels' threads), so an activation keeps no mutable state, such as a scratch array
   * in a field that a bulk method reuses.
   */
  @Test
  default void oneInstanceCalledFromTwoThreadsAtOnceGivesTheSameBits() throws Exception {
    Activation f = activation();
    int n = 4099;
    java.util.Random random = new java.util.Random(0x5eed_0007L);
    double[][] z = new double[2][n];
    double[][] delta = new double[2][n];
    double[][] x = new double[2][n];
    double[][] d = new double[2][n];
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < n; i++) {
        z[t][i] = (random.nextDouble() - 0.5) * 12 * (t + 1);
        delta[t][i] = random.nextDouble() - 0.5;
      }
      f.forward(z[t], x[t], n);
      d[t] = delta[t].clone();
      f.backward(z[t], x[t], d[t], n);
    }
    String[] differed = TwoThreads.differences(own -> {
      double[] xs = new double[n];
      double[] ds = new double[n];
      return () -> {
        f.forward(z[own], xs, n);
        System.arraycopy(delta[own], 0, ds, 0, n);
        f.backward(z[own], xs, ds, n);
        for (int i = 0; i < n; i++) {
          if (Double.compare(xs[i], x[own][i]) != 0 || Double.compare(ds[i], d[own][i]) != 0) {
            return "z = " + z[own][i] + ": φ " + xs[i] + " (alone " + x[own][i] + "), δ·φ′ " + ds[i] + " (alone "
                + d[own][i] + ")";
          }
        }
        return null;
      };
    });
    for (int t = 0; t < 2; t++) {
      int own = t;
      assertTrue(differed[own] == null, () -> "forward/backward from two threads at once gave other values than from"
          + " one, in thread " + own + ", " + differed[own] + ", for " + Named.activation(f)
              + ": an activation must keep no mutable"
          + " state (no scratch array in a field), because the core calls one instance from several threads");
    }
  }

  // ---- helpers: private, so that implementing this interface adds nothing else to a test class ----

  /** Relative step of the central differences. */
  private static double relativeStep() {
    return 1e-6;
  }

  private static double rtol() {
    return 1e-5;
  }

  /** Ulps of error allowed in each evaluation of φ, relative to max(1, |φ|). */
  private static double roundingUlps() {
    return 4.0;
  }

  /**
   * Checks φ′ at z; returns false when z is skipped (a kink within reach of the step, or φ not
   * finite there), true when it was checked; fails the test on a mismatch.
   */
  private static boolean checkDerivative(Activation f, double z, double[] kinks) {
    double h = relativeStep() * Math.max(1.0, Math.abs(z));
    double zPlus = z + h;
    double zMinus = z - h;
    for (double k : kinks) {
      double margin = 1e-9 * Math.max(1.0, Math.abs(k));
      if (k >= zMinus - margin && k <= zPlus + margin) {
        return false;
      }
    }
    double x = f.phi(z);
    double xPlus = f.phi(zPlus);
    double xMinus = f.phi(zMinus);
    double halfPlus = f.phi(z + h / 2);
    double halfMinus = f.phi(z - h / 2);
    if (!(Double.isFinite(x) && Double.isFinite(xPlus) && Double.isFinite(xMinus) && Double.isFinite(halfPlus)
        && Double.isFinite(halfMinus))) {
      return false;
    }
    double width = zPlus - zMinus;
    CentralDifference fd = new CentralDifference((xPlus - xMinus) / width,
        (halfPlus - halfMinus) / ((z + h / 2) - (z - h / 2)));
    double d = f.phiPrime(z, x);
    if (!Double.isFinite(d)) {
      // a bound of NaN would say nothing: the value is the whole story
      fail("phiPrime(" + z + ") = " + d + " where phi is finite (the central difference is " + fd.atStep() + "), for "
          + Named.activation(f));
    }
    double scale = Math.max(1.0, Math.max(Math.abs(xPlus), Math.abs(xMinus)));
    double atol = CentralDifference.ROUNDING_FACTOR * 2.0 * roundingUlps() * Math.ulp(1.0) * scale / width;
    double estimate = fd.estimate();
    double allowed = atol + fd.truncationAllowance() + rtol() * Math.max(Math.abs(d), Math.abs(estimate));
    if (!(Math.abs(d - estimate) <= allowed)) {
      fail("phiPrime(" + z + ") = " + d + " but the central differences (phi(z + s) - phi(z - s)) / 2s give "
          + estimate + " (" + fd.atStep() + " with s = h = " + h + ", " + fd.atHalfStep() + " with s = h/2,"
          + " extrapolated); |difference| = " + Math.abs(d - estimate) + " > allowed " + allowed + " (atol " + atol
          + " + truncation " + fd.truncationAllowance() + " + rtol " + rtol() + " * max(|phiPrime|, |estimate|)),"
          + " for " + Named.activation(f));
    }
    return true;
  }

  /** ±{0, tiny, moderate, large up to 700} and 200 seeded points in (−10, 10). */
  private static double[] probePoints() {
    double[] magnitudes = {
      0, 1e-300, 1e-12, 1e-3, 0.01, 0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8,
      10, 12, 15, 20, 25, 30, 40, 50, 75, 100, 200, 300, 500, 700
    };
    int seeded = 200;
    double[] points = new double[2 * magnitudes.length + seeded];
    int n = 0;
    for (double m : magnitudes) {
      points[n++] = m;
      points[n++] = -m;
    }
    SplittableRandom random = new SplittableRandom(0x5EEDL);
    for (int i = 0; i < seeded; i++) {
      points[n++] = random.nextDouble(-10.0, 10.0);
    }
    return points;
  }

  /**
   * Probe points, each kink and its neighbouring numbers, extremes up to ±MAX_VALUE, and a tail; in
   * float32 all of them floats: the probe points rounded, each kink rounded and its neighbouring floats
   * (a kink beyond the float range left out), and float32's own extremes.
   */
  private static double[] bulkPoints(double[] kinks, Precision precision) {
    boolean float32 = precision == Precision.FLOAT32;
    double[] extremes = float32
        // the smallest floats; around e^z's overflow (88.72) and underflow (−103.97); around √MAX (1.8e19)
        ? new double[] {
          -0.0, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 88, -88, 89, -89, 104, -104,
          1e4, -1e4, 1e19f, -1e19f, 1e20f, -1e20f, 1e38f, -1e38f, Float.MAX_VALUE, -Float.MAX_VALUE}
        : new double[] {
          -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, 709, -709, 710, -710,
          745, -745, 1e4, -1e4, 1e154, -1e154, 1e155, -1e155, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE};
    double[] probes = precision.round(probePoints());
    double[] points = new double[probes.length + extremes.length + 3 * kinks.length + tail()];
    int n = 0;
    for (double p : probes) {
      points[n++] = p;
    }
    for (double e : extremes) {
      points[n++] = e;
    }
    for (double k : kinks) {
      if (float32) {
        float kf = (float) k;
        if (Float.isFinite(kf)) {
          points[n++] = kf;
          points[n++] = Math.nextDown(kf);
          points[n++] = Math.nextUp(kf);
        }
      } else {
        points[n++] = k;
        points[n++] = Math.nextDown(k);
        points[n++] = Math.nextUp(k);
      }
    }
    for (int i = 0; i < tail(); i++) {
      points[n++] = 0.5 + i;
    }
    return Arrays.copyOf(points, n);
  }

  /** Seeded values in (−2, 2), with 0, −0 and 1 among them. */
  private static double[] upstreamGradients(int length) {
    SplittableRandom random = new SplittableRandom(0xDE17AL);
    double[] delta = new double[length];
    for (int i = 0; i < length; i++) {
      delta[i] = random.nextDouble(-2.0, 2.0);
    }
    delta[0] = 0.0;
    delta[1] = -0.0;
    delta[2] = 1.0;
    return delta;
  }

  /** Equal as numbers (so 0.0 matches −0.0), or both NaN. */
  private static boolean sameNumber(double a, double b) {
    return a == b || (Double.isNaN(a) && Double.isNaN(b));
  }

  /** How many entries after {@code count} the bulk forms must leave alone. */
  private static int tail() {
    return 3;
  }

  /** What the entries after {@code count} hold before forward runs. */
  private static double sentinel() {
    return 7777.25;
  }

  /**
   * Up to this |z|, φ and φ′ must be finite: 700 in float64 and 88 in float32, below ln of the largest
   * double (709.78) and float (88.72), so that an activation growing like e^z still fits.
   */
  private static double finiteUpTo(Precision precision) {
    return precision == Precision.FLOAT32 ? 88.0 : 700.0;
  }

  /** Nothing in float64; " (in float32, compared after rounding to float)" otherwise, for a message. */
  private static String in(Precision precision) {
    return precision == Precision.FLOAT32 ? " (in float32, compared after rounding to float)" : "";
  }
}
