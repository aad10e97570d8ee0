package dev.nn.tests.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars that are wrong on purpose, built as a plugin author's compiler builds them and given to
 * {@code nn} with {@code --plugin-path}: every fault is one message naming the plugin or the file and what is
 * wrong, exit 2, no stack trace, and no fault hides the plugins that work.
 */
class BrokenPluginCommandTests {
  private static final String ACTIVATIONS = "dev.nn.spi.ActivationProvider";
  private static final String LOSSES = "dev.nn.spi.LossProvider";
  private static final String OPTIMIZERS = "dev.nn.spi.OptimizerProvider";
  private static final String INITIALIZERS = "dev.nn.spi.InitializerProvider";

  @TempDir
  static Path build;

  /** Plugins that throw while training: in φ′, in the loss seed, in an optimizer step, in the initializer. */
  private static Path throwing;

  @TempDir
  Path tmp;

  /** What one command did. */
  private record Outcome(int code, String out, String err) {
    String describe() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static Outcome nn(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, Map.of());
    }
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String activation(String cls, String name, String phiPrime) {
    return "package com.acme.broken;\n"
        + "import dev.nn.api.Activation;\n"
        + "import dev.nn.spi.ActivationProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class " + cls + " implements ActivationProvider {\n"
        + "  @Override public String name() { return " + name + "; }\n"
        + "  @Override public String summary() { return \"tanh\"; }\n"
        + "  @Override public Activation create(Settings settings) {\n"
        + "    return new Activation() {\n"
        + "      @Override public double phi(double z) { return Math.tanh(z); }\n"
        + "      @Override public double phiPrime(double z, double x) { " + phiPrime + " }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
  }

  /** A jar of the one activation {@code name} ({@code <Cls>Provider}) whose φ is tanh but for {@code phi}'s body. */
  private Path activationJar(String name, String cls, String phi) throws Exception {
    return PluginExampleJar.buildOf(tmp, name, Map.of("com.acme.broken." + cls + "Provider",
        activation(cls + "Provider", "\"" + name + "\"", "return 1 - x * x;").replace("return Math.tanh(z);", phi)),
        Map.of(ACTIVATIONS, "com.acme.broken." + cls + "Provider\n"));
  }

  @BeforeAll
  static void buildThePlugins() throws Exception {
    String loss = "package com.acme.broken;\n"
        + "import dev.nn.api.Loss;\n"
        + "import dev.nn.api.Seeding;\n"
        + "import dev.nn.api.TargetKind;\n"
        + "import dev.nn.spi.LossProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class SeedlessProvider implements LossProvider {\n"
        + "  @Override public String name() { return \"seedless\"; }\n"
        + "  @Override public String summary() { return \"(x - y)^2\"; }\n"
        + "  @Override public Loss create(Settings settings) {\n"
        + "    return new Loss() {\n"
        + "      @Override public Seeding seeding() { return Seeding.DEFAULT; }\n"
        + "      @Override public TargetKind targets() { return TargetKind.REAL; }\n"
        + "      @Override public double value(double[] z, double[] x, double[] y, int rows, int cols) { return 0; }\n"
        + "      @Override public double seed(double[] z, double[] x, double[] y, double[] d, int rows, int cols) {\n"
        + "        throw new UnsupportedOperationException(\"no seed yet\");\n"
        + "      }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
    String optimizer = "package com.acme.broken;\n"
        + "import dev.nn.api.Optimizer;\n"
        + "import dev.nn.spi.OptimizerProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "import java.nio.DoubleBuffer;\n"
        + "public final class StumbleProvider implements OptimizerProvider {\n"
        + "  @Override public String name() { return \"stumble\"; }\n"
        + "  @Override public String summary() { return \"w <- w\"; }\n"
        + "  @Override public Optimizer create(Settings settings) {\n"
        + "    return size -> new Optimizer.Updater() {\n"
        + "      @Override public void step(DoubleBuffer params, DoubleBuffer grads, double rate, long t) {\n"
        + "        params.put(size, 0);\n" // one past the end: IndexOutOfBoundsException
        + "      }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
    // the same fault in an updater written as a lambda, as the Updater's one abstract method invites
    String lambdaOptimizer = "package com.acme.broken;\n"
        + "import dev.nn.api.Optimizer;\n"
        + "import dev.nn.spi.OptimizerProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class LurchProvider implements OptimizerProvider {\n"
        + "  @Override public String name() { return \"lurch\"; }\n"
        + "  @Override public String summary() { return \"w <- w\"; }\n"
        + "  @Override public Optimizer create(Settings settings) {\n"
        + "    return size -> (params, grads, rate, t) -> params.put(size, 0);\n"
        + "  }\n"
        + "}\n";
    String initializer = "package com.acme.broken;\n"
        + "import dev.nn.api.Initializer;\n"
        + "import dev.nn.spi.InitializerProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class NoInitProvider implements InitializerProvider {\n"
        + "  @Override public String name() { return \"no-init\"; }\n"
        + "  @Override public String summary() { return \"-\"; }\n"
        + "  @Override public Initializer create(Settings settings) {\n"
        + "    return (weights, fanIn, fanOut, random) -> { throw new IllegalArgumentException(\"fan-in \" + fanIn); };\n"
        + "  }\n"
        + "}\n";
    throwing = PluginExampleJar.buildOf(build, "throwing", Map.of(
        "com.acme.broken.FooProvider", activation("FooProvider", "\"foo\"",
            "throw new IllegalStateException(\"boom\");"),
        "com.acme.broken.SeedlessProvider", loss,
        "com.acme.broken.StumbleProvider", optimizer,
        "com.acme.broken.LurchProvider", lambdaOptimizer,
        "com.acme.broken.NoInitProvider", initializer),
        Map.of(ACTIVATIONS, "com.acme.broken.FooProvider\n", LOSSES, "com.acme.broken.SeedlessProvider\n",
            OPTIMIZERS, "com.acme.broken.StumbleProvider\ncom.acme.broken.LurchProvider\n", INITIALIZERS, "com.acme.broken.NoInitProvider\n"));
  }

  /** A small sine regression with the given plugins, writing its runs under {@code tmp/runs}. */
  private Path experiment(String activation, String loss, String optimizer, String init) throws Exception {
    return Files.writeString(tmp.resolve("broken.yaml"), String.join("\n",
        "name: broken",
        "seed: 1",
        "data:",
        "  train: {source: generator, name: sine, samples: 32}",
        "  validation: {split: 0.0}",
        "network:",
        "  layers:",
        "    - {units: auto}",
        "    - {units: 3, activation: " + activation + "}",
        "    - {units: auto, activation: identity}",
        "  init: " + init,
        "loss: " + loss,
        "optimizer: {name: " + optimizer + ", learning-rate: 0.01}",
        "training: {epochs: 2, batch-size: 8}",
        "output: {dir: " + tmp.resolve("runs") + "}",
        ""));
  }

  /** The newest run directory the experiment of {@link #experiment} wrote (run names sort by their start). */
  private Path newestRun() throws Exception {
    try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
      return runs.filter(r -> r.getFileName().toString().startsWith("broken-")).sorted().reduce((a, b) -> b)
          .orElseThrow();
    }
  }

  private static void assertOneMessageAndExit2(Outcome o, String expectedStart) {
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith(expectedStart), o.describe());
    // one message; a run that failed once its directory existed adds the line saying it can be resumed
    List<String> lines = o.err().lines().toList();
    boolean kept = lines.size() == 2 && lines.get(1).startsWith("nn: the run is kept in ");
    assertTrue(lines.size() == 1 || kept, "one message: " + o.describe());
    assertFalse(o.err().contains("bug in nn"), o.describe());
    assertFalse(o.err().contains("\tat "), "no stack trace without --debug: " + o.describe());
  }

  @Test
  void anActivationThatThrowsInItsDerivativeDuringTrainingIsReportedAsThatPlugins() throws Exception {
    Path yaml = experiment("foo", "mean-squared", "sgd", "xavier-uniform");
    Outcome o = nn("train", yaml.toString(), "--plugin-path", throwing.toString());
    assertOneMessageAndExit2(o, "nn: activation \"foo\" from " + throwing + " threw IllegalStateException: boom in"
        + " φ′ (phiPrime) during training (at com.acme.broken.FooProvider$1.phiPrime(FooProvider.java:");
    try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
      List<Path> all = runs.toList();
      assertEquals(1, all.size(), "the run directory is kept, as for a divergence: " + all);
      assertTrue(Files.exists(all.get(0).resolve("experiment.yaml")), all.toString());
      assertFalse(Files.exists(all.get(0).resolve("model.nnm")), "no model of a run that failed");
      // the run's files say what the user was told, not the bare exception
      // (a long YAML scalar is folded: a line end and its indent read as one space)
      String status = Files.readString(all.get(0).resolve("status.yaml")).replaceAll("\n\\s+", " ");
      assertTrue(status.contains("activation \"foo\" from " + throwing + " threw IllegalStateException: boom in"
          + " φ′ (phiPrime) during training"), status);
    }
    Outcome debug = nn("train", yaml.toString(), "--plugin-path", throwing.toString(), "--debug");
    assertEquals(2, debug.code(), debug.describe());
    assertTrue(debug.err().contains("Caused by: java.lang.IllegalStateException: boom"), debug.describe());
  }

  @Test
  void aLossThatThrowsInItsSeedIsReportedAsThatPlugins() throws Exception {
    Outcome o = nn("train", experiment("tanh", "seedless", "sgd", "xavier-uniform").toString(),
        "--plugin-path", throwing.toString());
    assertOneMessageAndExit2(o, "nn: loss \"seedless\" from " + throwing + " threw UnsupportedOperationException: no"
        + " seed yet in the loss seed (seed) during training (at com.acme.broken.SeedlessProvider$1.seed(");
  }

  @Test
  void anOptimizerThatThrowsInItsStepIsReportedAsThatPlugins() throws Exception {
    Outcome o = nn("train", experiment("tanh", "mean-squared", "stumble", "xavier-uniform").toString(),
        "--plugin-path", throwing.toString());
    assertOneMessageAndExit2(o, "nn: optimizer \"stumble\" from " + throwing + " threw IndexOutOfBoundsException");
    assertTrue(o.err().contains(" in an optimizer step (step) during training (at "), o.describe());
  }

  /** A plugin that takes a built-in's name cannot be fixed by removing a jar: the message asks for another name. */
  @Test
  void aPluginNamedAsABuiltInIsAskedToTakeAnotherName() throws Exception {
    Path jar = PluginExampleJar.buildOf(build, "shadow", Map.of("com.acme.broken.ShadowProvider",
        activation("ShadowProvider", "\"relu\"", "return 1;")), Map.of(ACTIVATIONS, "com.acme.broken.ShadowProvider\n"));
    Outcome o = nn("plugins", "--plugin-path", jar.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("two activation plugins are named \"relu\""), o.describe());
    assertTrue(o.err().contains("Allowed: another name for the plugin: \"relu\" is one of nn's built-in activations"),
        o.describe());
  }

  /** A lambda has no method name of its own: the one it implements is found by the parameters it takes. */
  @Test
  void anOptimizerStepWrittenAsALambdaIsNamedAsTheStep() throws Exception {
    Outcome o = nn("train", experiment("tanh", "mean-squared", "lurch", "xavier-uniform").toString(),
        "--plugin-path", throwing.toString());
    assertOneMessageAndExit2(o, "nn: optimizer \"lurch\" from " + throwing + " threw IndexOutOfBoundsException");
    assertTrue(o.err().contains(" in an optimizer step (step) during training (at com.acme.broken.LurchProvider"
        + ".lambda$"), o.describe());
  }

  @Test
  void anInitializerThatThrowsIsReportedAsThatPlugins() throws Exception {
    Outcome o = nn("train", experiment("tanh", "mean-squared", "sgd", "no-init").toString(),
        "--plugin-path", throwing.toString());
    assertOneMessageAndExit2(o, "nn: initializer \"no-init\" from " + throwing + " threw IllegalArgumentException:"
        + " fan-in 1 in initWeights() as it drew the initial weights, before training (at ");
  }

  /** A provider {@code com.acme.broken.Hollow<Type>Provider} named {@code hollow} whose create() returns null. */
  private static String hollow(String type) {
    return "package com.acme.broken;\n"
        + "import dev.nn.api." + type + ";\n"
        + "import dev.nn.spi." + type + "Provider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class Hollow" + type + "Provider implements " + type + "Provider {\n"
        + "  @Override public String name() { return \"hollow\"; }\n"
        + "  @Override public String summary() { return \"-\"; }\n"
        + "  @Override public " + type + " create(Settings settings) { return null; }\n"
        + "}\n";
  }

  @Test
  void aCreateThatReturnsNullIsReportedAtItsLineByValidateAndTrainForEveryKind() throws Exception {
    Map<String, String> sources = new java.util.LinkedHashMap<>();
    Map<String, String> services = new java.util.LinkedHashMap<>();
    for (String type : List.of("Activation", "Loss", "Optimizer", "Initializer")) {
      sources.put("com.acme.broken.Hollow" + type + "Provider", hollow(type));
      services.put("dev.nn.spi." + type + "Provider", "com.acme.broken.Hollow" + type + "Provider\n");
    }
    Path jar = PluginExampleJar.buildOf(tmp, "hollow", sources, services);
    // each experiment is written to broken.yaml, then copied away before the next one is written
    Map<String, Path> experiments = Map.of(
        "activation", Files.copy(experiment("hollow", "mean-squared", "sgd", "xavier-uniform"),
            tmp.resolve("activation.yaml")),
        "loss", Files.copy(experiment("tanh", "hollow", "sgd", "xavier-uniform"), tmp.resolve("loss.yaml")),
        "optimizer", Files.copy(experiment("tanh", "mean-squared", "hollow", "xavier-uniform"),
            tmp.resolve("optimizer.yaml")),
        "initializer", Files.copy(experiment("tanh", "mean-squared", "sgd", "hollow"), tmp.resolve("init.yaml")));
    for (Map.Entry<String, Path> e : experiments.entrySet()) {
      String kind = e.getKey();
      String type = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
      for (String command : List.of("validate", "train")) {
        Outcome o = nn(command, e.getValue().toString(), "--plugin-path", jar.toString());
        assertEquals(2, o.code(), kind + ", " + command + ": " + o.describe());
        assertTrue(o.err().contains(kind + " \"hollow\" from " + jar + " created nothing (its create() returned"
            + " null) instead of " + type), o.describe());
        assertTrue(o.err().contains("(line "), "placed at the plugin's line: " + o.describe());
        assertFalse(o.err().contains("NullPointerException"), o.describe());
      }
    }
    assertFalse(Files.exists(tmp.resolve("runs")), "nothing is written for an experiment that cannot start");
  }

  @Test
  void pluginsListsTheWorkingOnesAndReportsTheBrokenOnesEscaped() throws Exception {
    Path jar = PluginExampleJar.buildOf(tmp, "mixed", Map.of(
        "com.acme.broken.NullNameProvider", activation("NullNameProvider", "null", "return 1;"),
        "com.acme.broken.EscapeProvider", activation("EscapeProvider", "\"\\u001b[2Jgone\"", "return 1;"),
        "com.acme.broken.FineProvider", activation("FineProvider", "\"fine\"", "return 1 - x * x;")),
        Map.of(ACTIVATIONS,
            "com.acme.broken.NullNameProvider\ncom.acme.broken.EscapeProvider\ncom.acme.broken.FineProvider\n"));
    Outcome o = nn("plugins", "--plugin-path", jar.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.out().lines().anyMatch(l -> l.matches("activation +fine +1\\.0\\.0 +com\\.acme\\.broken\\.FineProvider +"
        + java.util.regex.Pattern.quote(jar.toString()))), o.describe());
    assertTrue(o.out().contains(" relu "), "the built-ins are listed too: " + o.describe());
    assertEquals(List.of(
        "nn: 2 plugin providers failed to load; the plugins above work:",
        "  activation provider com.acme.broken.NullNameProvider from " + jar + " returned null from name(); skipped",
        "  activation provider com.acme.broken.EscapeProvider from " + jar + " has the name \"\\e[2Jgone\", which is"
            + " not lowercase kebab-case (letters a-z, digits and single hyphens); skipped"),
        o.err().lines().toList());
    assertFalse((o.out() + o.err()).contains("\u001b"), "no raw escape reaches the terminal");

    Outcome validate = nn("validate", experiment("fine", "mean-squared", "sgd", "xavier-uniform").toString(),
        "--plugin-path", jar.toString());
    assertEquals(0, validate.code(), "the plugins that work are used: " + validate.describe());
    assertEquals(List.of(
        "nn: warning: activation provider com.acme.broken.NullNameProvider from " + jar + " returned null from name();"
            + " skipped",
        "nn: warning: activation provider com.acme.broken.EscapeProvider from " + jar + " has the name \"\\e[2Jgone\","
            + " which is not lowercase kebab-case (letters a-z, digits and single hyphens); skipped"),
        validate.err().lines().toList());
  }

  @Test
  void badPluginPathEntriesAreEachNamedByTrainValidateAndPlugins() throws Exception {
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Files.copy(throwing, plugins.resolve("a-good.jar"));
    Path empty = Files.createFile(plugins.resolve("b-empty.jar"));
    Path text = Files.writeString(plugins.resolve("c-notes.jar"), "not a zip");
    byte[] whole = Files.readAllBytes(throwing);
    Path cut = Files.write(plugins.resolve("d-cut.jar"), Arrays.copyOf(whole, whole.length - 40));
    Path yaml = experiment("tanh", "mean-squared", "sgd", "xavier-uniform");
    for (List<String> command : List.of(List.of("plugins"), List.of("validate", yaml.toString()),
        List.of("train", yaml.toString()))) {
      String[] args = Stream.concat(command.stream(), Stream.of("--plugin-path", plugins.toString()))
          .toArray(String[]::new);
      Outcome o = nn(args);
      assertEquals(2, o.code(), command + ": " + o.describe());
      List<String> lines = o.err().lines().toList();
      assertEquals(4, lines.size(), o.describe());
      assertEquals("nn: 3 plugin path entries cannot be used:", lines.get(0));
      assertEquals("  " + empty + ": is empty (0 bytes), not a jar file", lines.get(1));
      assertEquals("  " + text + ": is not a jar file (a jar is a zip archive)", lines.get(2));
      assertTrue(lines.get(3).startsWith("  " + cut + ": is a truncated or damaged jar ("), o.describe());
      assertEquals("", o.out(), o.describe());
    }
    assertFalse(Files.exists(tmp.resolve("runs")), "nothing is written");
  }

  @Test
  void twoVersionsOfOneJarInADirectoryAreRefusedNamingBoth() throws Exception {
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Path older = Files.copy(throwing, plugins.resolve("broken-1.0.jar"));
    Path newer = Files.copy(throwing, plugins.resolve("broken-1.1.jar"));
    Outcome o = nn("plugins", "--plugin-path", plugins.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: invalid configuration: 5 problems:\n"), o.describe());
    assertTrue(o.err().contains("[nn/DuplicatePlugin] the activation provider com.acme.broken.FooProvider is in 2"
        + " jars: " + older + " and " + newer + "; only the first would be used"), o.describe());
    assertTrue(o.err().contains("the optimizer provider com.acme.broken.StumbleProvider is in 2 jars"), o.describe());
  }

  @Test
  void aLossThatThrowsWhileTheExperimentIsReadIsReportedAsThatPlugins() throws Exception {
    String picky = "package com.acme.broken;\n"
        + "import dev.nn.api.Loss;\n"
        + "import dev.nn.api.Seeding;\n"
        + "import dev.nn.api.TargetKind;\n"
        + "import dev.nn.spi.LossProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class PickyProvider implements LossProvider {\n"
        + "  @Override public String name() { return \"picky\"; }\n"
        + "  @Override public String summary() { return \"-\"; }\n"
        + "  @Override public Loss create(Settings settings) {\n"
        + "    return new Loss() {\n"
        + "      @Override public Seeding seeding() { return Seeding.DEFAULT; }\n"
        + "      @Override public TargetKind targets() { return TargetKind.REAL; }\n"
        + "      @Override public boolean acceptsOutputActivation(String name) {\n"
        + "        throw new IllegalStateException(\"which \\u001b[1m\" + name + \"?\");\n"
        + "      }\n"
        + "      @Override public double value(double[] z, double[] x, double[] y, int rows, int cols) { return 0; }\n"
        + "      @Override public double seed(double[] z, double[] x, double[] y, double[] d, int rows, int cols) {\n"
        + "        return 0;\n"
        + "      }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
    Path jar = PluginExampleJar.buildOf(tmp, "picky", Map.of("com.acme.broken.PickyProvider", picky),
        Map.of(LOSSES, "com.acme.broken.PickyProvider\n"));
    Path yaml = experiment("tanh", "picky", "sgd", "xavier-uniform");
    for (String command : List.of("validate", "train")) {
      Outcome o = nn(command, yaml.toString(), "--plugin-path", jar.toString());
      assertOneMessageAndExit2(o, "nn: loss \"picky\" from " + jar + " threw IllegalStateException: which \\e[1midentity?"
          + " in acceptsOutputActivation() while reading the experiment (at ");
      assertFalse(o.err().contains("\u001b"), o.describe());
    }
    assertFalse(Files.exists(tmp.resolve("runs")), "nothing is written");
  }

  /**
   * An Error a plugin throws (a failed assertion, here; a missing library class is one too) is its failure as an
   * exception is: the gradient check and training name it, exit 2, and the run's status records that message.
   */
  @Test
  void anErrorAPluginThrowsIsReportedAsThatPluginsByGradcheckAndTrain() throws Exception {
    Path jar = activationJar("asserting", "Asserting",
        "if (z > 0.01) { throw new AssertionError(\"invariant broken at \" + z); } return Math.tanh(z);");
    Path yaml = experiment("asserting", "mean-squared", "sgd", "xavier-uniform");
    String named = "nn: activation \"asserting\" from " + jar + " threw AssertionError: invariant broken at ";
    Outcome check = nn("gradcheck", yaml.toString(), "--plugin-path", jar.toString());
    assertOneMessageAndExit2(check, named);
    assertTrue(check.err().contains(" in φ (phi) during the gradient check (at "), check.describe());

    Outcome trained = nn("train", yaml.toString(), "--plugin-path", jar.toString());
    assertOneMessageAndExit2(trained, named);
    assertTrue(trained.err().contains(" in φ (phi) during training (at "), trained.describe());
    assertTrue(trained.err().contains("\nnn: the run is kept in "), trained.describe());
    assertTrue(trained.err().contains("continues it (with --allow-changed-plugins if the plugin's jar itself was"
        + " changed; a library added beside it needs no flag)"), trained.describe());
    Path run = newestRun();
    String status = Files.readString(run.resolve("status.yaml")).replaceAll("\n\\s+", " ");
    assertTrue(status.contains("activation \"asserting\" from " + jar + " threw AssertionError"), status);
  }

  /**
   * A plugin whose φ recurses without end: its StackOverflowError's trace holds its recursion only, cut short by the
   * JVM, so the method nn called is not in it; the message says so rather than naming the helper as that method.
   */
  @Test
  void aStackOverflowInAPluginDoesNotNameItsHelperAsTheMethodNnCalled() throws Exception {
    Path jar = activationJar("deep", "Deep",
        "return z > 0.01 ? down(z) : Math.tanh(z); } private double down(double z) { return down(z) + 1;");
    Path yaml = experiment("deep", "mean-squared", "sgd", "xavier-uniform");
    Outcome trained = nn("train", yaml.toString(), "--plugin-path", jar.toString());
    assertOneMessageAndExit2(trained, "nn: activation \"deep\" from " + jar + " threw StackOverflowError in down() (its"
        + " trace, cut short at 1024 frames, does not show which of the plugin's methods nn called) during training");
  }

  /** A service file listing the plugin's own class rather than its provider is told in those words. */
  @Test
  void aServiceFileListingAClassThatIsNoProviderSaysWhatToList() throws Exception {
    String notAProvider = "package com.acme.broken;\n"
        + "import dev.nn.api.Activation;\n"
        + "public final class Squash implements Activation {\n"
        + "  @Override public double phi(double z) { return Math.tanh(z); }\n"
        + "  @Override public double phiPrime(double z, double x) { return 1 - x * x; }\n"
        + "}\n";
    Path jar = PluginExampleJar.buildOf(tmp, "not-a-provider", Map.of("com.acme.broken.Squash", notAProvider),
        Map.of(ACTIVATIONS, "com.acme.broken.Squash\n"));
    Outcome o = nn("plugins", "--plugin-path", jar.toString());
    assertTrue(o.err().contains("com.acme.broken.Squash from " + jar + " does not implement"
        + " dev.nn.spi.ActivationProvider: the service file lists the class that implements it"), o.describe());
    assertFalse(o.err().contains("not a subtype"), o.describe());
  }

  /**
   * A services file that misspells its provider class: the jar's class closest to the name is suggested, and a file
   * listing one provider says so in the singular.
   */
  @Test
  void aMisspeltProviderInTheServicesFileGetsTheJarsClassSuggested() throws Exception {
    Path typo = PluginExampleJar.buildOf(tmp, "typo", Map.of("com.acme.broken.TypoProvider",
        activation("TypoProvider", "\"typo\"", "return 1 - x * x;")), Map.of(ACTIVATIONS,
        "com.acme.broken.TypoProvdier\n"));
    Outcome o = nn("plugins", "--plugin-path", typo.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("activation provider failed to load: com.acme.broken.TypoProvdier from " + typo
        + " is listed in META-INF/services/dev.nn.spi.ActivationProvider, but no such class is in the jar or on nn's"
        + " class path: check the line's spelling (the class's full name, package and all) and that the class was"
        + " packed into the jar; did you mean com.acme.broken.TypoProvider?"), o.describe());
  }

  /** Two providers of one name in one jar: the advice is to rename one, as there is no second jar to take away. */
  @Test
  void twoProvidersOfOneNameInOneJarAreToldToRenameOne() throws Exception {
    Path twins = PluginExampleJar.buildOf(tmp, "twins", Map.of(
        "com.acme.broken.LeftProvider", activation("LeftProvider", "\"twin\"", "return 1 - x * x;"),
        "com.acme.broken.RightProvider", activation("RightProvider", "\"twin\"", "return 1 - x * x;")),
        Map.of(ACTIVATIONS, "com.acme.broken.LeftProvider\ncom.acme.broken.RightProvider\n"));
    Outcome o = nn("plugins", "--plugin-path", twins.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("Allowed: another name for one of the two providers in " + twins), o.describe());
    assertFalse(o.err().contains("remove one of the two jars"), o.describe());
  }

  /**
   * One jar named twice by two spellings ({@code dir/./a.jar}, {@code dir/../dir/a.jar}) is loaded once, named by its
   * plain path, and not warned of as providing nothing (its plugins were listed under that false warning).
   */
  @Test
  void oneJarNamedByTwoSpellingsIsOneJarAndNoWarning() throws Exception {
    Path folder = throwing.getParent();
    Path dotted = folder.resolve(".").resolve(throwing.getFileName());
    Path roundabout = folder.resolve("..").resolve(folder.getFileName()).resolve(throwing.getFileName());
    Outcome o = nn("plugins", "--plugin-path", dotted.toString(), "--plugin-path", roundabout.toString());
    assertEquals(0, o.code(), o.describe());
    assertFalse(o.err().contains("provides a plugin"), o.describe());
    assertTrue(o.out().contains(throwing.toAbsolutePath().normalize().toString()), o.describe());
    assertFalse(o.out().contains("/./") || o.out().contains("/../"), o.describe());
  }

  /**
   * A plugin jar packed without its service file adds nothing, which nn says rather than listing nothing in
   * silence; a jar that provides a plugin is not warned of.
   */
  @Test
  void aPluginPathThatProvidesNoPluginIsWarnedOf() throws Exception {
    Path bare = PluginExampleJar.buildOf(tmp, "no-services", Map.of("com.acme.broken.BareProvider",
        activation("BareProvider", "\"bare\"", "return 1 - x * x;")), Map.of("README.txt", "no service file\n"));
    Outcome listed = nn("plugins", "--plugin-path", bare.toString());
    assertEquals(0, listed.code(), listed.describe());
    assertTrue(listed.err().contains("nn: warning: nothing on the plugin path (" + bare + ") provides a plugin: a"
        + " plugin jar names its providers in files such as META-INF/services/dev.nn.spi.ActivationProvider"),
        listed.describe());
    Outcome good = nn("plugins", "--plugin-path", throwing.toString());
    assertFalse(good.err().contains("provides a plugin"), good.describe());
  }

  /**
   * An optimizer whose checkpointed state it refuses on resume (its exportState and importState disagree), with
   * experiment.yaml as the run started: the message says so, not that the file was edited.
   */
  @Test
  void anOptimizerThatRefusesItsOwnSavedStateIsToldFromAnEditedExperiment() throws Exception {
    String forgetful = "package com.acme.broken;\n"
        + "import dev.nn.api.Optimizer;\n"
        + "import dev.nn.spi.OptimizerProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "import java.nio.DoubleBuffer;\n"
        + "public final class ForgetfulProvider implements OptimizerProvider {\n"
        + "  @Override public String name() { return \"forgetful\"; }\n"
        + "  @Override public String summary() { return \"w <- w - rate g\"; }\n"
        + "  @Override public Optimizer create(Settings settings) {\n"
        + "    return size -> new Optimizer.Updater() {\n"
        + "      @Override public void step(DoubleBuffer params, DoubleBuffer grads, double rate, long t) {\n"
        + "        for (int i = 0; i < size; i++) { params.put(i, params.get(i) - rate * grads.get(i)); }\n"
        + "      }\n"
        + "      @Override public double[] exportState() { return new double[] {1.0}; }\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
    Path jar = PluginExampleJar.buildOf(tmp, "forgetful", Map.of("com.acme.broken.ForgetfulProvider", forgetful),
        Map.of(OPTIMIZERS, "com.acme.broken.ForgetfulProvider\n"));
    Path yaml = experiment("tanh", "mean-squared", "forgetful", "xavier-uniform");
    Outcome trained = nn("train", yaml.toString(), "--plugin-path", jar.toString());
    assertEquals(0, trained.code(), trained.describe());
    Path run = newestRun();
    // as kill -9 leaves a run: no status and no model
    Files.delete(run.resolve("status.yaml"));
    Files.delete(run.resolve("model.nnm"));
    Outcome resumed = nn("train", "--resume", run.toString(), "--plugin-path", jar.toString());
    assertEquals(2, resumed.code(), resumed.describe());
    assertTrue(resumed.err().contains("holds optimizer state that the optimizer refuses (this optimizer keeps no"
        + " state, found 1 values), though experiment.yaml is as the run started"), resumed.describe());
    assertFalse(resumed.err().contains("was changed after the run started"), resumed.describe());
  }

  /**
   * The source of an optimizer plugin, class {@code cls} in com.acme.broken named {@code name}: plain SGD that, in its
   * step of update 5, writes {@code value} (a Java expression) at index 1 of the third block it was given.
   */
  private static String sgdWritingAtUpdate5(String cls, String name, String what, String value) {
    return "package com.acme.broken;\n"
        + "import dev.nn.api.Optimizer;\n"
        + "import dev.nn.spi.OptimizerProvider;\n"
        + "import dev.nn.spi.Settings;\n"
        + "public final class " + cls + " implements OptimizerProvider {\n"
        + "  @Override public String name() { return \"" + name + "\"; }\n"
        + "  @Override public String summary() { return \"w <- w - rate g, then " + what + "\"; }\n"
        + "  @Override public Optimizer create(Settings settings) {\n"
        + "    int[] blocks = {0};\n"
        + "    return size -> {\n"
        + "      int block = blocks[0]++;\n"
        + "      return (params, grads, rate, t) -> {\n"
        + "        for (int i = 0; i < size; i++) { params.put(i, params.get(i) - rate * grads.get(i)); }\n"
        + "        if (t == 5 && block == 2) { params.put(1, " + value + "); }\n"
        + "      };\n"
        + "    };\n"
        + "  }\n"
        + "}\n";
  }

  /**
   * An optimizer whose step writes NaN from finite parameters and gradients (here at its fifth step) is that
   * plugin's fault, exit 2, named with its jar, the parameter and the update: it was reported as training diverging
   * ("try a smaller learning rate", exit 3), an update later, when the loss became NaN.
   */
  @Test
  void anOptimizerThatWritesNaNFromFiniteValuesIsReportedAsThatPlugins() throws Exception {
    String source = sgdWritingAtUpdate5("LateNanProvider", "late-nan", "NaN", "Double.NaN");
    Path jar = PluginExampleJar.buildOf(tmp, "late-nan", Map.of("com.acme.broken.LateNanProvider", source),
        Map.of(OPTIMIZERS, "com.acme.broken.LateNanProvider\n"));
    Outcome o = nn("train", experiment("tanh", "mean-squared", "late-nan", "xavier-uniform").toString(),
        "--plugin-path", jar.toString());
    // the index the step wrote at, in the block it stepped (the third: W(2), 3 x 1), and the weight that is: an
    // index counted over the whole network (7) named neither
    assertOneMessageAndExit2(o, "nn: optimizer \"late-nan\" from " + jar + " wrote NaN at index 1 of the params its"
        + " updater for layers[2].W was given, which is layers[2].W[1][0], in its step of update 5 from finite"
        + " parameters and gradients, at epoch ");
    assertFalse(o.err().contains("smaller learning rate"), o.describe());
  }

  /**
   * In float32 the parameters are rounded to floats after each step: an optimizer that writes a finite value beyond
   * a float's range (1e39) is quoted as it wrote it, with float32 named, not as the infinity the rounding made.
   */
  @Test
  void aFloat32OptimizerStepBeyondAFloatsRangeIsQuotedAsWritten() throws Exception {
    String source = sgdWritingAtUpdate5("BigProvider", "big", "1e39", "1e39");
    Path jar = PluginExampleJar.buildOf(tmp, "big", Map.of("com.acme.broken.BigProvider", source),
        Map.of(OPTIMIZERS, "com.acme.broken.BigProvider\n"));
    Outcome o = nn("train", experiment("tanh", "mean-squared", "big", "xavier-uniform").toString(),
        "--plugin-path", jar.toString(), "--set", "compute.precision=float32");
    assertOneMessageAndExit2(o, "nn: optimizer \"big\" from " + jar + " wrote 1.0E39 at index 1 of the params its"
        + " updater for layers[2].W was given, which is layers[2].W[1][0], in its step of update 5 from finite"
        + " parameters and gradients, beyond float32's largest magnitude 3.4028235E38 (this run computes in float32:"
        + " the parameters are rounded to floats after each step, and must stay within a float's range), at epoch ");
  }

  /**
   * An optimizer whose new version keeps its state in another layout refuses the state its old version saved; a
   * resume that went on with the changed plugin (--allow-changed-plugins) says the change is why, not that the
   * optimizer's exportState and importState disagree.
   */
  @Test
  void anOptimizerWhoseNewVersionRefusesTheOldOnesStateIsToldFromABrokenOne() throws Exception {
    Path[] jars = new Path[2];
    for (int values = 1; values <= 2; values++) {
      String source = "package com.acme.broken;\n"
          + "import dev.nn.api.Optimizer;\n"
          + "import dev.nn.spi.OptimizerProvider;\n"
          + "import dev.nn.spi.Settings;\n"
          + "import java.nio.DoubleBuffer;\n"
          + "public final class LayoutProvider implements OptimizerProvider {\n"
          + "  @Override public String name() { return \"layout\"; }\n"
          + "  @Override public String summary() { return \"w <- w - rate g\"; }\n"
          + "  @Override public Optimizer create(Settings settings) {\n"
          + "    return size -> new Optimizer.Updater() {\n"
          + "      @Override public void step(DoubleBuffer params, DoubleBuffer grads, double rate, long t) {\n"
          + "        for (int i = 0; i < size; i++) { params.put(i, params.get(i) - rate * grads.get(i)); }\n"
          + "      }\n"
          + "      @Override public double[] exportState() { return new double[" + values + "]; }\n"
          + "      @Override public void importState(double[] state) {\n"
          + "        if (state.length != " + values + ") {\n"
          + "          throw new IllegalArgumentException(\"layout state must hold " + values + " values, found \""
          + " + state.length);\n"
          + "        }\n"
          + "      }\n"
          + "    };\n"
          + "  }\n"
          + "}\n";
      jars[values - 1] = PluginExampleJar.buildOf(tmp.resolve("v" + values), "layout", Map.of(
          "com.acme.broken.LayoutProvider", source), Map.of(OPTIMIZERS, "com.acme.broken.LayoutProvider\n"));
    }
    Path yaml = experiment("tanh", "mean-squared", "layout", "xavier-uniform");
    Outcome trained = nn("train", yaml.toString(), "--plugin-path", jars[0].toString());
    assertEquals(0, trained.code(), trained.describe());
    Path run = newestRun();
    Files.delete(run.resolve("status.yaml"));
    Files.delete(run.resolve("model.nnm"));
    Outcome resumed = nn("train", "--resume", run.toString(), "--plugin-path", jars[1].toString(),
        "--allow-changed-plugins");
    assertEquals(2, resumed.code(), resumed.describe());
    assertTrue(resumed.err().contains("holds optimizer state that the optimizer refuses (layout state must hold 2"
        + " values, found 1), and the plugins changed since the run started (optimizer \"layout\""), resumed.describe());
    assertTrue(resumed.err().contains("resume with the jar the run started with"), resumed.describe());
    assertFalse(resumed.err().contains("exportState and importState disagree"), resumed.describe());
  }

  /**
   * An activation that returns NaN for a finite z at prediction (here beyond |z| = 20, which training never
   * reached) is named as the plugin at fault, in nn predict and nn evaluate: the row's inputs were blamed ("keep the
   * values near the range of the training rows").
   */
  @Test
  void anActivationThatReturnsNaNDuringPredictionIsReportedAsThatPlugins() throws Exception {
    Path jar = activationJar("cliff", "Cliff", "return Math.abs(z) > 20 ? Double.NaN : Math.tanh(z);");
    Path yaml = experiment("cliff", "mean-squared", "sgd", "xavier-uniform");
    Outcome trained = nn("train", yaml.toString(), "--plugin-path", jar.toString());
    assertEquals(0, trained.code(), trained.describe());
    Path model = newestRun().resolve("model.nnm");
    Path rows = Files.writeString(tmp.resolve("far-rows.csv"), "x,y\n0.5,0.4\n1e4,0.1\n");
    Outcome predicted = nn("predict", model.toString(), "--input", rows.toString(), "--output",
        tmp.resolve("p.csv").toString(), "--plugin-path", jar.toString());
    assertOneMessageAndExit2(predicted, "nn: activation \"cliff\" from " + jar + " (layers[1]) returned NaN for z = ");
    assertTrue(predicted.err().contains(" during prediction; a plugin must return finite values for finite"
        + " arguments"), predicted.describe());
    Outcome evaluated = nn("evaluate", model.toString(), "--data", rows.toString(), "--plugin-path", jar.toString());
    assertEquals(2, evaluated.code(), evaluated.describe());
    assertTrue(evaluated.err().startsWith("nn: activation \"cliff\" from " + jar), evaluated.describe());
  }

  /**
   * A gradient check whose J, or whose backprop gradient, a plugin made NaN for finite values names that plugin, exit
   * 2, as training does: its report said only that some plugin did, and pointed to nn train (exit 1).
   */
  @Test
  void aGradientCheckNamesThePluginThatReturnedNaN() throws Exception {
    Path jar = PluginExampleJar.buildOf(tmp, "nan-phi", Map.of(
        "com.acme.broken.NanPhiProvider", activation("NanPhiProvider", "\"nan-phi\"", "return 1 - x * x;")
            .replace("return Math.tanh(z);", "return z > 0.01 ? Double.NaN : Math.tanh(z);"),
        "com.acme.broken.NanSlopeProvider", activation("NanSlopeProvider", "\"nan-slope\"",
            "return z > 0.01 ? Double.NaN : 1 - x * x;")),
        Map.of(ACTIVATIONS, "com.acme.broken.NanPhiProvider\ncom.acme.broken.NanSlopeProvider\n"));
    Outcome phi = nn("gradcheck", experiment("nan-phi", "mean-squared", "sgd", "xavier-uniform").toString(),
        "--plugin-path", jar.toString());
    assertOneMessageAndExit2(phi, "nn: activation \"nan-phi\" from " + jar + " (layers[1]) returned NaN for z = ");
    assertTrue(phi.err().contains(" during the gradient check; a plugin must return finite values"), phi.describe());
    Outcome slope = nn("gradcheck", experiment("nan-slope", "mean-squared", "sgd", "xavier-uniform").toString(),
        "--plugin-path", jar.toString());
    assertOneMessageAndExit2(slope, "nn: activation \"nan-slope\" from " + jar + " (layers[1]) returned NaN from"
        + " φ′ (phiPrime) for z = ");
  }

  @Test
  void anActivationThatThrowsDuringPredictionOrAGradientCheckIsReportedAsThatPlugins() throws Exception {
    Path jar = PluginExampleJar.buildOf(tmp, "fragile", Map.of("com.acme.broken.FragileProvider",
        activation("FragileProvider", "\"fragile\"", "return 1 - x * x;").replace("return Math.tanh(z);",
            "if (Math.abs(z) > 1e6) { throw new ArithmeticException(\"z too large: \" + z); } return Math.tanh(z);")),
        Map.of(ACTIVATIONS, "com.acme.broken.FragileProvider\n"));
    Path yaml = experiment("fragile", "mean-squared", "sgd", "xavier-uniform");
    Outcome trained = nn("train", yaml.toString(), "--plugin-path", jar.toString());
    assertEquals(0, trained.code(), trained.describe());
    Path run;
    try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
      run = runs.findFirst().orElseThrow();
    }
    Path input = Files.writeString(tmp.resolve("rows.csv"), "x\n0.5\n1e12\n");
    Path output = tmp.resolve("predictions.csv");
    Outcome o = nn("predict", run.resolve("model.nnm").toString(), "--input", input.toString(), "--output",
        output.toString(), "--plugin-path", jar.toString());
    assertOneMessageAndExit2(o, "nn: activation \"fragile\" from " + jar + " threw ArithmeticException: z too large: ");
    assertTrue(o.err().contains(" in φ (phi) during prediction (at com.acme.broken.FragileProvider$1.phi("),
        o.describe());
    assertFalse(Files.exists(output), "no predictions are written");

    Path far = Files.writeString(tmp.resolve("far.csv"), "x,y\n1e12,0.5\n2e12,0.1\n");
    Path farOff = Files.writeString(tmp.resolve("far.yaml"), Files.readString(yaml)
        .replace("{source: generator, name: sine, samples: 32}",
            "{source: csv, path: " + far + ", target: last, task: regression}")
        .replace("data:", "data:\n  standardize: false"));
    Outcome check = nn("gradcheck", farOff.toString(), "--plugin-path", jar.toString());
    assertOneMessageAndExit2(check, "nn: activation \"fragile\" from " + jar + " threw ArithmeticException: z too"
        + " large: ");
    assertTrue(check.err().contains(" in φ (phi) during the gradient check (at "), check.describe());
  }

  @Test
  void anOptimizerWhoseNewUpdaterReturnsNullIsReportedAsThatPlugins() throws Exception {
    Path jar = PluginExampleJar.buildOf(tmp, "stateless", Map.of("com.acme.broken.StatelessProvider",
        "package com.acme.broken;\n"
            + "import dev.nn.api.Optimizer;\n"
            + "import dev.nn.spi.OptimizerProvider;\n"
            + "import dev.nn.spi.Settings;\n"
            + "public final class StatelessProvider implements OptimizerProvider {\n"
            + "  @Override public String name() { return \"stateless\"; }\n"
            + "  @Override public String summary() { return \"-\"; }\n"
            + "  @Override public Optimizer create(Settings settings) { return size -> null; }\n"
            + "}\n"), Map.of(OPTIMIZERS, "com.acme.broken.StatelessProvider\n"));
    Outcome o = nn("train", experiment("tanh", "mean-squared", "stateless", "xavier-uniform").toString(),
        "--plugin-path", jar.toString());
    assertOneMessageAndExit2(o, "nn: optimizer \"stateless\" from " + jar + " returned null from newUpdater(");
    assertTrue(o.err().endsWith(") during training, where a value is required\n"), o.describe());
  }
}
