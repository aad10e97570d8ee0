package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.api.Loss;
import dev.nn.losses.LogCoshProvider;
import org.junit.jupiter.api.Test;

class LogCoshTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new LogCoshProvider());
  }

  @Test
  void sumsLogCoshOfTheResidualsSeededWithTheirTanh() {
    double[] x = {1.5, -3, 0};
    double[] y = {1, 0, 0};
    double expected = Math.log(Math.cosh(0.5)) + Math.log(Math.cosh(-3));
    assertLossAndSeed(loss(), x, y, 1, 3, expected, new double[] {Math.tanh(0.5), Math.tanh(-3), 0}, 1e-15);
  }

  @Test
  void staysFiniteWhereCoshOverflows() {
    double[] x = {800, -900};
    double[] y = {0, 0};
    assertEquals(Double.POSITIVE_INFINITY, Math.log(Math.cosh(800)), "the naive formula overflows");
    // log cosh r = |r| − log 2 + log(1 + e^(−2|r|)), and e^(−1600) is 0 in float64
    double expected = (800 - Math.log(2)) + (900 - Math.log(2));
    assertLossAndSeed(loss(), x, y, 1, 2, expected, new double[] {1, -1}, 1e-12);
  }

  @Test
  void keepsTinyResidualsThatTheNaiveFormulaRoundsToZero() {
    double r = 1e-9;
    assertEquals(0.0, Math.log(Math.cosh(r)), "the naive formula loses r²/2");
    assertEquals(r * r / 2, loss().value(new double[] {r}, new double[] {r}, new double[] {0}, 1, 1), 1e-30);
  }
}
