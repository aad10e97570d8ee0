package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.activations.LeakyReluProvider;
import dev.nn.api.Activation;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import dev.nn.tck.ActivationContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LeakyReluTests implements ActivationContract {
  private final LeakyReluProvider provider = new LeakyReluProvider();

  @Override
  public Activation activation() {
    return Plugins.create(provider);
  }

  @Test
  void defaultSlopeIsPyTorchsNegativeSlopeOfOneHundredth() {
    Activation f = activation();
    assertEquals(-0.02, f.phi(-2.0));
    assertEquals(2.0, f.phi(2.0));
    assertEquals(0.01, f.phiPrime(-1.0, -0.01));
    assertEquals(1.0, f.phiPrime(1.0, 1.0));
  }

  @Test
  void derivativeAtTheKinkIsTheSlopeAsInPyTorch() {
    assertEquals(0.01, activation().phiPrime(0.0, 0.0));
    assertEquals(0.2, Plugins.create(provider, Map.of("slope", 0.2)).phiPrime(0.0, 0.0));
  }

  @Test
  void theLoopsGiveTheDefinitionsValuesAtZerosSubnormalsInfinitiesAndNaN() {
    for (double slope : new double[] {0.0, 0.01, 0.2, 1.0 / 3, 1.0}) {
      Activation f = Plugins.create(provider, Map.of("slope", slope));
      double[] z = {Double.NaN, 2.0, -2.0, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
          Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, 1e-300};
      double[] x = new double[z.length];
      f.forward(z, x, z.length);
      double[] delta = new double[z.length];
      java.util.Arrays.fill(delta, 1.5);
      f.backward(z, x, delta, z.length);
      for (int i = 0; i < z.length; i++) {
        double phi = z[i] > 0 ? z[i] : slope * z[i];
        double prime = Double.isNaN(z[i]) ? Double.NaN : z[i] > 0 ? 1.0 : slope;
        String at = "slope " + slope + ", z = " + z[i];
        assertEquals(Double.doubleToRawLongBits(phi), Double.doubleToRawLongBits(x[i]), "φ, " + at);
        assertEquals(Double.doubleToRawLongBits(phi), Double.doubleToRawLongBits(f.phi(z[i])), "phi, " + at);
        assertEquals(prime, f.phiPrime(z[i], x[i]), "phiPrime, " + at);
        assertEquals(1.5 * prime, delta[i], "δ·φ′, " + at);
      }
    }
  }

  @Test
  void slopeOneIsTheIdentityWithoutKinks() {
    Activation f = Plugins.create(provider, Map.of("slope", 1));
    assertEquals(-3.0, f.phi(-3.0));
    assertArrayEquals(new double[0], f.kinks());
    assertArrayEquals(new double[] {0.0}, activation().kinks());
  }

  @Test
  void acceptsTheEndsOfItsRangeAndNumbersWrittenAsStrings() {
    assertEquals(0.0, Plugins.create(provider, Map.of("slope", 0)).phi(-5.0), 0.0);
    assertEquals(-0.5, Plugins.create(provider, Map.of("slope", "1e-1")).phi(-5.0), 1e-16);
  }

  @Test
  void rejectsANegativeSlopeNamingSettingPluginValueAndRange() {
    ConfigException e = assertThrows(ConfigException.class, () -> Plugins.create(provider, Map.of("slope", -0.1)));
    ConfigProblem p = e.problems().get(0);
    assertEquals(ProblemId.INVALID_SETTING, p.id());
    assertEquals("slope", p.path());
    assertEquals("setting \"slope\" of activation \"leaky-relu\" must be in [0, 1], found -0.1", p.message());
    assertEquals("in [0, 1]", p.allowed());
  }

  @Test
  void rejectsASlopeAboveOneAndANonNumber() {
    ConfigException above = assertThrows(ConfigException.class, () -> Plugins.create(provider, Map.of("slope", 1.5)));
    assertTrue(above.getMessage().contains("found 1.5"), above.getMessage());
    ConfigException text = assertThrows(ConfigException.class, () -> Plugins.create(provider, Map.of("slope", "steep")));
    assertTrue(text.getMessage().contains("must be a number, found \"steep\""), text.getMessage());
  }

  @Test
  void settingsHelpGivesRangeAndDefault() {
    assertEquals("slope: number in [0, 1], default 0.01", provider.settingsHelp());
  }

  @Nested
  class WithSlopeOneFifth implements ActivationContract {
    @Override
    public Activation activation() {
      return Plugins.create(provider, Map.of("slope", 0.2));
    }

    @Test
    void scalesNegativeInputsByTheSlope() {
      assertEquals(-0.6000000000000001, activation().phi(-3.0));
      assertEquals(0.2, activation().phiPrime(-3.0, -0.6));
    }
  }
}
