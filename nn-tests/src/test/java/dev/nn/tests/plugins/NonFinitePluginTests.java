package dev.nn.tests.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.plugin.PluginFailureException;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.train.TrainingDivergedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that returns NaN for finite arguments is that plugin's failure, named with its jar, and not a
 * divergence of training to be fixed with a smaller learning rate.
 */
class NonFinitePluginTests {
  private static final Path XOR = Path.of("..", "examples", "xor.yaml");

  @TempDir
  Path dir;

  private static final String LOSS = "package com.acme;\n"
      + "import dev.nn.api.*; import dev.nn.spi.*;\n"
      + "public final class NanLater implements LossProvider {\n"
      + "  public String name() { return \"nan-later\"; }\n"
      + "  public String summary() { return \"half squared error, NaN from its 40th seed on\"; }\n"
      + "  public Loss create(Settings s) { return new NanLaterLoss(); }\n"
      + "}\n"
      + "final class NanLaterLoss implements Loss {\n"
      + "  private int seeds;\n"
      + "  public Seeding seeding() { return Seeding.DEFAULT; }\n"
      + "  public TargetKind targets() { return TargetKind.REAL; }\n"
      + "  public double value(double[] z, double[] x, double[] y, int rows, int cols) {\n"
      + "    double sum = 0; for (int i = 0; i < rows * cols; i++) { sum += 0.5 * (x[i] - y[i]) * (x[i] - y[i]); }\n"
      + "    return sum;\n"
      + "  }\n"
      + "  public double seed(double[] z, double[] x, double[] y, double[] d, int rows, int cols) {\n"
      + "    for (int i = 0; i < rows * cols; i++) { d[i] = x[i] - y[i]; }\n"
      + "    return ++seeds >= 40 ? Double.NaN : value(z, x, y, rows, cols);\n"
      + "  }\n"
      + "}\n";

  private static final String ACTIVATION = "package com.acme;\n"
      + "import dev.nn.api.*; import dev.nn.spi.*;\n"
      + "public final class NanAct implements ActivationProvider {\n"
      + "  public String name() { return \"nan-act\"; }\n"
      + "  public String summary() { return \"tanh, NaN for z above 0.5\"; }\n"
      + "  public Activation create(Settings s) {\n"
      + "    return new Activation() {\n"
      + "      public double phi(double z) { return z > 0.5 ? Double.NaN : Math.tanh(z); }\n"
      + "      public double phiPrime(double z, double a) { return 1 - a * a; }\n"
      + "    };\n"
      + "  }\n"
      + "}\n";

  private static final String DERIVATIVE = "package com.acme;\n"
      + "import dev.nn.api.*; import dev.nn.spi.*;\n"
      + "public final class NanPrime implements ActivationProvider {\n"
      + "  public String name() { return \"nan-prime\"; }\n"
      + "  public String summary() { return \"tanh, whose derivative is NaN for z above 0.5\"; }\n"
      + "  public Activation create(Settings s) {\n"
      + "    return new Activation() {\n"
      + "      public double phi(double z) { return Math.tanh(z); }\n"
      + "      public double phiPrime(double z, double a) { return z > 0.5 ? Double.NaN : 1 - a * a; }\n"
      + "    };\n"
      + "  }\n"
      + "}\n";

  /** A loss whose value is finite but whose seed is NaN for an error above 0.6: it shows a step later. */
  private static final String SEED = "package com.acme;\n"
      + "import dev.nn.api.*; import dev.nn.spi.*;\n"
      + "public final class NanSeed implements LossProvider {\n"
      + "  public String name() { return \"nan-seed\"; }\n"
      + "  public String summary() { return \"half squared error, whose seed is NaN for errors above 0.6\"; }\n"
      + "  public Loss create(Settings s) { return new NanSeedLoss(); }\n"
      + "}\n"
      + "final class NanSeedLoss implements Loss {\n"
      + "  public Seeding seeding() { return Seeding.DEFAULT; }\n"
      + "  public TargetKind targets() { return TargetKind.REAL; }\n"
      + "  public double value(double[] z, double[] x, double[] y, int rows, int cols) {\n"
      + "    double sum = 0; for (int i = 0; i < rows * cols; i++) { sum += 0.5 * (x[i] - y[i]) * (x[i] - y[i]); }\n"
      + "    return sum;\n"
      + "  }\n"
      + "  public double seed(double[] z, double[] x, double[] y, double[] d, int rows, int cols) {\n"
      + "    for (int i = 0; i < rows * cols; i++) { d[i] = Math.abs(x[i] - y[i]) > 0.6 ? Double.NaN : x[i] - y[i]; }\n"
      + "    return value(z, x, y, rows, cols);\n"
      + "  }\n"
      + "}\n";

  /** Finite everywhere in double, beyond a float's range for most z: a float32 run rounds φ to an infinity. */
  private static final String HUGE = "package com.acme;\n"
      + "import dev.nn.api.*; import dev.nn.spi.*;\n"
      + "public final class Huge implements ActivationProvider {\n"
      + "  public String name() { return \"huge\"; }\n"
      + "  public String summary() { return \"1e39 tanh\"; }\n"
      + "  public Activation create(Settings s) {\n"
      + "    return new Activation() {\n"
      + "      public double phi(double z) { return 1e39 * Math.tanh(z); }\n"
      + "      public double phiPrime(double z, double a) { double t = Math.tanh(z); return 1e39 * (1 - t * t); }\n"
      + "    };\n"
      + "  }\n"
      + "}\n";

  /** Within a float's range for |z| below about 34 only: small first z pass, and the huge values diverge the step. */
  private static final String HUGE_LATER = "package com.acme;\n"
      + "import dev.nn.api.*; import dev.nn.spi.*;\n"
      + "public final class HugeLater implements ActivationProvider {\n"
      + "  public String name() { return \"huge-later\"; }\n"
      + "  public String summary() { return \"1e39 tanh(z/100)\"; }\n"
      + "  public Activation create(Settings s) {\n"
      + "    return new Activation() {\n"
      + "      public double phi(double z) { return 1e39 * Math.tanh(z / 100); }\n"
      + "      public double phiPrime(double z, double a) { double t = Math.tanh(z / 100); return 1e37 * (1 - t * t); }\n"
      + "    };\n"
      + "  }\n"
      + "}\n";

  /** An initializer that draws Xavier-like weights but writes NaN to the second weight of every block. */
  private static final String INIT = "package com.acme;\n"
      + "import dev.nn.api.*; import dev.nn.spi.*; import java.util.random.RandomGenerator;\n"
      + "public final class NanInit implements InitializerProvider {\n"
      + "  public String name() { return \"nan-init\"; }\n"
      + "  public String summary() { return \"U(-0.5, 0.5) but NaN at its second weight\"; }\n"
      + "  public Initializer create(Settings s) {\n"
      + "    return (w, fanIn, fanOut, random) -> {\n"
      + "      for (int k = 0; k < w.length; k++) { w[k] = random.nextDouble() - 0.5; }\n"
      + "      w[1] = Double.NaN;\n"
      + "    };\n"
      + "  }\n"
      + "}\n";

  private Nn nn() throws Exception {
    Path jar = PluginExampleJar.buildOf(dir, "acme", Map.of("com.acme.NanLater", LOSS, "com.acme.NanAct", ACTIVATION,
        "com.acme.NanPrime", DERIVATIVE, "com.acme.NanSeed", SEED, "com.acme.Huge", HUGE, "com.acme.HugeLater",
        HUGE_LATER, "com.acme.NanInit", INIT), Map.of(
        "dev.nn.spi.LossProvider", "com.acme.NanLater\ncom.acme.NanSeed\n",
        "dev.nn.spi.ActivationProvider", "com.acme.NanAct\ncom.acme.NanPrime\ncom.acme.Huge\ncom.acme.HugeLater\n",
        "dev.nn.spi.InitializerProvider", "com.acme.NanInit\n"));
    return Nn.withPluginPath(List.of(jar));
  }

  /**
   * An initializer that writes NaN is named, with its jar, as the network is built: training's first loss was NaN,
   * and the run was called diverged, with advice on the initializer's scale or the data.
   */
  @Test
  void anInitializerWritingNanIsNamedAsTheNetworkIsBuilt() throws Exception {
    Nn nn = nn();
    PluginFailureException e = assertThrows(PluginFailureException.class, () -> nn.train(nn.load(XOR,
        List.of("network.init=nan-init", "training.epochs=1")), TrainingRunOptions.into(dir.resolve("runs"))));
    String jar = dir.resolve("target").resolve("acme.jar").toAbsolutePath().toString();
    assertEquals("initializer \"nan-init\" from " + jar + " wrote NaN to layers[1].W[0][1] (fan-in 2, fan-out 4) as it"
        + " drew the initial weights, before training; a plugin must return finite values for finite arguments: the"
        + " plugin's author can fix it", e.getMessage());
    assertFalse(java.nio.file.Files.exists(dir.resolve("runs")), "no run directory");
    // and through the command, as a user meets it: exit 2, that one message, no stack trace, nothing written
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code;
    try (java.io.PrintStream o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        java.io.PrintStream r = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
      code = dev.nn.cli.Main.run(new String[] {"train", XOR.toString(), "--plugin-path", jar, "--set",
          "network.init=nan-init", "--output", dir.resolve("cli-runs").toString(), "--plain"}, o, r, Map.of());
    }
    String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(2, code, said);
    assertEquals("nn: " + e.getMessage() + "\n", said);
    assertFalse(java.nio.file.Files.exists(dir.resolve("cli-runs")), "no run directory");
  }

  @Test
  void aLossPluginReturningNanForFiniteOutputsAndTargetsIsItsFailureNotDivergence() throws Exception {
    Nn nn = nn();
    PluginFailureException e = assertThrows(PluginFailureException.class, () -> nn.train(nn.load(XOR,
        List.of("loss=nan-later", "training.epochs=3")), TrainingRunOptions.into(dir.resolve("runs"))));
    String jar = dir.resolve("target").resolve("acme.jar").toAbsolutePath().toString();
    assertEquals("loss \"nan-later\" from " + jar + " returned NaN for finite outputs and targets, at epoch 2, update"
        + " 40; a plugin must return finite values for finite arguments (nn gradcheck runs it, on the first 4"
        + " training rows; --samples N takes more): the plugin's author"
        + " can fix it", e.getMessage());
    assertTrue(e.getCause() instanceof TrainingDivergedException, String.valueOf(e.getCause()));
  }

  @Test
  void anActivationPluginReturningNanForAFiniteZIsItsFailureNamingTheLayer() throws Exception {
    Nn nn = nn();
    PluginFailureException e = assertThrows(PluginFailureException.class, () -> nn.train(nn.load(XOR,
        List.of("network.layers[1].activation=nan-act", "training.epochs=3")),
        TrainingRunOptions.into(dir.resolve("runs"))));
    String jar = dir.resolve("target").resolve("acme.jar").toAbsolutePath().toString();
    assertTrue(e.getMessage().startsWith("activation \"nan-act\" from " + jar + " (layers[1]) returned NaN for z = "),
        e.getMessage());
  }

  /**
   * In float32 a φ beyond a float's range is the plugin's failure, quoted with the value it returned (finite),
   * not the infinity the rounding made of it, and not sent to a gradient check, which runs in float64.
   */
  @Test
  void anActivationPluginBeyondAFloatInAFloat32RunIsQuotedWithWhatItReturned() throws Exception {
    Nn nn = nn();
    PluginFailureException e = assertThrows(PluginFailureException.class, () -> nn.train(nn.load(XOR,
        List.of("network.layers[1].activation=huge", "training.epochs=3", "compute.precision=float32")),
        TrainingRunOptions.into(dir.resolve("runs"))));
    String m = e.getMessage();
    assertTrue(m.matches("activation \"huge\" from .* \\(layers\\[1\\]\\) returned -?[0-9.]+E3[89] for z = .*"), m);
    assertTrue(m.contains(", beyond float32's largest magnitude 3.4028235E38 (this run computes in float32, where φ"
        + " must stay within a float's range for |z| <= 88)"), m);
    assertFalse(m.contains("nn gradcheck"), m);
  }

  /**
   * A φ within a float's range for the first batches' small z, beyond it for larger |z| ≤ 88: its huge values make
   * the step, and so the next z, infinite, which looked like training diverging (exit 3, "try a smaller learning
   * rate"). On divergence in float32, φ is probed over |z| ≤ 88 and the plugin named.
   */
  @Test
  void anActivationPluginBeyondAFloatOnlyForLargerZIsNamedWhenTrainingDiverges() throws Exception {
    Nn nn = nn();
    PluginFailureException e = assertThrows(PluginFailureException.class, () -> nn.train(nn.load(XOR,
        List.of("network.layers[1].activation=huge-later", "training.epochs=3", "compute.precision=float32",
            "optimizer={name: sgd, learning-rate: 0.1}")),
        TrainingRunOptions.into(dir.resolve("runs"))));
    String m = e.getMessage();
    assertTrue(m.matches("activation \"huge-later\" from .* \\(layers\\[1\\]\\) returned [0-9.]+E3[89] for z = .*"), m);
    assertTrue(m.contains(", beyond float32's largest magnitude 3.4028235E38 (this run computes in float32, where φ"
        + " must stay within a float's range for |z| <= 88)"), m);
    // in float64 the same φ is within its contract (finite for every z): there the run diverges as training does
    assertThrows(TrainingDivergedException.class, () -> nn.train(nn.load(XOR,
        List.of("network.layers[1].activation=huge-later", "training.epochs=3",
            "optimizer={name: sgd, learning-rate: 0.1}")),
        TrainingRunOptions.into(dir.resolve("runs64"))));
  }

  /**
   * A derivative that is NaN for a finite z shows only at the update after, as weights that are NaN, which
   * looks like divergence: a probe of φ′ on divergence finds it and names the plugin.
   */
  @Test
  void anActivationPluginWhoseDerivativeIsNanForAFiniteZIsItsFailureNotDivergence() throws Exception {
    Nn nn = nn();
    PluginFailureException e = assertThrows(PluginFailureException.class, () -> nn.train(nn.load(XOR,
        List.of("network.layers[1].activation=nan-prime", "training.epochs=3")),
        TrainingRunOptions.into(dir.resolve("runs"))));
    String jar = dir.resolve("target").resolve("acme.jar").toAbsolutePath().toString();
    assertTrue(e.getMessage().startsWith("activation \"nan-prime\" from " + jar + " (layers[1]) returned NaN from φ′"
        + " (phiPrime) for z = "), e.getMessage());
    assertTrue(e.getCause() instanceof TrainingDivergedException, String.valueOf(e.getCause()));
  }

  /**
   * A seed δ(L+1) that is NaN while the loss's value is finite also shows only at the update after: a probe of the
   * seed on divergence finds it and names the loss.
   */
  @Test
  void aLossPluginWhoseSeedIsNanWhereItsValueIsFiniteIsItsFailureNotDivergence() throws Exception {
    Nn nn = nn();
    PluginFailureException e = assertThrows(PluginFailureException.class, () -> nn.train(nn.load(XOR,
        List.of("loss=nan-seed", "training.epochs=3")), TrainingRunOptions.into(dir.resolve("runs"))));
    String jar = dir.resolve("target").resolve("acme.jar").toAbsolutePath().toString();
    assertTrue(e.getMessage().startsWith("loss \"nan-seed\" from " + jar + " put NaN in its seed δ(L+1) for the"
        + " output z = "), e.getMessage());
    // the least extreme output at fault: the untrained network's 0 against a target of 1
    assertTrue(e.getMessage().contains("for the output z = 0.0, x = 0.0 and the target y = 1.0, where its value is"
        + " finite (NaN in δ makes the weights NaN at the update after)"), e.getMessage());
    assertTrue(e.getCause() instanceof TrainingDivergedException, String.valueOf(e.getCause()));
  }

  /**
   * The gradient check of such a plugin names it, as training does: φ′ probed as training's look-back probes it.
   * (Its report said only that some activation's φ′ or the loss's seed returned NaN.)
   */
  @Test
  void theGradientCheckOfANanDerivativeNamesThePlugin() throws Exception {
    Nn nn = nn();
    PluginFailureException e = assertThrows(PluginFailureException.class, () -> nn.gradientCheck(
        nn.load(XOR, List.of("network.layers[1].activation=nan-prime"))).run(64));
    assertTrue(e.getMessage().startsWith("activation \"nan-prime\" from "), e.getMessage());
    assertTrue(e.getMessage().contains("(layers[1]) returned NaN from φ′ (phiPrime) for z = "), e.getMessage());
    assertTrue(e.getMessage().contains(" (NaN in δ makes backprop's gradient NaN) during the gradient check; a plugin"
        + " must return finite values"), e.getMessage());
    // a gradient check makes no update: training's words would send the author looking for one
    assertFalse(e.getMessage().contains("update"), e.getMessage());
  }

  /** The gradient check of a loss whose seed is NaN where its value is finite says what that NaN does there. */
  @Test
  void theGradientCheckOfANanSeedNamesTheLossInTheChecksWords() throws Exception {
    Nn nn = nn();
    PluginFailureException e = assertThrows(PluginFailureException.class, () -> nn.gradientCheck(
        nn.load(XOR, List.of("loss=nan-seed"))).run(64));
    assertTrue(e.getMessage().startsWith("loss \"nan-seed\" from "), e.getMessage());
    assertTrue(e.getMessage().contains(", where its value is finite (NaN in δ makes backprop's gradient NaN) during"
        + " the gradient check; a plugin must return finite values"), e.getMessage());
    assertFalse(e.getMessage().contains("update"), e.getMessage());
  }

  @Test
  void nnsOwnLossOnDivergingWeightsIsStillDivergence() throws Exception {
    Nn nn = Nn.create();
    assertThrows(TrainingDivergedException.class, () -> nn.train(nn.load(XOR, List.of("loss=squared",
        "optimizer.learning-rate=1e6", "training.epochs=3")), TrainingRunOptions.into(dir.resolve("runs"))));
  }

  /** Options of a fresh run in a given directory. */
  private static final class TrainingRunOptions {
    static TrainingRun.Options into(Path runs) {
      return TrainingRun.Options.into(runs);
    }
  }
}
