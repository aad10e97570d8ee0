package dev.nn.core.experiment;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.core.config.EarlyStopping;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.Monitor;
import dev.nn.core.config.TrainingSpec;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.network.Network;
import dev.nn.core.schedule.LearningRateSchedule;
import dev.nn.core.schedule.LearningRateSchedules;
import dev.nn.core.train.ClassWeightedLoss;
import dev.nn.core.train.TrainingOptions;
import java.time.Clock;

/**
 * The core objects an experiment describes, each built once per run, in the order their dependencies
 * give: plugins, then data, then widths and kernels, then the network; the trainer is made by
 * {@link TrainerFactory} when the run directory exists.
 */
public final class CoreModule extends AbstractModule {

  /** The module; {@code dev.nn.core.inject.NnModules} combines it with the experiment and the plugins. */
  public CoreModule() {}

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(Clock.systemUTC());
    bind(RunPlugins.class).in(Singleton.class);
    bind(PreparedData.class).toProvider(DataPreparation.class).in(Singleton.class);
    bind(KernelChoice.Choice.class).toProvider(KernelsProvider.class).in(Singleton.class);
    bind(Network.class).toProvider(NetworkBuilder.class).in(Singleton.class);
    bind(TrainingBackend.class).to(LocalTraining.class);
  }

  @Provides
  Kernels kernels(KernelChoice.Choice choice) {
    return choice.kernels();
  }

  /** The loss trained on: the plugin's, weighing each class's rows when {@code training.class-weights} says so. */
  @Provides
  Loss loss(RunPlugins plugins, Experiment e, PreparedData data) {
    return ClassWeightedLoss.of(plugins.loss(), ClassWeighting.weights(e.training().classWeights(), data));
  }

  @Provides
  Optimizer optimizer(RunPlugins plugins) {
    return plugins.optimizer();
  }

  @Provides
  @Singleton
  LearningRateSchedule schedule(Experiment e) {
    return LearningRateSchedules.create(e.optimizer().learningRate(), e.optimizer().schedule(),
        e.optimizer().warmup());
  }

  @Provides
  TrainingOptions options(Experiment e) {
    TrainingSpec t = e.training();
    int patience = t.earlyStopping().map(EarlyStopping::patience).orElse(0);
    TrainingOptions.Monitor monitor = t.earlyStopping().map(EarlyStopping::monitor).orElse(Monitor.VAL_LOSS)
        == Monitor.VAL_ACCURACY ? TrainingOptions.Monitor.VAL_ACCURACY : TrainingOptions.Monitor.VAL_LOSS;
    double minDelta = t.earlyStopping().map(EarlyStopping::minDelta).orElse(0.0);
    return new TrainingOptions(t.epochs(), t.batchSize(), t.shuffle(), e.l2(), e.seed(), patience, monitor, minDelta,
        e.optimizer().clipNorm());
  }
}
