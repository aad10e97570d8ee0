package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginRegistry;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTests {
  @TempDir
  Path tmp;

  /**
   * On a terminal the table fits: the jar by its file name, then without the provider class, then without the jar
   * (a line says how to see them); a table of 167 columns took three lines a plugin at 80 columns.
   */
  @Test
  void onATerminalTheTableFitsItsWidth() {
    List<PluginDescriptor> all = PluginRegistry.loadDefault().all();
    for (int columns : new int[] {80, 120, 160}) {
      Cli.Outcome o = Cli.run(Map.of("COLUMNS", Integer.toString(columns)), true, "plugins");
      assertEquals(0, o.code(), o.describe());
      o.out().lines().forEach(l -> assertTrue(l.length() <= columns, columns + ": " + l));
      assertTrue(o.out().contains(" relu "), o.out());
      assertEquals(all.size() + 1, o.out().lines().filter(l -> !l.startsWith("(")).count(), o.out());
    }
    Cli.Outcome eighty = Cli.run(Map.of("COLUMNS", "80"), true, "plugins");
    assertTrue(eighty.out().endsWith("(a wider terminal, or nn plugins | cat, shows each provider's class and jar)\n"),
        eighty.out());
    // at 40 columns each row still says which plugin a version is of
    Cli.Outcome narrow = Cli.run(Map.of("COLUMNS", "40"), true, "plugins");
    assertTrue(narrow.out().lines().anyMatch(l -> l.matches("activation relu +0\\.1\\.0-SNAPSHOT"))
        || narrow.out().contains("activation relu\n  0.1.0-SNAPSHOT\n"), narrow.out());
    narrow.out().lines().forEach(l -> assertTrue(l.length() < 40, l));
    Cli.Outcome wide = Cli.run(Map.of("COLUMNS", "160"), true, "plugins");
    assertTrue(wide.out().contains("nn-activations-0.1.0-SNAPSHOT.jar") && !wide.out().contains("/nn-activations"),
        wide.out());
  }

  @Test
  void everyPluginIsOneRowWithKindNameVersionClassAndOrigin() {
    Cli.Outcome o = Cli.run("plugins");
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    List<PluginDescriptor> all = PluginRegistry.loadDefault().all();
    assertEquals(all.size() + 1, lines.size(), o.out());
    assertEquals(List.of("KIND", "NAME", "VERSION", "CLASS", "ORIGIN"), List.of(lines.get(0).split("\\s+")));
    for (int i = 0; i < all.size(); i++) {
      PluginDescriptor d = all.get(i);
      assertEquals(List.of(d.kind().label(), d.name(), d.version(), d.className(), d.origin()),
          List.of(lines.get(i + 1).split("\\s+")));
    }
    assertTrue(o.out().contains(" relu "), o.out());
    assertTrue(o.out().contains(" softmax-cross-entropy "), o.out());
    assertTrue(o.out().contains(" adam "), o.out());
    assertTrue(o.out().contains(" xavier-uniform "), o.out());
    int origin = lines.get(0).indexOf("ORIGIN");
    for (String line : lines) {
      assertEquals(' ', line.charAt(origin - 1), "columns line up: " + line);
    }
  }

  @Test
  void aProviderThatFailsToLoadIsReportedOnStderrWithExit2AndTheOthersAreStillListed() throws Exception {
    Path jar = tmp.resolve("broken.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/dev.nn.spi.LossProvider"));
      out.write("com.example.NoSuchLossProvider\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Cli.Outcome o = Cli.run("plugins", "--plugin-path", jar.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals(PluginRegistry.loadDefault().all().size() + 1, o.out().lines().count(), "every plugin that works: "
        + o.describe());
    List<String> lines = o.err().lines().toList();
    assertEquals(2, lines.size(), o.describe());
    assertEquals("nn: 1 plugin provider failed to load; the plugins above work:", lines.get(0));
    assertTrue(lines.get(1).startsWith("  loss provider failed to load: "), o.describe());
    assertTrue(lines.get(1).contains("com.example.NoSuchLossProvider"), o.describe());
  }

  /**
   * A provider that failed to load is said once, in its warning: the report of an unknown name, which may be the
   * name that provider was meant to give, points at the warning rather than repeating it word for word.
   */
  @Test
  void aProviderThatFailedToLoadIsSaidOnceWhenAnExperimentNamesAnUnknownPlugin() throws Exception {
    Path jar = tmp.resolve("broken.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/dev.nn.spi.ActivationProvider"));
      out.write("com.example.NoSuchActivationProvider\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Cli.Outcome o = Cli.run("validate", Cli.XOR, "--plugin-path", jar.toString(),
        "--set", "network.layers[1].activation=acme-isru");
    assertEquals(2, o.code(), o.describe());
    String failure = "activation provider failed to load: ";
    assertTrue(o.err().startsWith("nn: warning: " + failure), o.describe());
    assertEquals(1, o.err().split(java.util.regex.Pattern.quote(failure), -1).length - 1, o.describe());
    assertTrue(o.err().contains("[nn/UnknownPlugin] network.layers[1].activation: unknown activation \"acme-isru\""),
        o.describe());
    assertTrue(o.err().contains("; 1 plugin failed to load (see the warning above)\n"), o.describe());
  }

  @Test
  void aMissingPluginPathEntryExitsWith2NamingItFromTheOptionOrTheEnvironment() {
    Path missing = tmp.resolve("nothing.jar");
    Cli.Outcome o = Cli.run("plugins", "--plugin-path", tmp + File.pathSeparator + missing);
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + missing + ": plugin path entry does not exist\n", o.err());
    Path alsoMissing = tmp.resolve("other.jar");
    String variable = tmp + File.pathSeparator + missing + File.pathSeparator + alsoMissing;
    Cli.Outcome env = Cli.run(Map.of("NN_PLUGIN_PATH", variable), false, "plugins");
    assertEquals(2, env.code(), env.describe());
    assertEquals("nn: " + missing + ", " + alsoMissing + ": do not exist; named by the environment variable"
        + " NN_PLUGIN_PATH ('" + variable + "'); give it existing jars or directories, separated by '"
        + File.pathSeparator + "', or unset it\n", env.err());
  }

  @Test
  void missingEntriesOfTheEnvironmentAndOfTheOptionAreNamedTogether() {
    Path one = tmp.resolve("one.jar");
    Path two = tmp.resolve("two.jar");
    Cli.Outcome o = Cli.run(Map.of("NN_PLUGIN_PATH", one.toString()), false, "plugins", "--plugin-path",
        two.toString());
    assertEquals(2, o.code(), o.describe());
    assertEquals("nn: " + one + ": does not exist; named by the environment variable NN_PLUGIN_PATH ('" + one
        + "'); give it existing jars or directories, separated by '" + File.pathSeparator + "', or unset it; and "
        + two + " does not exist, named by --plugin-path\n", o.err());
  }

  @Test
  void aDirectoryWithoutJarsOnThePluginPathIsWarnedOfWithWhatItHolds() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path classes = Files.createDirectories(tmp.resolve("classes").resolve("META-INF").resolve("services")).getParent()
        .getParent();
    Path upper = Files.createDirectories(tmp.resolve("upper"));
    Files.write(upper.resolve("ACME.JAR"), new byte[0]);
    Cli.Outcome o = Cli.run("plugins", "--plugin-path", empty + File.pathSeparator + classes + File.pathSeparator
        + upper);
    assertEquals(0, o.code(), o.describe());
    String without = "nn: warning: plugin path entry %s is a directory without a *.jar file, so it adds no plugin";
    assertEquals(List.of(String.format(without, empty) + " (it is empty)",
        String.format(without, classes) + ": it holds META-INF/services, like a class directory, but nn loads plugins"
            + " from jars only; give the jar your build makes (or: jar cf plugin.jar -C " + classes + " .)",
        String.format(without, upper) + ": ACME.JAR is not taken, as only names ending in .jar (lowercase) are;"
            + " rename it"), o.err().lines().toList());
    // beside a jar that is taken, the .JAR files would be left out as silently
    Path mixed = Files.createDirectories(tmp.resolve("mixed"));
    try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(mixed.resolve("a.jar")))) {
      jar.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
    }
    Files.write(mixed.resolve("B.JAR"), new byte[0]);
    Files.write(mixed.resolve("c.Jar"), new byte[0]);
    Cli.Outcome beside = Cli.run("plugins", "--plugin-path", mixed.toString());
    assertEquals(0, beside.code(), beside.describe());
    assertTrue(beside.err().lines().toList().contains("nn: warning: plugin path entry " + mixed + " holds B.JAR,"
        + " c.Jar, not taken as only names ending in .jar (lowercase) are; rename them"), beside.describe());
  }

  @Test
  void thePluginPathMayComeBeforeOrAfterTheCommandSplitsOnThePathSeparatorAndNamesAJarOnce() {
    NnCommand before = new NnCommand(System.out, System.err, Map.of("NN_PLUGIN_PATH", "e1" + File.pathSeparator
        + "e2"), false, List.of());
    before.commandLine().parseArgs("--plugin-path", "a" + File.pathSeparator + "b", "--plugin-path", "e2", "plugins",
        "--plugin-path", "c", "--plugin-path", "a");
    assertEquals(List.of(Path.of("e1"), Path.of("e2"), Path.of("a"), Path.of("b"), Path.of("c")),
        before.pluginPathEntries());
  }
}
