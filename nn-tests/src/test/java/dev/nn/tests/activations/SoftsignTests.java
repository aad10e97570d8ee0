package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.activations.SoftsignProvider;
import dev.nn.api.Activation;
import dev.nn.tck.ActivationContract;
import org.junit.jupiter.api.Test;

class SoftsignTests implements ActivationContract {

  @Override
  public Activation activation() {
    return Plugins.create(new SoftsignProvider());
  }

  @Test
  void isZOverOnePlusAbsZWithDerivativeOneOverItsSquare() {
    Activation f = activation();
    assertEquals(0.5, f.phi(1.0));
    assertEquals(-0.75, f.phi(-3.0));
    assertEquals(0.25, f.phiPrime(1.0, 0.5));
    assertEquals(1.0 / 16, f.phiPrime(-3.0, -0.75));
    assertEquals(1.0, f.phiPrime(0.0, 0.0), "PyTorch's autograd of z / (1 + |z|) gives 1 at 0");
    assertEquals(1.0, f.phi(Double.MAX_VALUE));
    assertEquals(0.0, f.phiPrime(Double.MAX_VALUE, 1.0));
  }

  @Test
  void hasNoKinksBecauseItsDerivativeIsContinuousAtZero() {
    assertArrayEquals(new double[0], activation().kinks());
  }
}
