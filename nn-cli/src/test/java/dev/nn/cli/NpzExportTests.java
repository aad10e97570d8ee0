package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.model.Model;
import dev.nn.core.network.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code nn export --format npz}: the archive's entries read back with a reader of its own and compared with the
 * model's numbers, and the NumPy code of docs/export.md run on them (when python3 with NumPy is installed) and
 * compared with nn's predictions.
 */
class NpzExportTests {

  @Test
  void theArchiveHoldsEveryLayerTheScalerAndAHeaderThatSaysHowToRunThem() throws Exception {
    Path modelFile = ExportModels.iris(false);
    Model model = load(modelFile);
    Map<String, NpyFiles.Array> npz = NpyFiles.read(export(modelFile, "iris.npz"));
    assertEquals(List.of("W1.npy", "b1.npy", "W2.npy", "b2.npy", "means.npy", "scales.npy", "header.npy"),
        List.copyOf(npz.keySet()));
    Network network = model.network();
    for (int l = 1; l <= 2; l++) {
      NpyFiles.Array w = npz.get("W" + l + ".npy");
      assertEquals("<f8", w.descr());
      assertArrayEquals(new int[] {network.width(l - 1), network.width(l)}, w.shape());
      NpyFiles.Array b = npz.get("b" + l + ".npy");
      assertArrayEquals(new int[] {network.width(l)}, b.shape());
      for (int i = 0; i < network.width(l - 1); i++) {
        for (int j = 0; j < network.width(l); j++) {
          assertEquals(network.parameters().weight(l, i, j), w.values()[i * network.width(l) + j], 0.0,
              "w(" + l + ")" + i + "," + j);
        }
      }
      for (int j = 0; j < network.width(l); j++) {
        assertEquals(network.parameters().bias(l, j), b.values()[j], 0.0, "b(" + l + ")" + j);
      }
    }
    assertArrayEquals(model.spec().means(), npz.get("means.npy").values(), 0.0);
    assertArrayEquals(model.spec().scales(), npz.get("scales.npy").values(), 0.0);

    NpyFiles.Array header = npz.get("header.npy");
    assertArrayEquals(new int[0], header.shape());
    Map<String, Object> h = new Yaml().load(header.text());
    assertEquals("nn-npz", h.get("format"));
    assertEquals(3, h.get("version"));
    assertEquals("float64", h.get("dtype"));
    assertEquals(List.of(4, 8, 3), h.get("widths"));
    assertEquals(model.spec().features(), h.get("features"));
    assertEquals(model.spec().features(), h.get("inputs"), "without one-hot, the inputs are the features");
    assertEquals(Map.of(), h.get("one_hot"));
    assertEquals(List.of("0", "1", "2"), h.get("classes"));
    assertEquals(true, h.get("scaler"));
    assertEquals(false, h.get("target_scaler"));
    List<Map<String, Object>> layers = list(h.get("layers"));
    assertEquals("tanh", map(layers.get(0).get("activation")).get("name"));
    assertEquals("W2", layers.get(1).get("weights"));
    Map<String, Object> loss = map(h.get("loss"));
    assertEquals("softmax-cross-entropy", loss.get("name"));
    assertEquals("softmax", loss.get("link"));
  }

  @Test
  void aModelWithoutScalerHasNoMeansAndABinaryClassifierASigmoidLink() throws Exception {
    Map<String, NpyFiles.Array> npz = NpyFiles.read(export(ExportModels.xor(), "xor.npz"));
    assertEquals(List.of("W1.npy", "b1.npy", "W2.npy", "b2.npy", "header.npy"), List.copyOf(npz.keySet()));
    Map<String, Object> h = new Yaml().load(npz.get("header.npy").text());
    assertEquals(false, h.get("scaler"));
    assertEquals("sigmoid", map(h.get("loss")).get("link"));
  }

  @Test
  void aModelTrainedOnStandardisedTargetsCarriesTheirMeansAndScales() throws Exception {
    Path modelFile = ExportModels.linnerud(false);
    Model model = load(modelFile);
    Map<String, NpyFiles.Array> npz = NpyFiles.read(export(modelFile, "linnerud-arrays.npz"));
    assertEquals(List.of("W1.npy", "b1.npy", "W2.npy", "b2.npy", "means.npy", "scales.npy", "target_means.npy",
        "target_scales.npy", "header.npy"), List.copyOf(npz.keySet()));
    assertArrayEquals(model.spec().targetMeans(), npz.get("target_means.npy").values(), 0.0);
    assertArrayEquals(model.spec().targetScales(), npz.get("target_scales.npy").values(), 0.0);
    assertArrayEquals(new int[] {3}, npz.get("target_scales.npy").shape());
    Map<String, Object> h = new Yaml().load(npz.get("header.npy").text());
    assertEquals(true, h.get("target_scaler"));
    assertEquals(List.of("weight", "waist", "pulse"), h.get("targets"));
  }

  @Test
  void aModelThatEncodesColumnsOneHotNamesItsInputsAndTheColumnsCategories() throws Exception {
    Path modelFile = ExportModels.penguins(false);
    Model model = load(modelFile);
    Map<String, NpyFiles.Array> npz = NpyFiles.read(export(modelFile, "penguins-arrays.npz"));
    Map<String, Object> h = new Yaml().load(npz.get("header.npy").text());
    assertEquals(List.of("island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "sex", "year", "species"),
        h.get("inputs"));
    assertEquals(Map.of("island", List.of(0.0, 1.0, 2.0), "species", List.of(0.0, 1.0, 2.0)), h.get("one_hot"));
    assertEquals(List.of("island=0", "island=1", "island=2", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
        "sex", "year", "species=0", "species=1", "species=2"), h.get("features"));
    assertEquals(List.of(11, 16, 1), h.get("widths"));
    // the 0/1 columns pass the scaler as they are
    double[] means = npz.get("means.npy").values();
    double[] scales = npz.get("scales.npy").values();
    assertArrayEquals(model.spec().means(), means, 0.0);
    for (int j : new int[] {0, 1, 2, 8, 9, 10}) {
      assertEquals(0.0, means[j], 0.0);
      assertEquals(1.0, scales[j], 0.0);
    }
    assertTrue(scales[4] > 0.5 && scales[4] < 5, "bill depth's spread, in mm: " + scales[4]);
  }

  @Test
  void aFloat32ModelKeepsItsFloat32Weights() throws Exception {
    Path modelFile = ExportModels.iris(true);
    Model model = load(modelFile);
    Map<String, NpyFiles.Array> npz = NpyFiles.read(export(modelFile, "iris-float32.npz"));
    NpyFiles.Array w = npz.get("W1.npy");
    assertEquals("<f4", w.descr());
    assertEquals("<f8", npz.get("means.npy").descr(), "the scaler is applied in double, as nn applies it");
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 8; j++) {
        double expected = model.network().parameters().weight(1, i, j);
        assertEquals((float) expected, expected, 0.0, "a float32 model's weights are floats");
        assertEquals(expected, w.values()[i * 8 + j], 0.0);
      }
    }
    assertEquals("float32", new Yaml().<Map<String, Object>>load(npz.get("header.npy").text()).get("dtype"));
  }

  @Test
  void sharedAndAbsentEdgesBecomeTheDenseMatrix() throws Exception {
    Path modelFile = ExportModels.digitsConv();
    Network network = load(modelFile).network();
    NpyFiles.Array w = NpyFiles.read(export(modelFile, "digits-conv.npz")).get("W1.npy");
    assertArrayEquals(new int[] {64, 288}, w.shape());
    int absent = 0;
    Map<Integer, Double> valueOfSlot = new HashMap<>();
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 288; j++) {
        double v = w.values()[i * 288 + j];
        int slot = network.parameters().slotOf(network.parameters().weightIndex(1, i, j));
        if (slot < 0) {
          absent++;
          assertEquals(0.0, v, "an absent edge is 0: " + i + "," + j);
        } else {
          Double first = valueOfSlot.putIfAbsent(slot, v);
          assertEquals(first == null ? v : first, v, 0.0, "edges of one shared parameter carry its value");
        }
      }
    }
    assertEquals(64 * 288 - 288 * 9, absent, "each of the 288 units sees a 3x3 patch");
    assertEquals(8 * 9, valueOfSlot.size(), "8 channels of 3x3 kernels");
  }

  @Test
  void aPluginsActivationIsNamedInTheHeader() throws Exception {
    Map<String, NpyFiles.Array> npz = NpyFiles.read(export(ExportModels.pluginActivation(), "xor-plugin.npz"));
    Map<String, Object> h = new Yaml().load(npz.get("header.npy").text());
    List<Map<String, Object>> layers = list(h.get("layers"));
    assertEquals(SlightlyWrongTanhProvider.NAME, map(layers.get(0).get("activation")).get("name"));
  }

  @Test
  void theNumPyCodeOfTheDocsReproducesNnPredict() throws Exception {
    check(ExportModels.xor(), "xor", ExportModels.xorRows(40), 1e-9);
    Path diabetes = ExportModels.diabetes();
    check(diabetes, "diabetes", ExportModels.rows(load(diabetes), "diabetes.csv", 442), 1e-9);
    Path iris = ExportModels.iris(false);
    check(iris, "iris", ExportModels.rows(load(iris), "iris.csv", 150), 1e-9);
    Path conv = ExportModels.digitsConv();
    check(conv, "digits-conv", ExportModels.rows(load(conv), "digits.csv", 200), 1e-9);
    Path iris32 = ExportModels.iris(true);
    check(iris32, "iris-float32", ExportModels.rows(load(iris32), "iris.csv", 150),
        OnnxExportTests.FLOAT32_TOLERANCE);
    Path linnerud = ExportModels.linnerud(false);
    check(linnerud, "linnerud", ExportModels.rows(load(linnerud), "linnerud.csv", 20), 1e-9);
    Path linnerud32 = ExportModels.linnerud(true);
    check(linnerud32, "linnerud-float32", ExportModels.rows(load(linnerud32), "linnerud.csv", 20),
        OnnxExportTests.FLOAT32_TOLERANCE);
    Path penguins = ExportModels.penguins(false);
    check(penguins, "penguins", ExportModels.rows(load(penguins), "penguins.csv", 333), 1e-9);
    Path penguins32 = ExportModels.penguins(true);
    check(penguins32, "penguins-float32", ExportModels.rows(load(penguins32), "penguins.csv", 333),
        OnnxExportTests.FLOAT32_TOLERANCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"identity", "relu", "sigmoid", "tanh", "softsign", "silu", "leaky-relu",
      "{name: leaky-relu, slope: 0.3}", "elu", "{name: elu, alpha: 0.5}", "hard-sigmoid", "hard-tanh",
      "{name: hard-tanh, min: -0.5, max: 0.75}", "softplus", "{name: softplus, beta: 2, threshold: 1.5}", "gelu",
      "{name: gelu, approximate: tanh}"})
  void theNumPyCodeOfTheDocsComputesEveryBuiltInActivation(String activation) throws Exception {
    Path model = ExportModels.oneActivation(activation, false);
    check(model, "phi-" + activation.replaceAll("[^a-z0-9.]+", "-"), ExportModels.GRID, 1e-9);
  }

  /** Exports, runs the docs' predict() in python3 and compares with {@link Model#predict}. */
  private static void check(Path modelFile, String name, double[][] rows, double tolerance) throws Exception {
    Assumptions.assumeTrue(numpyAvailable(), "python3 with NumPy is not installed");
    Path npz = export(modelFile, name + ".npz");
    Path input = ExportModels.DIR.resolve(name + "-rows.csv");
    StringBuilder csv = new StringBuilder();
    for (double[] r : rows) {
      for (int j = 0; j < r.length; j++) {
        csv.append(j == 0 ? "" : ",").append(r[j]);
      }
      csv.append('\n');
    }
    Files.writeString(input, csv);
    Path output = ExportModels.DIR.resolve(name + "-numpy.csv");
    String script = docsPython() + "\nimport sys\n"
        + "x = np.loadtxt(sys.argv[2], delimiter=',', ndmin=2)\n"
        + "np.savetxt(sys.argv[3], np.asarray(predict(sys.argv[1], x), dtype=np.float64), delimiter=',',"
        + " fmt='%.17g')\n";
    Path scriptFile = ExportModels.DIR.resolve("predict.py");
    Files.writeString(scriptFile, script);
    Process p = new ProcessBuilder("python3", scriptFile.toString(), npz.toString(), input.toString(),
        output.toString()).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), printed);
    List<String> lines = Files.readAllLines(output);
    double[][] fromNumpy = new double[lines.size()][];
    for (int r = 0; r < lines.size(); r++) {
      fromNumpy[r] = java.util.Arrays.stream(lines.get(r).split(",")).mapToDouble(Double::parseDouble).toArray();
    }
    OnnxExportTests.assertClose(ExportModels.predictions(load(modelFile), rows), fromNumpy, tolerance,
        name + " (numpy)");
  }

  /** The one python block of docs/export.md. */
  private static String docsPython() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "export.md"));
    String[] blocks = doc.split("```python\n");
    String last = blocks[blocks.length - 1];
    String code = last.substring(0, last.indexOf("```"));
    assertTrue(code.contains("def predict(npz, x):"), code);
    assertFalse(code.contains("onnxruntime"), code);
    return code;
  }

  private static Boolean numpy;

  private static synchronized boolean numpyAvailable() {
    if (numpy == null) {
      try {
        Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        numpy = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        numpy = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        numpy = false;
      }
    }
    return numpy;
  }

  static Path export(Path model, String file) {
    Path out = ExportModels.output(file);
    Cli.Outcome o = Cli.run("export", model.toString(), "--format", "npz", "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("wrote " + model + " as npz to " + out + "\n", o.out());
    return out;
  }

  private static Model load(Path model) {
    return Nn.create().loadModel(model);
  }

  /** A JSON object of the header, as SnakeYAML reads it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  /** A JSON array of objects of the header. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }
}
