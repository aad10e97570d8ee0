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

  /** {@code file} in {@link #DIR}, which is created when missing: a test may export before any model is trained. */
  static Path output(String file) {
    try {
      return java.nio.file.Files.createDirectories(DIR).resolve(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** xor: one tanh layer, binary-cross-entropy (a sigmoid link), no scaler. */
  static Path xor() {
    return trained("xor", Path.of(Cli.XOR), List.of());
  }

  /** diabetes: regression with a scaler, tanh then identity, squared loss. */
  static Path diabetes() {
    return trained("diabetes", Path.of(Cli.DIABETES), List.of("training.epochs=10"));
  }

  /** linnerud: three targets, standardised for training (a target scaler), in float64 or float32. */
  static Path linnerud(boolean float32) {
    String name = float32 ? "linnerud-float32" : "linnerud";
    List<String> overrides = new java.util.ArrayList<>(List.of("training.epochs=20"));
    if (float32) {
      overrides.add("compute.precision=float32");
    }
    return trained(name, Cli.EXAMPLES.resolve("linnerud.yaml"), overrides);
  }

  /** penguins: the island encoded one-hot (the graph's first step), three classes, in float64 or float32. */
  static Path penguins(boolean float32) {
    String name = float32 ? "penguins-float32" : "penguins";
    List<String> overrides = new ArrayList<>(List.of("training.epochs=10"));
    if (float32) {
      overrides.add("compute.precision=float32");
    }
    return trained(name, Cli.EXAMPLES.resolve("penguins.yaml"), overrides);
  }

  /** penguins without standardisation: the one-hot encoding is the graph's only step before the first layer. */
  static Path penguinsUnscaled() {
    return trained("penguins-unscaled", Cli.EXAMPLES.resolve("penguins.yaml"),
        List.of("training.epochs=10", "data.standardize=false"));
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
   * A 1-1 network whose only layer has {@code activation} (YAML, e.g. {@code relu} or {@code {name: elu, alpha:
   * 0.5}}), trained for one epoch with a tiny learning rate on {@link #GRID}, in float64 or float32: its output
   * is φ(w·z + b) with w and b near their initial values, so that the grid's z sweeps φ's whole shape.
   */
  static Path oneActivation(String activation, boolean float32) {
    String name = "phi-" + activation.replaceAll("[^a-z0-9.]+", "-") + (float32 ? "-float32" : "");
    Path data = grid();
    StringBuilder yaml = new StringBuilder("name: phi\nseed: 5\ndata:\n  train: {source: csv, path: "
        + data.toAbsolutePath() + ", target: y, task: regression}\n  standardize: false\nnetwork:\n  layers:\n"
        + "    - {units: 1}\n    - {units: 1, activation: " + activation + "}\n  init: xavier-uniform\n"
        + "loss: squared\noptimizer: {name: sgd, learning-rate: 0.000001}\ntraining: {epochs: 1, batch-size: 64}\n");
    try {
      Path file = DIR.resolve(name + ".yaml");
      Files.writeString(file, yaml);
      return trained(name, file, float32 ? List.of("compute.precision=float32") : List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * x from −80 to 80 in steps of 0.1, and some tiny values around 0, with a target of 0. With the seed's initial
   * w ≈ 0.5, z = w·x + b reaches ±40: both tails of every activation, where σ and Φ are as small as 1e−18 and
   * 1e−300, and the points where they underflow.
   */
  static final double[][] GRID = gridRows();

  private static double[][] gridRows() {
    List<Double> z = new ArrayList<>();
    for (int i = -800; i <= 800; i++) {
      z.add(i * 0.1);
    }
    for (double tiny : new double[] {1e-3, 1e-6, 1e-9, 1e-12}) {
      z.add(tiny);
      z.add(-tiny);
    }
    double[][] rows = new double[z.size()][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = new double[] {z.get(r)};
    }
    return rows;
  }

  private static Path grid() {
    try {
      Files.createDirectories(DIR);
      Path file = DIR.resolve("grid.csv");
      StringBuilder csv = new StringBuilder("z,y\n");
      for (double[] r : GRID) {
        csv.append(r[0]).append(",0\n");
      }
      Files.writeString(file, csv);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A float32 regression on a column of timestamps: values near 1.7e9 that vary by about 100 seconds, and a
   * target that follows them. Rounded to float before their mean is subtracted, such values would move in steps
   * of 128 and lose what the model learned from them.
   */
  static Path timestamps() {
    try {
      Files.createDirectories(DIR);
      Path data = DIR.resolve("timestamps.csv");
      Random random = new Random(17);
      StringBuilder csv = new StringBuilder("time,level,y\n");
      for (int r = 0; r < TIMESTAMP_ROWS.length; r++) {
        double[] row = TIMESTAMP_ROWS[r];
        double y = Math.sin((row[0] - 1.7e9) / 40) + 0.5 * row[1] + 0.01 * random.nextGaussian();
        csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.6f,%.6f%n", row[0], row[1], y));
      }
      Files.writeString(data, csv);
      Path file = experiment("timestamps", "{source: csv, path: " + data.toAbsolutePath() + ", target: y, task:"
          + " regression}", List.of("{units: 2}", "{units: 16, activation: tanh}", "{units: 1, activation: identity}"), "squared", 30);
      return trained("timestamps-float32", file, List.of("compute.precision=float32"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A float32 regression of {@link #timestamps()}'s rows whose target lies near 1.7e9 and varies by about 50, trained
   * on standardized targets: its predictions are mapped back to those units in double.
   */
  static Path largeTargets() {
    try {
      Files.createDirectories(DIR);
      Path data = DIR.resolve("large-targets.csv");
      StringBuilder csv = new StringBuilder("time,level,y\n");
      for (double[] row : TIMESTAMP_ROWS) {
        double y = 1.7e9 + 20 * Math.sin((row[0] - 1.7e9) / 40) + 10 * row[1];
        csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.6f,%.3f%n", row[0], row[1], y));
      }
      Files.writeString(data, csv);
      Path file = experiment("large-targets", "{source: csv, path: " + data.toAbsolutePath() + ", target: y, task:"
          + " regression}", List.of("{units: 2}", "{units: 16, activation: tanh}", "{units: 1, activation: identity}"),
          "squared", 30);
      return trained("large-targets-float32", file, List.of("compute.precision=float32",
          "data.standardize-targets=true"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of {@link #timestamps()}: the time, 1.7e9 + up to 300 seconds with its milliseconds, and a level. */
  static final double[][] TIMESTAMP_ROWS = timestampRows();

  private static double[][] timestampRows() {
    Random random = new Random(13);
    double[][] rows = new double[200][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = new double[] {1.7e9 + Math.round(random.nextDouble() * 300_000) / 1000.0, random.nextGaussian()};
    }
    return rows;
  }

  /** xor with a plugin's activation (a test plugin) in its hidden layer. */
  static Path pluginActivation() {
    return trained("xor-plugin", Path.of(Cli.XOR), List.of("training.epochs=2",
        "network.layers[1].activation=" + SlightlyWrongTanhProvider.NAME));
  }

  /** diabetes with a plugin's loss (a test plugin) whose link is the interface's default or its own. */
  static Path pluginLoss(String link) {
    return trained("diabetes-" + link + "-link", Path.of(Cli.DIABETES), List.of("training.epochs=2",
        "loss={name: " + TestSquaredProvider.NAME + ", link: " + link + "}"));
  }

  /** diabetes with a plugin's activation in its hidden layer and a plugin's loss with a link of its own. */
  static Path pluginActivationAndLoss() {
    return trained("diabetes-plugins", Path.of(Cli.DIABETES), List.of("training.epochs=2",
        "network.layers[1].activation=" + SlightlyWrongTanhProvider.NAME,
        "loss={name: " + TestSquaredProvider.NAME + ", link: doubled}"));
  }

  /** The first {@code limit} rows of a data file's columns that {@code model} takes, in its order. */
  static double[][] rows(Model model, String dataFile, int limit) {
    try {
      List<String> lines = Files.readAllLines(Cli.EXAMPLES.resolve("data").resolve(dataFile));
      List<String> header = List.of(lines.get(0).split(","));
      List<String> features = model.spec().inputs();
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
