package dev.nn.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.io.Sha256;
import dev.nn.core.io.YamlFields;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.run.RunFileException;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.tests.plugins.PluginExampleJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed after one of its plugin jars was replaced by another version: refused, naming the plugin, both
 * versions and both hashes, unless {@code --allow-changed-plugins} is given, which the provenance then records
 * beside the new version.
 */
class ChangedPluginResumeTests {
  private static final Path XOR = Path.of("..", "examples", "xor.yaml");

  @TempDir
  Path tmp;

  /** Stands for a killed process. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** A plugin jar with one activation, xq-lin (φ(z) = scale·z), whose provider says it is {@code version}. */
  private Path jar(String version, double scale) throws IOException {
    String source = "package com.xq;\n"
        + "import dev.nn.api.Activation;\n"
        + "import dev.nn.spi.ActivationProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class LinProvider implements ActivationProvider {\n"
        + "  public String name() { return \"xq-lin\"; }\n"
        + "  public String version() { return \"" + version + "\"; }\n"
        + "  public String summary() { return \"scaled identity\"; }\n"
        + "  public Activation create(Settings s) {\n"
        + "    return new Activation() {\n"
        + "      public double phi(double z) { return " + scale + " * z; }\n"
        + "      public double phiPrime(double z, double x) { return " + scale + "; }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
    return PluginExampleJar.buildOf(tmp.resolve("build-" + version), "xq", Map.of("com.xq.LinProvider", source),
        Map.of("dev.nn.spi.ActivationProvider", "com.xq.LinProvider\n"));
  }

  @Test
  void aPluginJarReplacedByAnotherVersionIsRefusedOnResumeUnlessAllowedAndThenRecorded() throws Exception {
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Path installed = plugins.resolve("xq.jar");
    Files.copy(jar("1.0.0", 1.0), installed);
    String oldSha = Sha256.of(installed);
    dev.nn.core.Nn nn = dev.nn.core.Nn.withPluginPath(List.of(plugins));
    Path runs = tmp.resolve("runs");
    assertThrows(Interrupted.class, () -> nn.train(nn.load(XOR, List.of("training.epochs=4",
        "network.layers[1].activation=xq-lin")), new TrainingRun.Options(runs, null, List.of(),
            List.of(stopAfter(2)), dev.nn.core.Nn.version())));
    Path run;
    try (Stream<Path> dirs = Files.list(runs)) {
      run = dirs.findFirst().orElseThrow();
    }
    Files.copy(jar("2.0.0", 0.5), installed, StandardCopyOption.REPLACE_EXISTING);
    String newSha = Sha256.of(installed);
    Map<String, String> before = snapshot(run);

    Nn.Outcome refused = Nn.run(Map.of(), "train", "--resume", run.toString());
    assertEquals(2, refused.code(), refused.describe());
    assertEquals("nn: " + run + ": a plugin changed since the run started: activation \"xq-lin\" from "
        + installed.toAbsolutePath() + ": version 1.0.0, now 2.0.0; SHA-256 was " + oldSha + ", now " + newSha
        + ". Resuming would train the remaining epochs with other code; put the jar the run started with back on"
        + " the plugin path, or give --allow-changed-plugins to go on with the plugin as it is now\n",
        refused.err());
    assertEquals(before, snapshot(run), "a refused resume changes nothing");

    Nn.Outcome allowed = Nn.run(Map.of(), "train", "--resume", run.toString(), "--allow-changed-plugins");
    assertEquals(0, allowed.code(), allowed.describe());
    assertTrue(allowed.err().contains("nn: a plugin changed since the run started, and --allow-changed-plugins lets"
        + " it train on: activation \"xq-lin\""), allowed.describe());
    YamlFields provenance = YamlFields.read(run.resolve(RunDirectory.PROVENANCE), RunFileException::new);
    assertEquals("activation \"xq-lin\" from " + installed.toAbsolutePath() + ": version 1.0.0, now 2.0.0; SHA-256"
        + " was " + oldSha + ", now " + newSha, provenance.fields("outcome").string("allowed-changed-plugins"));
    assertEquals("2.0.0", provenance.fieldsList("plugins").stream().filter(p -> p.string("name").equals("xq-lin"))
        .findFirst().orElseThrow().string("version"));

    Nn.Outcome fresh = Nn.run(Map.of(), "train", XOR.toString(), "--allow-changed-plugins");
    assertEquals(2, fresh.code(), fresh.describe());
    assertTrue(fresh.err().startsWith("nn: --allow-changed-plugins applies to --resume only"), fresh.describe());
  }

  private static TrainingListener stopAfter(int epoch) {
    return new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        if (report.epoch() == epoch) {
          throw new Interrupted();
        }
      }
    };
  }

  /** Every file of the run directory, by relative path, with its SHA-256. */
  private static Map<String, String> snapshot(Path run) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(run)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        files.put(run.relativize(f).toString(), Sha256.of(f));
      }
    }
    return files;
  }
}
