package dev.nn.core.testing;

import dev.nn.api.Activation;
import dev.nn.api.Initializer;
import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.LossProvider;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.PluginProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Small stand-ins for installed plugins: names, the settings they read, and trivial instances. */
public final class FakePlugins {
  private FakePlugins() {}

  /** identity, relu, sigmoid, tanh, leaky-relu; squared, huber, softmax-cross-entropy; sgd, momentum, adam; ... */
  public static PluginRegistry lookup() {
    Map<String, ActivationProvider> activations = new LinkedHashMap<>();
    for (String n : new String[] {"identity", "relu", "sigmoid", "tanh"}) {
      activations.put(n, new Act(n, "", s -> {}));
    }
    activations.put("leaky-relu", new Act("leaky-relu", "slope: number >= 0, default 0.01", s -> s.number("slope", 0.01, Range.atLeast(0))));
    Map<String, LossProvider> losses = new LinkedHashMap<>();
    losses.put("squared", new Los("squared", Seeding.DEFAULT, "", s -> {}));
    losses.put("huber", new Los("huber", Seeding.DEFAULT, "delta: number > 0, default 1.0", s -> s.number("delta", 1.0, Range.positive())));
    losses.put("softmax-cross-entropy", new Los("softmax-cross-entropy", Seeding.FUSED, "", s -> {}));
    // a loss that is not fused and still refuses some output activations (its targets are in (0, 1), say)
    losses.put("bounded-only", new Los("bounded-only", Seeding.DEFAULT, "", s -> {},
        a -> a.equals("sigmoid") || a.equals("tanh")));
    Map<String, OptimizerProvider> optimizers = new LinkedHashMap<>();
    optimizers.put("sgd", new Opt("sgd", "", s -> {}));
    optimizers.put("momentum", new Opt("momentum", "momentum: number in [0, 1), default 0.9", s -> s.number("momentum", 0.9, Range.closedOpen(0, 1))));
    optimizers.put(
        "adam",
        new Opt(
            "adam",
            "beta1: number in [0, 1), default 0.9; beta2: number in [0, 1), default 0.999; epsilon: number > 0, default 1e-8",
            s -> {
              s.number("beta1", 0.9, Range.closedOpen(0, 1));
              s.number("beta2", 0.999, Range.closedOpen(0, 1));
              s.number("epsilon", 1e-8, Range.positive());
            }));
    Map<String, InitializerProvider> initializers = new LinkedHashMap<>();
    initializers.put("xavier-uniform", new Init("xavier-uniform", "", s -> {}));
    initializers.put("he-normal", new Init("he-normal", "", s -> {}));
    initializers.put("normal", new Init("normal", "std: number > 0, default 0.01", s -> s.number("std", 0.01, Range.positive())));
    List<PluginProvider<?>> all = new ArrayList<>();
    all.addAll(activations.values());
    all.addAll(losses.values());
    all.addAll(optimizers.values());
    all.addAll(initializers.values());
    return PluginRegistry.of(all);
  }

  /** A stand-in activation provider of {@code name} (φ the identity), reading no settings. */
  public static ActivationProvider activation(String name) {
    return new Act(name, "", s -> {});
  }

  private abstract static class Fake<T> implements PluginProvider<T> {
    private final String name;
    private final String help;
    private final Consumer<Settings> reads;

    Fake(String name, String help, Consumer<Settings> reads) {
      this.name = name;
      this.help = help;
      this.reads = reads;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String summary() {
      return "a stand-in";
    }

    @Override
    public String settingsHelp() {
      return help;
    }

    @Override
    public T create(Settings settings) {
      reads.accept(settings);
      return instance();
    }

    abstract T instance();
  }

  private static final class Act extends Fake<Activation> implements ActivationProvider {
    Act(String name, String help, Consumer<Settings> reads) {
      super(name, help, reads);
    }

    @Override
    Activation instance() {
      return new Activation() {
        @Override
        public double phi(double z) {
          return z;
        }

        @Override
        public double phiPrime(double z, double x) {
          return 1;
        }
      };
    }
  }

  private static final class Los extends Fake<Loss> implements LossProvider {
    private final Seeding seeding;
    private final java.util.function.Predicate<String> accepts;

    Los(String name, Seeding seeding, String help, Consumer<Settings> reads) {
      this(name, seeding, help, reads, null);
    }

    /** @param accepts the output activations it accepts, or {@code null} for the interface's default */
    Los(String name, Seeding seeding, String help, Consumer<Settings> reads,
        java.util.function.Predicate<String> accepts) {
      super(name, help, reads);
      this.seeding = seeding;
      this.accepts = accepts;
    }

    @Override
    Loss instance() {
      return new Loss() {
        @Override
        public Seeding seeding() {
          return seeding;
        }

        @Override
        public TargetKind targets() {
          return TargetKind.REAL;
        }

        @Override
        public boolean acceptsOutputActivation(String activationName) {
          return accepts == null ? Loss.super.acceptsOutputActivation(activationName) : accepts.test(activationName);
        }

        @Override
        public double value(double[] z, double[] x, double[] y, int rows, int cols) {
          return 0;
        }

        @Override
        public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
          return 0;
        }
      };
    }
  }

  private static final class Opt extends Fake<Optimizer> implements OptimizerProvider {
    Opt(String name, String help, Consumer<Settings> reads) {
      super(name, help, reads);
    }

    @Override
    Optimizer instance() {
      return size -> (params, grads, learningRate, t) -> {};
    }
  }

  private static final class Init extends Fake<Initializer> implements InitializerProvider {
    Init(String name, String help, Consumer<Settings> reads) {
      super(name, help, reads);
    }

    @Override
    Initializer instance() {
      return (weights, fanIn, fanOut, random) -> {};
    }
  }
}
