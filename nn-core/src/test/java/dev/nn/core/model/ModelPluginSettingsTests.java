package dev.nn.core.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.testing.FakePlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose recorded plugin settings the installed plugins refuse (a plugin version that renamed or narrowed
 * a setting): every plugin's problem is told at once, with the places it is met and the version change that is
 * most often its cause.
 */
class ModelPluginSettingsTests {
  @TempDir
  Path dir;

  @Test
  void everyPluginsInvalidSettingsAreToldAtOnceWithTheVersionTheModelWasSavedWith() {
    PluginUse leaky = new PluginUse("leaky-relu", "0.0.9", Map.of("slope", -1.0));
    ModelSpec spec = new ModelSpec(List.of("a", "b"), new double[] {0, 0}, new double[] {1, 1}, List.of("species"),
        List.of("setosa", "versicolor", "virginica"), new int[] {2, 3, 3, 3}, List.of(leaky, leaky,
            new PluginUse("identity", "0.0.9", Map.of())),
        new PluginUse("softmax-cross-entropy", "0.0.9", Map.of("smoothing", 0.1)));
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec, new double[2 * 3 + 3 + 3 * 3 + 3 + 3 * 3 + 3], "0.1.0");
    PluginRegistry registry = FakePlugins.lookup();
    String leakyNow = registry.descriptor(PluginKind.ACTIVATION, "leaky-relu").orElseThrow().version();
    String lossNow = registry.descriptor(PluginKind.LOSS, "softmax-cross-entropy").orElseThrow().version();
    String message = assertThrows(ModelFormatException.class, () -> Model.load(file, registry, null)).getMessage();
    assertTrue(message.contains(": invalid settings for layers[1], layers[2]: "), message);
    assertTrue(message.contains("(the activation \"leaky-relu\" was version 0.0.9 when the model was saved; "
        + installed(leakyNow) + "); and for loss: "), message);
    assertTrue(message.endsWith("(the loss \"softmax-cross-entropy\" was version 0.0.9 when the model was saved; "
        + installed(lossNow) + ")"), message);
  }

  /** How the installed version is told: classes outside a jar (as tests run nn's built-ins) have no version. */
  private static String installed(String version) {
    return version.equals("unknown") ? "the installed jar gives no version (no Implementation-Version in its manifest)"
        : "version " + version + " is installed";
  }
}
