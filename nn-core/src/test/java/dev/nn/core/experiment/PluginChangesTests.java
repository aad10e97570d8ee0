package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.run.Provenance;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.run.RunFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume whose plugins are not those the run started with: a third-party plugin's change is refused unless
 * allowed, nn's own plugins changing with an nn upgrade are said and recorded, never refused.
 */
class PluginChangesTests {
  private static final Instant START = Instant.parse("2026-03-04T05:06:07Z");

  @TempDir
  Path dir;

  private Provenance provenance(Path builtInJar, Path pluginJar, String pluginVersion) {
    return Provenance.capture("java", 1, 1L, List.of(), START, List.of(
        new PluginDescriptor(PluginKind.ACTIVATION, "relu", "0.1.0", "dev.nn.activations.ReluProvider",
            builtInJar.toString(), ""),
        new PluginDescriptor(PluginKind.LOSS, "xq-huber", pluginVersion, "com.xq.HuberProvider", pluginJar.toString(),
            "")), List.of());
  }

  private RunDirectory run() throws Exception {
    Files.writeString(dir.resolve(RunDirectory.EXPERIMENT), "name: x\n");
    return RunDirectory.open(dir);
  }

  @Test
  void aThirdPartyPluginOfAnotherVersionIsRefusedUnlessAllowed() throws Exception {
    Path builtIn = Files.writeString(dir.resolve("nn-activations.jar"), "relu");
    Path plugin = Files.writeString(dir.resolve("xq.jar"), "huber 1");
    RunDirectory run = run();
    provenance(builtIn, plugin, "1.0.0").write(run.provenanceFile());
    Provenance same = provenance(builtIn, plugin, "1.0.0");
    assertEquals(same, new PluginChanges(run, false, n -> { }).check(same), "nothing changed");

    Files.writeString(plugin, "huber 2");
    Provenance now = provenance(builtIn, plugin, "2.0.0");
    RunFileException refused = assertThrows(RunFileException.class,
        () -> new PluginChanges(run, false, n -> { }).check(now));
    assertTrue(refused.getMessage().contains(": a plugin changed since the run started: loss \"xq-huber\" from "
        + plugin + ": version 1.0.0, now 2.0.0; SHA-256 was "), refused.getMessage());
    assertTrue(refused.getMessage().endsWith("or give --allow-changed-plugins to go on with the plugin as it is now"),
        refused.getMessage());

    List<String> notices = new ArrayList<>();
    Provenance allowed = new PluginChanges(run, true, notices::add).check(now);
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(allowed.outcome().get("allowed-changed-plugins").startsWith("loss \"xq-huber\" from " + plugin
        + ": version 1.0.0, now 2.0.0; SHA-256 was "), allowed.outcome().toString());
  }

  /**
   * Plugins of one rebuilt jar that changed alike are named together, their jar and hashes once (five plugins named
   * them five times, in a line of 1,700 characters); a plugin of another jar keeps its own clause.
   */
  @Test
  void pluginsOfOneJarThatChangedAlikeAreToldOnce() {
    List<Provenance.PluginChange> changes = List.of(
        new Provenance.PluginChange("activation", "zz-mish", "1.0.0", "1.1.0", "aa", "bb", "/p/zz.jar", false),
        new Provenance.PluginChange("loss", "zz-focal", "1.0.0", "1.1.0", "aa", "bb", "/p/zz.jar", false),
        new Provenance.PluginChange("loss", "xq-huber", "1.0.0", "2.0.0", "cc", "dd", "/p/xq.jar", false));
    assertEquals(List.of("activation \"zz-mish\", loss \"zz-focal\" from /p/zz.jar: version 1.0.0, now 1.1.0;"
        + " SHA-256 was aa, now bb", "loss \"xq-huber\" from /p/xq.jar: version 1.0.0, now 2.0.0; SHA-256 was cc,"
        + " now dd"), PluginChanges.describe(changes));
  }

  @Test
  void nnsOwnPluginsChangingWithAnUpgradeOfNnAreSaidAndRecordedButNotRefused() throws Exception {
    Path builtIn = Files.writeString(dir.resolve("nn-activations.jar"), "relu of nn 0.0.9");
    Path plugin = Files.writeString(dir.resolve("xq.jar"), "huber 1");
    RunDirectory run = run();
    provenance(builtIn, plugin, "1.0.0").write(run.provenanceFile());
    Files.writeString(run.provenanceFile(), Files.readString(run.provenanceFile())
        .replaceFirst("nn-version: .*\n", "nn-version: 0.0.9\n"));
    Files.writeString(builtIn, "relu of this nn");

    List<String> notices = new ArrayList<>();
    Provenance now = provenance(builtIn, plugin, "1.0.0");
    Provenance checked = new PluginChanges(run, false, notices::add).check(now);
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).startsWith("nn was version 0.0.9 when the run started; this is " + now.nnVersion()
        + " (activation \"relu\" from " + builtIn + ": version 0.1.0 both times; SHA-256 was "), notices.get(0));
    assertTrue(notices.get(0).endsWith("; the run goes on with this nn and its built-in plugins, so it may not end"
        + " as the interrupted run would have"), notices.get(0));
    assertEquals(Map.of("changed-nn", notices.get(0).substring(0, notices.get(0).indexOf("; the run goes on"))),
        checked.outcome());
  }
}
