package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.activations.Erf;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Erf} against Apache Commons Math's erf/erfc and against values rounded from 50-digit arithmetic. */
class ErfTests {

  /** A dense grid over [−10, 10], seeded points over [−30, 30], ±10^−k down to the subnormals, and extremes. */
  private static double[] grid() {
    int dense = 20_001;
    int seeded = 20_000;
    int powers = 2 * 323;
    double[] extremes = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE};
    double[] x = new double[dense + seeded + powers + extremes.length];
    int n = 0;
    for (int i = 0; i < dense; i++) {
      x[n++] = -10.0 + i * 1e-3;
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < seeded; i++) {
      x[n++] = random.nextDouble(-30.0, 30.0);
    }
    for (int k = 1; k <= 323; k++) {
      double p = Double.parseDouble("1e-" + k);
      x[n++] = p;
      x[n++] = -p;
    }
    for (double e : extremes) {
      x[n++] = e;
    }
    return x;
  }

  @Test
  void erfAgreesWithCommonsMathToTwoTimesTenToTheMinusFifteen() {
    double worst = 0;
    double at = Double.NaN;
    for (double x : grid()) {
      double error = Math.abs(Erf.erf(x) - org.apache.commons.math3.special.Erf.erf(x));
      if (error > worst) {
        worst = error;
        at = x;
      }
    }
    // measured: 8.9e-16, at x = -1.095. Against 40-digit arithmetic Erf.erf errs by at most 2.5e-16 and
    // Commons Math by up to 7.5e-16, so most of the difference is Commons Math's.
    double measured = worst;
    double where = at;
    assertTrue(measured <= 2e-15, () -> "max |erf - Commons Math erf| = " + measured + " at x = " + where);
  }

  @Test
  void erfcAgreesWithCommonsMathAbsolutelyAndInTheTailRelatively() {
    double worstAbsolute = 0;
    double worstRelative = 0;
    for (double x : grid()) {
      double mine = Erf.erfc(x);
      double theirs = org.apache.commons.math3.special.Erf.erfc(x);
      worstAbsolute = Math.max(worstAbsolute, Math.abs(mine - theirs));
      if (x >= 1.5 && theirs > 1e-300) {
        worstRelative = Math.max(worstRelative, Math.abs(mine - theirs) / theirs);
      }
    }
    double absolute = worstAbsolute;
    double relative = worstRelative;
    assertTrue(absolute <= 2e-15, () -> "max |erfc - Commons Math erfc| = " + absolute);
    // Commons Math's erfc itself is only good to about 1.6e-13 relative in the tail
    assertTrue(relative <= 3e-13, () -> "max relative difference of erfc for x >= 1.5: " + relative);
  }

  @Test
  void matchesValuesRoundedFromFiftyDigitArithmeticWithinAnUlp() {
    assertEquals(0.8427007929497149, Erf.erf(1.0), Math.ulp(0.84));
    assertEquals(0.5204998778130465, Erf.erf(0.5), Math.ulp(0.52));
    assertEquals(0.9953222650189527, Erf.erf(2.0), Math.ulp(0.99));
    assertEquals(-0.1124629160182849, Erf.erf(-0.1), 3e-17);
    assertEquals(1.8427007929497148, Erf.erfc(-1.0), 3e-16);
    assertEquals(1.537459794428035e-12, Erf.erfc(5.0), 1e-14 * 1.537459794428035e-12);
    assertEquals(2.088487583762545e-45, Erf.erfc(10.0), 1e-14 * 2.088487583762545e-45);
    assertEquals(5.663192408856143e-296, Erf.erfc(26.0), 1e-14 * 5.663192408856143e-296);
  }

  @Test
  void nearZeroIsTwoOverRootPiTimesXToTheLastBit() {
    double slope = 2.0 / Math.sqrt(Math.PI);
    for (int k = 9; k <= 307; k++) {
      double x = Double.parseDouble("1e-" + k);
      double expected = slope * x;
      assertEquals(expected, Erf.erf(x), Math.ulp(expected), "erf(" + x + ")");
      assertEquals(-expected, Erf.erf(-x), Math.ulp(expected), "erf(" + -x + ")");
    }
    assertEquals(Double.MIN_VALUE, Erf.erf(Double.MIN_VALUE));
  }

  @Test
  void isOddToTheLastBitAndItsComplementAddsUpToOne() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      double x = random.nextDouble(-8.0, 8.0);
      assertEquals(-Erf.erf(x), Erf.erf(-x), 0.0, "erf(-x) at x = " + x);
      assertEquals(1.0, Erf.erf(x) + Erf.erfc(x), 4e-16, "erf + erfc at x = " + x);
      assertEquals(2.0, Erf.erfc(x) + Erf.erfc(-x), 6e-16, "erfc(x) + erfc(-x) at x = " + x);
    }
  }

  @Test
  void handlesSignedZeroInfinitiesAndNaN() {
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Erf.erf(0.0)));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Erf.erf(-0.0)));
    assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, Erf.erf(6.0));
    assertEquals(1.0, Erf.erfc(0.0));
    assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
    assertEquals(0.0, Erf.erfc(28.0));
    assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
    assertEquals(2.0, Erf.erfc(-6.0));
    assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
    assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
  }

  @Test
  void isMonotoneAcrossTheSwitchFromSeriesToContinuedFraction() {
    double below = Math.nextDown(1.5);
    assertTrue(Erf.erf(below) <= Erf.erf(1.5), "erf just below and at 1.5");
    assertTrue(Erf.erfc(below) >= Erf.erfc(1.5), "erfc just below and at 1.5");
    assertEquals(Erf.erf(1.5), Erf.erf(below), 4e-16);
  }
}
