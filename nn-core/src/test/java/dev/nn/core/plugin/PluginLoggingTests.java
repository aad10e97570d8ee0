package dev.nn.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.testing.PluginJars;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library user sees plugin load failures in the log, as java.util.logging records of the {@code dev.nn}
 * logger (nn logs through {@code System.Logger}, which goes to java.util.logging unless a bridge is installed).
 */
class PluginLoggingTests {
  // held: java.util.logging keeps loggers weakly
  private static final Logger NN = Logger.getLogger("dev.nn");

  @TempDir
  Path dir;

  private final List<LogRecord> records = new ArrayList<>();
  private final Handler collector = new Handler() {
    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level previous;

  @BeforeEach
  void attach() {
    previous = NN.getLevel();
    NN.setLevel(Level.ALL);
    NN.addHandler(collector);
  }

  @AfterEach
  void detach() {
    NN.removeHandler(collector);
    NN.setLevel(previous);
  }

  @Test
  void aProviderThatFailsToLoadIsLoggedAsAWarningNamingItAndItsJar() throws Exception {
    Path jar = PluginJars.build(dir, "acme", Map.of("com.acme.Good", PluginJars.activationProvider("com.acme", "Good",
        "good")), Map.of("dev.nn.spi.ActivationProvider", "com.acme.Good\ncom.acme.Missing\n"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        PluginLoggingTests.class.getClassLoader())) {
      PluginRegistry registry = PluginRegistry.load(loader);

      assertTrue(registry.names(PluginKind.ACTIVATION).contains("good"));
      List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
      assertEquals(1, warnings.size(), records.toString());
      LogRecord warning = warnings.get(0);
      assertEquals(PluginRegistry.class.getName(), warning.getLoggerName());
      assertTrue(warning.getMessage().startsWith("plugin skipped: activation provider failed to load: "),
          warning.getMessage());
      assertTrue(warning.getMessage().contains("com.acme.Missing"), warning.getMessage());
      assertTrue(warning.getMessage().contains("com.acme.Missing from " + jar.toUri().toURL().getPath() + " is listed"),
          warning.getMessage());
      assertEquals(List.of(warning.getMessage().substring("plugin skipped: ".length())), registry.failures());
    }
  }

  @Test
  void aBadPluginPathEntryIsLoggedAsAWarningBeforeItIsRefused() throws Exception {
    Path notAJar = Files.writeString(dir.resolve("notes.jar"), "hello");

    assertThrows(PluginPathException.class, () -> PluginPath.of(List.of(notAJar)));

    List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
    assertEquals(1, warnings.size(), records.toString());
    assertEquals(PluginPath.class.getName(), warnings.get(0).getLoggerName());
    assertEquals("plugin path refused: " + notAJar + ": is not a jar file (a jar is a zip archive)",
        warnings.get(0).getMessage());
  }
}
