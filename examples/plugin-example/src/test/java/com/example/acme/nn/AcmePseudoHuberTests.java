package com.example.acme.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.Settings;
import dev.nn.tck.LossContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * acme-pseudo-huber. Implementing {@link LossContract} runs nn's conformance checks on the default
 * loss (seed against finite differences of the value, inputs left alone, Σ of non-negative row
 * losses, ...); the tests below add values worked out from the formula.
 */
class AcmePseudoHuberTests implements LossContract {

  @Override
  public Loss loss() {
    return new AcmePseudoHuberProvider().create(Settings.empty("loss \"acme-pseudo-huber\""));
  }

  private static Loss pseudoHuber(Object delta) {
    return new AcmePseudoHuberProvider().create(Settings.of("loss \"acme-pseudo-huber\"", Map.of("delta", delta)));
  }

  @Test
  void givesHandComputedValuesAndSeedsForDeltaOneAndOneHalf() {
    // delta 1: r = 0.75 → √1.5625 = 1.25, L = 0.25, seed 0.75/1.25; r = −√3 → √4 = 2, L = 1, seed −√3/2
    double[] x = {1.75, 0};
    double[] y = {1, Math.sqrt(3)};
    double[] delta = new double[2];
    assertEquals(1.25, loss().seed(x, x, y, delta, 1, 2), 1e-15);
    assertArrayEquals(new double[] {0.6, -Math.sqrt(3) / 2}, delta, 1e-15);
    // delta 0.5: r = 0.375 → t = 0.75, L = 0.25·0.25; r = −1.2 → t = −2.4, √6.76 = 2.6, L = 0.25·1.6
    double[] x2 = {0.375, -1.2};
    double[] y2 = {0, 0};
    assertEquals(0.0625 + 0.4, pseudoHuber(0.5).seed(x2, x2, y2, delta, 2, 1), 1e-15);
    assertArrayEquals(new double[] {0.375 / 1.25, -1.2 / 2.6}, delta, 1e-15);
  }

  @Test
  void isAboutHalfSquaredForSmallResidualsAndDeltaTimesAbsoluteForLargeOnes() {
    double[] zero = {0};
    // ½r²(1 − r²/(4δ²) + …): the naive δ²(√(1 + t²) − 1) would return 0 here
    double small = 1e-9;
    assertEquals(0.5 * small * small, pseudoHuber(2.0).value(zero, new double[] {small}, zero, 1, 1),
        1e-12 * 0.5 * small * small);
    // δ|r| − δ² + O(δ³/|r|), finite even where r² overflows
    double large = 1e200;
    assertEquals(2 * large, pseudoHuber(2.0).value(zero, new double[] {large}, zero, 1, 1), 1e-12 * 2 * large);
    double[] seed = new double[1];
    pseudoHuber(2.0).seed(zero, new double[] {-large}, zero, seed, 1, 1);
    assertEquals(-2.0, seed[0], 1e-15);
  }

  @Test
  void isADefaultSeededLossOfRealTargetsWithoutKinks() {
    Loss loss = loss();
    assertEquals(Seeding.DEFAULT, loss.seeding());
    assertEquals(TargetKind.REAL, loss.targets());
    assertEquals(0, loss.kinks(0.5).length);
  }

  @Test
  void rejectsANonPositiveDeltaNamingTheSettingAndTheRange() {
    ConfigException e = assertThrows(ConfigException.class, () -> pseudoHuber(0.0));
    ConfigProblem problem = e.problems().get(0);
    assertEquals("delta", problem.path());
    assertEquals("> 0", problem.allowed());
    assertTrue(e.getMessage().contains("loss \"acme-pseudo-huber\""), e.getMessage());
    assertTrue(e.getMessage().contains("found 0.0"), e.getMessage());
  }

  @Test
  void readsDeltaSoNoKeyIsReportedUnknown() {
    Settings settings = Settings.of("loss \"acme-pseudo-huber\"", Map.of("delta", 0.5));
    new AcmePseudoHuberProvider().create(settings);
    assertTrue(settings.unreadKeys().isEmpty(), settings.unreadKeys().toString());
  }
}
