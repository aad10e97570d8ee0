package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.activations.GeluProvider;
import dev.nn.api.Activation;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import dev.nn.tck.ActivationContract;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * GELU, exact and tanh forms. Reference numbers are rounded from 50- to 500-digit evaluations of the
 * formulas in PyTorch's documentation of nn.GELU; the tanh form is also compared term by term with
 * the expressions of PyTorch's CPU kernels.
 */
class GeluTests implements ActivationContract {
  private static final double SQRT2 = Math.sqrt(2.0);
  private final GeluProvider provider = new GeluProvider();

  @Override
  public Activation activation() {
    return Plugins.create(provider);
  }

  @Test
  void defaultIsTheExactErfForm() {
    Activation f = activation();
    assertEquals(0.8413447460685429, f.phi(1.0), Math.ulp(0.84));
    assertEquals(-0.15865525393145705, f.phi(-1.0), 3e-17);
    assertEquals(0.34573123063700656, f.phi(0.5), 6e-17);
    assertEquals(2.99595030590511, f.phi(3.0), 5e-16);
    assertEquals(-0.0040496940948902835, f.phi(-3.0), 1e-14 * 0.0040496940948902835);
    assertEquals(1.0833154705876864, f.phiPrime(1.0, f.phi(1.0)), 3e-16);
    assertEquals(-0.0833154705876863, f.phiPrime(-1.0, f.phi(-1.0)), 1e-16);
    assertEquals(0.5, f.phiPrime(0.0, 0.0));
  }

  @Test
  void agreesWithTheErfFormulaUsingCommonsMath() {
    Activation f = activation();
    for (double z = -8; z <= 8; z += 0.0173) {
      double cdf = 0.5 * (1 + Erf.erf(z / SQRT2));
      double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
      assertEquals(z * cdf, f.phi(z), 4e-15 * Math.max(1, Math.abs(z)), "phi(" + z + ")");
      assertEquals(cdf + z * pdf, f.phiPrime(z, f.phi(z)), 4e-15, "phiPrime(" + z + ")");
    }
  }

  @Test
  void keepsRelativeAccuracyInTheLeftTailWhereOnePlusErfWouldRoundToZero() {
    Activation f = activation();
    assertEquals(-7.619853024160526e-23, f.phi(-10.0), 1e-14 * 7.619853024160526e-23);
    assertEquals(-5.507248237212468e-88, f.phi(-20.0), 1e-13 * 5.507248237212468e-88);
    assertEquals(-1.1014360483133464e-86, f.phiPrime(-20.0, f.phi(-20.0)), 1e-13 * 1.1014360483133464e-86);
    assertEquals(-1.472014178144456e-196, f.phi(-30.0), 1e-13 * 1.472014178144456e-196);
  }

  @Test
  void isSmoothWithoutKinks() {
    assertArrayEquals(new double[0], activation().kinks());
  }

  @Test
  void rejectsAnUnknownApproximationNamingSettingPluginValueAndChoices() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> Plugins.create(provider, Map.of("approximate", "foo")));
    ConfigProblem p = e.problems().get(0);
    assertEquals(ProblemId.INVALID_SETTING, p.id());
    assertEquals("approximate", p.path());
    assertTrue(p.message().contains("\"approximate\""), p.message());
    assertTrue(p.message().contains("activation \"gelu\""), p.message());
    assertTrue(p.message().contains("\"foo\""), p.message());
    assertEquals("none, tanh", p.allowed());
    assertTrue(e.getMessage().endsWith("Allowed: none, tanh"), e.getMessage());
  }

  @Test
  void approximateNoneIsTheDefaultWrittenOut() {
    Activation f = Plugins.create(provider, Map.of("approximate", "none"));
    assertEquals(activation().phi(0.7), f.phi(0.7));
  }

  @Test
  void settingsHelpListsTheChoices() {
    assertEquals("approximate: none or tanh, default none", provider.settingsHelp());
  }

  @Nested
  class TanhApproximation implements ActivationContract {
    private static final double C = 0.7978845608028654; // √(2/π)
    private static final double K = 0.044715;

    @Override
    public Activation activation() {
      return Plugins.create(provider, Map.of("approximate", "tanh"));
    }

    @Test
    void matchesPyTorchsTanhFormula() {
      Activation f = activation();
      assertEquals(0.8411919906082767, f.phi(1.0), 2e-16);
      assertEquals(-0.1588080093917233, f.phi(-1.0), 1e-16);
      assertEquals(1.0829640838457826, f.phiPrime(1.0, f.phi(1.0)), 3e-16);
      assertEquals(-0.011584166630969726, f.phiPrime(-3.0, f.phi(-3.0)), 1e-17);
      for (double z = -6; z <= 6; z += 0.0131) {
        // PyTorch's forward and backward kernels, term for term
        double t = Math.tanh(C * (z + K * z * z * z));
        double expected = 0.5 * z * (1 + t);
        double slope = 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * C * (1 + 3 * K * z * z);
        assertEquals(expected, f.phi(z), 2e-15 * Math.max(1, Math.abs(z)), "phi(" + z + ")");
        assertEquals(slope, f.phiPrime(z, f.phi(z)), 4e-15, "phiPrime(" + z + ")");
      }
    }

    @Test
    void keepsTheTailWhereTanhRoundsToMinusOne() {
      Activation f = activation();
      assertEquals(-3.3754509563109673e-261, f.phi(-20.0), 1e-13 * 3.3754509563109673e-261);
      assertEquals(-2.9424328724945027e-259, f.phiPrime(-20.0, f.phi(-20.0)), 1e-13 * 2.9424328724945027e-259);
      assertEquals(1.0, f.phiPrime(1e200, 1e200));
      assertEquals(0.0, f.phiPrime(-1e200, 0.0));
    }
  }
}
