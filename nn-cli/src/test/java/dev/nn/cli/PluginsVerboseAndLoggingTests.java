package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.plugin.PluginRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn plugins --verbose}, and what the command line does with nn's log records. */
class PluginsVerboseAndLoggingTests {
  @TempDir
  Path tmp;

  /** A jar with only a services file, listing {@code providers} of {@code service}. */
  private Path servicesJar(String name, String service, String providers) throws Exception {
    Path jar = tmp.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/" + service));
      out.write(providers.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void verboseListsEachPluginsSummaryAndSettingsAfterTheTable() {
    Cli.Outcome o = Cli.run("plugins", "--verbose");
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    int plugins = PluginRegistry.loadDefault().all().size();
    assertEquals(plugins + 1 + 6 * plugins, lines.size(), "the table, then six lines a plugin: " + o.out());
    int softplus = lines.indexOf("activation softplus " + PluginRegistry.loadDefault().all().stream()
        .filter(d -> d.name().equals("softplus")).findFirst().orElseThrow().version());
    assertTrue(softplus > plugins, o.out());
    assertEquals("", lines.get(softplus - 1));
    assertTrue(lines.get(softplus + 1).startsWith("  summary   "), o.out());
    assertEquals("  settings  beta: number > 0, default 1; threshold: number > 0, default 20", lines.get(softplus + 2));
    int relu = lines.indexOf("activation relu " + PluginRegistry.loadDefault().descriptor(
        dev.nn.core.plugin.PluginKind.ACTIVATION, "relu").orElseThrow().version());
    assertEquals("  settings  (none)", lines.get(relu + 2), o.out());
    // the class and origin too, which a narrow terminal's table leaves out
    assertTrue(lines.get(relu + 3).startsWith("  class     dev.nn."), o.out());
    assertTrue(lines.get(relu + 4).startsWith("  origin    "), o.out());
    // on a narrow terminal, every line folded between words: a summary was cut inside its words
    Cli.Outcome narrow = Cli.run(java.util.Map.of("COLUMNS", "40"), true, "plugins", "--verbose");
    assertEquals(0, narrow.code(), narrow.describe());
    assertTrue(narrow.out().lines().allMatch(l -> DisplayWidth.of(l) < 40 || !l.strip().contains(" ")), narrow.out());
  }

  @Test
  void withoutVerboseOnlyTheTableIsPrinted() {
    Cli.Outcome o = Cli.run("plugins");
    assertEquals(PluginRegistry.loadDefault().all().size() + 1, o.out().lines().count(), o.out());
  }

  @Test
  void aPluginsSummaryAndSettingsAreEscapedEachOnOneLine() throws Exception {
    Path jar = servicesJar("noisy.jar", "dev.nn.spi.ActivationProvider", NoisyTextProvider.class.getName() + "\n");
    Cli.Outcome o = Cli.run("plugins", "--verbose", "--plugin-path", jar.toString());
    assertEquals(0, o.code(), o.describe());
    List<String> lines = o.out().lines().toList();
    int at = lines.indexOf("activation noisy-text unknown");
    assertTrue(at > 0, o.out());
    assertEquals("  summary   red \\e[31mtext\\nsecond line", lines.get(at + 1));
    assertEquals("  settings  gain: number, default 1\\u0007", lines.get(at + 2));
    assertFalse(o.out().contains("\u001b"), o.out());
  }

  @Test
  void byDefaultNnsLogRecordsReachNeitherTheCommandsStderrNorTheConsoleHandler() throws Exception {
    Path jar = servicesJar("broken.jar", "dev.nn.spi.LossProvider", "com.example.NoSuchLossProvider\n");
    List<LogRecord> atRoot = new ArrayList<>();
    Logger root = Logger.getLogger("");
    Handler console = collector(atRoot);
    root.addHandler(console);
    Cli.Outcome o;
    try {
      o = Cli.run("plugins", "--plugin-path", jar.toString());
    } finally {
      root.removeHandler(console);
    }
    assertEquals(2, o.code(), o.describe());
    assertFalse(o.err().contains("nn: log:"), o.describe());
    assertTrue(atRoot.stream().noneMatch(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("dev.nn")),
        "the root logger's console handler would print " + atRoot);
  }

  @Test
  void nnLogInfoPrintsTheRecordsOnTheCommandsStderr() throws Exception {
    Path jar = servicesJar("broken.jar", "dev.nn.spi.LossProvider", "com.example.NoSuchLossProvider\n");
    Cli.Outcome o = Cli.run(Map.of("NN_LOG", "info"), false, "plugins", "--plugin-path", jar.toString());
    assertEquals(2, o.code(), o.describe());
    List<String> logged = o.err().lines().filter(l -> l.startsWith("nn: log: ")).toList();
    assertEquals(1, logged.size(), o.describe());
    assertTrue(logged.get(0).startsWith("nn: log: WARNING dev.nn.core.plugin.PluginRegistry: plugin skipped: loss"
        + " provider failed to load: "), o.describe());
    assertTrue(logged.get(0).endsWith("com.example.NoSuchLossProvider from " + jar.toUri().getPath() + " is listed in"
        + " META-INF/services/dev.nn.spi.LossProvider, but no such class is in the jar or on nn's class path: check"
        + " the line's spelling (the class's full name, package and all) and that the class was packed into the jar"),
        o.describe());
    assertFalse(o.err().contains("\tat "), "no trace without --debug");
    // --debug adds the trace of what failed, for the plugin's author
    Cli.Outcome debug = Cli.run(Map.of(), false, "plugins", "--plugin-path", jar.toString(), "--debug");
    assertTrue(debug.err().contains("java.util.ServiceConfigurationError: dev.nn.spi.LossProvider: Provider"
        + " com.example.NoSuchLossProvider not found\n\tat "), debug.describe());
  }

  @Test
  void debugPrintsARunsStartEndAndCheckpoints() throws Exception {
    Cli.Outcome o = Cli.run(Map.of(), false, "train", Cli.XOR, "--output", tmp.toString(), "--debug",
        "--set", "training.epochs=2");
    assertEquals(0, o.code(), o.describe());
    Path run = Cli.onlyRun(tmp);
    List<String> logged = o.err().lines().filter(l -> l.startsWith("nn: log: ")).toList();
    assertEquals("nn: log: INFO dev.nn.core.experiment.TrainingRun: run started in " + run, logged.get(0), o.describe());
    assertTrue(logged.contains("nn: log: DEBUG dev.nn.core.run.CheckpointWriter: checkpoint of epoch 2 written: "
        + run.resolve("checkpoints").resolve("epoch-0002.ckpt")), o.describe());
    assertEquals("nn: log: INFO dev.nn.core.experiment.TrainingRun: run finished after epoch 2 in " + run,
        logged.get(logged.size() - 1), o.describe());
  }

  @Test
  void anUnknownNnLogValueIsNamedAndIgnored() {
    Cli.Outcome o = Cli.run(Map.of("NN_LOG", "loud"), false, "plugins");
    assertEquals(0, o.code(), o.describe());
    assertEquals("nn: warning: NN_LOG=loud is not one of debug, info, warning, off; ignored\n", o.err());
  }

  private static Handler collector(List<LogRecord> into) {
    return new Handler() {
      @Override
      public void publish(LogRecord r) {
        into.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
