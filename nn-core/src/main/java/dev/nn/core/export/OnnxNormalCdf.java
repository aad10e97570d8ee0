package dev.nn.core.export;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The standard normal distribution function Φ(z) = erfc(−z/√2)/2 in double precision, from elementary ONNX
 * operators, for the exact GELU. ONNX has an Erf operator, but ONNX Runtime implements it for float only;
 * rounding through float would cost seven of the sixteen digits nn computes. This is the method of nn's own
 * erfc (nn-activations' {@code Erf}), written as a fixed graph:
 *
 * <ul>
 *   <li>|x| &lt; 1.5: erfc(x) = 1 − erf(x), erf by its Maclaurin series (2/√π) Σₙ (−1)ⁿ x^(2n+1)/(n!(2n+1)) up to
 *       n = 25, by Horner's rule in x², with coefficients computed to 40 digits and rounded once;
 *   <li>|x| ≥ 1.5: erfc(|x|) = e^(−x²)|x|/(√π·f) with f Legendre's continued fraction for Γ(½, x²), evaluated
 *       from a fixed depth of 64 levels upwards (nn's forward evaluation converges within 43 at |x| = 1.5, and
 *       faster beyond); erfc(x) = 2 − erfc(|x|) for negative x.
 * </ul>
 *
 * <p>Both branches are computed for every element and {@code Where} picks one; each branch sees its argument
 * clamped to its own range, so the other's values are finite.
 */
final class OnnxNormalCdf {
  private static final double LIMIT = 1.5;
  private static final int DEGREE = 25;
  private static final int DEPTH = 64;
  private static final double INV_SQRT2 = 0.7071067811865476;
  private static final double INV_SQRT_PI = 0.5641895835477563;
  private static final BigDecimal TWO_OVER_SQRT_PI = new BigDecimal("1.128379167095512573896158903121545172");

  private OnnxNormalCdf() {}

  /** Φ(z) = erfc(−z/√2)/2, as nn's gelu computes it. */
  static String apply(OnnxGraph g, String z) {
    String x = g.op("Mul", z, g.scalar(-INV_SQRT2));
    String a = g.op("Abs", x);
    String near = g.op("Sub", g.scalar(1), erfSeries(g, g.op("Clip", x, g.scalar(-LIMIT), g.scalar(LIMIT))));
    String tail = erfcContinuedFraction(g, g.op("Max", a, g.scalar(LIMIT)));
    String signed = g.op("Where", g.op("Greater", x, g.scalar(0)), tail, g.op("Sub", g.scalar(2), tail));
    String erfc = g.op("Where", g.op("Less", a, g.scalar(LIMIT)), near, signed);
    return g.op("Mul", g.scalar(0.5), erfc);
  }

  /** erf(x) for |x| ≤ 1.5 by the series. */
  private static String erfSeries(OnnxGraph g, String x) {
    double[] c = seriesCoefficients();
    String x2 = g.op("Mul", x, x);
    String s = g.scalar(c[DEGREE]);
    for (int n = DEGREE - 1; n >= 0; n--) {
      s = g.op("Add", g.op("Mul", s, x2), g.scalar(c[n]));
    }
    return g.op("Mul", s, x);
  }

  /**
   * erfc(a) for a ≥ 1.5: with y = a², Γ(½, y) = e^(−y)√y / f, f = b₀ + a₁/(b₁ + a₂/(b₂ + …)), bₖ = y + 2k + ½,
   * aₖ = −k(k − ½); and erfc(a) = Γ(½, a²)/√π.
   */
  private static String erfcContinuedFraction(OnnxGraph g, String a) {
    String y = g.op("Mul", a, a);
    String f = g.op("Add", y, g.scalar(2.0 * DEPTH + 0.5));
    for (int k = DEPTH; k >= 1; k--) {
      String b = g.op("Add", y, g.scalar(2.0 * (k - 1) + 0.5));
      f = g.op("Add", b, g.op("Div", g.scalar(-k * (k - 0.5)), f));
    }
    String numerator = g.op("Mul", g.op("Exp", g.op("Neg", y)), g.op("Mul", a, g.scalar(INV_SQRT_PI)));
    return g.op("Div", numerator, f);
  }

  /** (2/√π)(−1)ⁿ/(n!(2n+1)) for n = 0 … 25, each rounded once from 40 digits. */
  private static double[] seriesCoefficients() {
    MathContext mc = new MathContext(40);
    double[] c = new double[DEGREE + 1];
    BigDecimal factorial = BigDecimal.ONE;
    for (int n = 0; n <= DEGREE; n++) {
      if (n > 0) {
        factorial = factorial.multiply(BigDecimal.valueOf(n));
      }
      BigDecimal term = TWO_OVER_SQRT_PI.divide(factorial.multiply(BigDecimal.valueOf(2L * n + 1)), mc);
      c[n] = (n % 2 == 0 ? term : term.negate()).doubleValue();
    }
    return c;
  }
}
