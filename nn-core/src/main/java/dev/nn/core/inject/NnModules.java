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
import dev.nn.core.experiment.CoreModule;
import dev.nn.core.experiment.InMemoryData;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.plugin.PluginRegistry;
import java.util.Collection;

/**
 * The Guice modules of one run, and the one place an injector is made. An entry point (the {@code Nn}
 * facade) asks {@code NnModules.injector(NnModules.forRun(experiment, registry, options))} for the one
 * object it runs — a {@link TrainingRun}, a benchmark, a gradient check; a test overrides a binding with
 * {@code Modules.override(NnModules.forRun(...)).with(...)}.
 */
public final class NnModules {
  private NnModules() {}

  /** Plugins, configuration and core objects for training {@code experiment} with default options. */
  public static Module forRun(Experiment experiment, PluginRegistry registry) {
    return forRun(experiment, registry, TrainingRun.Options.defaults());
  }

  /** Plugins, configuration, run options and core objects for training {@code experiment}. */
  public static Module forRun(Experiment experiment, PluginRegistry registry, TrainingRun.Options options) {
    return Modules.combine(new PluginModule(registry), new ConfigModule(experiment, options), new CoreModule());
  }

  /**
   * Plugins, configuration, run options and core objects for training {@code experiment} on samples held
   * in memory: {@link InMemoryData} overrides the binding that would read the experiment's data sources.
   */
  public static Module forRun(Experiment experiment, PluginRegistry registry, TrainingRun.Options options,
      InMemoryData data) {
    return Modules.override(forRun(experiment, registry, options)).with(data);
  }

  /**
   * Creates a production injector, which builds every singleton now: plugins, data, network. A problem
   * found while building — a configuration problem, unreadable data — is rethrown as itself
   * ({@link dev.nn.spi.ConfigException}, {@link dev.nn.core.data.DataException}, …) rather than wrapped in
   * Guice's exceptions, so callers see the same exceptions as without Guice.
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

  /** The object of type {@code type} from a new production injector of {@code modules}; see {@link #injector}. */
  public static <T> T create(Class<T> type, Module... modules) {
    Injector injector = injector(modules);
    try {
      return injector.getInstance(type);
    } catch (ProvisionException e) {
      throw unwrap(e, e.getErrorMessages());
    }
  }

  private static RuntimeException unwrap(RuntimeException e, Collection<Message> messages) {
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
