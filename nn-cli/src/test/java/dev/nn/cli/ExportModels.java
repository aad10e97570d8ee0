package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small real models for the export tests, each trained once per test JVM (the export test classes share them)
 * into {@code target/export-tests}, and the raw feature rows to predict with them.
 */
final class ExportModels {
  /** Where the runs, the experiments written here and the exported files go. */
  static final Path DIR = Path.of("target", "export-tests");

  private static final Map<String, Path> TRAINED = new HashMap<>();

  private ExportModels() {}

  /** xor: one tanh layer, binary-cross-entropy (a sigmoid link), no scaler. */
  static Path xor() {
    return trained("xor", Path.of(Cli.XOR), List.of());
  }

  /** diabetes: regression with a scaler, tanh then identity, squared loss. */
  static Path diabetes() {
    return trained("diabetes", Path.of(Cli.DIABETES), List.of("training.epochs=10"));
  }

  /** iris: three classes, softmax-cross-entropy, in float64 or float32. */
  static Path iris(boolean float32) {
    String name = float32 ? "iris-float32" : "iris";
    return trained(name, experiment("iris", csv("iris.csv", "last", "classification"),
        List.of("{units: auto}", "{units: 8, activation: tanh}", "{units: auto, activation: identity}"),
        "softmax-cross-entropy", 15), float32 ? List.of("compute.precision=float32") : List.of());
  }

  /** digits: 64 pixels, ten classes, relu. */
  static Path digits() {
    return trained("digits", Cli.EXAMPLES.resolve("digits.yaml"), List.of("training.epochs=2"));
  }

  /** digits-conv: a convolution as shared and absent edges of W(1). */
  static Path digitsConv() {
    return trained("digits-conv", Cli.EXAMPLES.resolve("digits-conv.yaml"), List.of("training.epochs=1"));
  }

  /**
   * A regression through every built-in activation, with default and with other settings, one layer each, in
   * float64 or float32.
   */
  static Path everyActivation(boolean float32) {
    List<String> layers = new ArrayList<>(List.of("{units: auto}"));
    for (String a : List.of("relu", "sigmoid", "tanh", "softsign", "silu", "leaky-relu",
        "{name: leaky-relu, slope: 0.3}", "elu", "{name: elu, alpha: 0.5}", "hard-sigmoid", "hard-tanh",
        "{name: hard-tanh, min: -0.5, max: 0.75}", "softplus", "{name: softplus, beta: 2, threshold: 1.5}", "gelu",
        "{name: gelu, approximate: tanh}")) {
      layers.add("{units: 8, activation: " + a + "}");
    }
    layers.add("{units: auto, activation: identity}");
    String name = float32 ? "activations-float32" : "activations";
    return trained(name, experiment("activations", csv("diabetes.csv", "target", "regression"), layers, "squared", 3),
        float32 ? List.of("compute.precision=float32") : List.of());
  }

  /** xor with a plugin's activation (a test plugin) in its hidden layer. */
  static Path pluginActivation() {
    return trained("xor-plugin", Path.of(Cli.XOR), List.of("training.epochs=2",
        "network.layers[1].activation=" + SlightlyWrongTanhProvider.NAME));
  }

  /** The first {@code limit} rows of a data file's columns that {@code model} takes, in its order. */
  static double[][] rows(Model model, String dataFile, int limit) {
    try {
      List<String> lines = Files.readAllLines(Cli.EXAMPLES.resolve("data").resolve(dataFile));
      List<String> header = List.of(lines.get(0).split(","));
      List<String> features = model.spec().features();
      int n = Math.min(limit, lines.size() - 1);
      double[][] rows = new double[n][features.size()];
      for (int r = 0; r < n; r++) {
        String[] cells = lines.get(r + 1).split(",");
        for (int j = 0; j < features.size(); j++) {
          rows[r][j] = Double.parseDouble(cells[header.indexOf(features.get(j))]);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points around the unit square's corners, as xor's generator draws them. */
  static double[][] xorRows(int n) {
    Random random = new Random(11);
    double[][] rows = new double[n][2];
    for (int i = 0; i < n; i++) {
      rows[i][0] = (i >> 1 & 1) + 0.2 * random.nextGaussian();
      rows[i][1] = (i & 1) + 0.2 * random.nextGaussian();
    }
    return rows;
  }

  /** What {@code nn predict} writes for each row: {@link Model#predict}. */
  static double[][] predictions(Model model, double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      out[r] = model.predict(rows[r]);
    }
    return out;
  }

  private static synchronized Path trained(String name, Path experiment, List<String> overrides) {
    return TRAINED.computeIfAbsent(name, n -> {
      Nn nn = Nn.create();
      Path runs = DIR.resolve("runs-" + n);
      TrainingRun.Result r = nn.train(nn.load(experiment, overrides),
          new TrainingRun.Options(runs, null, List.of(), List.of(), Nn.version()));
      return r.directory().modelFile();
    });
  }

  private static String csv(String file, String target, String task) {
    return "{source: csv, path: " + Cli.EXAMPLES.resolve("data").resolve(file).toAbsolutePath() + ", target: "
        + target + ", task: " + task + "}";
  }

  private static Path experiment(String name, String train, List<String> layers, String loss, int epochs) {
    StringBuilder yaml = new StringBuilder("name: " + name + "\nseed: 3\ndata:\n  train: " + train
        + "\n  standardize: true\nnetwork:\n  layers:\n");
    layers.forEach(l -> yaml.append("    - ").append(l).append('\n'));
    yaml.append("loss: ").append(loss).append("\noptimizer: {name: adam, learning-rate: 0.01}\ntraining: {epochs: ")
        .append(epochs).append(", batch-size: 16}\n");
    try {
      Files.createDirectories(DIR);
      Path file = DIR.resolve(name + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
