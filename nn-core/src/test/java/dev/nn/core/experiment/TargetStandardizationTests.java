package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Standardizer;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.testing.FakePlugins;
import dev.nn.core.testing.Plugins;
import dev.nn.core.train.Evaluator;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Samples;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.standardize-targets}: a regression's targets go through a scaler fitted on the training split
 * alone, the held-out splits through the same one, and the figures a run reports are in the targets' own units.
 */
class TargetStandardizationTests {
  @TempDir Path dir;

  private Experiment experiment(String source, boolean standardizeTargets) throws IOException {
    Path file = dir.resolve("targets.yaml");
    Files.writeString(file,
        "seed: 7\n"
            + "data:\n"
            + "  train: " + source + "\n"
            + "  validation: {split: 0.2}\n"
            + "  test: {split: 0.2}\n"
            + "  standardize-targets: " + standardizeTargets + "\n"
            + "network:\n"
            + "  layers: [{units: auto}, {units: 3, activation: tanh}, {units: auto, activation: identity}]\n"
            + "loss: squared\n");
    return new ExperimentReader(FakePlugins.lookup()).read(file, List.of());
  }

  private static final String SINE = "{source: generator, name: sine, samples: 200, noise: 0.5}";

  /** Per column of the targets: {mean, population std}. */
  private static double[][] moments(Dataset d) {
    double[][] m = new double[d.targetCount()][2];
    for (int j = 0; j < d.targetCount(); j++) {
      double sum = 0;
      for (int i = 0; i < d.size(); i++) {
        sum += d.y(i, j);
      }
      double mean = sum / d.size();
      double sq = 0;
      for (int i = 0; i < d.size(); i++) {
        sq += (d.y(i, j) - mean) * (d.y(i, j) - mean);
      }
      m[j] = new double[] {mean, Math.sqrt(sq / d.size())};
    }
    return m;
  }

  @Test
  void theTrainingTargetsAreStandardisedAndTheHeldOutOnesWithTheTrainingSplitsScaler() throws IOException {
    PreparedData plain = new DataPreparation(experiment(SINE, false), Plugins.SQUARED).get();
    PreparedData scaled = new DataPreparation(experiment(SINE, true), Plugins.SQUARED).get();
    assertNull(plain.targetScaler());
    double[][] raw = moments(plain.train());
    Standardizer scaler = scaled.targetScaler();
    assertEquals(raw[0][0], scaler.means()[0], 1e-15);
    assertEquals(raw[0][1], scaler.stds()[0], 1e-15);
    double[][] standardized = moments(scaled.train());
    assertEquals(0.0, standardized[0][0], 1e-12);
    assertEquals(1.0, standardized[0][1], 1e-12);
    // the same rows, split alike; every split through the training split's scaler, inputs untouched
    for (Dataset[] pair : new Dataset[][] {{plain.train(), scaled.train()}, {plain.validation(), scaled.validation()},
        {plain.test(), scaled.test()}}) {
      assertArrayEquals(pair[0].copyX(), pair[1].copyX());
      double[] expected = pair[0].copyY();
      scaler.transform(expected, pair[0].size());
      assertArrayEquals(expected, pair[1].copyY());
    }
    // the test split's own targets have another mean: it is not fitted on
    double[][] test = moments(scaled.test());
    assertEquals(test[0][0], (moments(plain.test())[0][0] - raw[0][0]) / raw[0][1], 1e-12);
  }

  @Test
  void aClassificationGeneratorIsRefusedOnceItsTaskIsKnown() throws IOException {
    Experiment e = experiment("{source: generator, name: xor, samples: 40}", true);
    List<ConfigProblem> problems = assertThrows(ConfigException.class,
        () -> new DataPreparation(e, Plugins.SOFTMAX_CROSS_ENTROPY).get()).problems();
    assertEquals(1, problems.size());
    assertEquals("data.standardize-targets", problems.get(0).path());
    assertEquals("standardize-targets applies to regression; a classifier's targets are classes",
        problems.get(0).message());
  }

  @Test
  void figuresAreInTheTargetsUnitsWhileTheLossIsTheOneTrainedOn() {
    Network net = new Network(new int[] {2, 4, 2}, List.of(Plugins.TANH, Plugins.IDENTITY), List.of("tanh", "identity"),
        new JavaKernels());
    SplittableRandom random = new SplittableRandom(3);
    double[] theta = new double[net.parameters().size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = random.nextDouble(-0.8, 0.8);
    }
    net.parameters().load(theta);
    int n = 30;
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-1, 1);
      y[i] = random.nextDouble(-1, 1);
    }
    Samples samples = new Samples(x, y, n, 2, 2);
    Standardizer units = Standardizer.of(new double[] {180, -2}, new double[] {25, 0.5});
    Metrics standardized = new Evaluator(net, Plugins.SQUARED, 8).evaluate(samples, false);
    Metrics inUnits = new Evaluator(net, Plugins.SQUARED, 8, units::restore).evaluate(samples, false);

    // by hand: outputs and targets mapped back, then the errors over every value
    double[] out = new double[2 * n];
    new Evaluator(net, Plugins.SQUARED, 8).predict(samples, out);
    double[] restoredOut = out.clone();
    double[] restoredY = y.clone();
    units.restore(restoredOut, n);
    units.restore(restoredY, n);
    double sq = 0;
    double abs = 0;
    for (int k = 0; k < 2 * n; k++) {
      sq += (restoredOut[k] - restoredY[k]) * (restoredOut[k] - restoredY[k]);
      abs += Math.abs(restoredOut[k] - restoredY[k]);
    }
    double[] mean = new double[2];
    for (int i = 0; i < n; i++) {
      mean[0] += restoredY[2 * i] / n;
      mean[1] += restoredY[2 * i + 1] / n;
    }
    double total = 0;
    for (int k = 0; k < 2 * n; k++) {
      total += (restoredY[k] - mean[k % 2]) * (restoredY[k] - mean[k % 2]);
    }
    assertEquals(Math.sqrt(sq / (2 * n)), inUnits.rmse(), 1e-12);
    assertEquals(abs / (2 * n), inUnits.mae(), 1e-12);
    assertEquals(1 - sq / total, inUnits.r2(), 1e-12);
    // the loss is the one trained on; R² of several targets weighs each by its spread, so it changes with the units
    assertEquals(standardized.loss(), inUnits.loss(), 0.0);
    assertArrayEquals(y, samples.y(), 0.0, "the samples are read, not changed");
  }
}
