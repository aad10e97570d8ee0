package dev.nn.core.train;

import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.core.network.LossFit;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.network.Workspace;
import dev.nn.core.plugin.PluginResults;
import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
import dev.nn.core.schedule.LearningRateSchedule;
import dev.nn.core.text.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains a network by mini-batch SGD: each epoch visits the training samples in a seeded permutation,
 * each batch runs the forward pass, the loss's seed, the backward pass and the L2 term, and the optimizer
 * then updates every parameter block with η(t) from the schedule. With batch size 1 this is the lecture's
 * SGD step for step. At each epoch's end the validation split is evaluated, early stopping decides, and
 * listeners are told.
 *
 * <p>Everything a batch needs is allocated when the trainer is built, so the steady state allocates
 * nothing. Randomness: epoch e shuffles with the stream {@link RandomStream#SHUFFLE} of (seed, e), which
 * depends on nothing else, so a run resumed at an epoch boundary, or within an epoch from a state taken there
 * ({@link #checkpointWithinEpochs}), draws exactly what an uninterrupted one would. A thread interrupted while it
 * trains stops after the batch it is on; the trainer then trains no further, and a new one that {@link #restore}s
 * its {@link #state()} goes on from there.
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
  /** Made for the first samples trained on: a batch size above their rows needs no more room than the rows. */
  private Workspace ws;
  private final TrainingProgress progress = new TrainingProgress();
  /** The current epoch's loss sum and rows of updates computed elsewhere, for the progress display. */
  private double elsewhereLoss;
  private long elsewhereRows;
  private final int outputs;

  private int[] order = new int[0];
  private OptimizerUpdate storedUpdate;
  private int epoch;
  private long updates;
  private double lastRate = Double.NaN;
  private double[] bestParams;
  private int bestEpoch;
  private double bestValue = Double.NaN;
  private int epochsWithoutImprovement;
  /** Whether this trainer's {@link #train} has run to its end: it trains once. */
  private boolean finished;
  /**
   * What ended this trainer's {@link #train} before its end ("training was interrupted in epoch 30, after batch
   * 114", a divergence), or {@code null}: such a trainer trains no further, since its epoch in progress is neither
   * finished nor undone, and a call that went on would skip the rest of it and report a finished training.
   */
  private String endedBy;
  /** Whether that was a stop ({@link #stop}), whose state {@link #state()} gives, rather than a failure. */
  private boolean endedByStop;
  /** Whether a stop came within an epoch: {@link #state()} is then the state there, {@link #stoppedWithin}. */
  private boolean stoppedInEpoch;
  /** How far the epoch a stop came in had got, or {@code null} when it came after the epoch's last batch. */
  private TrainerState.Within stoppedWithin;
  /** Whether early stopping ended training; a trainer restored from such a state trains no further. */
  private boolean stoppedEarly;
  /**
   * The untrained network's mean loss, the reference of the first epoch's divergence check: taken by {@link
   * #train(Epochs, Validation, boolean)} before the first update, or else the first update's loss; NaN before.
   */
  private double firstBatchLoss = Double.NaN;
  /** Told after each batch whether a checkpoint within the epoch is due, or {@code null}: none is taken. */
  private WithinEpochCheckpoints withinEpoch;
  /** Where the next epoch resumes, when the state restored was taken within an epoch; {@code null} otherwise. */
  private TrainerState.Within resumeWithin;
  /** Whether {@link #train} runs epochs of samples this trainer holds, for a stop waiting on it. */
  private volatile boolean trainingLocally;
  /** Set by {@link #stopAfterBatch}: the training ends after the batch in progress. */
  private volatile boolean stopAsked;
  /** When the current epoch began, as {@link System#nanoTime()}, less the time it took before a resume. */
  private long epochStartNanos;
  /** {@link #rowWeights()}: set as training starts on rows that carry weights. */
  private String rowWeights;
  private final List<EpochReport> history = new ArrayList<>();
  /** Reductions of the rate by the validation figures, or {@code null}. */
  private ReduceOnPlateau plateau;
  /** What the schedule's rate is multiplied by: 1, or the plateau reductions' product so far. */
  private double rateMultiplier = 1;
  private static final System.Logger LOG = System.getLogger(Trainer.class.getName());

  /**
   * Whether {@code network} has a hidden layer and every weight is zero: a network never initialised (from code)
   * or initialised with zeros, whose hidden units can never come apart. Zero weights without a hidden layer are a
   * fine start (a logistic regression).
   */
  static boolean startsSymmetric(Network network) {
    if (network.outputLayer() < 2) {
      return false;
    }
    ParameterStore p = network.parameters();
    // read in place: a copy of every edge was a second network's worth of heap, which the memory check before a run
    // does not count, and ran a network that fitted out of memory here
    dev.nn.core.kernel.Matrix edges = p.edgeValues();
    for (int l = 1; l <= network.outputLayer(); l++) {
      for (int e = p.weightOffset(l); e < p.biasOffset(l); e++) {
        if (edges.get(e) != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A trainer for {@code network}; the optimizer gets one updater per parameter block.
   *
   * @throws IllegalArgumentException when the loss computes its own output link (it writes ∂L/∂z) and the
   *     output layer's activation is not identity: the gradients would be silently wrong. An experiment never
   *     gets here with that pair, its reader reports it as {@code nn/IncompatibleLoss}; this guards networks
   *     built in Java code, where there is no file to point at, so it is a programming error, not a problem id.
   *     Also when the loss takes one-hot targets and the network has one output, over which a softmax is always 1.
   */
  public Trainer(Network network, Loss loss, Optimizer optimizer, LearningRateSchedule schedule,
      TrainingOptions options, List<TrainingListener> listeners) {
    Objects.requireNonNull(network, "network: the network to train is needed, found null");
    Objects.requireNonNull(loss, "loss: a loss is needed, found null");
    Objects.requireNonNull(optimizer, "optimizer: an optimizer is needed, found null");
    Objects.requireNonNull(schedule, "schedule: a learning-rate schedule, (update, epoch) -> rate, is needed, found null");
    Objects.requireNonNull(options, "options: training options (TrainingOptions.of) are needed, found null");
    Objects.requireNonNull(listeners, "listeners: a list of listeners (List.of() for none) is needed, found null");
    LossFit.requireOutputLink(network, loss, "this loss");
    // its loss would be 0 whatever the weights: a training of nothing that looked finished
    LossFit.requireOutputPerClass(network, loss, "this loss");
    this.network = network;
    this.loss = loss;
    this.schedule = schedule;
    this.options = options;
    this.listeners = List.copyOf(listeners);
    List<ParameterStore.Block> blocks = network.parameters().blocks();
    updaters = new Optimizer.Updater[blocks.size()];
    for (int b = 0; b < blocks.size(); b++) {
      int size = blocks.get(b).length();
      updaters[b] = PluginResults.nonNull(optimizer.newUpdater(size), optimizer, "newUpdater(" + size + ")");
    }
    update = ParameterUpdate.choose(network, optimizer, updaters, options.l2(), options.clipNorm(),
        options.batchSize());
    outputs = network.width(network.outputLayer());
  }

  /**
   * Checks the parameters after every optimizer step, for an optimizer whose code is not nn's: a step that writes
   * NaN or an infinity from finite parameters and gradients stops training with a {@link TrainingDivergedException}
   * whose {@link TrainingDivergedException#source() source} is the optimizer, where it showed an update later as a
   * diverged loss. Costs a pass over the parameters per update; nn's own optimizers are not watched.
   */
  public void watchOptimizerSteps() {
    if (update instanceof OptimizerUpdate stored) {
      stored.watchSteps();
    }
  }

  /**
   * Where checkpoints within an epoch go, for epochs long enough to lose much to a kill: after each batch of local
   * samples but an epoch's last, the trainer asks {@code checkpoints} whether one is due and if so hands it the
   * state, which a restored trainer continues from as if it had not stopped. Epochs computed elsewhere ({@link
   * Epochs}) take none.
   */
  public void checkpointWithinEpochs(WithinEpochCheckpoints checkpoints) {
    this.withinEpoch = checkpoints;
  }

  /** Where a trainer's checkpoints within an epoch go: see {@link #checkpointWithinEpochs}. */
  public interface WithinEpochCheckpoints {
    /** Whether one is due now; asked after each batch, so it must be cheap and must not allocate. */
    boolean due();

    /** Saves a state taken within an epoch ({@link TrainerState#within()} is set). */
    void save(TrainerState state);
  }

  /**
   * Multiplies the schedule's rate by what {@code rule} makes of the validation figures after each epoch
   * ({@code optimizer.schedule: plateau}); recomputed from the epochs already reported.
   */
  public void reduceOnPlateau(ReduceOnPlateau rule) {
    this.plateau = rule;
    this.rateMultiplier = rule == null ? 1 : rule.multiplier(history);
  }

  /** η of the next update: the schedule's rate for it, times {@link #rateMultiplier()}. */
  public double nextRate() {
    return schedule.rate(updates + 1, epoch + 1) * rateMultiplier;
  }

  /** What the schedule's rate is multiplied by for the coming updates: 1 without plateau reductions. */
  public double rateMultiplier() {
    return rateMultiplier;
  }

  /**
   * Sets {@link #rateMultiplier()} for updates computed away from the reports it comes from: the parts of a
   * distributed run, which take it from the driver's trainer.
   */
  public void useRateMultiplier(double multiplier) {
    if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("a rate multiplier must be a finite number > 0, found " + multiplier);
    }
    this.rateMultiplier = multiplier;
  }

  /** The network being trained. */
  public Network network() {
    return network;
  }

  /** The loss being minimised. */
  public Loss loss() {
    return loss;
  }

  /**
   * What the rows' own weights are, for people — "mean 0.5 over 150 rows, 75 of them 0" — once {@link
   * #train(Samples, Samples, boolean)} has been given training rows that carry weights; empty otherwise.
   */
  public java.util.Optional<String> rowWeights() {
    return java.util.Optional.ofNullable(rowWeights);
  }

  /**
   * For {@link #train(Epochs, Validation, boolean)} on rows held elsewhere (a cluster's parts, of which the driver
   * keeps a copy): those rows, so that {@link #rowWeights()} describes their weights as a run in one process does.
   */
  public void describeRowWeightsOf(Samples train) {
    Required.of(train, "train", "the training samples the epochs train on");
    rowWeights = describeWeights(train);
  }

  /** "mean 0.5 over 150 rows, 75 of them 0" for weighted rows, else {@code null}. */
  private static String describeWeights(Samples train) {
    if (!train.weighted()) {
      return null;
    }
    double sum = 0;
    int zero = 0;
    for (int r = 0; r < train.rows(); r++) {
      sum += train.weight(r);
      zero += train.weight(r) == 0 ? 1 : 0;
    }
    return "mean " + dev.nn.core.text.Significant.of(sum / train.rows(), 4) + " over " + train.rows() + " rows"
        + (zero == 0 ? "" : ", " + zero + " of them 0");
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

  /**
   * Whether another epoch follows the one that just ended: false once early stopping has stopped training or the
   * last planned epoch has run (for a listener told of an epoch's end, whose notice of the next epoch would be
   * about an epoch that never trains).
   */
  public boolean trainsOn() {
    return !stoppedEarly && epoch < options.epochs();
  }

  /**
   * The batches of the next epoch trained before the state restored was taken partway through it, after which the
   * epoch goes on; 0 when it starts at its beginning.
   */
  public int resumesAfterBatches() {
    return resumeWithin == null ? 0 : resumeWithin.batches();
  }

  /**
   * Whether {@link #train} is running epochs of samples this trainer holds, for another thread: one that asked it to
   * {@link #stopAfterBatch} waits while this holds.
   */
  public boolean trainingLocally() {
    return trainingLocally;
  }

  /**
   * Asks the trainer, from another thread (a stop of the JVM), to end its training after the batch in progress, or
   * before the next epoch when it is between epochs: then it hands the state there to its {@linkplain
   * #checkpointWithinEpochs checkpoints within epochs}, if any and if the epoch has batches left, and ends with a
   * {@link java.util.concurrent.CancellationException}. So no batch runs while the JVM exits, and the epoch's work
   * is kept. Epochs computed elsewhere stop between epochs only.
   */
  public void stopAfterBatch() {
    stopAsked = true;
  }

  /** Optimizer updates applied. */
  public long updates() {
    return updates;
  }

  /**
   * The epoch whose weights the network would keep if training ended now: the last one, or with early
   * stopping the best by the monitored value so far; 0 before the first epoch.
   */
  public int bestEpoch() {
    return bestEpoch;
  }

  /**
   * Trains from the current epoch to {@code options.epochs()}. A trainer trains once: another call after this one
   * returned is refused, and so is one after a stop ({@code Thread.interrupt}, {@link #stopAfterBatch}) or a failure
   * ended it. A stopped training goes on in a new trainer that {@link #restore}s this one's {@link #state()}.
   *
   * @param validation the validation split, or {@code null}; early stopping needs it
   * @param classification whether the samples are a classification's, whose validation figures are accuracy and a
   *     confusion matrix; {@code false} for a regression, whose figures are RMSE, MAE and R². A loss of one-hot rows
   *     is a classification's; with a loss of real targets (squared, for example), a classification's targets are
   *     each in [0, 1] (0 or 1, or one-hot rows), and others are refused.
   * @throws TrainingDivergedException when a batch's loss is NaN or infinite
   * @throws IllegalStateException when this trainer has trained already, or was stopped
   * @throws IllegalArgumentException when the samples do not suit the network, the loss or {@code classification},
   *     or early stopping or its monitor asks for figures that will not be there
   */
  public TrainingResult train(Samples train, Samples validation, boolean classification) {
    return train(train, validation, classification, null);
  }

  /**
   * {@link #train(Samples, Samples, boolean)} on standardised regression targets: the validation figures RMSE,
   * MAE and R² are those of the targets' own units ({@link Evaluator#Evaluator(Network, Loss, int, TargetUnits)});
   * the validation loss is the one trained on.
   *
   * @param targetUnits maps standardized values back to the targets' units, or {@code null} when the targets
   *     were not standardized
   */
  public TrainingResult train(Samples train, Samples validation, boolean classification, TargetUnits targetUnits) {
    check(train, validation);
    checkFigures(train, validation, classification);
    Evaluator evaluator = validation == null || validation.rows() == 0 ? null
        : new Evaluator(network, loss, Math.min(Math.max(256, options.batchSize()), validation.rows()), targetUnits);
    rowWeights = describeWeights(train);
    return train(new LocalEpochs(train), evaluator == null ? null : c -> evaluator.evaluate(validation, c),
        classification);
  }

  /**
   * Refuses what would give figures without meaning, or none where early stopping needs them: a classification whose
   * targets are no classes (a regression's targets with {@code true} reported accuracy 1.0), early stopping without
   * validation samples, and a monitor of accuracy on a regression (both trained every epoch without a word).
   */
  private void checkFigures(Samples train, Samples validation, boolean classification) {
    if (options.patience() > 0 && validation == null) {
      throw new IllegalArgumentException("early stopping (patience " + options.patience() + ") watches the validation"
          + " figures, but no validation samples were given: pass them, or patience 0");
    }
    if (validation != null && options.monitor() == TrainingOptions.Monitor.VAL_ACCURACY && !classification) {
      throw new IllegalArgumentException("the monitor VAL_ACCURACY watches a classification's accuracy, but"
          + " classification is false (a regression's figures are RMSE, MAE and R²): monitor VAL_LOSS, or pass true"
          + " for a classification");
    }
    if (!classification && loss.targets() == dev.nn.api.TargetKind.ONE_HOT) {
      throw new IllegalArgumentException("the loss takes one-hot rows, a classification's targets, but classification"
          + " is false (a regression's figures, RMSE, MAE and R² of each column): pass true for accuracy and a"
          + " confusion matrix");
    }
    if (classification && loss.targets() == dev.nn.api.TargetKind.REAL) {
      requireClasses("training", train);
      if (validation != null) {
        requireClasses("validation", validation);
      }
    }
  }

  /**
   * Refuses samples whose targets cannot be a classification's for a loss of real targets: accuracy compares each
   * output with 0.5 (one output) or takes the largest (several), which needs targets in [0, 1].
   */
  private static void requireClasses(String which, Samples samples) {
    double[] y = samples.y();
    int cols = samples.outputs();
    for (int i = 0; i < samples.rows() * cols; i++) {
      if (!(y[i] >= 0 && y[i] <= 1)) {
        throw new IllegalArgumentException("classification is true, but the " + which + " samples' target " + (i % cols)
            + " of row " + (i / cols) + " is " + y[i] + ", which is no class: a classification's targets are 0 or 1"
            + " (one output) or one-hot rows (several); pass false for a regression, whose figures are RMSE, MAE and"
            + " R²");
      }
    }
  }

  /** The epochs of samples this trainer holds: the only ones a checkpoint within an epoch is taken of. */
  private final class LocalEpochs implements Epochs {
    private final Samples train;

    LocalEpochs(Samples train) {
      this.train = train;
    }

    @Override
    public int rows() {
      return train.rows();
    }

    @Override
    public double run(Trainer trainer) {
      return localEpoch(train);
    }

    @Override
    public double meanLoss(Trainer trainer, int[] rows) {
      return untrainedLoss(train, rows);
    }
  }

  /**
   * Checks that the samples suit the network and the loss, as {@link #train(Samples, Samples, boolean)} does
   * first: a run calls it before it creates its run directory, so samples that cannot be trained on leave none.
   *
   * @param validation the validation split, or {@code null}
   * @throws IllegalArgumentException when the widths differ, a target does not suit the loss, or there is no
   *     training sample
   */
  public void check(Samples train, Samples validation) {
    Required.of(train, "train", "the training samples");
    checkShapes(train);
    if (validation != null) {
      checkShapes(validation);
    }
    if (train.rows() == 0) {
      throw new IllegalArgumentException("no training samples");
    }
    if (train.weighted() && java.util.stream.IntStream.range(0, train.rows()).allMatch(r -> train.weight(r) == 0)) {
      throw new IllegalArgumentException("every one of the " + train.rows() + " training samples weighs 0, so none"
          + " counts in training; at least one weight must be > 0");
    }
  }

  /**
   * Where a run's epochs are computed when its training samples are not held by this trainer: on a cluster,
   * for example. One epoch either computes each batch's gradient elsewhere and hands it to {@link
   * #applyGradient}, or trains copies of the network elsewhere and hands the result to {@link #adopt}. The
   * trainer keeps the rest as for local samples: the schedule, the optimizer, the epoch reports, early
   * stopping, the listeners and the state a checkpoint saves.
   */
  public interface Epochs {
    /** The number of training samples. */
    int rows();

    /**
     * The updates one epoch takes at {@code batchSize}, which a progress display counts to: one per batch of all the
     * rows, unless the epochs update otherwise (parts that train copies each take a batch of their own rows at a
     * time).
     */
    default int updatesPerEpoch(int batchSize) {
      return (rows() + batchSize - 1) / batchSize;
    }

    /**
     * Runs the trainer's next epoch, {@link #epoch()} (already counted, from 1).
     *
     * @return the mean L_n over the epoch's samples
     */
    double run(Trainer trainer);

    /**
     * The mean L_n of the trainer's network as it is, without a step and without dropout, over the training
     * samples {@code rows} (indices as {@link Trainer#order} numbers them): asked once, before the first update,
     * for the untrained network's loss, which the first epoch's divergence check compares with. Every way of
     * training must answer it — a run whose epochs left it NaN would let a first epoch that exploded pass
     * ({@code averaging} did) — so NaN only from epochs that cannot; the trainer then takes the first update's
     * loss instead.
     */
    default double meanLoss(Trainer trainer, int[] rows) {
      return Double.NaN;
    }
  }

  /** The validation figures of the network's current parameters. */
  @FunctionalInterface
  public interface Validation {
    /** The figures of the network as it is: a classification's (accuracy, confusion) or a regression's. */
    Metrics evaluate(boolean classification);
  }

  /**
   * Trains from the current epoch to {@code options.epochs()} with epochs computed by {@code epochs}.
   *
   * @param validation the validation figures, or {@code null} when there is no validation split; early
   *     stopping needs them
   * @throws TrainingDivergedException when a batch's loss is NaN or infinite
   */
  public TrainingResult train(Epochs epochs, Validation validation, boolean classification) {
    Required.of(epochs, "epochs", "the epochs to train");
    // a second thread would step the same parameters and workspaces: refused, not a ConcurrentModificationException
    network.claimTraining();
    try {
      return trainClaimed(epochs, validation, classification);
    } finally {
      network.releaseTraining();
    }
  }

  private TrainingResult trainClaimed(Epochs epochs, Validation validation, boolean classification) {
    if (finished) {
      // its epochs are done, and its state (optimizer moments, best weights, patience) belongs to that training
      throw new IllegalStateException("this Trainer has trained its " + options.epochs() + " epochs (epoch " + epoch
          + " was its last); a Trainer trains once: make a new one to train again (with the network it trained,"
          + " to continue from its weights)");
    }
    if (endedBy != null) {
      throw new IllegalStateException("this Trainer's training ended: " + endedBy + "; a Trainer trains once"
          + (stoppedInEpoch ? ", and training on would skip the rest of epoch " + epoch : "") + ": " + goOn());
    }
    if (epoch == 0 && startsSymmetric(network)) {
      LOG.log(System.Logger.Level.WARNING, "every weight of the network is zero, so the units of each hidden layer"
          + " start alike and stay alike (each gets the same gradient): initialise it (Network.initialize, or a"
          + " random init: in the experiment) before training");
    }
    if (resumeWithin != null && !(epochs instanceof LocalEpochs)) {
      throw new IllegalStateException("a state taken within an epoch resumes only epochs of samples this trainer"
          + " holds, not epochs computed elsewhere");
    }
    if (updates == 0 && Double.isNaN(firstBatchLoss) && epochs.rows() > 0) {
      // the first epoch's divergence check compares with the untrained network's loss on the first epoch's rows,
      // wherever they are: so every mode of training (one process, synchronous, averaging) has the same reference
      firstBatchLoss = epochs.meanLoss(this, untrainedRows(epochs.rows()));
    }
    progress.epochs = options.epochs();
    progress.batchesPerEpoch = epochs.updatesPerEpoch(options.batchSize());
    progress.samplesPerEpoch = epochs.rows();
    for (TrainingListener l : listeners) {
      l.onStart(this);
    }
    trainingLocally = epochs instanceof LocalEpochs;
    try {
      return trainEpochs(epochs, validation, classification);
    } catch (RuntimeException | Error e) {
      endedBy = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      endedByStop = e instanceof java.util.concurrent.CancellationException;
      throw e;
    } finally {
      trainingLocally = false;
    }
  }

  /** The epochs of {@link #train(Epochs, Validation, boolean)}, listeners told of the start already. */
  private TrainingResult trainEpochs(Epochs epochs, Validation validation, boolean classification) {
    boolean earlyStopping = options.patience() > 0 && validation != null;
    // a trainer restored from a state taken after early stopping has nothing left to train
    while (!stoppedEarly && epoch < options.epochs()) {
      if (stopAsked) {
        stop(null, "before epoch " + (epoch + 1));
      }
      // an epoch resumed within itself counts the time it took before the resume
      epochStartNanos = System.nanoTime() - (resumeWithin == null ? 0 : (long) (resumeWithin.seconds() * 1e9));
      epoch++;
      progress.epoch = epoch;
      progress.batchesDone = 0;
      elsewhereLoss = 0;
      elsewhereRows = 0;
      double trainLoss = epochs.run(this);
      progress.lastEpochLoss = trainLoss;
      progress.validating = validation != null;
      Metrics val;
      try {
        val = validation == null ? null : validation.evaluate(classification);
      } finally {
        progress.validating = false;
      }
      EpochReport report = new EpochReport(epoch, updates, lastRate, trainLoss, val,
          (System.nanoTime() - epochStartNanos) / 1e9);
      // before the epoch is recorded anywhere: a diverged epoch gets no metrics row and no checkpoint
      Divergence.check(history, report, firstBatchLoss);
      history.add(report);
      if (plateau != null) {
        rateMultiplier = plateau.multiplier(history);
      }
      if (earlyStopping) {
        // patience running out at the last planned epoch stops nothing early: the run is simply finished
        stoppedEarly = observe(val) && epoch < options.epochs();
      } else {
        bestEpoch = epoch;
      }
      for (TrainingListener l : listeners) {
        l.onEpochEnd(this, report);
      }
    }
    if (stopAsked) {
      // asked during the last epoch's end: the run stops there, as it would have without the wait, rather than racing
      // the stop to complete
      stop(null, "after epoch " + epoch);
    }
    if (earlyStopping && bestParams != null) {
      network.parameters().load(bestParams);
    }
    TrainingResult result = new TrainingResult(history, bestEpoch, stoppedEarly);
    finished = true;
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
   * One more epoch on local samples, outside {@link #train}: every training sample once, in batches of the
   * shuffled order, one update per batch.
   *
   * @return the mean L_n over the epoch's samples
   */
  public double runEpoch(Samples train) {
    epochStartNanos = System.nanoTime();
    epoch++;
    progress.epoch = epoch;
    progress.batchesDone = 0;
    double mean = localEpoch(train);
    progress.lastEpochLoss = mean;
    return mean;
  }

  /** The current epoch's updates on local samples. */
  private double localEpoch(Samples train) {
    int n = train.rows();
    roomFor(n);
    int[] order = order(n);
    int batch = options.batchSize();
    double sum = 0;
    int first = 0;
    if (resumeWithin != null) {
      if (resumeWithin.rows() != n) {
        throw new IllegalStateException("the state was taken within an epoch over " + resumeWithin.rows()
            + " training rows, these samples have " + n);
      }
      // the batches before it were trained before the state was taken: go on with the next, adding to their sum
      first = resumeWithin.batches() * batch;
      sum = resumeWithin.lossSum();
      progress.batchesDone = resumeWithin.batches();
      progress.runningLoss = sum / first;
      resumeWithin = null;
    }
    for (int start = first; start < n; start += batch) {
      int rows = Math.min(batch, n - start);
      train.loadRows(order, start, rows, ws);
      sum += step(rows, updates + 1);
      progress.batchesDone = progress.batchesDone + 1;
      progress.runningLoss = sum / (start + rows);
      boolean more = start + rows < n;
      boolean stopping = stopAsked || Thread.currentThread().isInterrupted();
      if (stopping || withinEpoch != null && more && withinEpoch.due()) {
        TrainerState.Within here = !more ? null : new TrainerState.Within(start / batch + 1, batch, n, sum,
            (System.nanoTime() - epochStartNanos) / 1e9, firstBatchLoss);
        if (stopping) {
          stoppedInEpoch = true;
          stoppedWithin = here;
          stop(here, "in epoch " + epoch + ", after " + (here == null ? "its last batch" : "batch " + here.batches()));
        }
        withinEpoch.save(state(here));
      }
    }
    return sum / n;
  }

  /**
   * The order in which the current epoch visits {@code n} training samples: a permutation drawn from the
   * stream {@link RandomStream#SHUFFLE} of (seed, epoch), or 0 … n−1 without shuffling. The array is reused
   * by the next call.
   */
  public int[] order(int n) {
    return orderOf(n, options.seed(), epoch);
  }

  /**
   * One update with a batch gradient computed elsewhere from the current parameters: the gradient of J
   * without L2, (1/B)·Σ_n ∂L_n/∂θ in {@link ParameterStore#values()} layout, over a batch of {@code rows}
   * samples whose losses sum to {@code lossSum}. Then as a local step: the divergence check, the L2 term,
   * the optimizer with η(t), shared parameters published.
   *
   * @throws TrainingDivergedException when {@code lossSum} is NaN or infinite
   */
  public void applyGradient(double[] meanGradient, double lossSum, int rows) {
    double rate = rate(updates + 1, epoch);
    if (!Double.isFinite(lossSum)) {
      throw new TrainingDivergedException(epoch, updates + 1, lossSum / rows, computesInFloat32());
    }
    noteFirstBatch(lossSum, rows);
    network.parameters().grads().set(0, meanGradient, 0, meanGradient.length);
    updates++;
    lastRate = rate;
    storedUpdate().complete(rate, updates);
    progress.batchesDone = progress.batchesDone + 1;
    noteLossElsewhere(lossSum, rows);
  }

  /**
   * The running loss a progress display shows, for updates computed elsewhere (a cluster's): their loss sums
   * and rows, added over the epoch, as the local loop adds its batches'.
   */
  private void noteLossElsewhere(double lossSum, long rows) {
    elsewhereLoss += lossSum;
    elsewhereRows += rows;
    progress.runningLoss = elsewhereRows == 0 ? Double.NaN : elsewhereLoss / elsewhereRows;
  }

  /**
   * Takes parameters and optimizer state trained elsewhere (copies of this network, averaged, for example):
   * after it, {@link #updates()} is {@code updates}, and the last update's learning rate was {@code lastRate}.
   */
  public void adopt(double[] params, double[][] optimizerState, long updates, double lastRate) {
    adopt(params, optimizerState, updates, lastRate, Double.NaN, 0);
  }

  /**
   * {@link #adopt(double[], double[][], long, double)}, the updates elsewhere having summed the losses
   * {@code lossSum} over {@code rows} samples: the progress display's running loss takes them in.
   */
  public void adopt(double[] params, double[][] optimizerState, long updates, double lastRate, double lossSum,
      long rows) {
    if (rows > 0) {
      noteLossElsewhere(lossSum, rows);
      // epochs that could not give the untrained loss: the first round's is the reference, weak but not none
      noteFirstBatch(lossSum, (int) Math.min(rows, Integer.MAX_VALUE));
    }
    network.parameters().load(params);
    for (int b = 0; b < updaters.length; b++) {
      updaters[b].importState(optimizerState[b]);
    }
    progress.batchesDone = progress.batchesDone + Math.max(0, updates - this.updates);
    this.updates = updates;
    this.lastRate = lastRate;
  }

  /** The learning rate of the last update, NaN before the first. */
  public double lastRate() {
    return lastRate;
  }

  /** Each parameter block's optimizer state, as {@link #adopt} takes it. */
  public double[][] optimizerState() {
    double[][] state = new double[updaters.length][];
    for (int b = 0; b < updaters.length; b++) {
      state[b] = PluginResults.nonNull(updaters[b].exportState(), updaters[b], "exportState()");
    }
    return state;
  }

  /**
   * Runs {@code count} updates on local samples as one stream of epochs, starting at update number
   * {@code first} (from 0) of that stream: update u takes batch u mod b of epoch ⌊u / b⌋ + 1 (b batches per
   * epoch) in the order drawn from {@link RandomStream#SHUFFLE} of ({@code orderSeed}, that epoch). The
   * position comes from {@code first} alone, so a repeated call (a retried task) computes the same updates.
   * The schedule sees update numbers from {@link #updates()}, which the caller sets with {@link #adopt}, and
   * the stream's epoch, which becomes this trainer's {@link #epoch()}. Dropout masks come from
   * ({@code orderSeed}, update number), so streams of different seeds drop different units.
   *
   * @return Σ L_n over the updates' samples
   */
  public double runUpdates(Samples train, long first, int count, long orderSeed) {
    int n = train.rows();
    roomFor(n);
    int batch = options.batchSize();
    int perEpoch = (n + batch - 1) / batch;
    double sum = 0;
    int orderEpoch = -1;
    for (long u = first; u < first + count; u++) {
      int e = (int) (u / perEpoch) + 1;
      if (e != orderEpoch) {
        orderOf(n, orderSeed, e);
        orderEpoch = e;
        epoch = e;
      }
      int start = (int) (u % perEpoch) * batch;
      int rows = Math.min(batch, n - start);
      train.loadRows(order, start, rows, ws);
      sum += step(rows, RandomStream.DROPOUT.streamSeed(orderSeed, updates + 1));
    }
    return sum;
  }

  /** The order of epoch e of a stream seeded with {@code seed}: 0 … n−1, shuffled unless turned off. */
  private int[] orderOf(int n, long seed, int e) {
    if (order.length != n) {
      order = new int[n];
    }
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (options.shuffle()) {
      Rng.shuffle(order, RandomStream.SHUFFLE.generator(seed, e));
    }
    return order;
  }

  private OptimizerUpdate storedUpdate() {
    if (storedUpdate == null) {
      storedUpdate = new OptimizerUpdate(network, updaters, options.l2(), options.clipNorm());
    }
    return storedUpdate;
  }

  /**
   * One update on the workspace's first {@code rows} rows; returns Σ L_n of the batch. η(t) is taken for
   * t = updates + 1 before the backward pass, because the fused step needs it there. {@code dropoutKey} picks
   * the dropout masks: the update number t in one process; for the parts of a distributed run, which share update
   * numbers, t mixed with the part's own seed, so that parts do not drop the same units.
   */
  private double step(int rows, long dropoutKey) {
    // each update draws its own dropout masks, from its key alone: a resumed run draws the same
    ws.dropoutUpdate(dropoutKey);
    network.forward(ws, rows);
    double rate = rate(updates + 1, epoch);
    double lossSum = network.backward(ws, loss, update.gradients(rate));
    if (!Double.isFinite(lossSum)) {
      // only now, off the hot path: a plugin that returned NaN from finite values is its fault, not divergence
      throw new TrainingDivergedException(epoch, updates + 1, lossSum / rows, computesInFloat32())
          .withSource(NonFiniteSource.find(network, ws, rows, lossSum, loss).orElse(null));
    }
    noteFirstBatch(lossSum, rows);
    updates++;
    lastRate = rate;
    update.complete(rate, updates);
    if (update instanceof OptimizerUpdate stored) {
      String wrote = stored.nonFiniteStep(updates);
      if (wrote != null) {
        throw new TrainingDivergedException(epoch, updates, Double.NaN, computesInFloat32())
            .withSource(new NonFiniteSource("optimizer", NonFiniteSource.OPTIMIZER, wrote));
      }
    }
    return lossSum;
  }

  /**
   * η of update {@code update} of epoch {@code epoch}: the schedule's rate times {@link #rateMultiplier()}. A schedule
   * given in code may return anything: a negative rate climbs the loss (gradient ascent) without a sign, and a NaN
   * showed as a divergence blamed on the step size, so both, and an infinite rate, are refused naming the update. 0
   * is kept: nn's own cosine schedule reaches it at the end of its period with its default min-rate.
   *
   * @throws IllegalStateException naming the update, its epoch and the rate
   */
  private double rate(long update, int epoch) {
    double scheduled = schedule.rate(update, epoch);
    if (!(scheduled >= 0) || scheduled == Double.POSITIVE_INFINITY) {
      throw new IllegalStateException("the learning-rate schedule returned " + scheduled + " for update " + update
          + " (epoch " + epoch + "); a learning rate must be a finite number >= 0");
    }
    return scheduled * rateMultiplier;
  }

  /**
   * Ends training, asked by {@link #stopAfterBatch} or by the thread's interruption ({@code Thread.interrupt},
   * {@code Future.cancel(true)}), {@code where} it is: with checkpoints within epochs, first hands them the state
   * there ({@code within}; null between epochs or after an epoch's last batch, whose own checkpoint comes at its end),
   * with an interrupted flag cleared for the write and set again after, so a stopped training loses nothing of its
   * epoch.
   *
   * @throws java.util.concurrent.CancellationException always, an interrupted flag left set
   */
  private void stop(TrainerState.Within within, String where) {
    if (withinEpoch != null && within != null) {
      boolean interrupted = Thread.interrupted();
      try {
        withinEpoch.save(state(within));
      } catch (RuntimeException failure) {
        // the stop still ends training: what the epoch trained since the last checkpoint is lost, and said
        for (TrainingListener l : listeners) {
          l.onStopCheckpointFailed(failure);
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
    throw new java.util.concurrent.CancellationException("training was " + (stopAsked ? "stopped " : "interrupted ")
        + where);
  }

  /**
   * Makes the workspace, once, for batches from {@code rows} samples: the batch size's rows, or all of them when
   * there are fewer (a batch of 16,384 over 7,000 rows took room for 16,384); again, larger, only when later samples
   * need more.
   */
  private void roomFor(int rows) {
    int needed = Math.max(1, Math.min(options.batchSize(), rows));
    if (ws == null || ws.capacity() < needed) {
      ws = network.newWorkspace(needed);
    }
  }

  /** How many rows the untrained network's loss is taken over, the reference of the first epoch's divergence check. */
  static final int UNTRAINED_ROWS = 64;

  /**
   * The first {@value #UNTRAINED_ROWS} indices of the first epoch's order over {@code n} training samples (all of
   * them, if fewer): the rows the untrained network's loss is taken over.
   */
  private int[] untrainedRows(int n) {
    return java.util.Arrays.copyOf(orderOf(n, options.seed(), 1), Math.min(UNTRAINED_ROWS, n));
  }

  /**
   * The untrained network's mean loss over {@code order}, the first {@value #UNTRAINED_ROWS} rows of the first
   * epoch's order (all of them, if fewer), without a step: the first epoch's divergence check compares its mean with
   * it. Taken when {@link #train(Epochs, Validation, boolean)} starts, so epochs run one by one ({@link #runEpoch}, a
   * benchmark's) issue nothing but their updates. A first batch of one row would be a poor reference — a row fitted
   * well by chance has a loss of 1e-3 — and a batch's rows are stepped on as they are counted.
   */
  private double untrainedLoss(Samples train, int[] order) {
    roomFor(train.rows());
    int rows = order.length;
    double sum = 0;
    for (int start = 0; start < rows; start += ws.capacity()) {
      int k = Math.min(ws.capacity(), rows - start);
      train.loadRows(order, start, k, ws);
      network.infer(ws, k);
      sum += network.lossValue(ws, loss);
    }
    return rows == 0 ? Double.NaN : sum / rows;
  }

  private void noteFirstBatch(double lossSum, int rows) {
    if (Double.isNaN(firstBatchLoss)) {
      firstBatchLoss = lossSum / rows;
    }
  }

  private void checkShapes(Samples s) {
    if (s.inputs() != network.width(0) || s.outputs() != outputs) {
      throw new IllegalArgumentException("the network maps " + network.width(0) + " inputs to " + outputs
          + " outputs, but the samples have " + s.inputs() + " inputs and " + s.outputs() + " targets");
    }
    LossFit.requireTargets(loss, s.y(), s.rows(), s.outputs());
  }

  /**
   * Everything needed to continue training exactly where it stopped: at an epoch boundary, or, after a stop within
   * an epoch, there.
   *
   * @throws IllegalStateException when a stop came after an epoch's last batch and before its end (its validation,
   *     its report), a point no state describes
   */
  public TrainerState state() {
    if (stoppedInEpoch && stoppedWithin == null) {
      throw new IllegalStateException("this Trainer stopped after the last batch of epoch " + epoch + ", before the"
          + " epoch's end, where no state describes it; take the state at an epoch's end instead"
          + " (TrainingListener.onEpochEnd)");
    }
    return state(stoppedWithin);
  }

  /** How a training that ended before its end goes on, for the refusal of another call. */
  private String goOn() {
    if (!endedByStop || stoppedInEpoch && stoppedWithin == null) {
      return "make a new Trainer and restore it the state taken at an epoch's end before this (its listeners'"
          + " trainer.state() in onEpochEnd), or a run's checkpoint (nn.resume)";
    }
    return "to continue where it stopped, make a new Trainer (the same network, loss, optimizer, schedule and"
        + " options), restore(state()) of this one, and train it";
  }

  /** {@link #state()}, or within the current epoch, {@code within} telling how far it got. */
  private TrainerState state(TrainerState.Within within) {
    double[][] optimizerState = new double[updaters.length][];
    for (int b = 0; b < updaters.length; b++) {
      optimizerState[b] = PluginResults.nonNull(updaters[b].exportState(), updaters[b], "exportState()");
    }
    // within an epoch, the epoch in progress is not one of those completed
    int completed = within == null ? epoch : epoch - 1;
    return new TrainerState(completed, updates, network.parameters().toArray(), optimizerState,
        bestParams == null ? null : bestParams.clone(), bestEpoch, bestValue, epochsWithoutImprovement,
        List.copyOf(history), within != null ? TrainerState.End.RUNNING : stoppedEarly ? TrainerState.End.STOPPED_EARLY
            : epoch >= options.epochs() ? TrainerState.End.FINISHED : TrainerState.End.RUNNING, within);
  }

  /**
   * Restores a state taken by {@link #state()}, or within an epoch, from a trainer with the same network shape and
   * settings; a state within an epoch needs its batch size.
   */
  public void restore(TrainerState state) {
    dev.nn.core.text.Required.of(state, "state", "the trainer state to restore (TrainerState.read, Trainer.state)");
    if (state.optimizerState().length != updaters.length) {
      throw new IllegalArgumentException("checkpoint has " + state.optimizerState().length
          + " parameter blocks, this network has " + updaters.length);
    }
    if (state.within() != null && state.epoch() >= options.epochs()) {
      throw new IllegalArgumentException("the state was taken partway through epoch " + (state.epoch() + 1)
          + ", beyond this trainer's " + options.epochs() + " epochs");
    }
    if (state.within() != null && state.within().batchSize() != options.batchSize()) {
      throw new IllegalArgumentException("the state was taken within an epoch of batches of "
          + state.within().batchSize() + ", this trainer's batch size is " + options.batchSize());
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
    stoppedEarly = state.end() == TrainerState.End.STOPPED_EARLY;
    resumeWithin = state.within();
    if (resumeWithin != null) {
      firstBatchLoss = resumeWithin.firstBatchLoss();
    }
    history.clear();
    history.addAll(state.history());
    if (plateau != null) {
      rateMultiplier = plateau.multiplier(history);
    }
  }

  /** Whether the network computes in float32, whose divergences the message explains with its range. */
  private boolean computesInFloat32() {
    return network.kernels().precision() == dev.nn.core.kernel.Precision.FLOAT32;
  }

}
