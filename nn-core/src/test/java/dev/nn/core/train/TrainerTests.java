package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Optimizer;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.testing.Plugins;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTests {

  /** y = sin(x1) + 0.5·x2 on n points. */
  static Samples regression(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x = new double[n * 2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = rnd.nextDouble(-2, 2);
      x[2 * i + 1] = rnd.nextDouble(-1, 1);
      y[i] = Math.sin(x[2 * i]) + 0.5 * x[2 * i + 1];
    }
    return new Samples(x, y, n, 2, 1);
  }

  /** 2-8-1, tanh then identity, parameters drawn in (−0.5, 0.5) from {@code seed}. */
  static Network network(long seed) {
    Network net = new Network(new int[] {2, 8, 1}, List.of(Plugins.TANH, Plugins.IDENTITY),
        List.of("tanh", "identity"), new JavaKernels());
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] theta = new double[net.parameters().size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = rnd.nextDouble(-0.5, 0.5);
    }
    net.parameters().load(theta);
    return net;
  }

  private static Trainer trainer(Network net, Optimizer opt, double rate, TrainingOptions options) {
    return new Trainer(net, Plugins.SQUARED, opt, (t, e) -> rate, options, List.of());
  }

  /**
   * What the figures are asked to be is checked against the samples and the loss: a regression's targets passed as a
   * classification reported accuracy 1.0, a one-hot loss passed as a regression reported RMSE per class, and early
   * stopping without validation samples, or watching accuracy on a regression, trained every epoch without a word.
   */
  @Test
  void figuresThatCannotMeanAnythingAreRefusedBeforeTraining() {
    Samples targetsOfARegression = new Samples(new double[] {0, 1, 1, 0}, new double[] {151, 75}, 2, 2, 1);
    IllegalArgumentException notClasses = assertThrows(IllegalArgumentException.class,
        () -> trainer(network(1), Plugins.SGD, 0.01, TrainingOptions.of(1, 1, 1)).train(targetsOfARegression, null,
            true));
    assertEquals("classification is true, but the training samples' target 0 of row 0 is 151.0, which is no class: a"
        + " classification's targets are 0 or 1 (one output) or one-hot rows (several); pass false for a regression,"
        + " whose figures are RMSE, MAE and R²", notClasses.getMessage());
    Samples zeroOne = new Samples(new double[] {0, 1, 1, 0}, new double[] {1, 0}, 2, 2, 1);
    assertEquals(1, trainer(network(1), Plugins.SGD, 0.01, TrainingOptions.of(1, 1, 1)).train(zeroOne, zeroOne, true)
        .epochs().size(), "squared loss on 0/1 targets is a classification");

    Network twoOutputs = new Network(new int[] {2, 3, 2}, List.of(Plugins.TANH, Plugins.IDENTITY),
        List.of("tanh", "identity"), new JavaKernels());
    Samples oneHot = new Samples(new double[] {0, 1, 1, 0}, new double[] {1, 0, 0, 1}, 2, 2, 2);
    Trainer softmax = new Trainer(twoOutputs, Plugins.SOFTMAX_CROSS_ENTROPY, Plugins.SGD, (t, e) -> 0.01,
        TrainingOptions.of(1, 1, 1), List.of());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> softmax.train(oneHot, null, false)).getMessage()
        .startsWith("the loss takes one-hot rows, a classification's targets, but classification is false"));

    TrainingOptions patient = new TrainingOptions(5, 1, true, 0.0, 1, 2, TrainingOptions.Monitor.VAL_LOSS, 0.0);
    assertEquals("early stopping (patience 2) watches the validation figures, but no validation samples were given:"
        + " pass them, or patience 0", assertThrows(IllegalArgumentException.class,
            () -> trainer(network(1), Plugins.SGD, 0.01, patient).train(regression(10, 1), null, false)).getMessage());
    TrainingOptions onAccuracy = new TrainingOptions(5, 1, true, 0.0, 1, 2, TrainingOptions.Monitor.VAL_ACCURACY,
        0.0);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> trainer(network(1), Plugins.SGD, 0.01, onAccuracy)
        .train(regression(10, 1), regression(5, 2), false)).getMessage().startsWith("the monitor VAL_ACCURACY watches"
            + " a classification's accuracy, but classification is false"));
    assertTrue(assertThrows(NullPointerException.class, () -> new TrainingOptions(5, 1, true, 0.0, 1, 2, null, 0.0))
        .getMessage().startsWith("monitor: what early stopping watches"));
  }

  @Test
  void theLossFallsWithTheLecturesSgd() {
    Network net = network(1);
    TrainingResult r = trainer(net, Plugins.SGD, 0.02, TrainingOptions.of(30, 1, 5))
        .train(regression(200, 2), null, false);
    double first = r.epochs().get(0).trainLoss();
    double last = r.last().trainLoss();
    assertTrue(last < 0.1 * first, "first " + first + ", last " + last);
    assertEquals(30 * 200, r.last().updates());
  }

  @Test
  void aRunInterruptedAndResumedEndsWithBitIdenticalWeights() {
    Samples data = regression(97, 3);
    TrainingOptions options = TrainingOptions.of(6, 8, 11);
    Network straight = network(4);
    trainer(straight, Plugins.MOMENTUM, 0.01, options).train(data, null, false);

    Network first = network(4);
    Trainer interrupted = trainer(first, Plugins.MOMENTUM, 0.01, options);
    for (int e = 0; e < 3; e++) {
      interrupted.runEpoch(data);
    }
    TrainerState saved = interrupted.state();
    Network second = network(99); // different weights: the checkpoint must overwrite them
    Trainer resumed = trainer(second, Plugins.MOMENTUM, 0.01, options);
    resumed.restore(saved);
    resumed.train(data, null, false);

    assertEquals(6, resumed.epoch());
    assertArrayEquals(straight.parameters().toArray(), second.parameters().toArray(), 0.0);
  }

  @Test
  void aNaNLossStopsTrainingNamingEpochAndUpdate() {
    Network net = network(1);
    Trainer t = trainer(net, Plugins.SGD, 1e6, TrainingOptions.of(5, 1, 5));
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> t.train(regression(50, 2), null, false));
    assertEquals(1, e.epoch());
    assertTrue(e.step() > 1 && e.step() <= 50, "step " + e.step());
    assertTrue(e.getMessage().startsWith("training diverged: the loss became "), e.getMessage());
  }

  @Test
  void earlyStoppingRestoresTheBestEpochsWeights() {
    Samples train = regression(60, 5);
    Samples val = regression(40, 6);
    Network net = network(2);
    // a rate this high makes validation loss bounce; patience 2 stops and restores the best epoch
    TrainingOptions options = new TrainingOptions(40, 4, true, 0.0, 7, 2, TrainingOptions.Monitor.VAL_LOSS, 0.0);
    List<double[]> snapshots = new java.util.ArrayList<>();
    TrainingListener keep = new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        snapshots.add(trainer.network().parameters().toArray());
      }
    };
    Trainer t = new Trainer(net, Plugins.SQUARED, Plugins.SGD, (u, e) -> 0.3, options, List.of(keep));
    TrainingResult r = t.train(train, val, false);
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    for (EpochReport e : r.epochs()) {
      if (e.validation().loss() < best) {
        best = e.validation().loss();
        bestEpoch = e.epoch();
      }
    }
    assertEquals(bestEpoch, r.bestEpoch());
    assertTrue(r.stoppedEarly(), "stopped at epoch " + r.last().epoch());
    assertEquals(r.bestEpoch() + 2, r.last().epoch());
    assertArrayEquals(snapshots.get(bestEpoch - 1), net.parameters().toArray(), 0.0);
  }

  /**
   * Patience that runs out at the last planned epoch has stopped nothing early: the run is finished, and the model
   * still keeps the best epoch's weights.
   */
  @Test
  void patienceRunningOutAtTheLastEpochIsNotAnEarlyStop() {
    TrainingOptions open = new TrainingOptions(40, 4, true, 0.0, 7, 2, TrainingOptions.Monitor.VAL_LOSS, 0.0);
    TrainingResult early = new Trainer(network(2), Plugins.SQUARED, Plugins.SGD, (u, e) -> 0.3, open, List.of())
        .train(regression(60, 5), regression(40, 6), false);
    assertTrue(early.stoppedEarly());
    int lastEpoch = early.last().epoch();

    TrainingOptions exact = new TrainingOptions(lastEpoch, 4, true, 0.0, 7, 2, TrainingOptions.Monitor.VAL_LOSS,
        0.0);
    Network net = network(2);
    TrainingResult finished = new Trainer(net, Plugins.SQUARED, Plugins.SGD, (u, e) -> 0.3, exact, List.of())
        .train(regression(60, 5), regression(40, 6), false);
    assertEquals(lastEpoch, finished.last().epoch());
    assertFalse(finished.stoppedEarly(), "all " + lastEpoch + " planned epochs ran");
    assertEquals(early.bestEpoch(), finished.bestEpoch());
  }

  @Test
  void theProgressCountersTellADisplayTheEpochsSizeAndWhenValidationRuns() {
    Samples train = regression(60, 5);
    Samples val = regression(40, 6);
    Trainer t = trainer(network(2), Plugins.SGD, 0.01, TrainingOptions.of(3, 8, 7));
    List<Boolean> seen = new java.util.ArrayList<>();
    Trainer.Epochs epochs = new Trainer.Epochs() {
      @Override
      public int rows() {
        return train.rows();
      }

      @Override
      public double run(Trainer trainer) {
        // the epoch's batches themselves do not matter here
        seen.add(trainer.progress().validating());
        return 1.0;
      }
    };
    Evaluator evaluator = new Evaluator(t.network(), Plugins.SQUARED, 16);
    t.train(epochs, c -> {
      seen.add(t.progress().validating());
      return evaluator.evaluate(val, c);
    }, false);
    // training, validating, training, validating, …: the flag is up exactly while the validation split runs
    assertEquals(List.of(false, true, false, true, false, true), seen);
    assertEquals(false, t.progress().validating());
    assertEquals(60, t.progress().samplesPerEpoch());
    assertEquals(8, t.progress().batchesPerEpoch());
  }

  /**
   * Epochs computed elsewhere that only hand over averaged parameters (no local step, no applied gradient) had no
   * reference for the first epoch's divergence check, so a first epoch that exploded passed. The trainer asks them
   * for the untrained network's loss over the first epoch's first 64 rows before any update.
   */
  @Test
  void epochsComputedElsewhereAreComparedWithTheUntrainedLossTheyGive() {
    Trainer t = trainer(network(2), Plugins.SGD, 0.01, TrainingOptions.of(3, 8, 7));
    List<int[]> asked = new java.util.ArrayList<>();
    Trainer.Epochs epochs = new Trainer.Epochs() {
      @Override
      public int rows() {
        return 100;
      }

      @Override
      public double run(Trainer trainer) {
        double[] theta = trainer.network().parameters().toArray();
        trainer.adopt(theta, trainer.optimizerState(), trainer.updates() + 13, 0.01, 900.0 * 100, 100);
        return 900.0;
      }

      @Override
      public double meanLoss(Trainer trainer, int[] rows) {
        assertEquals(0, trainer.updates(), "asked before any update");
        asked.add(rows.clone());
        return 0.75;
      }
    };
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.train(epochs, null, false));
    assertEquals("training diverged: at the end of epoch 1 the mean training loss was 900, more than 1000 times"
        + " the untrained network's (0.75); try a smaller learning rate", e.getMessage());
    assertEquals(1, asked.size());
    assertEquals(64, asked.get(0).length);
    assertEquals(64, java.util.Arrays.stream(asked.get(0)).distinct().filter(i -> i >= 0 && i < 100).count());
  }

  /** Epochs that cannot give the untrained loss: the first round's loss is the reference, rather than none. */
  @Test
  void epochsThatCannotGiveTheUntrainedLossAreComparedWithTheirFirstRound() {
    Trainer t = trainer(network(2), Plugins.SGD, 0.01, TrainingOptions.of(3, 8, 7));
    Trainer.Epochs epochs = new Trainer.Epochs() {
      private double loss = 0.5;

      @Override
      public int rows() {
        return 100;
      }

      @Override
      public double run(Trainer trainer) {
        // two rounds: the first at 0.5, the second exploding
        double sum = 0;
        for (int round = 0; round < 2; round++) {
          double[] theta = trainer.network().parameters().toArray();
          trainer.adopt(theta, trainer.optimizerState(), trainer.updates() + 1, 0.01, loss * 50, 50);
          sum += loss * 50;
          loss = 4000;
        }
        return sum / 100;
      }
    };
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.train(epochs, null, false));
    assertEquals(1, e.epoch());
    assertTrue(e.getMessage().contains("more than 1000 times the untrained network's (0.5)"), e.getMessage());
  }

  /**
   * A network with a hidden layer whose weights are all zero (never initialised from code, or a zeros init) is
   * one whose hidden units cannot come apart: the trainer warns of it. Without a hidden layer, or with one weight
   * set, it does not.
   */
  @Test
  void zeroWeightsWithAHiddenLayerAreASymmetricStart() {
    Network hidden = new Network(new int[] {2, 4, 1}, List.of(Plugins.TANH, Plugins.IDENTITY),
        List.of("tanh", "identity"), new JavaKernels());
    assertTrue(Trainer.startsSymmetric(hidden));
    double[] theta = new double[hidden.parameters().size()];
    theta[theta.length - 1] = 0.5;
    hidden.parameters().load(theta);
    assertTrue(Trainer.startsSymmetric(hidden), "a bias alone does not break the symmetry");
    theta[0] = 0.1;
    hidden.parameters().load(theta);
    assertFalse(Trainer.startsSymmetric(hidden));
    Network logistic = new Network(new int[] {2, 1}, List.of(Plugins.IDENTITY), List.of("identity"),
        new JavaKernels());
    assertFalse(Trainer.startsSymmetric(logistic), "zero weights are a fine start without a hidden layer");
  }

  /**
   * With batch size 1 the first batch is one row, whose loss may be near 0 by chance: the first epoch is compared
   * with the untrained network's mean loss over 64 rows instead, so a run whose loss stays at its start level is
   * not stopped as diverged (nor is one whose first row the network fits to 1e-3).
   */
  @Test
  void aFirstRowThatTheUntrainedNetworkFitsWellIsNoReferenceForDivergence() {
    Samples data = regression(200, 3);
    Network net = network(6);
    // the untrained network's output for row 0, which trains first without shuffling
    dev.nn.core.network.Workspace ws = net.newWorkspace(1);
    data.loadRange(0, 1, ws);
    net.infer(ws, 1);
    double[] out = new double[1];
    net.output(ws, null, out);
    double[] y = data.y().clone();
    y[0] = out[0] + 1e-3;
    Samples fitted = new Samples(data.x(), y, 200, 2, 1);
    TrainingOptions once = new TrainingOptions(1, 1, false, 0.0, 7, 0, TrainingOptions.Monitor.VAL_LOSS, 0.0);
    // a rate too small to learn: the epoch's mean is the untrained level, 1e5 times the first row's 1e-6
    TrainingResult r = trainer(net, Plugins.SGD, 1e-7, once).train(fitted, null, false);
    assertTrue(r.last().trainLoss() > 0.1, "the untrained level: " + r.last().trainLoss());
    // an exploding rate is still caught at the first epoch's end
    assertThrows(TrainingDivergedException.class,
        () -> trainer(network(6), Plugins.SGD, 3.0, once).train(regression(200, 3), null, false));
  }

  /**
   * A schedule given in code whose rate is negative climbed the loss without a sign (gradient ascent), and a NaN rate
   * was reported as divergence ("try a smaller learning rate"): both are refused naming the update and the rate, with
   * the parameters as they were before it. A rate of 0, which nn's cosine schedule reaches, still trains.
   */
  @Test
  void aScheduleRateThatIsNegativeOrNotANumberIsRefusedNamingTheUpdate() {
    Network net = network(1);
    double[] before = net.parameters().toArray();
    IllegalStateException negative = assertThrows(IllegalStateException.class,
        () -> trainer(net, Plugins.SGD, -1, TrainingOptions.of(2, 4, 1)).train(regression(8, 2), null, false));
    assertEquals("the learning-rate schedule returned -1.0 for update 1 (epoch 1); a learning rate must be a finite"
        + " number >= 0", negative.getMessage());
    assertArrayEquals(before, net.parameters().toArray(), 0.0, "no step was taken");

    // NaN from the 3rd update on: the first epoch's two updates train, the third is refused
    IllegalStateException nan = assertThrows(IllegalStateException.class, () -> new Trainer(net, Plugins.SQUARED,
        Plugins.SGD, (t, e) -> t < 3 ? 0.01 : Double.NaN, TrainingOptions.of(2, 4, 1), List.of())
        .train(regression(8, 2), null, false));
    assertEquals("the learning-rate schedule returned NaN for update 3 (epoch 2); a learning rate must be a finite"
        + " number >= 0", nan.getMessage());
    IllegalStateException infinite = assertThrows(IllegalStateException.class,
        () -> trainer(network(1), Plugins.SGD, Double.POSITIVE_INFINITY, TrainingOptions.of(1, 4, 1))
            .train(regression(8, 2), null, false));
    assertTrue(infinite.getMessage().startsWith("the learning-rate schedule returned Infinity for update 1"),
        infinite.getMessage());

    Network still = network(1);
    TrainingResult zero = trainer(still, Plugins.SGD, 0, TrainingOptions.of(1, 4, 1)).train(regression(8, 2), null,
        false);
    assertEquals(2, zero.last().updates());
    assertArrayEquals(before, still.parameters().toArray(), 0.0, "a rate of 0 moves nothing");
  }
}
