package dev.nn.core.experiment;

import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.Monitor;
import dev.nn.core.config.OptimizerSpec;
import dev.nn.core.config.ScheduleSpec;
import dev.nn.core.network.Network;
import dev.nn.core.schedule.LearningRateSchedule;
import dev.nn.core.train.ReduceOnPlateau;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingOptions;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes the run's trainer once the listeners that need a run directory exist: the network, plugins,
 * schedule and options come from the injector, the run's own listeners (metrics, checkpoints) from the
 * caller, so the run directory is created only when everything else has been built.
 */
public final class TrainerFactory {
  private final Network network;
  private final Loss loss;
  private final Optimizer optimizer;
  private final LearningRateSchedule schedule;
  private final TrainingOptions options;
  private final Set<TrainingListener> bound;
  private final ReduceOnPlateau plateau;
  private final boolean watchOptimizer;

  @Inject
  TrainerFactory(Network network, Loss loss, Optimizer optimizer, LearningRateSchedule schedule,
      TrainingOptions options, Set<TrainingListener> bound, Experiment experiment, PreparedData data,
      RunPlugins plugins) {
    this.network = network;
    this.loss = loss;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.options = options;
    this.bound = bound;
    this.plateau = plateau(experiment.optimizer());
    this.watchOptimizer = plugins.optimizerFromAPlugin();
    if (!data.classification()) {
      // a task the file did not state (a generator's) is known once the data is: the accuracy watched must exist
      String key = plateau != null && !plateau.lossMonitored() ? "optimizer.schedule.monitor"
          : options.patience() > 0 && options.monitor() == TrainingOptions.Monitor.VAL_ACCURACY
              ? "training.early-stopping.monitor" : null;
      if (key != null) {
        throw new ConfigException(ConfigProblem.of(ProblemId.OUT_OF_RANGE, key, "val-accuracy is a classification's"
            + " figure, but " + data.train().source() + " is read for " + data.train().task().label(), "val-loss"));
      }
    }
  }

  /** The reductions a {@code plateau} schedule asks of the trainer, or {@code null} for any other schedule. */
  static ReduceOnPlateau plateau(OptimizerSpec optimizer) {
    if (!(optimizer.schedule() instanceof ScheduleSpec.Plateau p)) {
      return null;
    }
    return new ReduceOnPlateau(p.monitor() == Monitor.VAL_LOSS, p.factor(), p.patience(), p.minDelta(), p.cooldown(),
        optimizer.learningRate(), p.minRate());
  }

  /** A trainer that reports to {@code runListeners} first, then to every bound listener (a progress display). */
  public Trainer create(List<TrainingListener> runListeners) {
    List<TrainingListener> all = new ArrayList<>(runListeners);
    all.addAll(bound);
    Trainer trainer = new Trainer(network, loss, optimizer, schedule, options, all);
    if (watchOptimizer) {
      // a step of a third-party optimizer that writes NaN from finite values is its fault, not divergence
      trainer.watchOptimizerSteps();
    }
    if (plateau != null) {
      trainer.reduceOnPlateau(plateau);
    }
    return trainer;
  }
}
