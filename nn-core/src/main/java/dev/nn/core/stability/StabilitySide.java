package dev.nn.core.stability;

import dev.nn.api.Loss;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.TrainerFactory;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.network.Network;
import dev.nn.core.schedule.LearningRateSchedule;
import dev.nn.core.train.Evaluator;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import jakarta.inject.Inject;
import java.util.List;

/**
 * One of a pair's two runs: the experiment's network, built and initialised exactly as {@code nn train}
 * builds it, with its own kernel runtime. A study makes two sides from two injectors of the same
 * experiment, so their initial weights are equal bit for bit, and restarts both for every pair.
 */
final class StabilitySide {
  final Experiment experiment;
  final Network network;
  final Loss loss;
  final PreparedData data;
  final LearningRateSchedule schedule;
  final TrainingOptions options;
  private final TrainerFactory trainers;
  private final KernelChoice.Choice kernels;
  private final double[] initial;
  private final Evaluator evaluator;
  private Trainer trainer;

  @Inject
  StabilitySide(Experiment experiment, Network network, Loss loss, PreparedData data, LearningRateSchedule schedule,
      TrainingOptions options, TrainerFactory trainers, KernelChoice.Choice kernels) {
    this.experiment = experiment;
    this.network = network;
    this.loss = loss;
    this.data = data;
    this.schedule = schedule;
    this.options = options;
    this.trainers = trainers;
    this.kernels = kernels;
    this.initial = network.parameters().toArray();
    this.evaluator = new Evaluator(network, loss, 256);
  }

  /** Back to the initial weights, with a new trainer (fresh optimizer state, update 0). */
  void restart() {
    network.parameters().load(initial);
    trainer = trainers.create(List.of());
  }

  /** Runs updates {@code first} … {@code first + count − 1} of the stream of epochs on {@code train}. */
  void run(Samples train, long first, int count) {
    trainer.runUpdates(train, first, count, options.seed());
  }

  /** The parameters now. */
  double[] parameters() {
    return network.parameters().toArray();
  }

  /** The mean loss of the current parameters on {@code samples}. */
  double loss(Samples samples) {
    return evaluator.evaluate(samples, data.classification()).loss();
  }

  /** Stops the side's kernel threads. */
  void close() {
    kernels.kernels().close();
  }
}
