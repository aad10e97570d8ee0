package dev.nn.tests.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.PluginProvider;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin project, built as its author's compiler builds it ({@link PluginExampleJar}) and
 * loaded by the registry through a class loader of its own, as {@code --plugin-path} loads a jar.
 */
class PluginExampleTests {
  @TempDir
  static Path buildDirectory;

  private static Path jar;

  @BeforeAll
  static void buildTheJar() throws IOException {
    jar = PluginExampleJar.build(buildDirectory);
  }

  private URLClassLoader pluginLoader(Path... jars) throws IOException {
    URL[] urls = new URL[jars.length];
    for (int i = 0; i < jars.length; i++) {
      urls[i] = jars[i].toUri().toURL();
    }
    return new URLClassLoader(urls, getClass().getClassLoader());
  }

  @Test
  void theJarHoldsTheClassesServiceFilesAndVersionButNoCopyOfNnApi() throws IOException {
    assertEquals(buildDirectory.resolve("target").resolve("acme-nn-plugins-1.0.0.jar"), jar);
    try (JarFile file = new JarFile(jar.toFile())) {
      assertEquals("1.0.0", file.getManifest().getMainAttributes().getValue("Implementation-Version"));
      List<String> names = Collections.list(file.entries()).stream().map(JarEntry::getName).collect(Collectors.toList());
      assertTrue(names.contains("com/example/acme/nn/AcmeSwishProvider.class"), names.toString());
      assertTrue(names.contains("com/example/acme/nn/AcmePseudoHuberProvider.class"), names.toString());
      assertEquals("com.example.acme.nn.AcmeSwishProvider",
          read(file, "META-INF/services/dev.nn.spi.ActivationProvider").strip());
      assertEquals("com.example.acme.nn.AcmePseudoHuberProvider",
          read(file, "META-INF/services/dev.nn.spi.LossProvider").strip());
      assertTrue(names.stream().noneMatch(n -> n.startsWith("dev/")), "the jar bundles nn classes: " + names);
    }
  }

  @Test
  void theAcmeClassesExistOnlyInTheJar() {
    assertThrows(ClassNotFoundException.class,
        () -> Class.forName("com.example.acme.nn.AcmeSwishProvider", false, getClass().getClassLoader()));
    PluginRegistry withoutJar = PluginRegistry.load(getClass().getClassLoader());
    assertFalse(withoutJar.descriptors(PluginKind.ACTIVATION).containsKey("acme-swish"));
    assertFalse(withoutJar.descriptors(PluginKind.LOSS).containsKey("acme-pseudo-huber"));
  }

  @Test
  void registryFindsBothPluginsWithTheJarsVersionAndTheJarAsOrigin() throws IOException {
    try (URLClassLoader loader = pluginLoader(jar)) {
      PluginRegistry registry = PluginRegistry.load(loader);
      assertEquals(List.of(), registry.failures());
      PluginDescriptor swish = registry.descriptors(PluginKind.ACTIVATION).get("acme-swish");
      PluginDescriptor pseudoHuber = registry.descriptors(PluginKind.LOSS).get("acme-pseudo-huber");
      assertEquals("com.example.acme.nn.AcmeSwishProvider", swish.className());
      assertEquals("com.example.acme.nn.AcmePseudoHuberProvider", pseudoHuber.className());
      for (PluginDescriptor d : List.of(swish, pseudoHuber)) {
        assertEquals("1.0.0", d.version(), d.toString());
        assertEquals(jar.toAbsolutePath().toString(), d.origin(), d.toString());
      }
      assertTrue(swish.summary().contains("sigmoid"), swish.summary());
      assertTrue(pseudoHuber.summary().contains("delta"), pseudoHuber.summary());
      // the built-ins are found beside them, through the parent loader
      assertTrue(registry.descriptors(PluginKind.LOSS).containsKey("huber"));
    }
  }

  @Test
  void createsTheSwishOfTheJarWithItsBetaSetting() throws IOException {
    try (URLClassLoader loader = pluginLoader(jar)) {
      Activation swish = PluginRegistry.load(loader)
          .create(PluginKind.ACTIVATION, "acme-swish", Settings.of("activation \"acme-swish\"", Map.of("beta", 1.5)));
      // φ(z) = z·σ(βz), φ′(z) = σ(βz) + βz·σ(βz)(1 − σ(βz)); at z = 2, βz = 3
      double s = 1 / (1 + Math.exp(-3));
      assertEquals(2 * s, swish.phi(2), 1e-15);
      assertEquals(s + 3 * s * (1 - s), swish.phiPrime(2, swish.phi(2)), 1e-15);
      assertEquals(-1 * (1 / (1 + Math.exp(1.5))), swish.phi(-1), 1e-15);
    }
  }

  @Test
  void createsThePseudoHuberOfTheJarWithItsDeltaSetting() throws IOException {
    try (URLClassLoader loader = pluginLoader(jar)) {
      Loss loss = PluginRegistry.load(loader)
          .create(PluginKind.LOSS, "acme-pseudo-huber", Settings.of("loss \"acme-pseudo-huber\"", Map.of("delta", 0.5)));
      assertEquals(Seeding.DEFAULT, loss.seeding());
      assertEquals(TargetKind.REAL, loss.targets());
      // L = Σ_k δ²(√(1 + (r_k/δ)²) − 1), seed r/√(1 + (r/δ)²), r = x − y, δ = 0.5: r = 0.375 and −1.2
      double[] x = {1.375, -0.7};
      double[] y = {1, 0.5};
      double[] delta = new double[2];
      double expected = 0.25 * (Math.sqrt(1 + 0.75 * 0.75) - 1) + 0.25 * (Math.sqrt(1 + 2.4 * 2.4) - 1);
      assertEquals(expected, loss.seed(x, x, y, delta, 1, 2), 1e-15);
      assertEquals(expected, loss.value(x, x, y, 1, 2), 1e-15);
      assertEquals(0.375 / Math.sqrt(1 + 0.75 * 0.75), delta[0], 1e-15);
      assertEquals(-1.2 / Math.sqrt(1 + 2.4 * 2.4), delta[1], 1e-15);
    }
  }

  @Test
  void reportsAnOutOfRangeSettingOfAPluginFromTheJar() throws IOException {
    try (URLClassLoader loader = pluginLoader(jar)) {
      PluginRegistry registry = PluginRegistry.load(loader);
      ConfigException e = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "acme-swish", Settings.of("activation \"acme-swish\"", Map.of("beta", -1))));
      ConfigProblem problem = e.problems().get(0);
      assertEquals("beta", problem.path());
      assertEquals(">= 0", problem.allowed());
      assertTrue(problem.message().contains("activation \"acme-swish\"") && problem.message().contains("found -1"),
          problem.message());
    }
  }

  @Test
  void compilesAgainstNnApiAloneWithNnCoreAbsent() throws IOException {
    Path api = PluginExampleJar.nnApiLocation();
    assertFalse(containsClass(api, PluginRegistry.class), api + " holds nn-core classes");
    assertTrue(containsClass(api, PluginProvider.class), api + " does not hold nn-api");
    // The same compiler and class path reject a source that needs nn-core: the example's successful
    // build therefore used nothing but nn-api. With nn-core's classes added, the probe compiles.
    Path probe = buildDirectory.resolve("probe").resolve("Probe.java");
    Files.createDirectories(probe.getParent());
    Files.writeString(probe, "/** Needs nn-core. */\npublic final class Probe {\n"
        + "  private Probe() {}\n\n  /** Names a core class. */\n"
        + "  public static String name() {\n    return dev.nn.core.plugin.PluginRegistry.class.getName();\n  }\n}\n");
    PluginExampleJar.Compilation apiOnly =
        PluginExampleJar.compile(List.of(probe), List.of(api), buildDirectory.resolve("probe-api-only"));
    assertFalse(apiOnly.succeeded(), "nn-core is on the plugin's compile class path: " + apiOnly.diagnostics());
    assertTrue(apiOnly.diagnostics().contains("dev.nn.core.plugin"), apiOnly.diagnostics());
    PluginExampleJar.Compilation withCore = PluginExampleJar.compile(List.of(probe),
        List.of(api, PluginExampleJar.location(PluginRegistry.class)), buildDirectory.resolve("probe-with-core"));
    assertTrue(withCore.succeeded(), withCore.diagnostics());
  }

  @Test
  void aJarThatBundlesNnApiIsRejectedNamingIt() throws IOException {
    // what a plugin jar would look like had it declared nn-api in compile scope and been shaded
    Path bundled = PluginExampleJar.withBundledApi(jar, buildDirectory.resolve("acme-nn-plugins-with-api.jar"));
    try (URLClassLoader loader = pluginLoader(bundled)) {
      ConfigException e = assertThrows(ConfigException.class, () -> PluginRegistry.load(loader));
      ConfigProblem problem = e.problems().get(0);
      assertEquals(ProblemId.BUNDLED_API, problem.id());
      assertTrue(problem.message().contains(bundled.toAbsolutePath().toString()), problem.message());
      assertTrue(problem.allowed().contains("provided"), problem.allowed());
    }
  }

  @Test
  void thePomDeclaresTheCoordinatesTheJarIsNamedAfterAndNnApiAsProvided() throws IOException {
    String pom = Files.readString(PluginExampleJar.PROJECT.resolve("pom.xml"));
    assertTrue(pom.matches("(?s).*<artifactId>acme-nn-plugins</artifactId>\\s*<version>"
        + PluginExampleJar.VERSION.replace(".", "\\.") + "</version>.*"),
        "the pom's coordinates differ from " + PluginExampleJar.JAR_NAME);
    assertTrue(pom.matches("(?s).*<artifactId>nn-api</artifactId>\\s*<version>[^<]+</version>\\s*"
        + "<scope>provided</scope>.*"), "nn-api is not declared <scope>provided</scope> in the example's pom");
    assertTrue(pom.contains("<addDefaultImplementationEntries>true</addDefaultImplementationEntries>"),
        "the example's jar would lack Implementation-Version");
  }

  private static boolean containsClass(Path location, Class<?> type) throws IOException {
    String entry = type.getName().replace('.', '/') + ".class";
    if (Files.isDirectory(location)) {
      return Files.exists(location.resolve(entry));
    }
    try (JarFile file = new JarFile(location.toFile())) {
      return file.getEntry(entry) != null;
    }
  }

  private static String read(JarFile file, String name) throws IOException {
    JarEntry entry = file.getJarEntry(name);
    assertNotNull(entry, () -> file.getName() + " has no " + name);
    try (InputStream in = file.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
