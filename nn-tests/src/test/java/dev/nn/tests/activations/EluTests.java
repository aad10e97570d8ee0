package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.activations.EluProvider;
import dev.nn.api.Activation;
import dev.nn.spi.ConfigException;
import dev.nn.tck.ActivationContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EluTests implements ActivationContract {
  private final EluProvider provider = new EluProvider();

  @Override
  public Activation activation() {
    return Plugins.create(provider);
  }

  @Test
  void isZAboveZeroAndAlphaTimesExpMinusOneBelowWithDefaultAlphaOne() {
    Activation f = activation();
    assertEquals(2.5, f.phi(2.5));
    // e^−1 − 1, rounded from a 50-digit value
    assertEquals(-0.6321205588285577, f.phi(-1.0), 1e-16);
    assertEquals(-1.0, f.phi(-800.0));
    assertEquals(1e-20, f.phi(1e-20));
    assertEquals(-1e-20, f.phi(-1e-20), "expm1 keeps the relative accuracy near 0");
    for (double z = -10; z <= 0; z += 0.13) {
      assertEquals(Math.exp(z) - 1, f.phi(z), 1e-15, "phi(" + z + ")");
      assertEquals(Math.exp(z), f.phiPrime(z, f.phi(z)), 1e-15, "phiPrime(" + z + ")");
    }
  }

  @Test
  void derivativeAtZeroIsAlphaAsInPyTorch() {
    assertEquals(1.0, activation().phiPrime(0.0, 0.0));
    assertEquals(0.5, Plugins.create(provider, Map.of("alpha", 0.5)).phiPrime(0.0, 0.0));
    assertEquals(1.0, Plugins.create(provider, Map.of("alpha", 0.5)).phiPrime(Double.MIN_VALUE, 0.0));
  }

  @Test
  void hasAKinkAtZeroOnlyWhenAlphaIsNotOne() {
    assertArrayEquals(new double[0], activation().kinks());
    assertArrayEquals(new double[] {0.0}, Plugins.create(provider, Map.of("alpha", 1.7)).kinks());
  }

  @Test
  void rejectsANegativeAlpha() {
    ConfigException e = assertThrows(ConfigException.class, () -> Plugins.create(provider, Map.of("alpha", -1)));
    assertEquals("alpha", e.problems().get(0).path());
    assertEquals("setting \"alpha\" of activation \"elu\" must be >= 0, found -1", e.problems().get(0).message());
  }

  @Nested
  class WithAlphaOnePointSeven implements ActivationContract {
    @Override
    public Activation activation() {
      return Plugins.create(provider, Map.of("alpha", 1.7));
    }

    @Test
    void saturatesAtMinusAlpha() {
      // 1.7·(e^−2 − 1), rounded from a 50-digit value
      assertEquals(-1.4699300184977584, activation().phi(-2.0), 2e-16);
      assertEquals(-1.7, activation().phi(-1e308));
      assertEquals(0.0, activation().phiPrime(-1e308, -1.7));
    }
  }
}
