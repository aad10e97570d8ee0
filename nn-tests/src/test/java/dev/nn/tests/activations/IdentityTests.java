package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.activations.IdentityProvider;
import dev.nn.api.Activation;
import dev.nn.tck.ActivationContract;
import org.junit.jupiter.api.Test;

class IdentityTests implements ActivationContract {

  @Override
  public Activation activation() {
    return Plugins.create(new IdentityProvider());
  }

  @Test
  void returnsItsInputBitForBitWithSlopeOne() {
    Activation f = activation();
    for (double z : new double[] {-0.0, 0.0, 1e-310, -3.25, 1e300, -Double.MAX_VALUE}) {
      assertEquals(Double.doubleToRawLongBits(z), Double.doubleToRawLongBits(f.phi(z)), "phi(" + z + ")");
      assertEquals(1.0, f.phiPrime(z, z));
    }
  }

  @Test
  void hasNoKinks() {
    assertArrayEquals(new double[0], activation().kinks());
  }
}
