package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Loss;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.data.DataException;
import dev.nn.core.data.Dataset;
import dev.nn.core.kernel.Precision;
import dev.nn.core.testing.FakePlugins;
import dev.nn.core.testing.Plugins;
import dev.nn.core.train.Samples;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value data preparation makes is a finite number, or the preparation fails with a message that names the
 * source, the column (or the generator setting) and what is allowed: standardizing, standardizing targets, filling
 * means, generating, and holding the inputs as float32 never hand an infinity or a NaN on to training.
 */
class NonFiniteDataTests {
  @TempDir Path dir;

  private PreparedData prepare(String data, Loss loss, String rest) throws IOException {
    Path file = dir.resolve("e.yaml");
    Files.writeString(file, "seed: 3\ndata: " + data + "\n"
        + "network:\n  layers: [{units: auto}, {units: auto, activation: identity}]\nloss: "
        + (loss == Plugins.SQUARED ? "squared" : "softmax-cross-entropy") + "\n" + rest);
    Experiment e = new ExperimentReader(FakePlugins.lookup()).read(file, List.of());
    PreparedData p = new DataPreparation(e, loss).get();
    // what training would make of it: every value finite, or Samples refuses it
    p.trainSamples();
    if (p.validation() != null) {
      PreparedData.rows(p.validation());
    }
    if (p.test() != null) {
      PreparedData.rows(p.test());
    }
    return p;
  }

  private void csv(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private static String alternating(int rows, String big) {
    StringBuilder s = new StringBuilder("a,b,y\n");
    for (int i = 0; i < rows; i++) {
      s.append(i % 2 == 0 ? big : "-" + big).append(',').append(i).append(',').append(i % 3).append('\n');
    }
    return s.toString();
  }

  @Test
  void aColumnWhoseSpreadOverflowsIsRefusedNamingItsRange() throws Exception {
    csv("big.csv", alternating(10, "1.7e308"));
    DataException e = assertThrows(DataException.class, () -> prepare(
        "{train: {source: csv, path: big.csv, target: y}, validation: {split: 0}}", Plugins.SQUARED, ""));
    assertTrue(e.getMessage().startsWith(dir.resolve("big.csv") + ": column \"a\" cannot be standardized: its values,"
        + " from -1.7E308 to 1.7E308, overflow float64"), e.getMessage());
    assertTrue(e.getMessage().contains("scale the column down"), e.getMessage());
  }

  @Test
  void targetsWhoseSpreadOverflowsAreRefusedNamingTheKey() throws Exception {
    StringBuilder s = new StringBuilder("a,y\n");
    for (int i = 0; i < 6; i++) {
      s.append(i).append(',').append(i % 2 == 0 ? "1e200" : "-1e200").append('\n');
    }
    csv("t.csv", s.toString());
    DataException e = assertThrows(DataException.class, () -> prepare("{train: {source: csv, path: t.csv, target: y},"
        + " validation: {split: 0}, standardize-targets: true}", Plugins.SQUARED, ""));
    assertTrue(e.getMessage().contains(": target \"y\" cannot be standardized"), e.getMessage());
    assertFalse(e.getMessage().contains("standardize-targets: false"), "raw, they cannot be trained on either: "
        + e.getMessage());
  }

  /**
   * Raw targets whose squared error overflows are refused before training, whether the experiment chose raw
   * targets or said nothing: training would only "diverge" at the first such row, which no learning rate mends.
   */
  @Test
  void rawTargetsWhoseSquaredErrorOverflowsAreRefusedNamingTheValue() throws Exception {
    csv("huge.csv", "a,y\n0.1,0\n0.5,1e300\n0.3,0\n0.8,1\n");
    for (String choice : new String[] {"", ", standardize-targets: false"}) {
      DataException e = assertThrows(DataException.class, () -> prepare("{train: {source: csv, path: huge.csv,"
          + " target: y}, validation: {split: 0}" + choice + "}", Plugins.SQUARED, ""));
      assertEquals(dir.resolve("huge.csv") + ": target \"y\" holds 1.0E300 (its data row 2 as read), too large to"
          + " train on: its squared error overflows float64 (targets must stay well below 1.34e+154, the square root"
          + " of the largest double); scale the column down, e.g. divide it by a power of ten", e.getMessage());
    }
    // large but trainable raw targets are trained on
    csv("large.csv", "a,y\n0.1,0\n0.5,1e150\n0.3,0\n0.8,1\n");
    prepare("{train: {source: csv, path: large.csv, target: y}, validation: {split: 0}, standardize-targets: false}",
        Plugins.SQUARED, "");
  }

  @Test
  void aHeldOutValueThatStandardizesToAnInfinityIsRefused() throws Exception {
    csv("train.csv", "a,y\n0,0\n1,1\n2,2\n");
    csv("test.csv", "a,y\n1.7e308,0\n");
    DataException e = assertThrows(DataException.class, () -> prepare("{train: {source: csv, path: train.csv,"
        + " target: y}, validation: {split: 0}, test: {source: csv, path: test.csv, target: y}}", Plugins.SQUARED, ""));
    assertTrue(e.getMessage().startsWith(dir.resolve("test.csv") + ": column \"a\" holds 1.7E308, which standardizes"
        + " to Infinity"), e.getMessage());
  }

  /** Squared deviations that underflow are summed scaled: the column gets its true spread, and finite values. */
  @Test
  void aSpreadWhoseSquaresUnderflowGetsItsTrueStandardDeviationNotADivisionByZero() throws Exception {
    csv("tiny.csv", "a,y\n0,0\n1e-300,1\n0,2\n");
    PreparedData p = prepare("{train: {source: csv, path: tiny.csv, target: y}, validation: {split: 0}}",
        Plugins.SQUARED, "");
    assertEquals(Math.sqrt(2) / 3 * 1e-300, p.scaler().stds()[0], 1e-15 * 1e-300);
    for (int r = 0; r < p.train().size(); r++) {
      double v = p.train().x(r, 0);
      assertTrue(Math.abs(Math.abs(v) - (v > 0 ? Math.sqrt(2) : 1 / Math.sqrt(2))) < 1e-12, "row " + r + ": " + v);
    }
  }

  @Test
  void inAFloat32RunAStandardizedValueBeyondAFloatIsRefused() throws Exception {
    csv("train.csv", "a,y\n0,0\n1e-30,1\n0,2\n");
    csv("test.csv", "a,y\n1e20,0\n");
    DataException e = assertThrows(DataException.class, () -> prepare("{train: {source: csv, path: train.csv,"
        + " target: y}, validation: {split: 0}, test: {source: csv, path: test.csv, target: y}}", Plugins.SQUARED,
        "compute: {precision: float32}\n"));
    assertTrue(e.getMessage().contains("of a float32 run, at most 3.4028235E38"), e.getMessage());
  }

  @Test
  void aMeanOfValuesNearTheLargestDoubleIsFilledFinite() throws Exception {
    csv("m.csv", "a,b,y\n1.7e308,1,0\n1.7e308,2,1\nNA,3,2\n1.6e308,4,0\n");
    PreparedData p = prepare("{train: {source: csv, path: m.csv, target: y, missing: mean}, validation: {split: 0},"
        + " standardize: false}", Plugins.SQUARED, "");
    for (int i = 0; i < p.train().size(); i++) {
      if (p.train().x(i, 1) == 3) {
        assertEquals(1.7e308 / 3 + 1.7e308 / 3 + 1.6e308 / 3, p.train().x(i, 0), 1e294);
      }
    }
  }

  @Test
  void aGeneratorWhoseNoiseOverflowsBlamesTheNoiseAtItsLine() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> prepare(
        "{train: {source: generator, name: xor, samples: 40, noise: 1e308}, validation: {split: 0}}",
        Plugins.SOFTMAX_CROSS_ENTROPY, ""));
    ConfigProblem p = e.problems().get(0);
    assertEquals(ProblemId.INVALID_SETTING, p.id());
    assertEquals("data.train.noise", p.path());
    assertEquals(2, p.line());
    assertTrue(p.message().startsWith("setting \"noise\" of generator \"xor\" is 1.0E308, which makes x"), p.message());
    assertTrue(p.allowed().contains(String.valueOf(Double.MAX_VALUE)), p.allowed());
  }

  /** Held as floats unstandardised, generated inputs beyond a float are refused, blaming the noise. */
  @Test
  void inAFloat32RunAGeneratorNoiseBeyondAFloatBlamesTheNoise() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> prepare(
        "{train: {source: generator, name: xor, samples: 40, noise: 3e38}, validation: {split: 0}, standardize: false}",
        Plugins.SOFTMAX_CROSS_ENTROPY, "compute: {precision: float32}\n"));
    ConfigProblem p = e.problems().get(0);
    assertEquals("data.train.noise", p.path());
    assertTrue(p.message().contains("beyond a float32 run's largest magnitude, 3.4028235E38"), p.message());
  }

  @Test
  void inputsBeyondAFloatAreRefusedWhenHeldAsFloat32() {
    Dataset d = Dataset.regression("mine", new double[] {1, 4e38}, new double[] {0, 1}, List.of("a"), List.of("y"));
    DataException e = assertThrows(DataException.class, () -> d.inPrecision(Precision.FLOAT32));
    assertEquals("mine: column \"a\" of row 1 holds 4.0E38, too large for a float32 run; the largest magnitude is"
        + " 3.4028235E38", e.getMessage());
  }

  @Test
  void samplesOfFinitePreparedDataAreAccepted() throws Exception {
    csv("ok.csv", alternating(10, "1e150"));
    Samples s = prepare("{train: {source: csv, path: ok.csv, target: y}, validation: {split: 0}}", Plugins.SQUARED, "")
        .trainSamples();
    assertEquals(10, s.rows());
  }
}
