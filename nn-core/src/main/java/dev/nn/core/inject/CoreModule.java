package dev.nn.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.core.config.EarlyStopping;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.Monitor;
import dev.nn.core.config.ScheduleSpec;
import dev.nn.core.config.TrainingSpec;
import dev.nn.core.experiment.DataPreparation;
import dev.nn.core.experiment.NetworkFactory;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.schedule.LearningRateSchedule;
import dev.nn.core.schedule.LearningRateSchedules;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingOptions;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.InitializerProvider;
import dev.nn.spi.LossProvider;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Settings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * The core objects an experiment describes, each built once per run: the loss, optimizer and schedule,
 * the prepared data, the kernels, the initialised network and the trainer with every bound listener.
 */
final class CoreModule extends AbstractModule {

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), TrainingListener.class);
    bind(Clock.class).toInstance(Clock.systemUTC());
  }

  @Provides
  @Singleton
  Loss loss(Experiment e, Map<String, LossProvider> losses) {
    return (Loss) NetworkFactory.create(PluginKind.LOSS, e.loss(), losses);
  }

  @Provides
  @Singleton
  Optimizer optimizer(Experiment e, Map<String, OptimizerProvider> optimizers) {
    return (Optimizer) NetworkFactory.create(PluginKind.OPTIMIZER, e.optimizer().optimizer(), optimizers);
  }

  @Provides
  @Singleton
  LearningRateSchedule schedule(Experiment e) {
    return LearningRateSchedules.create(e.optimizer().learningRate(), scheduleSettings(e.optimizer().schedule()));
  }

  /** The validated schedule record as the settings the schedule factory reads. */
  static Settings scheduleSettings(ScheduleSpec s) {
    return Settings.of("schedule \"" + s.name() + "\"", s.asMap());
  }

  @Provides
  @Singleton
  PreparedData data(Experiment e, Loss loss) {
    return DataPreparation.prepare(e.data(), loss, e.loss().name(), e.seed());
  }

  /**
   * The kernels {@code compute} asks for: {@code java}, {@code blas}, or {@code auto}, which picks by the
   * work of one training step (see {@link KernelChoice}).
   */
  @Provides
  @Singleton
  Kernels kernels(Experiment e, PreparedData data) {
    int[] widths = NetworkFactory.widths(e.network(), data.train().featureCount(), data.train().targetCount());
    try {
      return KernelChoice.choose(e.compute().backend().yamlName(), e.compute().threads(), widths,
          e.training().batchSize());
    } catch (IllegalStateException unavailable) {
      throw new ConfigException(ConfigProblem.of(ProblemId.BACKEND_UNAVAILABLE, "compute.backend",
          unavailable.getMessage(), "auto, java"));
    }
  }

  @Provides
  @Singleton
  Network network(Experiment e, PreparedData data, Kernels kernels,
      Map<String, ActivationProvider> activations, Map<String, InitializerProvider> initializers) {
    int[] widths = NetworkFactory.widths(e.network(), data.train().featureCount(), data.train().targetCount());
    Network network = NetworkFactory.create(e.network(), widths, activations, kernels);
    NetworkFactory.initialize(network, e.network().init(), initializers, e.seed());
    return network;
  }

  @Provides
  TrainingOptions options(Experiment e) {
    TrainingSpec t = e.training();
    int patience = t.earlyStopping().map(EarlyStopping::patience).orElse(0);
    TrainingOptions.Monitor monitor = t.earlyStopping().map(EarlyStopping::monitor).orElse(Monitor.VAL_LOSS)
        == Monitor.VAL_ACCURACY ? TrainingOptions.Monitor.VAL_ACCURACY : TrainingOptions.Monitor.VAL_LOSS;
    double minDelta = t.earlyStopping().map(EarlyStopping::minDelta).orElse(0.0);
    return new TrainingOptions(t.epochs(), t.batchSize(), t.shuffle(), e.l2(), e.seed(), patience, monitor, minDelta);
  }

  @Provides
  @Singleton
  Trainer trainer(Network network, Loss loss, Optimizer optimizer, LearningRateSchedule schedule,
      TrainingOptions options, Set<TrainingListener> listeners) {
    return new Trainer(network, loss, optimizer, schedule, options, new ArrayList<>(listeners));
  }
}
