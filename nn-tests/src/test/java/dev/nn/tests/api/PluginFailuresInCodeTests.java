package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.plugin.PluginFailureException;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.stability.StabilityOptions;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plugin throws while a program runs a gradient check, a learning-rate range test, a benchmark or a
 * stability study through the Java API is that plugin's failure, named as {@code nn.train} names it: the plugin,
 * what it threw, the method and when. Each object runs the plugins after {@code Nn} made it, so each names them
 * itself.
 */
class PluginFailuresInCodeTests {
  @TempDir
  Path tmp;

  /** tanh for the first calls, then an exception: the objects are made before it throws. */
  private static final class FailsLater implements ActivationProvider {
    @Override
    public String name() {
      return "fails-later";
    }

    @Override
    public String summary() {
      return "tanh, until its 50th call";
    }

    @Override
    public Activation create(Settings settings) {
      return new Activation() {
        private int calls;

        @Override
        public double phi(double z) {
          if (++calls > 50) {
            throw new IllegalStateException("tired after 50 calls");
          }
          return Math.tanh(z);
        }

        @Override
        public double phiPrime(double z, double x) {
          return 1 - x * x;
        }
      };
    }
  }

  @Test
  void eachRunObjectNamesThePluginThatFailedInIt() throws Exception {
    Path yaml = Files.writeString(tmp.resolve("xor.yaml"), """
        name: fails-later
        seed: 3
        data:
          train: {source: generator, name: xor, samples: 64, noise: 0.1}
          validation: {split: 0.25}
          standardize: false
        network:
          layers:
            - {units: auto}
            - {units: 4, activation: fails-later}
            - {units: auto, activation: identity}
          init: xavier-uniform
        loss: binary-cross-entropy
        optimizer: {name: sgd, learning-rate: 0.1}
        training: {epochs: 2, batch-size: 8}
        """);
    Nn nn = Nn.withPlugins(PluginRegistry.of(List.of(new FailsLater(), new dev.nn.activations.IdentityProvider(),
        new dev.nn.losses.BinaryCrossEntropyProvider(), new dev.nn.core.optim.SgdProvider(),
        new dev.nn.core.init.XavierUniformProvider())));
    Experiment e = nn.load(yaml, List.of("output.dir=" + tmp.resolve("runs")));

    expectNamed("during the gradient check", () -> nn.gradientCheck(e).run(8));
    expectNamed("during the gradient check", () -> nn.gradientCheck(e).gradient(40));
    expectNamed("during the learning-rate range test", () -> nn.learningRateRange(e).run(1e-4, 1, 20));
    expectNamed("during the benchmark", () -> nn.benchmark(e).train(1, 0.01));
    expectNamed("during the stability study", () -> nn.stability(e).run(StabilityOptions.of(1)
        .into(tmp.resolve("study"))));
    assertFalse(Files.exists(tmp.resolve("study")), "a failed study writes no folder");
  }

  private static void expectNamed(String during, Runnable action) {
    PluginFailureException f = assertThrows(PluginFailureException.class, action::run);
    String m = f.getMessage();
    assertTrue(m.startsWith("activation \"fails-later\"") && m.contains("IllegalStateException: tired after 50 calls")
        && m.contains("in φ (phi) " + during + " (at "), m);
  }
}
