package dev.nn.tests.init;

import static dev.nn.tests.init.Draws.create;
import static dev.nn.tests.init.Draws.mean;
import static dev.nn.tests.init.Draws.seeded;
import static dev.nn.tests.init.Draws.variance;
import static dev.nn.tests.init.Draws.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.init.ConstantProvider;
import dev.nn.core.init.NormalProvider;
import dev.nn.core.init.UniformProvider;
import dev.nn.core.init.ZerosProvider;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/** zeros, constant, uniform and normal: PyTorch's formulas and defaults. */
class BasicInitializersTests {

  @Test
  void zerosWritesZeroEverywhere() {
    double[] w = {1, 2, 3, 4, 5, 6};
    create(new ZerosProvider(), Map.of()).initWeights(w, 2, 3, seeded(1));
    for (double v : w) {
      assertEquals(0.0, v);
    }
  }

  @Test
  void constantWritesItsValueAndDefaultsToZero() {
    double[] w = new double[6];
    create(new ConstantProvider(), Map.of("value", 0.25)).initWeights(w, 3, 2, seeded(1));
    for (double v : w) {
      assertEquals(0.25, v);
    }
    double[] d = {9, 9};
    create(new ConstantProvider(), Map.of()).initWeights(d, 1, 2, seeded(1));
    assertEquals(0.0, d[0]);
    assertEquals(0.0, d[1]);
  }

  @Test
  void constantRejectsAValueThatIsNotANumber() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> create(new ConstantProvider(), Map.of("value", "big")));
    assertEquals("value", e.problems().get(0).path());
  }

  @Test
  void uniformIsLowPlusWidthTimesEachDrawOfTheGenerator() {
    double[] w = weights(create(new UniformProvider(), Map.of("low", -0.05, "high", 0.15)), 4, 6, 31);
    RandomGenerator same = seeded(31);
    for (int k = 0; k < w.length; k++) {
      assertEquals(-0.05 + 0.2 * same.nextDouble(), w[k], 1e-16);
    }
  }

  @Test
  void uniformDefaultsToPyTorchsZeroToOne() {
    double[] w = weights(create(new UniformProvider(), Map.of()), 300, 200, 4);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : w) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertTrue(min >= 0 && min < 1e-3, "min " + min);
    assertTrue(max < 1 && max > 1 - 1e-3, "max " + max);
    assertEquals(0.5, mean(w), 5 * Math.sqrt(1.0 / 12 / w.length));
    assertEquals(1.0 / 12, variance(w), 0.02 / 12);
  }

  @Test
  void uniformRejectsHighNotAboveLow() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> create(new UniformProvider(), Map.of("low", 0.5, "high", 0.5)));
    ConfigProblem problem = e.problems().get(0);
    assertEquals("high", problem.path());
    assertEquals("setting \"high\" of initializer \"uniform\" must be > low (0.5), found 0.5", problem.message());
    assertEquals("> 0.5", problem.allowed());
  }

  @Test
  void normalIsMeanPlusStdTimesEachGaussianDraw() {
    double[] w = weights(create(new NormalProvider(), Map.of("mean", 0.5, "std", 0.01)), 5, 3, 12);
    RandomGenerator same = seeded(12);
    for (int k = 0; k < w.length; k++) {
      assertEquals(0.5 + 0.01 * same.nextGaussian(), w[k], 1e-15);
    }
  }

  @Test
  void normalDefaultsToPyTorchsStandardNormal() {
    double[] w = weights(create(new NormalProvider(), Map.of()), 300, 400, 9);
    assertEquals(0, mean(w), 5 / Math.sqrt(w.length));
    assertEquals(1, variance(w), 0.03);
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), w);
    assertTrue(p > 0.001, "Kolmogorov–Smirnov p = " + p);
  }

  @Test
  void normalRejectsAStdThatIsNotPositive() {
    ConfigException e = assertThrows(ConfigException.class, () -> create(new NormalProvider(), Map.of("std", 0)));
    assertEquals("std", e.problems().get(0).path());
    assertEquals("> 0", e.problems().get(0).allowed());
  }
}
