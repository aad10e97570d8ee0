package dev.nn.core.experiment;

import dev.nn.core.text.Suggestions;
import dev.nn.api.Activation;
import dev.nn.api.Initializer;
import dev.nn.api.Loss;
import dev.nn.core.config.LayerSpec;
import dev.nn.core.config.NetworkSpec;
import dev.nn.core.config.PluginRef;
import dev.nn.core.data.RandomStream;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.PluginProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the network an experiment describes: widths (with {@code auto} taken from the data), one
 * activation per layer 1 … L+1 created from its plugin, weights from the initializer plugin seeded from
 * the experiment's seed.
 */
public final class NetworkFactory {
  private NetworkFactory() {}

  /**
   * The widths n(0) … n(L+1): {@code auto} on the input layer is the number of features, on the output
   * layer the number of target columns; written widths must agree with the data.
   */
  public static int[] widths(NetworkSpec spec, int features, int targets) {
    List<LayerSpec> layers = spec.layers();
    int[] widths = new int[layers.size()];
    List<ConfigProblem> problems = new ArrayList<>();
    for (int l = 0; l < widths.length; l++) {
      LayerSpec layer = layers.get(l);
      int fromData = l == 0 ? features : l == widths.length - 1 ? targets : -1;
      if (layer.isAuto()) {
        widths[l] = fromData;
      } else {
        widths[l] = layer.units();
        if (fromData >= 0 && layer.units() != fromData) {
          problems.add(layer.where().place(ConfigProblem.of("nn/ShapeMismatch", "units",
              (l == 0 ? "the input layer has " : "the output layer has ") + layer.units() + " units, but the data has "
                  + fromData + (l == 0 ? " features" : " target columns"), fromData + " or auto")));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return widths;
  }

  /** Creates the network, untrained: call {@link #initialize} next (or load weights). */
  public static Network create(NetworkSpec spec, int[] widths, Map<String, ? extends PluginProvider<?>> activations,
      Loss loss, String lossName, PluginRef lossRef, Kernels kernels) {
    List<LayerSpec> layers = spec.layers();
    List<Activation> phis = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int l = 1; l < layers.size(); l++) {
      PluginRef ref = layers.get(l).activation().orElseThrow(
          () -> new IllegalStateException("the configuration reader guarantees an activation on every layer"));
      phis.add((Activation) create(PluginKind.ACTIVATION, ref, activations));
      names.add(ref.name());
    }
    String out = names.get(names.size() - 1);
    if (!loss.acceptsOutputActivation(out)) {
      LayerSpec outLayer = layers.get(layers.size() - 1);
      PluginRef ref = outLayer.activation().orElseThrow();
      throw new ConfigException(ref.where().place(ConfigProblem.of("nn/IncompatibleLoss", "",
          "loss \"" + lossName + "\" owns the output link and needs an identity output layer, found activation \""
              + out + "\"", "identity")));
    }
    return new Network(widths, phis, names, kernels, Structures.from(spec.ties(), widths));
  }

  /** Initialises every layer from the initializer, drawing from the {@link RandomStream#INIT} stream of the seed. */
  public static void initialize(Network network, PluginRef init, Map<String, ? extends PluginProvider<?>> initializers,
      long seed) {
    Initializer initializer = (Initializer) create(PluginKind.INITIALIZER, init, initializers);
    network.initialize(initializer, RandomStream.INIT.generator(seed));
  }

  /** Creates a plugin from its reference; problems are placed at the reference's key and line. */
  public static Object create(PluginKind kind, PluginRef ref, Map<String, ? extends PluginProvider<?>> providers) {
    PluginProvider<?> provider = providers.get(ref.name());
    if (provider == null) {
      throw new ConfigException(ref.where().place(ConfigProblem.of("nn/UnknownPlugin", "",
          "unknown " + kind.label() + " \"" + ref.name() + "\"", String.join(", ", providers.keySet()))
          .withSuggestions(Suggestions.closest(ref.name(), providers.keySet()))));
    }
    try {
      return provider.create(ref.toSettings(kind.label()));
    } catch (ConfigException e) {
      List<ConfigProblem> placed = new ArrayList<>();
      for (ConfigProblem p : e.problems()) {
        placed.add(ref.where().place(p));
      }
      throw new ConfigException(placed);
    }
  }
}
