package dev.nn.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.LossProvider;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.PluginProvider;

/**
 * The plugins: one {@code Map<String, XProvider>} per kind, filled from the registry (which found them
 * through ServiceLoader). Each entry's source is the plugin's jar, so a duplicate that gets past the
 * registry (a test binding, say) is reported by Guice with both origins.
 */
final class PluginModule extends AbstractModule {
  private final PluginRegistry registry;

  PluginModule(PluginRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void configure() {
    bind(PluginRegistry.class).toInstance(registry);
    fill(PluginKind.ACTIVATION, ActivationProvider.class);
    fill(PluginKind.LOSS, LossProvider.class);
    fill(PluginKind.OPTIMIZER, OptimizerProvider.class);
    fill(PluginKind.INITIALIZER, InitializerProvider.class);
  }

  private <P extends PluginProvider<?>> void fill(PluginKind kind, Class<P> type) {
    // declares the map even when a kind has no plugins
    MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), TypeLiteral.get(type));
    for (var entry : registry.providers(kind).entrySet()) {
      PluginDescriptor where = registry.descriptors(kind).get(entry.getKey());
      MapBinder.newMapBinder(binder().withSource(where.origin()), TypeLiteral.get(String.class), TypeLiteral.get(type))
          .addBinding(entry.getKey()).toInstance(type.cast(entry.getValue()));
    }
  }
}
