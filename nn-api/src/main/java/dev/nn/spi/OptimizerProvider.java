package dev.nn.spi;

import dev.nn.api.Optimizer;

/** Creates optimizer plugins; register implementations in {@code META-INF/services/dev.nn.spi.OptimizerProvider}. */
public interface OptimizerProvider extends PluginProvider<Optimizer> {}
