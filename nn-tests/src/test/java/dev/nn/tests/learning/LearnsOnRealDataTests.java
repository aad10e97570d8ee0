package dev.nn.tests.learning;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.data.CsvReader;
import dev.nn.core.data.Dataset;
import dev.nn.core.random.Rng;
import dev.nn.core.data.Splits;
import dev.nn.core.data.Standardizer;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.schedule.LearningRateSchedule;
import dev.nn.core.train.Evaluator;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

/** Training on real data sets (copied into examples/data) reaches concrete, externally checked figures. */
class LearnsOnRealDataTests {
  private static final Path DATA = Path.of("..", "examples", "data");
  private final PluginRegistry registry = PluginRegistry.loadDefault();

  /**
   * One 80/20 split of 442 rows decides an R² by several hundredths either way, so the comparison is made on
   * ten splits (seeds 1 … 10, each network trained on its own split): on average the network's held-out R²
   * is no worse than least squares' minus 0.05 (measured: −0.019 on average, from −0.090 to +0.018).
   */
  @Test
  void diabetesWithTheLecturesSquaredLossAndBatchSizeOneMatchesLeastSquares() {
    double nnSum = 0;
    double olsSum = 0;
    StringBuilder figures = new StringBuilder();
    for (long seed = 1; seed <= 10; seed++) {
      double[] r2 = diabetesHeldOutR2(seed);
      nnSum += r2[0];
      olsSum += r2[1];
      figures.append(String.format(" split %d: %.3f against %.3f;", seed, r2[0], r2[1]));
    }
    assertTrue(nnSum / 10 >= olsSum / 10 - 0.05, "mean held-out R² " + nnSum / 10 + " against least squares "
        + olsSum / 10 + ":" + figures);
  }

  /** The held-out R² of the network and of least squares on the split of diabetes.csv drawn from seed. */
  private double[] diabetesHeldOutR2(long seed) {
    Dataset all = CsvReader.regression("target").read(DATA.resolve("diabetes.csv"));
    Splits.Split split = Splits.split(all, 0.0, 0.2, seed);
    Standardizer scaler = Standardizer.fit(split.train());
    Dataset train = scaler.transform(split.train());
    Dataset test = scaler.transform(split.test());
    // targets centred and scaled by the training split's figures; R² does not depend on that scale
    double[] ty = train.copyY();
    double mean = 0;
    for (double v : ty) {
      mean += v / ty.length;
    }
    double var = 0;
    for (double v : ty) {
      var += (v - mean) * (v - mean) / ty.length;
    }
    double sd = Math.sqrt(var);
    Samples trainSamples = scaledTargets(train, mean, sd);
    Samples testSamples = scaledTargets(test, mean, sd);

    Network net = new Network(new int[] {10, 8, 1}, List.of(registry.create(PluginKind.ACTIVATION, "tanh"), registry.create(PluginKind.ACTIVATION, "identity")),
        List.of("tanh", "identity"), new JavaKernels());
    net.initialize(registry.create(PluginKind.INITIALIZER, "xavier-uniform"), Rng.create(7));
    LearningRateSchedule rate = (t, e) -> 0.002;
    Trainer trainer = new Trainer(net, registry.create(PluginKind.LOSS, "squared"), registry.create(PluginKind.OPTIMIZER, "sgd"), rate,
        TrainingOptions.of(40, 1, 7), List.of());
    TrainingResult result = trainer.train(trainSamples, null, false);
    Metrics nn = new Evaluator(net, registry.create(PluginKind.LOSS, "squared"), 64).evaluate(testSamples, false);

    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(trainSamples.y(), rows(trainSamples));
    double[] beta = ols.estimateRegressionParameters();
    double ssRes = 0;
    double ssTot = 0;
    double testMean = 0;
    for (int r = 0; r < testSamples.rows(); r++) {
      testMean += testSamples.y()[r] / testSamples.rows();
    }
    for (int r = 0; r < testSamples.rows(); r++) {
      double pred = beta[0];
      for (int j = 0; j < 10; j++) {
        pred += beta[j + 1] * testSamples.x()[r * 10 + j];
      }
      double e = testSamples.y()[r] - pred;
      ssRes += e * e;
      ssTot += (testSamples.y()[r] - testMean) * (testSamples.y()[r] - testMean);
    }
    double olsR2 = 1 - ssRes / ssTot;
    assertTrue(result.last().trainLoss() < 0.7 * result.epochs().get(0).trainLoss(), "training loss fell, split " + seed);
    return new double[] {nn.r2(), olsR2};
  }

  @Test
  void digitsWithSoftmaxCrossEntropyIsMoreThanNinetyPercentRightOnHeldOutRows() {
    Dataset all = CsvReader.classification("last").read(DATA.resolve("digits.csv"));
    Splits.Split split = Splits.split(all, 0.0, 0.2, 42);
    Standardizer scaler = Standardizer.fit(split.train());
    Samples train = samples(scaler.transform(split.train()));
    Samples test = samples(scaler.transform(split.test()));
    Network net = new Network(new int[] {64, 32, 10}, List.of(registry.create(PluginKind.ACTIVATION, "relu"), registry.create(PluginKind.ACTIVATION, "identity")),
        List.of("relu", "identity"), new JavaKernels());
    net.initialize(registry.create(PluginKind.INITIALIZER, "he-uniform"), Rng.create(3));
    Trainer trainer = new Trainer(net, registry.create(PluginKind.LOSS, "softmax-cross-entropy"), registry.create(PluginKind.OPTIMIZER, "sgd"),
        (t, e) -> 0.05, TrainingOptions.of(20, 16, 3), List.of());
    TrainingResult result = trainer.train(train, null, true);
    Metrics m = new Evaluator(net, registry.create(PluginKind.LOSS, "softmax-cross-entropy"), 64).evaluate(test, true);
    assertTrue(result.last().trainLoss() < 0.2 * result.epochs().get(0).trainLoss(), "training loss fell");
    assertTrue(m.accuracy() > 0.90, "held-out accuracy " + m.accuracy());
  }

  private static Samples scaledTargets(Dataset d, double mean, double sd) {
    double[] y = d.copyY();
    for (int i = 0; i < y.length; i++) {
      y[i] = (y[i] - mean) / sd;
    }
    return new Samples(d.copyX(), y, d.size(), d.featureCount(), 1);
  }

  private static double[][] rows(Samples s) {
    double[][] x = new double[s.rows()][s.inputs()];
    for (int r = 0; r < s.rows(); r++) {
      System.arraycopy(s.x(), r * s.inputs(), x[r], 0, s.inputs());
    }
    return x;
  }

  private static Samples samples(Dataset d) {
    return new Samples(d.copyX(), d.copyY(), d.size(), d.featureCount(), d.targetCount());
  }
}
