package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.activations.ReluProvider;
import dev.nn.api.Activation;
import dev.nn.tck.ActivationContract;
import org.junit.jupiter.api.Test;

class ReluTests implements ActivationContract {

  @Override
  public Activation activation() {
    return Plugins.create(new ReluProvider());
  }

  @Test
  void isMaxOfZeroAndZ() {
    Activation f = activation();
    assertEquals(0.0, f.phi(-2.0));
    assertEquals(3.5, f.phi(3.5));
    assertEquals(1e-300, f.phi(1e-300));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(f.phi(-0.0)), "relu(-0.0) is +0.0");
    assertEquals(Double.NaN, f.phi(Double.NaN), "a NaN input is not hidden as 0");
  }

  @Test
  void derivativeAtTheKinkIsZeroAsInPyTorch() {
    Activation f = activation();
    assertEquals(0.0, f.phiPrime(0.0, 0.0));
    assertEquals(0.0, f.phiPrime(-0.0, 0.0));
    assertEquals(1.0, f.phiPrime(Double.MIN_VALUE, Double.MIN_VALUE));
    assertEquals(0.0, f.phiPrime(-Double.MIN_VALUE, 0.0));
  }

  @Test
  void aNaNInputGivesANaNDerivativeInTheElementAndBulkForms() {
    Activation f = activation();
    assertEquals(Double.NaN, f.phiPrime(Double.NaN, Double.NaN));
    double[] z = {Double.NaN, 2.0, -2.0, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MAX_VALUE};
    double[] x = new double[z.length];
    f.forward(z, x, z.length);
    double[] delta = {3.0, 3.0, 3.0, 3.0, -3.0, 3.0, 3.0, 3.0, 3.0, 3.0};
    f.backward(z, x, delta, z.length);
    assertArrayEquals(new double[] {Double.NaN, 3.0, 0.0, 0.0, -0.0, 3.0, 0.0, 3.0, 0.0, 3.0}, delta, 0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(delta[4]), "−3·0 is −0");
  }

  @Test
  void declaresItsKinkAtZero() {
    assertArrayEquals(new double[] {0.0}, activation().kinks());
  }
}
