package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.network.Network;
import dev.nn.core.testing.Plugins;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trainer stopped partway through an epoch and restored from the state it saved there goes on as if it had not
 * stopped: the same parameters, bit for bit, and the same epoch reports, wherever in whichever epoch it stopped.
 */
class WithinEpochCheckpointTests {
  /** 101 rows in batches of 8: 13 batches an epoch, the last of 5 rows. */
  private static final Samples TRAIN = TrainerTests.regression(101, 3);
  private static final Samples VALIDATION = TrainerTests.regression(40, 4);
  /** Early stopping on the validation loss at a rate that makes it bounce, so best weights and patience matter. */
  private static final TrainingOptions OPTIONS =
      new TrainingOptions(12, 8, true, 0.0, 7, 3, TrainingOptions.Monitor.VAL_LOSS, 0.0);

  /** Keeps every state it is handed; due after every batch. */
  private static final class EveryBatch implements Trainer.WithinEpochCheckpoints {
    final List<TrainerState> saved = new ArrayList<>();

    @Override
    public boolean due() {
      return true;
    }

    @Override
    public void save(TrainerState state) {
      saved.add(state);
    }
  }

  /** Every state taken within the epochs of a run from the weights of seed 4. */
  private static List<TrainerState> statesOfARun() {
    Trainer saving = trainer(TrainerTests.network(4));
    EveryBatch checkpoints = new EveryBatch();
    saving.checkpointWithinEpochs(checkpoints);
    saving.train(TRAIN, VALIDATION, false);
    return checkpoints.saved;
  }

  private static Trainer trainer(Network net) {
    return new Trainer(net, Plugins.SQUARED, Plugins.MOMENTUM, (t, e) -> 0.3 / Math.sqrt(e), OPTIONS, List.of());
  }

  @Test
  void aTrainerRestoredWithinAnEpochEndsBitForBitAsTheOneThatWentOn() {
    Network plain = TrainerTests.network(4);
    TrainingResult straight = trainer(plain).train(TRAIN, VALIDATION, false);

    Network watched = TrainerTests.network(4);
    Trainer saving = trainer(watched);
    EveryBatch checkpoints = new EveryBatch();
    saving.checkpointWithinEpochs(checkpoints);
    TrainingResult withCheckpoints = saving.train(TRAIN, VALIDATION, false);
    // taking states changes nothing
    assertArrayEquals(plain.parameters().toArray(), watched.parameters().toArray(), 0.0);
    assertEquals(straight.epochs().size(), withCheckpoints.epochs().size());

    int epochs = straight.epochs().size();
    assertTrue(straight.stoppedEarly() && epochs >= 5, "early stopping should end the run after a few epochs: "
        + epochs);
    // 12 states an epoch (after batches 1 … 12 of 13, never after the epoch's last), epoch 1's too
    assertEquals(12 * epochs, checkpoints.saved.size());
    for (TrainerState state : checkpoints.saved) {
      int batches = state.within().batches();
      assertTrue(batches >= 1 && batches <= 12, "batches " + batches);
      assertEquals(state.history().size(), state.epoch());
      assertEquals(state.epoch() * 13L + batches, state.updates(), "updates of " + state.within());
    }

    for (TrainerState state : checkpoints.saved) {
      Network restored = TrainerTests.network(99); // other weights: the state must overwrite them
      Trainer resumed = trainer(restored);
      resumed.restore(state);
      TrainingResult result = resumed.train(TRAIN, VALIDATION, false);
      String where = "epoch " + (state.epoch() + 1) + " after batch " + state.within().batches();
      assertArrayEquals(plain.parameters().toArray(), restored.parameters().toArray(), 0.0, where);
      assertEquals(straight.bestEpoch(), result.bestEpoch(), where);
      assertEquals(straight.stoppedEarly(), result.stoppedEarly(), where);
      assertEquals(epochs, result.epochs().size(), where);
      for (int e = 0; e < epochs; e++) {
        EpochReport a = straight.epochs().get(e);
        EpochReport b = result.epochs().get(e);
        assertEquals(a.trainLoss(), b.trainLoss(), 0.0, where + ": epoch " + (e + 1) + "'s mean loss");
        assertEquals(a.validation().loss(), b.validation().loss(), 0.0, where + ": epoch " + (e + 1));
        assertEquals(a.updates(), b.updates(), where);
        assertEquals(a.learningRate(), b.learningRate(), 0.0, where);
      }
    }
  }

  @Test
  void theFirstEpochsDivergenceCheckKeepsTheUntrainedLossAcrossAResume() {
    List<TrainerState> saved = statesOfARun();
    TrainerState inFirstEpoch = saved.get(5);
    assertEquals(0, inFirstEpoch.epoch());
    double untrained = inFirstEpoch.within().firstBatchLoss();
    assertTrue(untrained > 0 && Double.isFinite(untrained), "untrained loss " + untrained);
    // every state of the run carries the same reference
    for (TrainerState s : saved) {
      assertEquals(untrained, s.within().firstBatchLoss(), 0.0);
    }
  }

  @Test
  void theSecondsOfAResumedEpochCountTheTimeBeforeTheResume() {
    List<TrainerState> saved = statesOfARun();
    TrainerState state = saved.get(20);
    TrainerState.Within w = state.within();
    TrainerState earlier = new TrainerState(state.epoch(), state.updates(), state.params(), state.optimizerState(),
        state.bestParams(), state.bestEpoch(), state.bestValue(), state.epochsWithoutImprovement(), state.history(),
        TrainerState.End.RUNNING,
        new TrainerState.Within(w.batches(), w.batchSize(), w.rows(), w.lossSum(), 3600, w.firstBatchLoss()));
    Trainer resumed = trainer(TrainerTests.network(4));
    resumed.restore(earlier);
    TrainingResult result = resumed.train(TRAIN, VALIDATION, false);
    double seconds = result.epochs().get(state.epoch()).seconds();
    assertTrue(seconds >= 3600 && seconds < 3660, "the resumed epoch took " + seconds + " s");
    assertTrue(result.epochs().get(state.epoch() + 1).seconds() < 60, "the next one starts afresh");
  }

  @Test
  void aStateWithinAnEpochOfAnotherBatchSizeIsRefused() {
    List<TrainerState> saved = statesOfARun();
    TrainingOptions other = new TrainingOptions(12, 16, true, 0.0, 7, 3, TrainingOptions.Monitor.VAL_LOSS, 0.0);
    Trainer resumed = new Trainer(TrainerTests.network(4), Plugins.SQUARED, Plugins.MOMENTUM, (t, e) -> 0.1, other,
        List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resumed.restore(saved.get(3)));
    assertEquals("the state was taken within an epoch of batches of 8, this trainer's batch size is 16",
        e.getMessage());
  }

  @Test
  void aStateWithinAnEpochBeyondTheTrainersEpochsIsRefused() {
    TrainerState inEpoch3 = statesOfARun().get(2 * 12 + 4);
    assertEquals(2, inEpoch3.epoch());
    TrainingOptions two = new TrainingOptions(2, 8, true, 0.0, 7, 3, TrainingOptions.Monitor.VAL_LOSS, 0.0);
    Trainer resumed = new Trainer(TrainerTests.network(4), Plugins.SQUARED, Plugins.MOMENTUM, (t, e) -> 0.1, two,
        List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resumed.restore(inEpoch3));
    assertEquals("the state was taken partway through epoch 3, beyond this trainer's 2 epochs", e.getMessage());
  }

  /** An interrupted thread stops after its batch, handing the state there to the checkpoints, its flag left set. */
  @Test
  void anInterruptedThreadStopsAfterItsBatchWithAStateThere() {
    Trainer t = trainer(TrainerTests.network(4));
    List<TrainerState> saved = new ArrayList<>();
    t.checkpointWithinEpochs(new Trainer.WithinEpochCheckpoints() {
      @Override
      public boolean due() {
        return false;
      }

      @Override
      public void save(TrainerState state) {
        assertTrue(!Thread.currentThread().isInterrupted(), "the flag is cleared for the write");
        saved.add(state);
      }
    });
    Thread.currentThread().interrupt();
    try {
      java.util.concurrent.CancellationException e = assertThrows(java.util.concurrent.CancellationException.class,
          () -> t.train(TRAIN, VALIDATION, false));
      assertEquals("training was interrupted in epoch 1, after batch 1", e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the flag is set again");
    } finally {
      Thread.interrupted();
    }
    assertEquals(1, saved.size());
    assertEquals(1, saved.get(0).within().batches());
    assertEquals(1, saved.get(0).updates());
  }

  /**
   * The checkpoint of a stop that cannot be written (a full disk) does not keep training from stopping: the stop
   * ends it as stopped, and the listeners are told why the checkpoint is missing, to say so.
   */
  @Test
  void aStopWhoseCheckpointCannotBeWrittenStillStopsAndTellsTheListeners() {
    List<RuntimeException> told = new ArrayList<>();
    Trainer t = new Trainer(TrainerTests.network(4), Plugins.SQUARED, Plugins.MOMENTUM, (u, e) -> 0.3 / Math.sqrt(e),
        OPTIONS, List.of(new TrainingListener() {
          @Override
          public void onStopCheckpointFailed(RuntimeException failure) {
            told.add(failure);
          }
        }));
    java.io.UncheckedIOException full = new java.io.UncheckedIOException("cannot write partial-epoch-0001.ckpt: No"
        + " space left on device", new java.io.IOException("No space left on device"));
    t.checkpointWithinEpochs(new Trainer.WithinEpochCheckpoints() {
      @Override
      public boolean due() {
        return false;
      }

      @Override
      public void save(TrainerState state) {
        throw full;
      }
    });
    Thread.currentThread().interrupt();
    try {
      java.util.concurrent.CancellationException e = assertThrows(java.util.concurrent.CancellationException.class,
          () -> t.train(TRAIN, VALIDATION, false));
      assertEquals("training was interrupted in epoch 1, after batch 1", e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the flag is set again");
    } finally {
      Thread.interrupted();
    }
    assertEquals(List.of(full), told);
  }

  @Test
  void aPositionThatIsNotWithinAnEpochIsRefused() {
    IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
        () -> new TrainerState.Within(13, 8, 101, 1.0, 0.1, 0.5));
    assertEquals("a state within an epoch has trained at least 1 of its batches and not all, found 13 batches of 8"
        + " over 101 rows", all.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TrainerState.Within(0, 8, 101, 1.0, 0.1, 0.5));
    // the last batch that leaves rows to train
    assertEquals(12, new TrainerState.Within(12, 8, 101, 1.0, 0.1, 0.5).batches());
  }

  @Test
  void aStateTakenAtAnEpochsEndHasNoPosition() {
    Trainer t = trainer(TrainerTests.network(4));
    t.runEpoch(TRAIN);
    assertNull(t.state().within());
  }

  /**
   * A trainer interrupted within an epoch is not trained on: a second call went on with the next epoch, leaving the
   * rest of the interrupted one untrained (an epoch missing from the reports, fewer updates) while the result looked
   * finished. It is refused, saying how to go on; a new trainer restored from its state there ends bit for bit as a
   * training that was never interrupted.
   */
  @Test
  void anInterruptedTrainerIsNotTrainedOnAndItsStateGoesOnWhereItStopped() {
    Network plain = TrainerTests.network(4);
    TrainingResult straight = trainer(plain).train(TRAIN, VALIDATION, false);

    Network network = TrainerTests.network(4);
    java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
    // interrupts the thread while update 20 runs: the 7th of epoch 2's 13 batches, after which training stops
    Trainer stopped = new Trainer(network, Plugins.SQUARED, Plugins.MOMENTUM, (t, e) -> {
      if (t == 20 && !once.getAndSet(true)) {
        Thread.currentThread().interrupt();
      }
      return 0.3 / Math.sqrt(e);
    }, OPTIONS, List.of());
    try {
      java.util.concurrent.CancellationException c = assertThrows(java.util.concurrent.CancellationException.class,
          () -> stopped.train(TRAIN, VALIDATION, false));
      assertEquals("training was interrupted in epoch 2, after batch 7", c.getMessage());
    } finally {
      assertTrue(Thread.interrupted(), "the interrupted flag is left set");
    }
    assertEquals(20, stopped.updates());

    IllegalStateException again = assertThrows(IllegalStateException.class,
        () -> stopped.train(TRAIN, VALIDATION, false));
    assertEquals("this Trainer's training ended: training was interrupted in epoch 2, after batch 7; a Trainer trains"
        + " once, and training on would skip the rest of epoch 2: to continue where it stopped, make a new Trainer"
        + " (the same network, loss, optimizer, schedule and options), restore(state()) of this one, and train it",
        again.getMessage());
    assertEquals(20, stopped.updates(), "the refused call trained nothing");

    TrainerState there = stopped.state();
    assertEquals(1, there.epoch(), "epoch 2 is not one of those completed");
    assertEquals(7, there.within().batches());
    Trainer resumed = trainer(network);
    resumed.restore(there);
    TrainingResult result = resumed.train(TRAIN, VALIDATION, false);
    assertArrayEquals(plain.parameters().toArray(), network.parameters().toArray(), 0.0);
    assertEquals(straight.epochs().size(), result.epochs().size());
    assertEquals(straight.epochs().get(1).trainLoss(), result.epochs().get(1).trainLoss(), 0.0);
    assertEquals(straight.epochs().get(straight.epochs().size() - 1).updates(),
        result.epochs().get(result.epochs().size() - 1).updates());
  }
}
