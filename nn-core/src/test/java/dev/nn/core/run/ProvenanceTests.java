package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.random.Rng;
import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class ProvenanceTests {
  @TempDir
  Path dir;

  /** SHA-256("abc"), the first example of FIPS 180-2. */
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final Instant START = Instant.parse("2026-03-04T05:06:07.250Z");

  private Provenance sample() throws Exception {
    Path jar = Files.writeString(dir.resolve("acme swish.jar"), "abc", StandardCharsets.US_ASCII);
    Path classes = Files.createDirectory(dir.resolve("classes"));
    Path data = Files.writeString(dir.resolve("train.csv"), "abc", StandardCharsets.US_ASCII);
    List<PluginDescriptor> plugins = List.of(
        new PluginDescriptor(PluginKind.ACTIVATION, "acme-swish", "1.2.0", "com.acme.SwishProvider",
            jar.toUri().getRawPath(), "swish"),
        new PluginDescriptor(PluginKind.LOSS, "squared", "0.1.0", "dev.nn.losses.SquaredProvider",
            classes.toString(), "squared"),
        new PluginDescriptor(PluginKind.OPTIMIZER, "sgd", "0.1.0", "dev.nn.core.optim.SgdProvider", "unknown", "sgd"));
    return Provenance.capture("java", 2, 42L, List.of("train", "exp.yaml", "--set", "seed=42"), START, plugins,
        List.of(data));
  }

  @Test
  void captureFillsTheMachineAndJvmFromThisProcess() throws Exception {
    Provenance p = sample();
    assertEquals(System.getProperty("java.version"), p.javaVersion());
    assertEquals(System.getProperty("java.vendor"), p.javaVendor());
    assertEquals(System.getProperty("java.vm.name"), p.vmName());
    assertEquals(System.getProperty("os.name"), p.osName());
    assertEquals(System.getProperty("os.version"), p.osVersion());
    assertEquals(System.getProperty("os.arch"), p.osArch());
    assertEquals(Runtime.getRuntime().availableProcessors(), p.processors());
    assertEquals("L64X128MixRandom", p.randomAlgorithm());
    assertEquals(Rng.ALGORITHM, p.randomAlgorithm());
    // tests run from classes, not the jar, so there is no manifest version
    assertEquals(Provenance.UNKNOWN_VERSION, p.nnVersion());
    assertNull(p.ended());
  }

  @Test
  void pluginsAndDataFilesCarryTheirSha256() throws Exception {
    Provenance p = sample();
    assertEquals(ABC, p.plugins().get(0).sha256(), "a jar whose path holds a space (%20 in its URL)");
    assertEquals("directory", p.plugins().get(1).sha256());
    assertEquals("unknown", p.plugins().get(2).sha256());
    assertEquals("missing", Provenance.digestOf(dir.resolve("gone.jar").toString()));
    assertEquals(List.of(new Provenance.DataFile(dir.resolve("train.csv").toString(), ABC)), p.dataFiles());
  }

  @Test
  void aDataFileWhoseSha256DiffersFromTheRecordedOneIsNamedWithBoth() throws Exception {
    Path recorded = dir.resolve("provenance.yaml");
    Provenance started = sample();
    assertEquals(List.of(), started.dataChangedSince(recorded), "a run killed before its provenance was written");
    started.write(recorded);
    assertEquals(List.of(), started.dataChangedSince(recorded));
    Path data = Files.writeString(dir.resolve("train.csv"), "abd", StandardCharsets.US_ASCII);
    Provenance now = Provenance.capture("java", 2, 42L, List.of(), START, List.of(), List.of(data));
    assertEquals(List.of(data + " (SHA-256 was " + ABC + ", now " + now.dataFiles().get(0).sha256() + ")"),
        now.dataChangedSince(recorded));
  }

  @Test
  void theOutcomeIsItsOwnSectionAfterTheOthers() throws Exception {
    Path file = dir.resolve("provenance.yaml");
    Provenance p = sample();
    p.write(file);
    assertFalse(Files.readString(file).contains("outcome:"));
    p.withOutcome(Map.of("allowed-changed-data", "x.csv")).withOutcome(Map.of("status", "failed")).write(file);
    assertTrue(Files.readString(file).endsWith("outcome:\n  allowed-changed-data: x.csv\n  status: failed\n"),
        Files.readString(file));
  }

  @Test
  void theYamlHoldsEveryField() throws Exception {
    Path file = dir.resolve("provenance.yaml");
    Provenance p = sample().withEnded(Instant.parse("2026-03-04T05:16:08Z"));
    p.write(file);
    assertEquals(p.toYaml(), Files.readString(file));
    Map<?, ?> y = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    assertEquals(List.of("nn-version", "java", "os", "processors", "compute", "random", "command-line", "started",
        "ended", "plugins", "data-files"), List.copyOf(y.keySet()));
    assertEquals(Map.of("version", p.javaVersion(), "vendor", p.javaVendor(), "vm", p.vmName()), y.get("java"));
    assertEquals(Map.of("name", p.osName(), "version", p.osVersion(), "arch", p.osArch()), y.get("os"));
    assertEquals(Map.of("backend", "java", "threads", 2), y.get("compute"));
    assertEquals(Map.of("algorithm", "L64X128MixRandom", "seed", 42), y.get("random"));
    assertEquals(List.of("train", "exp.yaml", "--set", "seed=42"), y.get("command-line"));
    assertEquals("2026-03-04T05:06:07.250Z", y.get("started"));
    assertEquals("2026-03-04T05:16:08Z", y.get("ended"));
    List<?> plugins = (List<?>) y.get("plugins");
    assertEquals(3, plugins.size());
    assertEquals(Map.of("kind", "activation", "name", "acme-swish", "version", "1.2.0", "class",
        "com.acme.SwishProvider", "origin", dir.resolve("acme swish.jar").toUri().getRawPath(), "sha256", ABC),
        plugins.get(0));
    assertEquals(List.of(Map.of("path", dir.resolve("train.csv").toString(), "sha256", ABC)), y.get("data-files"));
    assertEquals(List.of(), RunFixtures.temporaryFiles(dir));
  }

  @Test
  void aRunningRunSaysItHasNotEnded() throws Exception {
    Map<?, ?> y = new Yaml(new SafeConstructor(new LoaderOptions())).load(sample().toYaml());
    assertTrue(y.containsKey("ended"));
    assertNull(y.get("ended"));
  }
}
