package dev.nn.core.inject;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.nn.core.config.Experiment;
import dev.nn.core.plugin.PluginRegistry;

/**
 * The Guice modules of one run. The command line builds
 * {@code Guice.createInjector(Stage.PRODUCTION, NnModules.forRun(experiment, registry), ...)} and asks it
 * for the trainer; a test overrides one binding with {@code Modules.override(NnModules.forRun(...)).with(...)}.
 */
public final class NnModules {
  private NnModules() {}

  /** Plugins, configuration and core objects for training {@code experiment}. */
  public static Module forRun(Experiment experiment, PluginRegistry registry) {
    return Modules.combine(new PluginModule(registry), new ConfigModule(experiment), new CoreModule());
  }
}
