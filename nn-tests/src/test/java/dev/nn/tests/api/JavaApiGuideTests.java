package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.activations.IdentityProvider;
import dev.nn.api.Activation;
import dev.nn.core.Evaluation;
import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.data.Dataset;
import dev.nn.core.random.Rng;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.init.XavierUniformProvider;
import dev.nn.core.model.Model;
import dev.nn.core.network.Network;
import dev.nn.core.optim.SgdProvider;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.train.Gradient;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import dev.nn.core.train.TrainingResult;
import dev.nn.losses.SquaredProvider;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.ConfigException;
import dev.nn.spi.Settings;
import dev.nn.tests.plugins.PluginExampleJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every snippet of {@code docs/java-api.md} as the guide writes it, so that the guide cannot drift from
 * the API: the code between {@code // guide:} and {@code // end of guide} markers is the guide's, except that
 * the files it names are placed in a temporary directory. The assertions check real figures of each task.
 */
class JavaApiGuideTests {
  /** The experiment of "Train in-memory samples into a run directory", as the guide writes it. */
  static final String QUADRANTS = """
      name: quadrants
      seed: 7
      data:
        train: {source: generator, name: xor, samples: 200}   # required, not read: the samples come from code
        validation: {split: 0.2}
        standardize: true
      network:
        layers:
          - {units: auto}
          - {units: 8, activation: tanh}
          - {units: auto, activation: identity}
        init: xavier-uniform
      loss: binary-cross-entropy
      optimizer: {name: adam, learning-rate: 0.05}
      training: {epochs: 40, batch-size: 8}
      """;

  @TempDir
  Path tmp;

  /** "Build a network in code and train it on arrays". */
  private record Trained(Nn nn, Network network, Dataset data, TrainingResult result) {}

  private static Trained trainXorInCode() {
    // guide: build a network in code and train it on arrays
    Nn nn = Nn.create();                                          // the plugins on the class path
    double[] x = {0, 0, 0, 1, 1, 0, 1, 1};                       // 4 rows × 2 inputs, row-major
    int[] classes = {0, 1, 1, 0};                                 // XOR
    Dataset data = Dataset.classification("xor", x, classes, List.of("a", "b"), "xor", List.of("no", "yes"))
        .withBinaryTarget();                                      // one 0/1 target column for one logit
    Network network = nn.network(new int[] {2, 4, 1}, "tanh", "identity");
    network.initialize(nn.plugins().create(PluginKind.INITIALIZER, "xavier-uniform"), Rng.create(7));
    Trainer trainer = new Trainer(network, nn.plugins().create(PluginKind.LOSS, "binary-cross-entropy"),
        nn.plugins().create(PluginKind.OPTIMIZER, "adam"), (update, epoch) -> 0.05,
        TrainingOptions.of(300, 4, 7), List.of());
    TrainingResult result = trainer.train(nn.samples(data), null, true);
    // end of guide
    return new Trained(nn, network, data, result);
  }

  @Test
  void aNetworkBuiltInCodeLearnsXorFromArrays() {
    Trained t = trainXorInCode();
    assertEquals(300, t.result().epochs().size());
    double first = t.result().epochs().get(0).trainLoss();
    double last = t.result().last().trainLoss();
    assertTrue(last < 0.1 * first, "loss " + first + " -> " + last);
    Model model = t.nn().model(t.network(), "binary-cross-entropy", t.data(), null);
    assertTrue(model.predict(new double[] {1, 0})[0] > 0.9, "P(yes | 1, 0)");
    assertTrue(model.predict(new double[] {1, 1})[0] < 0.1, "P(yes | 1, 1)");
  }

  /** data.md: Splits.shuffle, called from outside nn, gives every row once in the seeded order split takes. */
  @Test
  void theDataGuidesShuffleIsOpenToCallersAndKeepsEveryRow() {
    Dataset data = Dataset.regression("n", new double[] {0, 1, 2, 3, 4, 5}, new double[] {0, 1, 2, 3, 4, 5},
        List.of("x"), List.of("y"));
    Dataset once = dev.nn.core.data.Splits.shuffle(data, 3);
    Dataset again = dev.nn.core.data.Splits.shuffle(data, 3);
    double[] seen = new double[6];
    for (int r = 0; r < 6; r++) {
      seen[r] = once.x(r, 0);
      assertEquals(once.x(r, 0), once.y(r, 0));
      assertEquals(once.x(r, 0), again.x(r, 0));
    }
    java.util.Arrays.sort(seen);
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, seen, 0.0);
  }

  @Test
  void theGradientAtChosenWeightsIsTheDerivativeOfJ() {
    // guide: the gradient at weights you choose
    Nn nn = Nn.create();
    Network network = nn.network(new int[] {2, 3, 1}, "tanh", "identity");
    network.setLayer(1, new double[][] {{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}}, new double[] {0.01, 0.02, 0.03});
    network.setLayer(2, new double[][] {{0.7}, {-0.8}, {0.9}}, new double[] {0.05});
    Samples batch = new Samples(new double[] {1, 2, -1, 0.5}, new double[] {0.3, -0.4}, 2, 2, 1);  // B = 2 rows
    Gradient g = nn.gradient(network, nn.plugins().create(PluginKind.LOSS, "squared"), batch, 0.1);
    double j = g.objective();                 // J = (1/B)·Σ L_n + (λ/2)·Σw², here λ = 0.1
    double[][] dW1 = g.weights(1);            // ∂J/∂w(1)ij at [i][j]
    double[] db2 = g.biases(2);               // ∂J/∂b(2)j
    // end of guide
    // ∂J/∂b(2) = (1/B)·Σ_n −2(y_n − x_n): the outputs by hand
    double out0 = 0.05 + 0.7 * Math.tanh(0.01 + 0.1 * 1 + 0.4 * 2) - 0.8 * Math.tanh(0.02 - 0.2 * 1 + 0.5 * 2)
        + 0.9 * Math.tanh(0.03 + 0.3 * 1 - 0.6 * 2);
    double out1 = 0.05 + 0.7 * Math.tanh(0.01 + 0.1 * -1 + 0.4 * 0.5) - 0.8 * Math.tanh(0.02 - 0.2 * -1 + 0.5 * 0.5)
        + 0.9 * Math.tanh(0.03 + 0.3 * -1 - 0.6 * 0.5);
    assertEquals((-2 * (0.3 - out0) - 2 * (-0.4 - out1)) / 2, db2[0], 1e-15);
    double squares = 0.01 + 0.04 + 0.09 + 0.16 + 0.25 + 0.36 + 0.49 + 0.64 + 0.81;
    assertEquals((Math.pow(0.3 - out0, 2) + Math.pow(-0.4 - out1, 2)) / 2 + 0.05 * squares, j, 1e-15);
    assertEquals(3, dW1[1].length);
  }

  @Test
  void aModelBuiltInCodeSavesAndLoadsBitForBit() {
    Trained t = trainXorInCode();
    Nn nn = t.nn();
    Network network = t.network();
    Dataset data = t.data();
    Path file = tmp.resolve("xor.nnm");
    // guide: save and load a model
    Model model = nn.model(network, "binary-cross-entropy", data, null);  // names, classes, plugins
    nn.saveModel(model, file);
    Model loaded = nn.loadModel(file);
    double[] p = loaded.predict(new double[] {1, 0});                    // P(yes)
    // end of guide
    assertArrayEquals(model.predict(new double[] {1, 0}), p);
    for (double[] row : new double[][] {{0, 0}, {0, 1}, {1, 1}, {0.3, -2.5}}) {
      assertArrayEquals(model.predict(row), loaded.predict(row), "bit for bit at " + List.of(row[0], row[1]));
    }
    assertEquals(List.of("no", "yes"), loaded.spec().classes());
    assertEquals(List.of("a", "b"), loaded.spec().features());
  }

  @Test
  void aModelEvaluatesAndPredictsCsvFiles() throws Exception {
    Trained t = trainXorInCode();
    Nn nn = t.nn();
    Model model = nn.model(t.network(), "binary-cross-entropy", t.data(), null);
    Path labelled = tmp.resolve("labelled.csv");
    Path unlabelled = tmp.resolve("new.csv");
    Path predictions = tmp.resolve("predictions.csv");
    Files.writeString(labelled, "b,a,xor\n0,0,0\n1,0,1\n0,1,1\n1,1,0\n");     // columns in any order
    Files.writeString(unlabelled, "a,b\n1,0\n1,1\n");
    // guide: evaluate and predict
    Evaluation evaluation = nn.evaluate(model, labelled, null);          // the target column: "xor"
    double accuracy = evaluation.metrics().accuracy();                   // confusion() for the matrix
    int rows = nn.predict(model, unlabelled, predictions);               // p_yes,class per row
    // end of guide
    assertEquals(1.0, accuracy);
    assertEquals(4, evaluation.rows());
    assertEquals(2, rows);
    List<String> lines = Files.readAllLines(predictions);
    assertEquals("p_yes,class", lines.get(0));
    assertEquals(model.predict(new double[] {1, 0})[0], Double.parseDouble(lines.get(1).split(",")[0]));
    assertEquals(List.of("yes", "no"), List.of(lines.get(1).split(",")[1], lines.get(2).split(",")[1]));
  }

  /** The guide's in-memory samples: points of the square, class 1 where both coordinates share a sign. */
  static Dataset quadrants(List<String> labels) {
    // guide: in-memory samples
    RandomGenerator random = Rng.create(1);
    double[] x = new double[200 * 2];
    int[] classes = new int[200];
    for (int i = 0; i < 200; i++) {
      x[2 * i] = random.nextDouble(-1, 1);
      x[2 * i + 1] = random.nextDouble(-1, 1);
      classes[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0;
    }
    Dataset samples = Dataset.classification("quadrants", x, classes, List.of("a", "b"), "same-sign", labels);
    // end of guide
    return samples;
  }

  @Test
  void inMemorySamplesTrainIntoARunDirectory() {
    Dataset samples = quadrants(List.of("no", "yes"));
    Path runs = tmp.resolve("runs");
    // guide: train in-memory samples into a run directory
    Nn nn = Nn.create();
    Experiment experiment = nn.parse(QUADRANTS, List.of());
    TrainingRun.Result run = nn.train(experiment, samples, null, TrainingRun.Options.into(runs));
    Model model = nn.loadModel(run.directory().modelFile());
    // end of guide
    assertTrue(Files.isRegularFile(runs.resolve(run.directory().path().getFileName()).resolve("model.nnm")));
    assertTrue(run.directory().path().getFileName().toString().startsWith("quadrants-"));
    assertEquals(40, run.validation().rows(), "validation: {split: 0.2} of 200 rows");
    assertNull(run.test(), "test: {split: 0.0} by default");
    double first = run.training().epochs().get(0).trainLoss();
    assertTrue(run.training().last().trainLoss() < 0.5 * first, "loss " + first + " -> "
        + run.training().last().trainLoss());
    assertTrue(run.validation().accuracy() > 0.85, "validation accuracy " + run.validation().accuracy());
    assertTrue(model.spec().means() != null, "standardize: true fits a scaler, saved with the model");
    double[] row = {0.4, -0.7};
    assertArrayEquals(run.model().predict(row), model.predict(row), "the saved model predicts as the trained one");
  }

  @Test
  void inMemorySamplesArePreparedExactlyAsTheSameSamplesReadFromAFile() throws Exception {
    Dataset samples = quadrants(List.of("0", "1"));
    StringBuilder csv = new StringBuilder("a,b,same-sign\n");
    for (int i = 0; i < samples.size(); i++) {
      csv.append(samples.x(i, 0)).append(',').append(samples.x(i, 1)).append(',').append(samples.classOf(i))
          .append('\n');
    }
    Files.writeString(tmp.resolve("quadrants.csv"), csv);
    Nn nn = Nn.create();
    String fromFile = QUADRANTS.replace("{source: generator, name: xor, samples: 200}",
        "{source: csv, path: " + tmp.resolve("quadrants.csv") + ", target: last, task: classification}");
    TrainingRun.Result file = nn.train(nn.parse(fromFile, List.of()), TrainingRun.Options.into(tmp.resolve("a")));
    TrainingRun.Result memory = nn.train(nn.parse(QUADRANTS, List.of()), samples, null,
        TrainingRun.Options.into(tmp.resolve("b")));
    assertEquals(file.training().last().trainLoss(), memory.training().last().trainLoss(),
        "the same split, standardisation, target encoding and training");
    assertEquals(file.validation().loss(), memory.validation().loss());
    assertArrayEquals(file.model().spec().means(), memory.model().spec().means());
  }

  @Test
  void anExperimentReadFromAStringTakesOverridesAndReportsProblemsWithLines() {
    // guide: load YAML from a string
    Nn nn = Nn.create();
    Experiment experiment = nn.parse(QUADRANTS, List.of("training.epochs=5", "optimizer.learning-rate=0.1"));
    // end of guide
    assertEquals(5, experiment.training().epochs());
    assertEquals(0.1, experiment.optimizer().learningRate());
    assertEquals("quadrants", experiment.name());
    assertEquals("experiment", nn.parse(QUADRANTS.replace("name: quadrants\n", ""), List.of()).name());
    ConfigException e = assertThrows(ConfigException.class,
        () -> nn.parse(QUADRANTS.replace("activation: tanh", "activation: tahn"), List.of()));
    assertTrue(e.getMessage().contains("tahn") && e.getMessage().contains("tanh"), e.getMessage());
    assertTrue(e.problems().get(0).line() > 0, "the problem has a line: " + e.getMessage());
  }

  // guide: plugins defined in code
  /** The activation "square-plus", φ(z) = (z + √(z² + 4)) / 2: a smooth relu. */
  static final class SquarePlusProvider implements ActivationProvider {
    @Override
    public String name() {
      return "square-plus";
    }

    @Override
    public String summary() {
      return "(z + sqrt(z^2 + 4)) / 2";
    }

    @Override
    public Activation create(Settings settings) {
      return new Activation() {
        @Override
        public double phi(double z) {
          return (z + Math.sqrt(z * z + 4)) / 2;
        }

        @Override
        public double phiPrime(double z, double x) {
          return (1 + z / Math.sqrt(z * z + 4)) / 2;
        }
      };
    }
  }
  // end of guide

  @Test
  void aPluginDefinedInCodeTrainsLikeAJarPlugin() {
    Dataset samples = Dataset.regression("line", new double[] {-2, -1, 0, 1, 2, 3}, new double[] {-3, -1, 1, 3, 5, 7},
        List.of("x"), List.of("y"));
    // guide: plugins defined in code, in use
    PluginRegistry plugins = PluginRegistry.of(List.of(new SquarePlusProvider(), new IdentityProvider(),
        new SquaredProvider(), new SgdProvider(), new XavierUniformProvider()));
    Nn nn = Nn.withPlugins(plugins);
    Network network = nn.network(new int[] {1, 3, 1}, "square-plus", "identity");
    // end of guide
    network.initialize(nn.plugins().create(PluginKind.INITIALIZER, "xavier-uniform"), Rng.create(3));
    Trainer trainer = new Trainer(network, nn.plugins().create(PluginKind.LOSS, "squared"),
        nn.plugins().create(PluginKind.OPTIMIZER, "sgd"), (update, epoch) -> 0.01, TrainingOptions.of(200, 1, 3),
        List.of());
    TrainingResult result = trainer.train(nn.samples(samples), null, false);
    assertTrue(result.last().trainLoss() < 0.05 * result.epochs().get(0).trainLoss(),
        "loss " + result.epochs().get(0).trainLoss() + " -> " + result.last().trainLoss());
    assertThrows(ConfigException.class, () -> nn.network(new int[] {1, 1}, "relu"),
        "the registry holds exactly the plugins given");
  }

  @Test
  void pluginJarsOnAPluginPathAreFound() throws Exception {
    Path pluginDirectory = PluginExampleJar.build(tmp).getParent();
    // guide: plugin jars
    Nn nn = Nn.withPluginPath(List.of(pluginDirectory));                 // a jar, or a directory of jars
    System.out.println(nn.plugins().names(PluginKind.ACTIVATION));       // [acme-swish, elu, ..., tanh]
    // end of guide
    assertTrue(nn.plugins().names(PluginKind.ACTIVATION).contains("acme-swish"));
    assertTrue(nn.plugins().names(PluginKind.ACTIVATION).contains("relu"), "the built-ins stay");
    Network network = nn.network(new int[] {2, 3, 1}, "acme-swish", "identity");
    assertEquals("acme-swish", network.activationName(1));
  }
}
