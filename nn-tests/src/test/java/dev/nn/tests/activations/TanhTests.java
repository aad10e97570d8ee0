package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.activations.TanhProvider;
import dev.nn.api.Activation;
import dev.nn.tck.ActivationContract;
import org.junit.jupiter.api.Test;

class TanhTests implements ActivationContract {

  @Override
  public Activation activation() {
    return Plugins.create(new TanhProvider());
  }

  @Test
  void isTheHyperbolicTangentWithDerivativeOneMinusOutputSquared() {
    Activation f = activation();
    // tanh(1) and 1 − tanh²(1), rounded from 50-digit values
    assertEquals(0.7615941559557649, f.phi(1.0), 1e-16);
    assertEquals(0.4199743416140261, f.phiPrime(1.0, f.phi(1.0)), 2e-16);
    assertEquals(1.0, f.phiPrime(0.0, 0.0));
    assertEquals(-1.0, f.phi(-Double.MAX_VALUE));
    assertEquals(0.0, f.phiPrime(-30.0, f.phi(-30.0)));
  }

  @Test
  void hasNoKinks() {
    assertArrayEquals(new double[0], activation().kinks());
  }
}
