package dev.nn.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.Sha256;
import dev.nn.tests.plugins.PluginExampleJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin project's jar, built as its author would, used through {@code nn plugins} and
 * {@code nn train --plugin-path JAR} exactly as its README says.
 */
class PluginJarCommandTests {
  private static final Path EXPERIMENT = Path.of("..", "examples", "plugin-example", "experiment.yaml");

  @TempDir
  static Path build;

  @TempDir
  Path tmp;

  private static Path jar;

  @BeforeAll
  static void buildTheJar() throws IOException {
    jar = PluginExampleJar.build(build).toAbsolutePath();
  }

  @Test
  void pluginsListsBothAcmePluginsWithTheirVersionAndJar() {
    Nn.Outcome o = Nn.run(Map.of(), "plugins", "--plugin-path", jar.toString());
    assertEquals(0, o.code(), o.describe());
    List<List<String>> rows = o.out().lines().map(l -> List.of(l.split("\\s+"))).collect(Collectors.toList());
    assertTrue(rows.contains(List.of("activation", "acme-swish", "1.0.0", "com.example.acme.nn.AcmeSwishProvider",
        jar.toString())), o.out());
    assertTrue(rows.contains(List.of("loss", "acme-pseudo-huber", "1.0.0",
        "com.example.acme.nn.AcmePseudoHuberProvider", jar.toString())), o.out());
    assertTrue(rows.contains(List.of("activation", "relu", rows.stream().filter(r -> r.get(1).equals("relu"))
        .findFirst().orElseThrow().get(2), "dev.nn.activations.ReluProvider", rows.stream()
        .filter(r -> r.get(1).equals("relu")).findFirst().orElseThrow().get(4))), "the built-ins stay: " + o.out());
    Nn.Outcome without = Nn.run(Map.of(), "plugins");
    assertTrue(!without.out().contains("acme-swish"), without.out());
  }

  @Test
  void theEnvironmentVariableAddsTheJarToo() {
    Nn.Outcome o = Nn.run(Map.of("NN_PLUGIN_PATH", jar.getParent().toString()), "plugins");
    assertEquals(0, o.code(), o.describe());
    assertTrue(o.out().contains(" acme-pseudo-huber "), o.out());
  }

  @Test
  void theExampleExperimentTrainsWithThePluginsAndRecordsTheJarWithItsSha256() throws Exception {
    Nn.Outcome o = Nn.run(Map.of(), "train", EXPERIMENT.toString(), "--plugin-path", jar.toString(), "--output",
        tmp.toString());
    assertEquals(0, o.code(), o.describe());
    Path run;
    try (Stream<Path> dirs = Files.list(tmp)) {
      run = dirs.collect(Collectors.toList()).get(0);
    }
    assertTrue(o.out().contains("run directory  " + run), o.out());
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(31, metrics.size(), "a header and 30 epochs");
    double first = Double.parseDouble(metrics.get(1).split(",")[3]);
    double last = Double.parseDouble(metrics.get(30).split(",")[3]);
    assertTrue(last < 0.8 * first, "the pseudo-Huber training loss falls: " + first + " -> " + last);
    String provenance = Files.readString(run.resolve("provenance.yaml"));
    String sha = Sha256.of(jar);
    for (String plugin : List.of("acme-swish", "acme-pseudo-huber")) {
      int at = provenance.indexOf("name: " + plugin);
      assertTrue(at > 0, provenance);
      String entry = provenance.substring(at, provenance.indexOf("sha256:", at) + 8 + 64);
      assertTrue(entry.contains("version: 1.0.0"), entry);
      assertTrue(entry.contains("origin: " + jar), entry);
      assertTrue(entry.endsWith("sha256: " + sha), entry);
    }
    // its model, without the plugin path, names both plugins it needs at once (it named the first only)
    Path rows = Files.writeString(tmp.resolve("x.csv"), "x\n0.5\n");
    Nn.Outcome predicted = Nn.run(Map.of(), "predict", run.resolve("model.nnm").toString(), "--input", rows.toString(),
        "--output", tmp.resolve("p.csv").toString());
    assertEquals(2, predicted.code(), predicted.describe());
    assertTrue(predicted.err().contains("needs the activation plugin \"acme-swish\" (version 1.0.0) for layers[1] and"
        + " the loss plugin \"acme-pseudo-huber\" (version 1.0.0) for loss, which are not installed; add their jars"
        + " with --plugin-path"), predicted.err());
  }

  @Test
  void withoutThePluginPathTheExperimentNamesTheMissingPlugins() {
    Nn.Outcome o = Nn.run(Map.of(), "validate", EXPERIMENT.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("unknown activation \"acme-swish\""), o.err());
    assertTrue(o.err().contains("unknown loss \"acme-pseudo-huber\""), o.err());
  }
}
