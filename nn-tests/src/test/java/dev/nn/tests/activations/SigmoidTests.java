package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.activations.SigmoidProvider;
import dev.nn.api.Activation;
import dev.nn.tck.ActivationContract;
import org.junit.jupiter.api.Test;

class SigmoidTests implements ActivationContract {

  @Override
  public Activation activation() {
    return Plugins.create(new SigmoidProvider());
  }

  @Test
  void matchesOneOverOnePlusExpOfMinusZ() {
    Activation f = activation();
    assertEquals(0.5, f.phi(0.0));
    // 1/(1 + e^-1) and 1/(1 + e^-2), rounded from 50-digit values; allowed one ulp
    assertEquals(0.7310585786300049, f.phi(1.0), Math.ulp(0.73));
    assertEquals(0.8807970779778824, f.phi(2.0), Math.ulp(0.88));
    assertEquals(0.04742587317756678, f.phi(-3.0), 1e-17);
    for (double z = -30; z <= 30; z += 0.37) {
      double expected = 1.0 / (1.0 + Math.exp(-z));
      assertEquals(expected, f.phi(z), 2 * Math.ulp(expected), "phi(" + z + ")");
    }
  }

  @Test
  void keepsRelativeAccuracyFarLeftAndSaturatesWithoutOverflowFarRight() {
    Activation f = activation();
    // σ(−700) = e^−700 / (1 + e^−700) ≈ 9.85967654375977e−305
    assertEquals(9.85967654375977e-305, f.phi(-700.0), 1e-15 * 9.85967654375977e-305);
    assertEquals(0.0, f.phi(-1e308));
    assertEquals(1.0, f.phi(40.0));
    assertEquals(1.0, f.phi(Double.MAX_VALUE));
  }

  @Test
  void derivativeIsOutputTimesOneMinusOutputAsPyTorchComputesIt() {
    Activation f = activation();
    assertEquals(0.25, f.phiPrime(0.0, 0.5));
    double x = f.phi(1.5);
    assertEquals(x * (1 - x), f.phiPrime(1.5, x));
  }

  @Test
  void hasNoKinks() {
    assertArrayEquals(new double[0], activation().kinks());
  }
}
