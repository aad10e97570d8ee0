package dev.nn.spi;

import dev.nn.api.Initializer;

/** Creates initializer plugins; register implementations in {@code META-INF/services/dev.nn.spi.InitializerProvider}. */
public interface InitializerProvider extends PluginProvider<Initializer> {}
