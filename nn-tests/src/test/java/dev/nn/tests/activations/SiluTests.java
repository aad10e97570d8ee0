package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.activations.SiluProvider;
import dev.nn.api.Activation;
import dev.nn.tck.ActivationContract;
import org.junit.jupiter.api.Test;

class SiluTests implements ActivationContract {

  @Override
  public Activation activation() {
    return Plugins.create(new SiluProvider());
  }

  @Test
  void isZTimesSigmoidOfZ() {
    Activation f = activation();
    // 1·σ(1), −5·σ(−5), −40·σ(−40), rounded from 50-digit values
    assertEquals(0.7310585786300049, f.phi(1.0), 1e-16);
    assertEquals(-0.03346425462142428, f.phi(-5.0), 1e-17);
    assertEquals(-1.6993417021166355e-16, f.phi(-40.0), 1e-30);
    for (double z = -20; z <= 20; z += 0.43) {
      double expected = z / (1.0 + Math.exp(-z));
      assertEquals(expected, f.phi(z), 4 * Math.ulp(expected), "phi(" + z + ")");
    }
  }

  @Test
  void derivativeMatchesPyTorchsFormula() {
    Activation f = activation();
    assertEquals(0.5, f.phiPrime(0.0, 0.0));
    // σ(z)(1 + z(1 − σ(z))) at z = 1 and z = −40, rounded from 50-digit values
    assertEquals(0.9276705118714867, f.phiPrime(1.0, f.phi(1.0)), 2e-16);
    assertEquals(-1.6568581595637197e-16, f.phiPrime(-40.0, f.phi(-40.0)), 1e-30);
    for (double z = -20; z <= 20; z += 0.43) {
      double s = 1.0 / (1.0 + Math.exp(-z));
      double expected = s * (1 + z * (1 - s));
      // PyTorch's 1 − σ(z) carries an absolute error of ε/2, which z multiplies; silu takes σ(−z) instead
      assertEquals(expected, f.phiPrime(z, f.phi(z)), 4e-16 * Math.max(1, Math.abs(z)), "phiPrime(" + z + ")");
    }
  }

  @Test
  void staysFiniteAtTheExtremes() {
    Activation f = activation();
    assertEquals(0.0, f.phi(-1e308), 0.0);
    assertEquals(0.0, f.phiPrime(-1e308, 0.0), 0.0);
    assertEquals(1e308, f.phi(1e308));
    assertEquals(1.0, f.phiPrime(1e308, 1e308));
  }

  @Test
  void hasNoKinks() {
    assertArrayEquals(new double[0], activation().kinks());
  }
}
