package dev.nn.core.plugin;

import dev.nn.spi.ActivationProvider;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.LossProvider;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.PluginProvider;

/** The four kinds of plugin, each found through its own provider interface. */
public enum PluginKind {
  ACTIVATION("activation", ActivationProvider.class),
  LOSS("loss", LossProvider.class),
  OPTIMIZER("optimizer", OptimizerProvider.class),
  INITIALIZER("initializer", InitializerProvider.class);

  private final String label;
  private final Class<? extends PluginProvider<?>> providerType;

  PluginKind(String label, Class<? extends PluginProvider<?>> providerType) {
    this.label = label;
    this.providerType = providerType;
  }

  /** "activation", "loss", "optimizer", "initializer": how messages and listings name the kind. */
  public String label() {
    return label;
  }

  /** The interface ServiceLoader is asked for. */
  public Class<? extends PluginProvider<?>> providerType() {
    return providerType;
  }
}
