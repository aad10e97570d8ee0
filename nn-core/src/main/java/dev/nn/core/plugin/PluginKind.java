package dev.nn.core.plugin;

import dev.nn.api.Activation;
import dev.nn.api.Initializer;
import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.LossProvider;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.PluginProvider;
import java.util.List;

/**
 * The four kinds of plugin. A kind knows the provider interface ServiceLoader is asked for and the type
 * its providers create, so {@link PluginRegistry#create(PluginKind, String, dev.nn.spi.Settings)} returns
 * an {@code Activation} for {@link #ACTIVATION} without a cast at the call site.
 *
 * <p>A class rather than an enum because an enum constant cannot carry its own type argument.
 *
 * @param <T> what the kind's providers create
 */
public final class PluginKind<T> {
  /** φ and φ′ of a layer. */
  public static final PluginKind<Activation> ACTIVATION =
      new PluginKind<>("activation", ActivationProvider.class, Activation.class, "nn-activations");
  /** The loss that seeds δ(L+1). */
  public static final PluginKind<Loss> LOSS = new PluginKind<>("loss", LossProvider.class, Loss.class, "nn-losses");
  /** The update rule applied to the gradient. */
  public static final PluginKind<Optimizer> OPTIMIZER =
      new PluginKind<>("optimizer", OptimizerProvider.class, Optimizer.class, "nn-core");
  /** How the first weights are drawn. */
  public static final PluginKind<Initializer> INITIALIZER =
      new PluginKind<>("initializer", InitializerProvider.class, Initializer.class, "nn-core");

  private static final List<PluginKind<?>> ALL = List.of(ACTIVATION, LOSS, OPTIMIZER, INITIALIZER);

  private final String label;
  private final Class<? extends PluginProvider<?>> providerType;
  private final Class<T> pluginType;
  private final String builtInModule;

  private PluginKind(String label, Class<? extends PluginProvider<?>> providerType, Class<T> pluginType,
      String builtInModule) {
    this.label = label;
    this.providerType = providerType;
    this.pluginType = pluginType;
    this.builtInModule = builtInModule;
  }

  /** Every kind, in the order listings show them. */
  public static List<PluginKind<?>> values() {
    return ALL;
  }

  /** The kind whose {@link #label} is {@code label}, if any: how files and messages name it. */
  public static java.util.Optional<PluginKind<?>> ofLabel(String label) {
    return ALL.stream().filter(k -> k.label.equals(label)).findFirst();
  }

  /** "activation", "loss", "optimizer", "initializer": how messages and listings name the kind. */
  public String label() {
    return label;
  }

  /** The label's plural: "activations", "losses", "optimizers", "initializers". */
  public String pluralLabel() {
    return label.endsWith("s") ? label + "es" : label + "s";
  }

  /** The interface ServiceLoader is asked for. */
  public Class<? extends PluginProvider<?>> providerType() {
    return providerType;
  }

  /** The type a provider of this kind creates. */
  public Class<T> pluginType() {
    return pluginType;
  }

  /** The nn module whose jar holds the built-in plugins of this kind. */
  String builtInModule() {
    return builtInModule;
  }

  @Override
  public String toString() {
    return label;
  }
}
