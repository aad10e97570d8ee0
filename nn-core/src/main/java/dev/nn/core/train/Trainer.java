package dev.nn.core.train;

import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.network.Workspace;
import dev.nn.core.schedule.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a network by mini-batch SGD: each epoch visits the training samples in a seeded permutation,
 * each batch runs the forward pass, the loss's seed, the backward pass and the L2 term, and the optimizer
 * then updates every parameter block with η(t) from the schedule. With batch size 1 this is the lecture's
 * SGD step for step. At each epoch's end the validation split is evaluated, early stopping decides, and
 * listeners are told.
 *
 * <p>Everything a batch needs is allocated when the trainer is built, so the steady state allocates
 * nothing. Randomness: epoch e shuffles with the stream {@link RandomStream#SHUFFLE} of (seed, e), which
 * depends on nothing else, so a run resumed at an epoch boundary draws exactly what an uninterrupted one
 * would.
 */
public final class Trainer {
  private final Network network;
  private final Loss loss;
  private final LearningRateSchedule schedule;
  private final TrainingOptions options;
  private final List<TrainingListener> listeners;
  private final Optimizer.Updater[] updaters;
  /** The optimizer's updaters on the stored gradient, or plain SGD inside the backward pass. */
  private final ParameterUpdate update;
  private final Workspace ws;
  private final TrainingProgress progress = new TrainingProgress();
  private final int outputs;

  private int[] order = new int[0];
  private int epoch;
  private long updates;
  private double lastRate = Double.NaN;
  private double[] bestParams;
  private int bestEpoch;
  private double bestValue = Double.NaN;
  private int epochsWithoutImprovement;
  private final List<EpochReport> history = new ArrayList<>();

  /**
   * A trainer for {@code network}; the optimizer gets one updater per parameter block.
   *
   * @throws IllegalArgumentException when the loss computes its own output link (it writes ∂L/∂z) and the
   *     output layer's activation is not identity: the gradients would be silently wrong. An experiment never
   *     gets here with that pair, its reader reports it as {@code nn/IncompatibleLoss}; this guards networks
   *     built in Java code, where there is no file to point at, so it is a programming error, not a problem id.
   */
  public Trainer(Network network, Loss loss, Optimizer optimizer, LearningRateSchedule schedule,
      TrainingOptions options, List<TrainingListener> listeners) {
    String outName = network.activationName(network.outputLayer());
    if (!loss.acceptsOutputActivation(outName)) {
      throw new IllegalArgumentException("this loss owns the output link and needs an identity output layer, found "
          + "activation \"" + outName + "\" on layer " + network.outputLayer());
    }
    this.network = network;
    this.loss = loss;
    this.schedule = schedule;
    this.options = options;
    this.listeners = List.copyOf(listeners);
    List<ParameterStore.Block> blocks = network.parameters().blocks();
    updaters = new Optimizer.Updater[blocks.size()];
    for (int b = 0; b < blocks.size(); b++) {
      updaters[b] = optimizer.newUpdater(blocks.get(b).length());
    }
    update = ParameterUpdate.choose(network, optimizer, updaters, options.l2());
    ws = network.newWorkspace(options.batchSize());
    outputs = network.width(network.outputLayer());
  }

  /** The network being trained. */
  public Network network() {
    return network;
  }

  /** The loss being minimised. */
  public Loss loss() {
    return loss;
  }

  /** The options. */
  public TrainingOptions options() {
    return options;
  }

  /** Live counters for a progress display. */
  public TrainingProgress progress() {
    return progress;
  }

  /** Epochs completed. */
  public int epoch() {
    return epoch;
  }

  /** The reports of the epochs completed so far, oldest first. */
  public List<EpochReport> history() {
    return List.copyOf(history);
  }

  /** Optimizer updates applied. */
  public long updates() {
    return updates;
  }

  /**
   * Trains from the current epoch to {@code options.epochs()}.
   *
   * @param validation the validation split, or {@code null}; early stopping needs it
   * @param classification whether to report accuracy and a confusion matrix rather than regression figures
   * @throws TrainingDivergedException when a batch's loss is NaN or infinite
   */
  public TrainingResult train(Samples train, Samples validation, boolean classification) {
    checkShapes(train);
    if (validation != null) {
      checkShapes(validation);
    }
    if (train.rows() == 0) {
      throw new IllegalArgumentException("no training samples");
    }
    boolean earlyStopping = options.patience() > 0 && validation != null && validation.rows() > 0;
    Evaluator evaluator = validation == null ? null : new Evaluator(network, loss, Math.max(256, options.batchSize()));
    progress.epochs = options.epochs();
    progress.batchesPerEpoch = (train.rows() + options.batchSize() - 1) / options.batchSize();
    for (TrainingListener l : listeners) {
      l.onStart(this);
    }
    boolean stopped = false;
    while (epoch < options.epochs()) {
      long t0 = System.nanoTime();
      double trainLoss = runEpoch(train);
      Metrics val = evaluator == null || validation.rows() == 0 ? null : evaluator.evaluate(validation, classification);
      EpochReport report = new EpochReport(epoch, updates, lastRate, trainLoss, val, (System.nanoTime() - t0) / 1e9);
      history.add(report);
      if (earlyStopping) {
        stopped = observe(val);
      } else {
        bestEpoch = epoch;
      }
      for (TrainingListener l : listeners) {
        l.onEpochEnd(this, report);
      }
      if (stopped) {
        break;
      }
    }
    if (earlyStopping && bestParams != null) {
      network.parameters().load(bestParams);
    }
    TrainingResult result = new TrainingResult(history, bestEpoch, stopped);
    for (TrainingListener l : listeners) {
      l.onEnd(this, result);
    }
    return result;
  }

  /** Records the monitored value; returns whether patience ran out. */
  private boolean observe(Metrics val) {
    double value = options.monitor() == TrainingOptions.Monitor.VAL_LOSS ? val.loss() : -val.accuracy();
    if (Double.isNaN(bestValue) || value < bestValue - options.minDelta()) {
      bestValue = value;
      bestEpoch = epoch;
      bestParams = network.parameters().toArray();
      epochsWithoutImprovement = 0;
      return false;
    }
    epochsWithoutImprovement++;
    return epochsWithoutImprovement >= options.patience();
  }

  /**
   * One epoch: every training sample once, in batches, one update per batch.
   *
   * @return the mean L_n over the epoch's samples
   */
  public double runEpoch(Samples train) {
    int n = train.rows();
    if (order.length != n) {
      order = new int[n];
    }
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    epoch++;
    progress.epoch = epoch;
    progress.batchesDone = 0;
    if (options.shuffle()) {
      Rng.shuffle(order, RandomStream.SHUFFLE.generator(options.seed(), epoch));
    }
    int in = train.inputs();
    double[] x = train.x();
    double[] y = train.y();
    double[] target = ws.target();
    int batch = options.batchSize();
    double sum = 0;
    for (int start = 0; start < n; start += batch) {
      int rows = Math.min(batch, n - start);
      for (int r = 0; r < rows; r++) {
        int row = order[start + r];
        ws.setInputRow(r, x, row * in);
        System.arraycopy(y, row * outputs, target, r * outputs, outputs);
      }
      sum += step(rows);
      progress.batchesDone = progress.batchesDone + 1;
      progress.runningLoss = sum / (start + rows);
    }
    double mean = sum / n;
    progress.lastEpochLoss = mean;
    return mean;
  }

  /**
   * One update on the workspace's first {@code rows} rows; returns Σ L_n of the batch. η(t) is taken for
   * t = updates + 1 before the backward pass, because the fused step needs it there.
   */
  private double step(int rows) {
    network.forward(ws, rows);
    double rate = schedule.rate(updates + 1, epoch);
    double lossSum = network.backward(ws, loss, update.gradients(rate));
    if (!Double.isFinite(lossSum)) {
      throw new TrainingDivergedException(epoch, updates + 1, lossSum / rows);
    }
    updates++;
    lastRate = rate;
    update.complete(rate, updates);
    return lossSum;
  }

  private void checkShapes(Samples s) {
    if (s.inputs() != network.width(0) || s.outputs() != outputs) {
      throw new IllegalArgumentException("the network maps " + network.width(0) + " inputs to " + outputs
          + " outputs, but the samples have " + s.inputs() + " inputs and " + s.outputs() + " targets");
    }
    for (int r = 0; r < s.rows(); r++) {
      String problem = loss.targets().check(s.y(), r, outputs);
      if (problem != null) {
        throw new IllegalArgumentException("target row " + r + " does not suit the loss: " + problem);
      }
    }
  }

  /** Everything needed to continue training exactly where it stopped, at an epoch boundary. */
  public TrainerState state() {
    double[][] optimizerState = new double[updaters.length][];
    for (int b = 0; b < updaters.length; b++) {
      optimizerState[b] = updaters[b].exportState();
    }
    return new TrainerState(epoch, updates, network.parameters().toArray(), optimizerState,
        bestParams == null ? null : bestParams.clone(), bestEpoch, bestValue, epochsWithoutImprovement,
        List.copyOf(history));
  }

  /** Restores a state taken by {@link #state()} from a trainer with the same network shape and settings. */
  public void restore(TrainerState state) {
    if (state.optimizerState().length != updaters.length) {
      throw new IllegalArgumentException("checkpoint has " + state.optimizerState().length
          + " parameter blocks, this network has " + updaters.length);
    }
    network.parameters().load(state.params());
    for (int b = 0; b < updaters.length; b++) {
      updaters[b].importState(state.optimizerState()[b]);
    }
    epoch = state.epoch();
    updates = state.updates();
    bestParams = state.bestParams() == null ? null : state.bestParams().clone();
    bestEpoch = state.bestEpoch();
    bestValue = state.bestValue();
    epochsWithoutImprovement = state.epochsWithoutImprovement();
    history.clear();
    history.addAll(state.history());
  }
}
