package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.activations.HardSigmoidProvider;
import dev.nn.api.Activation;
import dev.nn.tck.ActivationContract;
import org.junit.jupiter.api.Test;

class HardSigmoidTests implements ActivationContract {

  @Override
  public Activation activation() {
    return Plugins.create(new HardSigmoidProvider());
  }

  @Test
  void isZOverSixPlusOneHalfClippedToTheUnitInterval() {
    Activation f = activation();
    assertEquals(0.0, f.phi(-4.0));
    assertEquals(0.0, f.phi(-3.0));
    assertEquals(0.5, f.phi(0.0));
    assertEquals(0.75, f.phi(1.5));
    assertEquals(1.0, f.phi(3.0));
    assertEquals(1.0, f.phi(Double.MAX_VALUE));
    for (double z = -2.9; z < 3; z += 0.1) {
      // PyTorch's (z + 3)/6 and the documented z/6 + 1/2 round differently, each within an ulp
      assertEquals(z / 6 + 0.5, f.phi(z), 2 * Math.ulp(0.5), "phi(" + z + ")");
    }
  }

  @Test
  void derivativeIsOneSixthInsideAndZeroAtBothKinksAsInPyTorch() {
    Activation f = activation();
    assertEquals(1.0 / 6.0, f.phiPrime(0.0, 0.5));
    assertEquals(1.0 / 6.0, f.phiPrime(Math.nextUp(-3.0), 0.0));
    assertEquals(1.0 / 6.0, f.phiPrime(Math.nextDown(3.0), 1.0));
    assertEquals(0.0, f.phiPrime(-3.0, 0.0));
    assertEquals(0.0, f.phiPrime(3.0, 1.0));
    assertEquals(0.0, f.phiPrime(5.0, 1.0));
  }

  @Test
  void declaresKinksAtMinusThreeAndThree() {
    assertArrayEquals(new double[] {-3.0, 3.0}, activation().kinks());
  }
}
