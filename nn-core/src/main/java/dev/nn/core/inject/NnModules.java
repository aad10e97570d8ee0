package dev.nn.core.inject;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
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

  /**
   * Creates a production injector and builds every singleton now. A problem found while building — a
   * configuration problem, unreadable data — is rethrown as itself ({@link dev.nn.spi.ConfigException},
   * {@link dev.nn.core.data.DataException}, …) rather than wrapped in Guice's exceptions, so callers see the
   * same exceptions as without Guice.
   */
  public static Injector injector(Module... modules) {
    try {
      return Guice.createInjector(Stage.PRODUCTION, modules);
    } catch (CreationException e) {
      throw unwrap(e, e.getErrorMessages());
    } catch (ProvisionException e) {
      throw unwrap(e, e.getErrorMessages());
    }
  }

  private static RuntimeException unwrap(RuntimeException e, java.util.Collection<Message> messages) {
    for (Message m : messages) {
      Throwable cause = m.getCause();
      while (cause instanceof ProvisionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RuntimeException) {
        return (RuntimeException) cause;
      }
    }
    return e;
  }
}
