package dev.nn.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regression model trained on standardised targets keeps their means and scales: the model file holds them
 * (as format version 3, which an nn that reads only versions 1 and 2 refuses), and every field is checked.
 */
class TargetScalerTests {
  @TempDir
  Path dir;

  private static final List<PluginUse> ACTIVATIONS =
      List.of(new PluginUse("tanh", "0.1.0", Map.of()), new PluginUse("identity", "0.1.0", Map.of()));
  private static final PluginUse SQUARED = new PluginUse("squared", "0.1.0", Map.of());

  private static ModelSpec spec(double[] targetMeans, double[] targetScales) {
    return new ModelSpec(List.of("chins", "situps"), null, null, List.of("weight", "pulse"), List.of(),
        new int[] {2, 3, 2}, ACTIVATIONS, SQUARED, null, targetMeans, targetScales);
  }

  private static double[] params() {
    double[] p = new double[2 * 3 + 3 + 3 * 2 + 2];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.sin(i + 1) / 3;
    }
    return p;
  }

  @Test
  void aModelWithATargetScalerIsWrittenAsVersion3AndReadsBackBitForBit() throws Exception {
    double[] means = {178.6, 1.0e-300};
    double[] scales = {24.69, 7.0e5};
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec(means, scales), params(), "0.1.0");
    String yaml = ModelYaml.of(file);
    assertTrue(yaml.contains("format-version: 3\n"), yaml);
    assertTrue(yaml.contains("target-scaler:\n  means:\n  - 178.6\n  - 1.0E-300\n  scales:\n  - 24.69\n  - 700000.0\n"),
        yaml);
    ModelSpec read = ModelFile.read(file).spec();
    assertArrayEquals(means, read.targetMeans(), 0.0);
    assertArrayEquals(scales, read.targetScales(), 0.0);
    assertArrayEquals(means, read.targetScaler().means(), 0.0);
    assertArrayEquals(scales, read.targetScaler().stds(), 0.0);
  }

  @Test
  void aModelWithoutOneIsStillVersion2AndHasNoTargetScaler() throws Exception {
    Path file = dir.resolve("plain.nnm");
    ModelFile.write(file, spec(null, null), params(), "0.1.0");
    String yaml = ModelYaml.of(file);
    assertTrue(yaml.contains("format-version: 2\n"), yaml);
    assertTrue(!yaml.contains("target-scaler"), yaml);
    assertNull(ModelFile.read(file).spec().targetScaler());
  }

  @Test
  void aVersion2FileThatClaimsATargetScalerIsRefused() throws Exception {
    Path file = edited("claims.nnm", spec(new double[] {1, 2}, new double[] {3, 4}),
        yaml -> yaml.replace("format-version: 3", "format-version: 2"));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
    assertEquals(file + ": model.yaml holds a target-scaler, which format version 2 does not have (corrupted, or"
        + " written by another program)", e.getMessage());
  }

  @Test
  void everyFieldOfATargetScalerIsChecked() throws Exception {
    assertEquals("target-scaler.scales[1] (target \"pulse\") must be a finite number above 0, found 0.0",
        assertThrows(IllegalArgumentException.class, () -> spec(new double[] {1, 2}, new double[] {3, 0}))
            .getMessage());
    assertEquals("target-scaler.means[0] (target \"weight\") must be a finite number, found NaN",
        assertThrows(IllegalArgumentException.class, () -> spec(new double[] {Double.NaN, 2}, new double[] {3, 4}))
            .getMessage());
    assertEquals("the target-scaler needs one mean and one scale per target",
        assertThrows(IllegalArgumentException.class, () -> spec(new double[] {1}, new double[] {3})).getMessage());
    assertEquals("the target-scaler needs one mean and one scale per target",
        assertThrows(IllegalArgumentException.class, () -> spec(new double[] {1, 2}, null)).getMessage());
    assertEquals("a classifier has no target-scaler: its outputs are classes' scores",
        assertThrows(IllegalArgumentException.class, () -> new ModelSpec(List.of("a", "b"), null, null,
            List.of("species"), List.of("x", "y"), new int[] {2, 3, 2}, ACTIVATIONS, SQUARED, null,
            new double[] {0, 0}, new double[] {1, 1})).getMessage());
    // the same rules hold for a file whose digests were recomputed after editing
    Path file = edited("negative.nnm", spec(new double[] {1, 2}, new double[] {3, 4}),
        yaml -> yaml.replace("  - 4.0\n", "  - -4.0\n"));
    assertEquals(file + ": model.yaml is inconsistent: target-scaler.scales[1] (target \"pulse\") must be a finite"
        + " number above 0, found -4.0", assertThrows(ModelFormatException.class, () -> ModelFile.read(file))
        .getMessage());
  }

  /** A model file written from {@code spec} whose model.yaml {@code edit} changed, sealed again. */
  private Path edited(String name, ModelSpec spec, UnaryOperator<String> edit) throws Exception {
    Path file = dir.resolve("source.nnm");
    ModelFile.write(file, spec, params(), "0.1.0");
    return ModelYaml.edited(file, dir.resolve(name), edit);
  }
}
