package dev.nn.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.core.testing.PluginJars;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.net.URLClassLoader;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins whose own code is wrong, in real jars: each failure is reported as that plugin's (its kind, name or
 * class, its jar, the method and what it did), and never hides the plugins that work.
 */
class BrokenPluginTests {
  private static final String ACTIVATIONS = "dev.nn.spi.ActivationProvider";
  private static final String LOSSES = "dev.nn.spi.LossProvider";
  private static final String OPTIMIZERS = "dev.nn.spi.OptimizerProvider";

  @TempDir
  Path dir;

  private static URLClassLoader loader(Path... jars) throws Exception {
    return PluginJars.loader(jars);
  }

  /** The source of an activation provider {@code com.acme.<cls>} whose methods have the given bodies. */
  private static String activationProvider(String cls, String name, String summary, String extra, String create) {
    return "package com.acme;\n"
        + "import dev.nn.api.Activation;\n"
        + "import dev.nn.spi.ActivationProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class " + cls + " implements ActivationProvider {\n"
        + "  public String name() { " + name + " }\n"
        + "  public String summary() { " + summary + " }\n"
        + extra
        + "  public Activation create(Settings s) { " + create + " }\n"
        + "}\n";
  }

  private static final String IDENTITY = "return new Activation() {\n"
      + "  public double phi(double z) { return z; }\n"
      + "  public double phiPrime(double z, double x) { return 1; }\n"
      + "};";

  @Test
  void aProviderWhoseTextMethodsReturnNullOrThrowIsReportedAndTheOthersWork() throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("com.acme.Good", activationProvider("Good", "return \"good\";", "return \"z\";", "", IDENTITY));
    sources.put("com.acme.NullName", activationProvider("NullName", "return null;", "return \"z\";", "", IDENTITY));
    sources.put("com.acme.NullSummary",
        activationProvider("NullSummary", "return \"ns\";", "return null;", "", IDENTITY));
    sources.put("com.acme.ThrowingVersion", activationProvider("ThrowingVersion", "return \"tv\";", "return \"z\";",
        "  public String version() { throw new IllegalStateException(\"no version\"); }\n", IDENTITY));
    sources.put("com.acme.NullHelp", activationProvider("NullHelp", "return \"nh\";", "return \"z\";",
        "  public String settingsHelp() { return null; }\n", IDENTITY));
    sources.put("com.acme.ThrowingName", activationProvider("ThrowingName",
        "throw new UnsupportedOperationException(\"later\");", "return \"z\";", "", IDENTITY));
    Path jar = PluginJars.build(dir, "broken", sources, Map.of(ACTIVATIONS,
        "com.acme.NullName\ncom.acme.NullSummary\ncom.acme.ThrowingVersion\ncom.acme.NullHelp\ncom.acme.ThrowingName\n"
            + "com.acme.Good\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      assertTrue(registry.names(PluginKind.ACTIVATION).contains("good"), registry.names(PluginKind.ACTIVATION)
          .toString());
      assertFalse(registry.names(PluginKind.ACTIVATION).contains("ns"));
      String from = " from " + jar;
      assertEquals(List.of(
          "activation provider com.acme.NullName" + from + " returned null from name(); skipped",
          "activation provider com.acme.NullSummary" + from + " returned null from summary(); skipped",
          "activation provider com.acme.ThrowingVersion" + from
              + " threw IllegalStateException: no version in version(); skipped",
          "activation provider com.acme.NullHelp" + from + " returned null from settingsHelp(); skipped",
          "activation provider com.acme.ThrowingName" + from
              + " threw UnsupportedOperationException: later in name(); skipped"),
          registry.failures());
    }
  }

  @Test
  void controlCharactersInANameAreEscapedInTheReport() throws Exception {
    Path jar = PluginJars.build(dir, "ansi", Map.of("com.acme.Ansi", activationProvider("Ansi",
        "return \"\\u001b[2Jevil\\r\";", "return \"z\";", "", IDENTITY)), Map.of(ACTIVATIONS, "com.acme.Ansi\n"));
    try (URLClassLoader cl = loader(jar)) {
      List<String> failures = PluginRegistry.load(cl).failures();
      assertEquals(List.of("activation provider com.acme.Ansi from " + jar + " has the name \"\\e[2Jevil\\r\", which"
          + " is not lowercase kebab-case (letters a-z, digits and single hyphens); skipped"), failures);
    }
  }

  @Test
  void controlCharactersInAVersionOrSummaryAreEscapedInTheListing() throws Exception {
    Path jar = PluginJars.build(dir, "loud", Map.of("com.acme.Loud", activationProvider("Loud", "return \"loud\";",
        "return \"\\u001b[31mred\";", "  public String version() { return \"1.0\\u0007\"; }\n", IDENTITY)),
        Map.of(ACTIVATIONS, "com.acme.Loud\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginDescriptor d = PluginRegistry.load(cl).descriptor(PluginKind.ACTIVATION, "loud").orElseThrow();
      assertEquals("1.0\\u0007", d.version());
      assertEquals("\\e[31mred", d.summary());
    }
  }

  @Test
  void aCreateThatReturnsNullOrThrowsIsThePluginsProblemNamingItsJar() throws Exception {
    Path jar = PluginJars.build(dir, "makers", Map.of(
        "com.acme.Nothing", activationProvider("Nothing", "return \"nothing\";", "return \"z\";", "", "return null;"),
        "com.acme.Boom", activationProvider("Boom", "return \"boom\";", "return \"z\";", "",
            "throw new IllegalStateException(\"boom\\u001b[0m\");"),
        "com.acme.Picky", activationProvider("Picky", "return \"picky\";", "return \"z\";", "",
            "throw new IllegalArgumentException(\"slope must be positive\");"),
        // as the JVM throws it when a class the plugin uses is in no jar of the plugin path
        "com.acme.Lacking", activationProvider("Lacking", "return \"lacking\";", "return \"z\";", "",
            "throw new NoClassDefFoundError(\"org/lib/Special\");"),
        // as the JVM throws it when a plugin built against another nn-api calls what this one lacks
        "com.acme.Newer", activationProvider("Newer", "return \"newer\";", "return \"z\";", "",
            "throw new NoSuchMethodError(\"'dev.nn.spi.Range dev.nn.spi.Range.nonNegative()'\");")),
        Map.of(ACTIVATIONS, "com.acme.Nothing\ncom.acme.Boom\ncom.acme.Picky\ncom.acme.Lacking\ncom.acme.Newer\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      ConfigProblem none = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "nothing")).problems().get(0);
      assertEquals(ProblemId.INVALID_SETTING, none.id());
      assertEquals("activation \"nothing\" from " + jar + " created nothing (its create() returned null) instead of"
          + " Activation", none.message());
      ConfigException boomed = assertThrows(ConfigException.class, () -> registry.create(PluginKind.ACTIVATION, "boom"));
      // the plugin's own exception rides along, for --debug to print its frames
      assertEquals(1, boomed.getSuppressed().length);
      assertEquals("com.acme.Boom", boomed.getSuppressed()[0].getStackTrace()[0].getClassName());
      ConfigProblem boom = boomed.problems().get(0);
      assertEquals("activation \"boom\" from " + jar + " failed to create it: its create() threw"
          + " IllegalStateException: boom\\e[0m", boom.message());
      // a plugin's own fault: its settings, which the experiment could change, are not what is allowed
      assertEquals("a plugin whose create() succeeds; the plugin's author can fix it", boom.allowed());
      ConfigProblem lacking = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "lacking")).problems().get(0);
      assertEquals("a plugin whose classes are all there: it needs the class org.lib.Special, which is not on the"
          + " plugin path: put the jar that holds it on the plugin path too (a jar without service files is taken"
          + " as a library)", lacking.allowed());
      ConfigProblem newer = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "newer")).problems().get(0);
      assertEquals("a plugin built against the nn-api of this nn (nn --version names it): it uses a part of nn's API"
          + " that this nn does not have as the plugin expects, so it was built against another nn-api; build it"
          + " against this one", newer.allowed());
      ConfigProblem picky = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "picky")).problems().get(0);
      assertEquals("activation \"picky\" from " + jar + " rejected its settings: its create() threw"
          + " IllegalArgumentException: slope must be positive", picky.message());
    }
  }

  /** kinks() not finite, or out of order, is refused when the plugin is created: the gradient check skipped none. */
  @Test
  void kinksThatAreNotFiniteOrNotIncreasingAreRefused() throws Exception {
    String kinked = "return new Activation() {\n"
        + "  public double phi(double z) { return z; }\n"
        + "  public double phiPrime(double z, double x) { return 1; }\n"
        + "  public double[] kinks() { return new double[] {%s}; }\n"
        + "};";
    Path jar = PluginJars.build(dir, "kinks", Map.of(
        "com.acme.NanKink", activationProvider("NanKink", "return \"nan-kink\";", "return \"z\";", "",
            String.format(kinked, "1.0, Double.NaN, -1.0")),
        "com.acme.Unordered", activationProvider("Unordered", "return \"unordered\";", "return \"z\";", "",
            String.format(kinked, "1.0, -1.0")),
        "com.acme.Ordered", activationProvider("Ordered", "return \"ordered\";", "return \"z\";", "",
            String.format(kinked, "-1.0, 0.0, 1.0"))),
        Map.of(ACTIVATIONS, "com.acme.NanKink\ncom.acme.Unordered\ncom.acme.Ordered\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      ConfigProblem nan = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "nan-kink")).problems().get(0);
      assertEquals("activation \"nan-kink\" from " + jar + " returned kinks() [1.0, NaN, -1.0], whose value NaN is"
          + " not finite", nan.message());
      ConfigProblem unordered = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "unordered")).problems().get(0);
      assertEquals("activation \"unordered\" from " + jar + " returned kinks() [1.0, -1.0], whose values are not in"
          + " increasing order", unordered.message());
      assertEquals(3, registry.create(PluginKind.ACTIVATION, "ordered").kinks().length);
    }
  }

  @Test
  void aConfigExceptionAPluginWritesIsEscaped() throws Exception {
    Path jar = PluginJars.build(dir, "picky", Map.of("com.acme.Picky", activationProvider("Picky", "return \"picky\";",
        "return \"z\";", "", "throw new dev.nn.spi.ConfigException(dev.nn.spi.ConfigProblem.of("
            + "dev.nn.spi.ProblemId.INVALID_SETTING, \"slope\", \"bad\\u001b[8m\", \"0 \\u2026 1\"));")),
        Map.of(ACTIVATIONS, "com.acme.Picky\n"));
    try (URLClassLoader cl = loader(jar)) {
      ConfigProblem p = assertThrows(ConfigException.class,
          () -> PluginRegistry.load(cl).create(PluginKind.ACTIVATION, "picky")).problems().get(0);
      assertEquals("slope: bad\\e[8m. Allowed: 0 … 1", p.toString());
    }
  }

  @Test
  void twoVersionsOfOneJarAreRefusedNamingBoth() throws Exception {
    Map<String, String> sources = Map.of("com.acme.Good",
        activationProvider("Good", "return \"good\";", "return \"z\";", "", IDENTITY));
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path older = Files.move(PluginJars.build(dir, "acme-1.0", sources, Map.of(ACTIVATIONS, "com.acme.Good\n")),
        plugins.resolve("acme-1.0.jar"));
    Path newer = Files.move(PluginJars.build(dir, "acme-1.1", sources, Map.of(ACTIVATIONS, "com.acme.Good\n")),
        plugins.resolve("acme-1.1.jar"));
    ClassLoader cl = PluginPath.of(List.of(plugins)).classLoader(getClass().getClassLoader());
    ConfigException e = assertThrows(ConfigException.class, () -> PluginRegistry.load(cl));
    assertEquals(1, e.problems().size(), e.problems().toString());
    ConfigProblem p = e.problems().get(0);
    assertEquals(ProblemId.DUPLICATE_PLUGIN, p.id());
    assertEquals("the activation provider com.acme.Good is in 2 jars: " + older + " and " + newer
        + "; only the first would be used", p.message());
  }

  @Test
  void anActivationThatThrowsIsBlamedWithItsNameJarMethodAndWhen() throws Exception {
    Path jar = PluginJars.build(dir, "foo", Map.of("com.acme.Foo", activationProvider("Foo", "return \"foo\";",
        "return \"z\";", "", "return new Activation() {\n"
            + "  public double phi(double z) { return z; }\n"
            + "  public double phiPrime(double z, double x) { throw new IllegalStateException(\"boom\"); }\n"
            + "};")), Map.of(ACTIVATIONS, "com.acme.Foo\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      Activation foo = registry.create(PluginKind.ACTIVATION, "foo");
      double[] z = {1, 2};
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> foo.backward(z, z, new double[2], 2));
      PluginFailureException f = registry.blame(thrown, "during training").orElseThrow();
      assertEquals("activation \"foo\" from " + jar + " threw IllegalStateException: boom in φ′ (phiPrime) during"
          + " training (at " + thrown.getStackTrace()[0] + ")", f.getMessage());
      assertEquals("foo", f.plugin().name());
      assertTrue(f.getCause() == thrown);
      // the same exception carried by another, as a worker pool may rethrow it
      assertEquals(f.getMessage(), registry.blame(new IllegalStateException("wrapped", thrown), "during training")
          .orElseThrow().getMessage());
    }
  }

  @Test
  void aLossAndAnOptimizerThatThrowAreBlamedIncludingCodeInAHelperClassOfTheirJar() throws Exception {
    String loss = "package com.acme;\n"
        + "import dev.nn.api.*; import dev.nn.spi.*;\n"
        + "public final class Lossy implements LossProvider {\n"
        + "  public String name() { return \"lossy\"; }\n"
        + "  public String summary() { return \"-\"; }\n"
        + "  public Loss create(Settings s) { return new LossyLoss(); }\n"
        + "}\n"
        + "final class LossyLoss implements Loss {\n"
        + "  public Seeding seeding() { return Seeding.DEFAULT; }\n"
        + "  public TargetKind targets() { return TargetKind.REAL; }\n"
        + "  public double value(double[] z, double[] x, double[] y, int rows, int cols) { return Helper.fail(); }\n"
        + "  public double seed(double[] z, double[] x, double[] y, double[] d, int rows, int cols) { return 0; }\n"
        + "}\n";
    String helper = "package com.acme;\n"
        + "public final class Helper {\n"
        + "  static double fail() { double[] none = new double[0]; return none[1]; }\n"
        + "}\n";
    String optimizer = "package com.acme;\n"
        + "import dev.nn.api.*; import dev.nn.spi.*; import java.nio.DoubleBuffer;\n"
        + "public final class Stepper implements OptimizerProvider {\n"
        + "  public String name() { return \"stepper\"; }\n"
        + "  public String summary() { return \"-\"; }\n"
        + "  public Optimizer create(Settings s) { return size -> new Optimizer.Updater() {\n"
        + "    public void step(DoubleBuffer p, DoubleBuffer g, double eta, long t) {\n"
        + "      throw new ArithmeticException(\"step \" + t);\n"
        + "    }\n"
        + "  }; }\n"
        + "}\n";
    Path jar = PluginJars.build(dir, "acme", Map.of("com.acme.Lossy", loss, "com.acme.Helper", helper,
        "com.acme.Stepper", optimizer), Map.of(LOSSES, "com.acme.Lossy\n", OPTIMIZERS, "com.acme.Stepper\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      Loss lossy = registry.create(PluginKind.LOSS, "lossy");
      RuntimeException inHelper = assertThrows(RuntimeException.class,
          () -> lossy.value(new double[1], new double[1], new double[1], 1, 1));
      assertEquals("loss \"lossy\" from " + jar + " threw ArrayIndexOutOfBoundsException: Index 1 out of bounds for"
          + " length 0 in the loss value (value) during evaluation (at " + inHelper.getStackTrace()[0] + ")",
          registry.blame(inHelper, "during evaluation").orElseThrow().getMessage());
      Optimizer stepper = registry.create(PluginKind.OPTIMIZER, "stepper");
      Optimizer.Updater updater = stepper.newUpdater(1);
      DoubleBuffer one = DoubleBuffer.allocate(1);
      RuntimeException inStep = assertThrows(RuntimeException.class, () -> updater.step(one, one, 0.1, 7));
      assertEquals("optimizer \"stepper\" from " + jar + " threw ArithmeticException: step 7 in an optimizer step"
          + " (step) during training (at " + inStep.getStackTrace()[0] + ")",
          registry.blame(inStep, "during training").orElseThrow().getMessage());
    }
  }

  @Test
  void whatNnsOwnCodeThrowsAndWhatAPluginRejectsAreNotAPluginsFailure() throws Exception {
    Path jar = PluginJars.build(dir, "fine", Map.of("com.acme.Good",
        activationProvider("Good", "return \"good\";", "return \"z\";", "", IDENTITY)),
        Map.of(ACTIVATIONS, "com.acme.Good\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      registry.create(PluginKind.ACTIVATION, "good");
      assertTrue(registry.blame(new IllegalStateException("nn's own"), "during training").isEmpty());
      assertTrue(registry.blame(new ConfigException(ConfigProblem.of(ProblemId.INVALID_SETTING, "", "no", "")),
          "during training").isEmpty());
      PluginRegistry builtIns = PluginRegistry.loadDefault();
      Optimizer.Updater sgd = builtIns.create(PluginKind.OPTIMIZER, "sgd").newUpdater(2);
      RuntimeException inBuiltIn = assertThrows(RuntimeException.class,
          () -> sgd.step(DoubleBuffer.allocate(1), DoubleBuffer.allocate(1), 0.1, 1));
      assertNull(builtIns.blame(inBuiltIn, "during training").orElse(null),
          "a built-in is nn's own code: its failure is a bug in nn");
    }
  }

  @Test
  void aNullWhereNnApiPromisesAValueIsThePluginsProblem() throws Exception {
    String loss = "package com.acme;\n"
        + "import dev.nn.api.*; import dev.nn.spi.*;\n"
        + "public final class Vague implements LossProvider {\n"
        + "  public String name() { return \"vague\"; }\n"
        + "  public String summary() { return \"-\"; }\n"
        + "  public Loss create(Settings s) { return new Loss() {\n"
        + "    public Seeding seeding() { return null; }\n"
        + "    public TargetKind targets() { return TargetKind.REAL; }\n"
        + "    public double value(double[] z, double[] x, double[] y, int rows, int cols) { return 0; }\n"
        + "    public double seed(double[] z, double[] x, double[] y, double[] d, int rows, int cols) { return 0; }\n"
        + "  }; }\n"
        + "}\n";
    String optimizer = "package com.acme;\n"
        + "import dev.nn.api.*; import dev.nn.spi.*;\n"
        + "public final class Stateless implements OptimizerProvider {\n"
        + "  public String name() { return \"stateless\"; }\n"
        + "  public String summary() { return \"-\"; }\n"
        + "  public Optimizer create(Settings s) { return size -> null; }\n"
        + "}\n";
    Path jar = PluginJars.build(dir, "vague", Map.of("com.acme.Vague", loss, "com.acme.Stateless", optimizer),
        Map.of(LOSSES, "com.acme.Vague\n", OPTIMIZERS, "com.acme.Stateless\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      ConfigProblem p = assertThrows(ConfigException.class, () -> registry.create(PluginKind.LOSS, "vague"))
          .problems().get(0);
      assertEquals("loss \"vague\" from " + jar + " returned null from seeding(), where a value is required",
          p.message());
      Optimizer stateless = registry.create(PluginKind.OPTIMIZER, "stateless");
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> PluginResults.nonNull(stateless.newUpdater(3), stateless, "newUpdater(3)"));
      assertEquals("optimizer \"stateless\" from " + jar + " returned null from newUpdater(3) during training, where"
          + " a value is required", registry.blame(e, "during training").orElseThrow().getMessage());
    }
  }
}
