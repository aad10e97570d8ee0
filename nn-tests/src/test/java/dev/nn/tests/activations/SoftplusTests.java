package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.activations.SoftplusProvider;
import dev.nn.api.Activation;
import dev.nn.spi.ConfigException;
import dev.nn.tck.ActivationContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SoftplusTests implements ActivationContract {
  private final SoftplusProvider provider = new SoftplusProvider();

  @Override
  public Activation activation() {
    return Plugins.create(provider);
  }

  @Test
  void isLogOfOnePlusExpWithPyTorchsDefaultsBetaOneThresholdTwenty() {
    Activation f = activation();
    // log 2, log(1 + e), log(1 + e^−30), rounded from 50-digit values
    assertEquals(0.6931471805599453, f.phi(0.0), 1e-16);
    assertEquals(1.3132616875182228, f.phi(1.0), 2e-16);
    assertEquals(9.357622968839737e-14, f.phi(-30.0), 1e-28);
    for (double z = -15; z <= 15; z += 0.29) {
      double expected = Math.log1p(Math.exp(z));
      assertEquals(expected, f.phi(z), 2 * Math.ulp(expected), "phi(" + z + ")");
      assertEquals(1 / (1 + Math.exp(-z)), f.phiPrime(z, f.phi(z)), 2e-16, "phiPrime(" + z + ")");
    }
  }

  @Test
  void turnsLinearOnlyAboveTheThresholdAsPyTorch() {
    Activation f = activation();
    // at βz = 20 exactly PyTorch still takes the log branch: 20 + log(1 + e^−20)
    assertEquals(20.000000002061153, f.phi(20.0), 4e-15);
    assertEquals(0.9999999979388464, f.phiPrime(20.0, f.phi(20.0)), Math.ulp(0.99));
    assertEquals(Math.nextUp(20.0), f.phi(Math.nextUp(20.0)));
    assertEquals(1.0, f.phiPrime(Math.nextUp(20.0), 0));
    assertArrayEquals(new double[] {20.0}, f.kinks());
  }

  @Test
  void staysFiniteForAThresholdWherePyTorchsFormulaWouldOverflow() {
    Activation f = Plugins.create(provider, Map.of("threshold", 1000));
    assertEquals(800.0, f.phi(800.0));
    assertEquals(1.0, f.phiPrime(800.0, 800.0));
  }

  @Test
  void rejectsNonPositiveBetaAndThreshold() {
    ConfigException beta = assertThrows(ConfigException.class, () -> Plugins.create(provider, Map.of("beta", 0)));
    assertEquals("setting \"beta\" of activation \"softplus\" must be > 0, found 0", beta.problems().get(0).message());
    ConfigException threshold =
        assertThrows(ConfigException.class, () -> Plugins.create(provider, Map.of("threshold", -5.0)));
    assertEquals("threshold", threshold.problems().get(0).path());
    assertEquals("> 0", threshold.problems().get(0).allowed());
  }

  @Nested
  class WithBetaTwoAndAHalfAndThresholdFifteen implements ActivationContract {
    @Override
    public Activation activation() {
      return Plugins.create(provider, Map.of("beta", 2.5, "threshold", 15));
    }

    @Test
    void dividesBySharperBetaAndSwitchesAtThresholdOverBeta() {
      Activation f = activation();
      // log(1 + e^(2.5z))/2.5 at z = −2 and z = 1, rounded from 50-digit values
      assertEquals(0.0026861393956472274, f.phi(-2.0), 1e-18);
      assertEquals(1.03155589371702, f.phi(1.0), 2e-16);
      assertEquals(7.0, f.phi(7.0));
      assertArrayEquals(new double[] {6.0}, f.kinks());
    }
  }
}
