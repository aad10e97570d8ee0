package dev.nn.core.data;

import dev.nn.core.random.RandomStream;
import static dev.nn.core.random.RandomStream.TRAIN_DATA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ProblemId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class GeneratorsTests {

  @Test
  void theGeneratorsAreListedByName() {
    assertEquals(List.of("lecture-regression", "sine", "spirals", "xor"), Generators.names());
  }

  @Test
  void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
    for (String name : Generators.names()) {
      Map<String, Object> settings = Map.of("samples", 64, "noise", 0.1);
      Dataset a = Generators.generate(name, settings, 11, TRAIN_DATA);
      Dataset b = Generators.generate(name, settings, 11, TRAIN_DATA);
      Dataset c = Generators.generate(name, settings, 12, TRAIN_DATA);
      assertArrayEquals(a.copyX(), b.copyX(), name);
      assertArrayEquals(a.copyY(), b.copyY(), name);
      assertFalse(Arrays.equals(a.copyX(), c.copyX()), name);
    }
  }

  @Test
  void lectureRegressionDrawsTheInputsThenTheNoiseFromTheNamedAlgorithmOnItsStream() {
    Dataset d = Generators.generate("lecture-regression", Map.of("inputs", 3, "samples", 50), 42, TRAIN_DATA);
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(TRAIN_DATA.streamSeed(42, 0));
    for (int i = 0; i < 50; i++) {
      double sum = 0;
      for (int j = 0; j < 3; j++) {
        double x = r.nextGaussian();
        assertEquals(x, d.x(i, j));
        sum += x;
      }
      assertEquals(Math.sin(sum / Math.sqrt(3)) / 2 + 0.01 * r.nextGaussian(), d.y(i, 0), 1e-15);
    }
    assertEquals(List.of("x1", "x2", "x3"), d.featureNames());
    assertEquals(List.of("y"), d.targetNames());
    assertEquals("generator lecture-regression (inputs 3, samples 50, noise 0.01, seed 42)", d.source());
  }

  @Test
  void lectureRegressionTargetsAreHalfTheSineOfTheScaledSumWithinTheNoise() {
    int n = 4000;
    int dim = 16;
    Dataset d = Generators.generate("lecture-regression", Map.of("inputs", dim, "samples", n), 7, TRAIN_DATA);
    assertEquals(n, d.size());
    assertEquals(dim, d.featureCount());
    double sumSq = 0;
    double xSum = 0;
    double xSq = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += d.x(i, j);
        xSum += d.x(i, j);
        xSq += d.x(i, j) * d.x(i, j);
      }
      double residual = d.y(i, 0) - Math.sin(s / Math.sqrt(dim)) / 2;
      assertTrue(Math.abs(residual) < 5 * 0.01, "row " + i + " residual " + residual);
      sumSq += residual * residual;
    }
    assertEquals(0.01, Math.sqrt(sumSq / n), 0.001, "noise std");
    assertEquals(0.0, xSum / (n * dim), 0.01, "input mean");
    assertEquals(1.0, xSq / (n * dim), 0.02, "input second moment");
  }

  @Test
  void sineWithoutNoiseIsExactlyTheSineOnMinusPiToPi() {
    Dataset d = Generators.generate("sine", Map.of("samples", 500, "noise", 0), 3, TRAIN_DATA);
    for (int i = 0; i < 500; i++) {
      double x = d.x(i, 0);
      assertTrue(x >= -Math.PI && x < Math.PI, "x = " + x);
      assertEquals(Math.sin(x), d.y(i, 0));
    }
  }

  @Test
  void sineNoiseHasTheRequestedStandardDeviation() {
    Dataset d = Generators.generate("sine", Map.of("samples", 20_000), 5, TRAIN_DATA);
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < d.size(); i++) {
      double e = d.y(i, 0) - Math.sin(d.x(i, 0));
      sum += e;
      sumSq += e * e;
    }
    assertEquals(0.0, sum / d.size(), 0.003);
    assertEquals(0.1, Math.sqrt(sumSq / d.size()), 0.003);
  }

  @Test
  void xorByDefaultIsTheTruthTable() {
    Dataset d = Generators.generate("xor", Map.of(), 1, TRAIN_DATA);
    assertArrayEquals(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, d.copyX());
    assertArrayEquals(new double[] {1, 0, 0, 1, 0, 1, 1, 0}, d.copyY());
    assertEquals(List.of("0", "1"), d.classLabels());
    assertArrayEquals(new double[] {0, 1, 1, 0}, d.withBinaryTarget().copyY());
  }

  /** A 2-2-1 sigmoid network with weights set by hand: class 1 iff 0.5 < x1 + x2 < 1.5. */
  private static double handMadeNet(double x1, double x2) {
    double h1 = sigmoid(20 * (x1 + x2) - 10);
    double h2 = sigmoid(20 * (x1 + x2) - 30);
    return sigmoid(20 * h1 - 20 * h2 - 10);
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  @Test
  void noisyXorIsBalancedAndSeparableByATwoTwoOneNetwork() {
    Dataset d = Generators.generate("xor", Map.of("samples", 400, "noise", 0.1), 9, TRAIN_DATA).withBinaryTarget();
    assertArrayEquals(new int[] {200, 200}, d.classCounts());
    int right = 0;
    for (int i = 0; i < d.size(); i++) {
      int predicted = handMadeNet(d.x(i, 0), d.x(i, 1)) > 0.5 ? 1 : 0;
      right += predicted == (int) d.y(i, 0) ? 1 : 0;
    }
    assertTrue(right >= 396, right + " of 400 classified right");
    assertEquals(0, handMadeNet(0, 0) > 0.5 ? 1 : 0);
    assertEquals(1, handMadeNet(1, 0) > 0.5 ? 1 : 0);
  }

  @Test
  void spiralPointsLieOnTheirClassArmWithoutNoise() {
    double turns = 1.5;
    Dataset d = Generators.generate("spirals", Map.of("samples", 300, "noise", 0), 4, TRAIN_DATA);
    assertArrayEquals(new int[] {150, 150}, d.classCounts());
    for (int i = 0; i < d.size(); i++) {
      double x = d.x(i, 0);
      double y = d.x(i, 1);
      double r = Math.hypot(x, y);
      assertTrue(r < 1, "radius " + r);
      double expected = 2 * Math.PI * turns * r + d.classOf(i) * Math.PI;
      double off = Math.IEEEremainder(Math.atan2(y, x) - expected, 2 * Math.PI);
      assertEquals(0.0, off, 1e-9, "row " + i);
    }
  }

  @Test
  void spiralsTakeTheirTurnsAndNoiseSettings() {
    Dataset clean = Generators.generate("spirals", Map.of("samples", 10, "noise", 0, "turns", 3), 2, TRAIN_DATA);
    Dataset noisy = Generators.generate("spirals", Map.of("samples", 10, "noise", 0.2, "turns", 3), 2, TRAIN_DATA);
    double moved = 0;
    for (int i = 0; i < 10; i++) {
      double r = Math.hypot(clean.x(i, 0), clean.x(i, 1));
      double off = Math.IEEEremainder(
          Math.atan2(clean.x(i, 1), clean.x(i, 0)) - 6 * Math.PI * r - clean.classOf(i) * Math.PI, 2 * Math.PI);
      assertEquals(0.0, off, 1e-9);
      moved += Math.abs(noisy.x(i, 0) - clean.x(i, 0));
    }
    assertTrue(moved > 0.1, "noise moves the points: " + moved);
  }

  @Test
  void numbersMayArriveAsStrings() {
    Dataset d = Generators.generate("sine", Map.of("samples", "3", "noise", "1e-3"), 1, TRAIN_DATA);
    assertEquals(3, d.size());
    assertEquals("generator sine (samples 3, noise 0.001, seed 1)", d.source());
  }

  // --- errors

  private static ConfigException failure(String name, Map<String, Object> settings) {
    return assertThrows(ConfigException.class, () -> Generators.generate(name, settings, 1, TRAIN_DATA));
  }

  @Test
  void anUnknownGeneratorListsTheNamesAndSuggestsTheClosest() {
    ConfigException e = failure("sin", Map.of());
    assertEquals(
        "name: unknown generator \"sin\". Allowed: lecture-regression, sine, spirals, xor. Did you mean: sine",
        e.getMessage());
    assertEquals(ProblemId.UNKNOWN_GENERATOR, e.problems().get(0).id());
  }

  @Test
  void aBadSettingNamesTheSettingTheValueFoundAndWhatIsAllowed() {
    assertEquals(
        "samples: setting \"samples\" of generator \"sine\" must be in [1, 10000000], found 0. "
            + "Allowed: an integer in [1, 10000000]",
        failure("sine", Map.of("samples", 0)).getMessage());
    assertEquals(
        "inputs: setting \"inputs\" of generator \"lecture-regression\" must be an integer, found 2.5. "
            + "Allowed: an integer in [1, 100000]",
        failure("lecture-regression", Map.of("inputs", 2.5)).getMessage());
    assertEquals(
        "noise: setting \"noise\" of generator \"xor\" must be a number, found \"lots\". Allowed: >= 0",
        failure("xor", Map.of("noise", "lots")).getMessage());
  }

  @Test
  void anUnknownSettingListsTheGeneratorsSettingsAndSuggestsTheClosest() {
    ConfigException e = failure("spirals", Map.of("sampels", 10));
    assertEquals(
        "sampels: unknown setting \"sampels\" of generator \"spirals\". Allowed: noise, samples, turns. "
            + "Did you mean: samples",
        e.getMessage());
    assertEquals(ProblemId.UNKNOWN_SETTING, e.problems().get(0).id());
  }

  @Test
  void everyProblemIsReportedTogether() {
    ConfigException e = failure("sine", new java.util.TreeMap<>(Map.of("samples", -1, "noise", -0.5, "seed", 3)));
    assertEquals(3, e.problems().size());
    assertEquals(
        "3 problems:\n"
            + "1) samples: setting \"samples\" of generator \"sine\" must be in [1, 10000000], found -1. "
            + "Allowed: an integer in [1, 10000000]\n"
            + "2) noise: setting \"noise\" of generator \"sine\" must be >= 0, found -0.5. Allowed: >= 0\n"
            + "3) seed: unknown setting \"seed\" of generator \"sine\". Allowed: noise, samples",
        e.getMessage());
  }

  @Test
  void aTableTooLargeForOneArrayIsRejectedBeforeAllocating() {
    ConfigException e = failure("lecture-regression", Map.of("inputs", 100_000, "samples", 100_000));
    assertEquals(
        "samples: samples × inputs = 10000000000 values do not fit in one array. "
            + "Allowed: samples × inputs <= 2147483639",
        e.getMessage());
  }
}
