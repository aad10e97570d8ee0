package dev.nn.spi;

import dev.nn.api.Activation;

/** Creates activation plugins; register implementations in {@code META-INF/services/dev.nn.spi.ActivationProvider}. */
public interface ActivationProvider extends PluginProvider<Activation> {}
