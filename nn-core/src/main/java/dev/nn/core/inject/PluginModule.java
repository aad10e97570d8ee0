package dev.nn.core.inject;

import com.google.inject.AbstractModule;
import dev.nn.core.plugin.PluginRegistry;

/**
 * The plugins: the registry that found them. A run's plugins are created from it once, by
 * {@link dev.nn.core.experiment.RunPlugins}; a test binds a registry of its own plugins here.
 */
final class PluginModule extends AbstractModule {
  private final PluginRegistry registry;

  PluginModule(PluginRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void configure() {
    bind(PluginRegistry.class).toInstance(registry);
  }
}
