package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.nn.core.Nn;
import dev.nn.core.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code nn export --format onnx} on models trained here, run in ONNX Runtime on real samples and compared with
 * nn's own predictions ({@link Model#predict}, what {@code nn predict} writes): within 1e-9 relative for float64
 * models, 1e-5 for float32 ones, whose graph computes in float (a few 1e-6 is usual: the products sum in float32
 * in another order).
 */
class OnnxExportTests {
  private static final double FLOAT64_TOLERANCE = 1e-9;
  static final double FLOAT32_TOLERANCE = 1e-5;

  @Test
  void xorGivesTheProbabilitiesNnPredictWrites() throws Exception {
    Path model = ExportModels.xor();
    Path onnx = export(model, "xor.onnx");
    double[][] rows = ExportModels.xorRows(40);
    StringBuilder csv = new StringBuilder("x1,x2\n");
    for (double[] r : rows) {
      csv.append(r[0]).append(',').append(r[1]).append('\n');
    }
    Path input = ExportModels.DIR.resolve("xor-points.csv");
    Files.writeString(input, csv);
    Path written = ExportModels.DIR.resolve("xor-predictions.csv");
    Cli.Outcome o = Cli.run("predict", model.toString(), "--input", input.toString(), "--output", written.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = Files.readAllLines(written);
    double[][] predicted = new double[rows.length][1];
    for (int r = 0; r < rows.length; r++) {
      predicted[r][0] = Double.parseDouble(lines.get(r + 1).split(",")[0]);
    }
    double[][] fromOnnx = run(onnx, rows, false);
    assertClose(predicted, fromOnnx, FLOAT64_TOLERANCE, "xor");
    // a sigmoid link: probabilities, not logits
    for (double[] p : fromOnnx) {
      assertTrue(p[0] > 0 && p[0] < 1, "a probability: " + p[0]);
    }
  }

  @Test
  void theGraphTakesFeaturesAndGivesPredictionsWithTheModelsNames() throws Exception {
    Path onnx = export(ExportModels.iris(false), "iris-names.onnx");
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(onnx.toString(), options())) {
      TensorInfo in = (TensorInfo) s.getInputInfo().get("features").getInfo();
      TensorInfo out = (TensorInfo) s.getOutputInfo().get("predictions").getInfo();
      assertEquals(OnnxJavaType.DOUBLE, in.type);
      assertArrayEquals(new long[] {-1, 4}, in.getShape());
      assertEquals(OnnxJavaType.DOUBLE, out.type);
      assertArrayEquals(new long[] {-1, 3}, out.getShape());
      Map<String, String> meta = s.getMetadata().getCustomMetadata();
      assertEquals("[\"sepal_length_cm\", \"sepal_width_cm\", \"petal_length_cm\", \"petal_width_cm\"]",
          meta.get("features"));
      assertEquals("[\"0\", \"1\", \"2\"]", meta.get("classes"));
      assertEquals("softmax", meta.get("link"));
      assertEquals("nn", s.getMetadata().getProducerName());
    }
  }

  @Test
  void diabetesRegression() throws Exception {
    compare(ExportModels.diabetes(), "diabetes", ExportModels.rows(load(ExportModels.diabetes()), "diabetes.csv", 442),
        false);
  }

  @Test
  void irisProbabilitiesSumToOne() throws Exception {
    Model model = load(ExportModels.iris(false));
    double[][] fromOnnx = compare(ExportModels.iris(false), "iris", ExportModels.rows(model, "iris.csv", 150), false);
    for (double[] p : fromOnnx) {
      assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
    }
  }

  @Test
  void digits() throws Exception {
    compare(ExportModels.digits(), "digits", ExportModels.rows(load(ExportModels.digits()), "digits.csv", 300), false);
  }

  @Test
  void aConvolutionOfSharedAndAbsentEdgesAsItsDenseMatrices() throws Exception {
    Path model = ExportModels.digitsConv();
    compare(model, "digits-conv", ExportModels.rows(load(model), "digits.csv", 300), false);
  }

  @Test
  void aFloat32ModelTakesDoublesAndGivesDoubles() throws Exception {
    Path model = ExportModels.iris(true);
    compare(model, "iris-float32", ExportModels.rows(load(model), "iris.csv", 150), true);
    Path onnx = ExportModels.DIR.resolve("iris-float32.onnx");
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(onnx.toString(), options())) {
      assertEquals(OnnxJavaType.DOUBLE, ((TensorInfo) s.getInputInfo().get("features").getInfo()).type);
      assertEquals(OnnxJavaType.DOUBLE, ((TensorInfo) s.getOutputInfo().get("predictions").getInfo()).type);
    }
  }

  /**
   * A float32 regression trained on standardized targets near 1.7e9 gives what nn predicts to well under a unit: the
   * graph rounded the value in the targets' units to float last, so it came out in steps of 128 (off by up to 64).
   */
  @Test
  void aFloat32RegressionMapsItsOutputsToLargeTargetsInDouble() throws Exception {
    Path model = ExportModels.largeTargets();
    double[][] expected = ExportModels.predictions(load(model), ExportModels.TIMESTAMP_ROWS);
    double lowest = java.util.Arrays.stream(expected).mapToDouble(p -> p[0]).min().orElseThrow();
    double highest = java.util.Arrays.stream(expected).mapToDouble(p -> p[0]).max().orElseThrow();
    assertTrue(highest - lowest > 10 && lowest > 1.6e9, "predictions near 1.7e9 that vary: " + lowest + " to " + highest);
    Path onnx = ExportModels.output("large-targets-float32.onnx");
    assertEquals(0, Cli.run("export", model.toString(), "--format", "onnx", "--output", onnx.toString()).code());
    double[][] actual = run(onnx, ExportModels.TIMESTAMP_ROWS, true);
    for (int r = 0; r < expected.length; r++) {
      assertEquals(expected[r][0], actual[r][0], 0.01, "row " + r);
    }
  }

  /**
   * A float32 model standardises its raw inputs in double, as nn does: timestamps near 1.7e9 that vary by 300
   * seconds keep their signal (rounded to float first, they moved in steps of 128 and the predictions were off by
   * 0.28).
   */
  @Test
  void aFloat32ModelStandardisesLargeValuesInDouble() throws Exception {
    Path model = ExportModels.timestamps();
    double[][] expected = ExportModels.predictions(load(model), ExportModels.TIMESTAMP_ROWS);
    double spread = java.util.Arrays.stream(expected).mapToDouble(p -> p[0]).max().orElseThrow()
        - java.util.Arrays.stream(expected).mapToDouble(p -> p[0]).min().orElseThrow();
    assertTrue(spread > 1, "the model's predictions follow the time: they span " + spread);
    compare(model, "timestamps-float32", ExportModels.TIMESTAMP_ROWS, true);
  }

  /** Every built-in activation, with its defaults and with other settings, for z from −40 to 40. */
  @ParameterizedTest
  @ValueSource(strings = {"identity", "relu", "sigmoid", "tanh", "softsign", "silu", "leaky-relu",
      "{name: leaky-relu, slope: 0.3}", "elu", "{name: elu, alpha: 0.5}", "hard-sigmoid", "hard-tanh",
      "{name: hard-tanh, min: -0.5, max: 0.75}", "softplus", "{name: softplus, beta: 2, threshold: 1.5}", "gelu",
      "{name: gelu, approximate: tanh}"})
  void everyBuiltInActivationInFloat64(String activation) throws Exception {
    Path model = ExportModels.oneActivation(activation, false);
    compare(model, "phi-" + activation.replaceAll("[^a-z0-9.]+", "-"), ExportModels.GRID, false);
  }

  /** The same in float32. */
  @ParameterizedTest
  @ValueSource(strings = {"identity", "relu", "sigmoid", "tanh", "softsign", "silu", "leaky-relu",
      "{name: leaky-relu, slope: 0.3}", "elu", "{name: elu, alpha: 0.5}", "hard-sigmoid", "hard-tanh",
      "{name: hard-tanh, min: -0.5, max: 0.75}", "softplus", "{name: softplus, beta: 2, threshold: 1.5}", "gelu",
      "{name: gelu, approximate: tanh}"})
  void everyBuiltInActivationInFloat32(String activation) throws Exception {
    Path model = ExportModels.oneActivation(activation, true);
    compare(model, "phi-" + activation.replaceAll("[^a-z0-9.]+", "-") + "-float32", ExportModels.GRID, true);
  }

  @Test
  void aPluginLossThatKeepsTheDefaultLinkPredictsTheOutputLayer() throws Exception {
    Path model = ExportModels.pluginLoss("plain");
    compare(model, "diabetes-plugin-loss", ExportModels.rows(load(model), "diabetes.csv", 442), false);
  }

  @Test
  void aModelTrainedOnStandardisedTargetsPredictsInTheTargetsUnits() throws Exception {
    for (boolean float32 : new boolean[] {false, true}) {
      Path model = ExportModels.linnerud(float32);
      String name = float32 ? "linnerud-float32" : "linnerud";
      double[][] actual = compare(model, name, ExportModels.rows(load(model), "linnerud.csv", 20), float32);
      // weights near 180 lb, waists near 35 in: the targets' units, not standardised ones near 0
      for (double[] p : actual) {
        assertTrue(p[0] > 100 && p[0] < 260 && p[1] > 20 && p[1] < 50, name + ": " + java.util.Arrays.toString(p));
      }
    }
  }

  @Test
  void aModelThatEncodesColumnsOneHotTakesTheirCodesAsTheyAreInTheFile() throws Exception {
    for (boolean float32 : new boolean[] {false, true}) {
      Path model = ExportModels.penguins(float32);
      String name = float32 ? "penguins-float32" : "penguins";
      double[][] rows = ExportModels.rows(load(model), "penguins.csv", 333);
      assertEquals(7, rows[0].length, "island and species as their codes, and the five other columns");
      double[][] actual = compare(model, name, rows, float32);
      // every island of the file gives the prediction nn gives, each of the three categories among them
      java.util.Set<Double> islands = new java.util.TreeSet<>();
      for (double[] r : rows) {
        islands.add(r[0]);
      }
      assertEquals(java.util.Set.of(0.0, 1.0, 2.0), islands);
      assertEquals(333, actual.length);
    }
    Path unscaled = ExportModels.penguinsUnscaled();
    assertEquals(null, load(unscaled).spec().means());
    compare(unscaled, "penguins-unscaled", ExportModels.rows(load(unscaled), "penguins.csv", 333), false);
  }

  @Test
  void aCategoryTheModelHasNotSeenGivesTheGraphARowOfZerosForItsColumn() throws Exception {
    Path model = ExportModels.penguins(false);
    Path onnx = export(model, "penguins-unseen.onnx");
    double[][] row = ExportModels.rows(load(model), "penguins.csv", 1);
    double[][] unseen = {row[0].clone()};
    unseen[0][0] = 7;
    // by hand: the network on the encoded row with island=0..2 all 0, the measurements standardised, the species
    // one-hot
    Model m = load(model);
    double[] encoded = new double[11];
    double[] means = m.spec().means();
    double[] scales = m.spec().scales();
    for (int j = 1; j < 6; j++) {
      encoded[j + 2] = (unseen[0][j] - means[j + 2]) / scales[j + 2];
    }
    encoded[8 + (int) unseen[0][6]] = 1;
    dev.nn.core.network.Workspace ws = m.network().newWorkspace(1);
    ws.setInput(encoded, 0, 1);
    m.network().infer(ws, 1);
    double[] expected = new double[1];
    m.network().output(ws, m.loss(), expected);
    m.spec().targetScaler().restore(expected, 1);
    assertClose(new double[][] {expected}, run(onnx, unseen, false), FLOAT64_TOLERANCE, "unseen island");
  }

  @Test
  void theSameModelExportsToTheSameBytes() throws Exception {
    Path first = export(ExportModels.diabetes(), "diabetes-1.onnx");
    Path second = export(ExportModels.diabetes(), "diabetes-2.onnx");
    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
  }

  /** Exports, runs both and compares; returns ONNX Runtime's predictions. */
  private static double[][] compare(Path model, String name, double[][] rows, boolean float32) throws Exception {
    Path onnx = export(model, name + ".onnx");
    double[][] expected = ExportModels.predictions(load(model), rows);
    double[][] actual = run(onnx, rows, float32);
    assertClose(expected, actual, float32 ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE, name);
    return actual;
  }

  static Path export(Path model, String file) {
    Path out = ExportModels.output(file);
    Cli.Outcome o = Cli.run("export", model.toString(), "--format", "onnx", "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("wrote " + model + " as onnx to " + out + "\n", o.out());
    assertEquals("", o.err());
    return out;
  }

  private static Model load(Path model) {
    return Nn.create().loadModel(model);
  }

  private static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    return options;
  }

  /** The graph's output for {@code rows}, fed as double; a float32 model's predictions are float. */
  static double[][] run(Path onnx, double[][] rows, boolean float32) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(onnx.toString(), options());
        OnnxTensor t = OnnxTensor.createTensor(env, rows);
        OrtSession.Result result = s.run(Map.of("features", t))) {
      // double for every model, float32 ones too
      return (double[][]) result.get("predictions").orElseThrow().getValue();
    }
  }

  /**
   * |actual − expected| ≤ tolerance·max(|expected|, the smallest normal double) for every value: relative, except
   * among subnormal numbers (below 2.2e−308, as φ's far tails reach), which have too few digits to compare so.
   */
  static void assertClose(double[][] expected, double[][] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    double worst = 0;
    for (int r = 0; r < expected.length; r++) {
      assertEquals(expected[r].length, actual[r].length, what + ": values in row " + r);
      for (int j = 0; j < expected[r].length; j++) {
        double e = expected[r][j];
        double error = Math.abs(actual[r][j] - e);
        double scale = Math.max(Math.abs(e), Double.MIN_NORMAL);
        worst = Math.max(worst, error / scale);
        assertTrue(error <= tolerance * scale, what + ": row " + r + ", output " + j + ": nn " + e + ", other "
            + actual[r][j] + ", relative error " + error / Math.abs(e));
      }
    }
    System.out.println(what + ": largest relative error " + worst);
  }
}
