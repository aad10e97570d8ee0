package com.example.acme.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.spi.ConfigException;
import dev.nn.spi.Settings;
import dev.nn.tck.ActivationContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * acme-swish. Implementing {@link ActivationContract} runs the checks every activation must pass (φ′
 * against central differences of φ, bulk forms against scalar ones, finiteness at extreme inputs); the
 * tests here add values worked out from the formula φ(z) = z·σ(βz).
 */
class AcmeSwishTests implements ActivationContract {

  /** The activation under test, with the default β = 1. */
  @Override
  public Activation activation() {
    return new AcmeSwishProvider().create(Settings.empty("activation \"acme-swish\""));
  }

  private static Activation swish(double beta) {
    return new AcmeSwishProvider().create(Settings.of("activation \"acme-swish\"", Map.of("beta", beta)));
  }

  private static double sigmoid(double u) {
    return 1 / (1 + Math.exp(-u));
  }

  @Test
  void staysFiniteAndApproachesReluFarFromZero() {
    for (double beta : new double[] {1, 1.5, 1e300}) {
      Activation phi = swish(beta);
      for (double z : new double[] {-1e300, -1000, -800, -40, 40, 800, 1000, 1e300}) {
        double x = phi.phi(z);
        double slope = phi.phiPrime(z, x);
        assertEquals(Math.max(0, z), x, 1e-12 * Math.abs(z), "φ(" + z + "), beta " + beta);
        assertEquals(z > 0 ? 1 : 0, slope, 1e-12, "φ′(" + z + "), beta " + beta);
      }
    }
  }

  @Test
  void givesValuesOfTheFormulaWithDefaultBetaOne() {
    Activation phi = activation();
    double s = sigmoid(1);
    assertEquals(s, phi.phi(1), 1e-16);
    assertEquals(s + s * (1 - s), phi.phiPrime(1, phi.phi(1)), 1e-15);
    assertEquals(-2 * sigmoid(-2), phi.phi(-2), 1e-16);
    assertEquals(0, phi.phi(0), 0);
    assertEquals(0.5, phi.phiPrime(0, 0), 0);
  }

  @Test
  void scalesTheSigmoidsArgumentByBeta() {
    Activation phi = swish(1.5);
    double s = sigmoid(3);
    assertEquals(2 * s, phi.phi(2), 1e-15);
    assertEquals(s + 3 * s * (1 - s), phi.phiPrime(2, phi.phi(2)), 1e-15);
    // β = 0: σ(0) = ½ everywhere, so φ(z) = z/2 and φ′ = ½
    assertEquals(-1.25, swish(0).phi(-2.5), 0);
    assertEquals(0.5, swish(0).phiPrime(-2.5, -1.25), 0);
  }

  @Test
  void hasItsMinimumWhereSigmaIsOnePlusOneOverZ() {
    // φ′ = 0 ⇔ σ(z)(1 + z(1 − σ(z))) = 0 ⇔ σ(z) = 1 + 1/z, where φ = z·σ(z) = z + 1 (β = 1)
    Activation phi = activation();
    double low = -2;
    double high = -1;
    for (int i = 0; i < 100; i++) {
      double mid = 0.5 * (low + high);
      if (phi.phiPrime(mid, phi.phi(mid)) < 0) {
        low = mid;
      } else {
        high = mid;
      }
    }
    double z = 0.5 * (low + high);
    assertEquals(z + 1, phi.phi(z), 1e-15);
    assertEquals(-1.2784645427610738, z, 1e-12);
  }

  @Test
  void rejectsANegativeBetaNamingTheSettingAndTheRange() {
    ConfigException e = assertThrows(ConfigException.class, () -> swish(-0.5));
    assertEquals("beta", e.problems().get(0).path());
    assertEquals(">= 0", e.problems().get(0).allowed());
    assertTrue(e.getMessage().contains("activation \"acme-swish\""), e.getMessage());
    assertTrue(e.getMessage().contains("found -0.5"), e.getMessage());
  }
}
