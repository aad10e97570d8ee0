package dev.nn.spi;

import dev.nn.api.Loss;

/** Creates loss plugins; register implementations in {@code META-INF/services/dev.nn.spi.LossProvider}. */
public interface LossProvider extends PluginProvider<Loss> {}
