package dev.nn.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.data.OneHot;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.testing.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose inputs went through a one-hot encoding keeps it: the model file holds the input columns and each
 * encoded column's categories (as format version 4, which an nn that reads only versions 1 to 3 refuses), every
 * part is checked when read, and predict takes the raw input rows, encoding them as training did.
 */
class OneHotModelFileTests {
  @TempDir Path dir;

  private static final List<PluginUse> ACTIVATIONS =
      List.of(new PluginUse("tanh", "0.1.0", Map.of()), new PluginUse("identity", "0.1.0", Map.of()));
  private static final PluginUse SOFTMAX = new PluginUse("softmax-cross-entropy", "0.1.0", Map.of());
  private static final List<String> INPUTS = List.of("island", "bill_length_mm", "sex");
  private static final List<String> FEATURES =
      List.of("island=0", "island=1", "island=2", "bill_length_mm", "sex=0", "sex=1");
  /** The training split's statistics: the 0/1 columns as they are, the bill length scaled. */
  private static final double[] MEANS = {0, 0, 0, 43.92192192192192, 0, 0};
  private static final double[] SCALES = {1, 1, 1, 5.460521123966229, 1, 1};

  private static OneHot oneHot() {
    Map<String, double[]> categories = new LinkedHashMap<>();
    categories.put("island", new double[] {0, 1, 2});
    categories.put("sex", new double[] {0, 1});
    return OneHot.of(INPUTS, categories);
  }

  private static ModelSpec spec(OneHot oneHot) {
    return new ModelSpec(FEATURES, MEANS, SCALES, List.of("species"), List.of("0", "1", "2"), new int[] {6, 4, 3},
        ACTIVATIONS, SOFTMAX, null, null, null, oneHot);
  }

  private static double[] params() {
    double[] p = new double[6 * 4 + 4 + 4 * 3 + 3];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.sin(i + 1) / 3;
    }
    return p;
  }

  @Test
  void aModelWithAnEncodingIsWrittenAsVersion4AndReadsBackBitForBit() throws Exception {
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec(oneHot()), params(), "0.1.0");
    String yaml = ModelYaml.of(file);
    assertTrue(yaml.contains("format-version: 4\n"), yaml);
    assertTrue(yaml.contains("inputs:\n- island\n- bill_length_mm\n- sex\n"), yaml);
    assertTrue(yaml.contains("one-hot:\n- column: island\n  categories:\n  - 0.0\n  - 1.0\n  - 2.0\n- column: sex\n"
        + "  categories:\n  - 0.0\n  - 1.0\nfeatures:\n- island=0\n- island=1\n- island=2\n- bill_length_mm\n"
        + "- sex=0\n- sex=1\n"), yaml);

    ModelFile.Contents read = ModelFile.read(file);
    ModelSpec spec = read.spec();
    assertEquals(oneHot(), spec.oneHot());
    assertEquals(INPUTS, spec.inputs());
    assertEquals(INPUTS, spec.oneHot().inputs());
    assertEquals(FEATURES, spec.features());
    assertEquals(List.of("island", "sex"), List.copyOf(spec.oneHot().categories().keySet()));
    assertArrayEquals(new double[] {0, 1, 2}, spec.oneHot().categories().get("island"), 0.0);
    assertArrayEquals(new double[] {0, 1}, spec.oneHot().categories().get("sex"), 0.0);
    assertArrayEquals(MEANS, spec.means(), 0.0);
    assertArrayEquals(SCALES, spec.scales(), 0.0);
    assertArrayEquals(params(), read.params(), 0.0);
    assertNull(spec.targetMeans());
  }

  @Test
  void categoriesThatAreNotIntegersComeBackBitForBit() throws Exception {
    double[] categories = {-1.0e-300, 0.1, 2.5, 1.0e15, 7.0e300};
    OneHot h = OneHot.of(List.of("level", "x"), Map.of("level", categories));
    List<String> features = List.of("level=-1.0E-300", "level=0.1", "level=2.5", "level=1.0E15", "level=7.0E300", "x");
    assertEquals(features, h.features());
    ModelSpec spec = new ModelSpec(features, null, null, List.of("y", "z"), List.of(), new int[] {6, 3, 2},
        ACTIVATIONS, new PluginUse("squared", "0.1.0", Map.of()), null, new double[] {10, -3},
        new double[] {2, 0.5}, h);
    Path file = dir.resolve("levels.nnm");
    ModelFile.write(file, spec, new double[6 * 3 + 3 + 3 * 2 + 2], "0.1.0");
    assertTrue(ModelYaml.of(file).contains("format-version: 4\n"), "an encoding and a target scaler: version 4");
    ModelSpec read = ModelFile.read(file).spec();
    double[] back = read.oneHot().categories().get("level");
    for (int k = 0; k < categories.length; k++) {
      assertEquals(Double.doubleToRawLongBits(categories[k]), Double.doubleToRawLongBits(back[k]), "category " + k);
    }
    assertEquals(h, read.oneHot());
    assertEquals(features, read.features());
    assertArrayEquals(new double[] {10, -3}, read.targetMeans(), 0.0);
    assertArrayEquals(new double[] {2, 0.5}, read.targetScales(), 0.0);
  }

  @Test
  void aModelWithoutAnEncodingIsStillVersion2AndItsInputsAreItsFeatures() throws Exception {
    ModelSpec plain = new ModelSpec(FEATURES, MEANS, SCALES, List.of("species"), List.of("0", "1", "2"),
        new int[] {6, 4, 3}, ACTIVATIONS, SOFTMAX);
    assertNull(plain.oneHot());
    assertEquals(FEATURES, plain.inputs());
    Path file = dir.resolve("plain.nnm");
    ModelFile.write(file, plain, params(), "0.1.0");
    String yaml = ModelYaml.of(file);
    assertTrue(yaml.contains("format-version: 2\n"), yaml);
    assertFalse(yaml.contains("one-hot"), yaml);
    assertFalse(yaml.contains("inputs"), yaml);
    ModelSpec read = ModelFile.read(file).spec();
    assertNull(read.oneHot());
    assertEquals(FEATURES, read.inputs());
  }

  @Test
  void aVersion3FileThatClaimsAnEncodingIsRefused() throws Exception {
    Path file = edited("claims.nnm", yaml -> yaml.replace("format-version: 4", "format-version: 3"));
    assertEquals(file + ": model.yaml holds a one-hot encoding, which format version 3 does not have (corrupted, or"
        + " written by another program)", refusal(file));
    Path two = edited("claims2.nnm", yaml -> yaml.replace("format-version: 4", "format-version: 2"));
    assertEquals(two + ": model.yaml holds a one-hot encoding, which format version 2 does not have (corrupted, or"
        + " written by another program)", refusal(two));
  }

  @Test
  void inputsWithoutAnEncodingAreRefused() throws Exception {
    Path file = edited("inputs.nnm", yaml -> cut(yaml, "one-hot:\n", "features:\n"));
    assertFalse(ModelYaml.of(file).contains("one-hot"));
    assertEquals(file + ": model.yaml names inputs, but no one-hot encoding of them (corrupted)", refusal(file));
  }

  @Test
  void anEncodingThatContradictsItselfOrTheFeaturesIsRefused() throws Exception {
    Path renamed = edited("renamed.nnm", yaml -> yaml.replace("- island=2\n", "- island=3\n"));
    assertEquals(renamed + ": model.yaml is inconsistent: the features [island=0, island=1, island=3,"
        + " bill_length_mm, sex=0, sex=1] are not what the one-hot encoding of [island, bill_length_mm, sex] gives:"
        + " [island=0, island=1, island=2, bill_length_mm, sex=0, sex=1]", refusal(renamed));
    Path twice = edited("twice.nnm", yaml -> yaml.replace("- column: sex\n", "- column: island\n"));
    assertEquals(twice + ": model.yaml is inconsistent: one-hot names the column \"island\" twice", refusal(twice));
    Path unknown = edited("unknown.nnm", yaml -> yaml.replace("- column: sex\n", "- column: sexes\n"));
    assertEquals(unknown + ": model.yaml is inconsistent: one-hot column \"sexes\" is not an input", refusal(unknown));
    Path order = edited("order.nnm", yaml -> yaml.replace("  - 0.0\n  - 1.0\nfeatures:", "  - 1.0\n  - 0.0\nfeatures:"));
    assertEquals(order + ": model.yaml is inconsistent: one-hot column \"sex\": categories must be finite numbers in"
        + " increasing order, found [1.0, 0.0]", refusal(order));
    Path none = edited("none.nnm", yaml -> yaml.replace("  categories:\n  - 0.0\n  - 1.0\nfeatures:",
        "  categories: []\nfeatures:"));
    assertEquals(none + ": model.yaml is inconsistent: one-hot column \"sex\" needs 1 to 1000 categories, found 0",
        refusal(none));
    // an encoding of other inputs than the features come from
    Path inputs = edited("inputs.nnm", yaml -> yaml.replace("- bill_length_mm\n- sex\none-hot", "- bill\n- sex\none-hot"));
    assertEquals(inputs + ": model.yaml is inconsistent: the features [island=0, island=1, island=2, bill_length_mm,"
        + " sex=0, sex=1] are not what the one-hot encoding of [island, bill, sex] gives: [island=0, island=1, island=2,"
        + " bill, sex=0, sex=1]", refusal(inputs));
  }

  @Test
  void theSpecRefusesFeaturesThatAreNotTheEncodings() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec(
        List.of("island", "bill_length_mm", "sex", "a", "b", "c"), null, null, List.of("species"),
        List.of("0", "1", "2"), new int[] {6, 4, 3}, ACTIVATIONS, SOFTMAX, null, null, null, oneHot()));
    assertEquals("the features [island, bill_length_mm, sex, a, b, c] are not what the one-hot encoding of [island,"
        + " bill_length_mm, sex] gives: [island=0, island=1, island=2, bill_length_mm, sex=0, sex=1]", e.getMessage());
    // the width is checked first: features that are not one per input node
    assertEquals("3 feature names for 6 inputs", assertThrows(IllegalArgumentException.class, () -> new ModelSpec(
        INPUTS, null, null, List.of("species"), List.of("0", "1", "2"), new int[] {6, 4, 3}, ACTIVATIONS, SOFTMAX,
        null, null, null, oneHot())).getMessage());
  }

  /**
   * A model dropped after it predicted is collected, on the thread that predicted and on a pool's: its buffers were
   * kept in a per-thread slot that named the model, and a program that loaded, used and dropped models ran out of
   * memory. Two threads at once each get buffers of their own, and the same predictions.
   */
  @Test
  void aModelDroppedAfterPredictingIsCollected() throws Exception {
    java.util.List<java.lang.ref.WeakReference<Model>> dropped = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int m = 0; m < 3; m++) {
        Network net = new Network(new int[] {6, 4, 3}, List.of(Plugins.TANH, Plugins.IDENTITY),
            List.of("tanh", "identity"), new JavaKernels());
        Model model = new Model(spec(oneHot()), net, Plugins.SOFTMAX_CROSS_ENTROPY);
        double[] row = {1, 42.5, 0};
        double[] here = model.predict(row);
        java.util.concurrent.Future<double[]> a = pool.submit(() -> model.predict(row));
        java.util.concurrent.Future<double[]> b = pool.submit(() -> model.predict(row));
        assertArrayEquals(here, a.get());
        assertArrayEquals(here, b.get());
        dropped.add(new java.lang.ref.WeakReference<>(model));
      }
      for (int i = 0; i < 100 && dropped.stream().anyMatch(r -> r.get() != null); i++) {
        System.gc();
        Thread.sleep(10);
      }
      assertTrue(dropped.stream().allMatch(r -> r.get() == null), "every dropped model is collected");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void predictEncodesTheRawRowsStandardisesThemAndRunsTheNetwork() throws Exception {
    Network net = new Network(new int[] {6, 4, 3}, List.of(Plugins.TANH, Plugins.IDENTITY),
        List.of("tanh", "identity"), new JavaKernels());
    SplittableRandom random = new SplittableRandom(5);
    double[] theta = new double[net.parameters().size()];
    assertEquals(params().length, theta.length);
    for (int k = 0; k < theta.length; k++) {
      theta[k] = random.nextDouble(-0.8, 0.8);
    }
    net.parameters().load(theta);
    Model model = new Model(spec(oneHot()), net, Plugins.SOFTMAX_CROSS_ENTROPY);
    assertEquals(3, model.inputs());
    assertEquals(3, model.outputs());

    // 300 rows, more than one chunk of 256: island 0/1/2, a bill length, sex 0/1
    int n = 300;
    double[] rows = new double[3 * n];
    for (int r = 0; r < n; r++) {
      rows[3 * r] = r % 3;
      rows[3 * r + 1] = 35 + (r * 7 % 23);
      rows[3 * r + 2] = r % 5 == 0 ? -0.0 : r / 3 % 2; // -0.0 is the category 0
    }
    double[] before = rows.clone();
    double[] out = new double[3 * n];
    model.predict(rows, n, out);
    assertArrayEquals(before, rows, 0.0, "the rows are read, not changed");
    for (int r = 0; r < n; r++) {
      double[] expected = byHand(theta, rows[3 * r], rows[3 * r + 1], rows[3 * r + 2]);
      for (int k = 0; k < 3; k++) {
        assertEquals(expected[k], out[3 * r + k], 1e-14, "row " + r + " output " + k);
      }
    }
    assertArrayEquals(byHand(theta, 2, 39.1, 1), model.predict(new double[] {2, 39.1, 1}), 1e-14);

    // the same network read from its model file predicts the same
    Path file = dir.resolve("p.nnm");
    ModelFile.write(file, spec(oneHot()), theta, "0.1.0");
    ModelFile.Contents c = ModelFile.read(file);
    Network again = new Network(new int[] {6, 4, 3}, List.of(Plugins.TANH, Plugins.IDENTITY),
        List.of("tanh", "identity"), new JavaKernels());
    again.parameters().load(c.params());
    double[] fromFile = new double[3 * n];
    new Model(c.spec(), again, Plugins.SOFTMAX_CROSS_ENTROPY).predict(rows, n, fromFile);
    assertArrayEquals(out, fromFile, 0.0);

    // a category the model was not trained on, in the second chunk: named by its row among all the rows
    rows[3 * 290] = 5;
    assertEquals("input \"island\" of row 290 is 5, which is not one of the categories the model was trained on: 0,"
        + " 1, 2", assertThrows(IllegalArgumentException.class, () -> model.predict(rows, n, out)).getMessage());
    assertEquals("row 0: column \"sex\" holds NaN; inputs must be finite numbers", assertThrows(
        IllegalArgumentException.class, () -> model.predict(new double[] {0, 40, Double.NaN})).getMessage());
  }

  /** The network on one raw row: encoded, standardised, tanh(x·W1 + b1)·W2 + b2, W row-major n(l−1)×n(l). */
  private static double[] byHand(double[] theta, double island, double bill, double sex) {
    double[] x = new double[6];
    x[(int) island] = 1;
    x[3] = (bill - MEANS[3]) / SCALES[3];
    x[4 + (int) sex] = 1;
    double[] h = new double[4];
    for (int j = 0; j < 4; j++) {
      double z = theta[24 + j];
      for (int i = 0; i < 6; i++) {
        z += x[i] * theta[i * 4 + j];
      }
      h[j] = Math.tanh(z);
    }
    double[] out = new double[3];
    for (int k = 0; k < 3; k++) {
      double z = theta[28 + 12 + k];
      for (int j = 0; j < 4; j++) {
        z += h[j] * theta[28 + j * 3 + k];
      }
      out[k] = z;
    }
    return out;
  }

  private static String cut(String text, String from, String to) {
    int a = text.indexOf(from);
    int b = text.indexOf(to, a);
    return text.substring(0, a) + text.substring(b);
  }

  private static String refusal(Path file) {
    return assertThrows(ModelFormatException.class, () -> ModelFile.read(file)).getMessage();
  }

  /** A model file written from {@code spec(oneHot())} whose model.yaml {@code edit} changed, sealed again. */
  private Path edited(String name, UnaryOperator<String> edit) throws Exception {
    Path file = dir.resolve("source.nnm");
    ModelFile.write(file, spec(oneHot()), params(), "0.1.0");
    String yaml = ModelYaml.of(file);
    assertFalse(edit.apply(yaml).equals(yaml), "the edit changes model.yaml");
    return ModelYaml.edited(file, dir.resolve(name), edit);
  }
}
