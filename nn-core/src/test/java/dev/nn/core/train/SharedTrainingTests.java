package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.network.Network;
import dev.nn.core.testing.Plugins;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A network (and so a Trainer) is trained by one thread at a time: a second thread that trains it while the first
 * does is refused, naming the first, rather than stepping the same parameters (which ended in a
 * ConcurrentModificationException or in wrong weights). Once the first is done, another thread may train it.
 */
class SharedTrainingTests {
  private static final TrainingOptions OPTIONS = TrainingOptions.of(3, 8, 7);

  @Test
  void aSecondThreadTrainingTheSameNetworkIsRefusedNamingTheFirst() throws Exception {
    Network shared = TrainerTests.network(4);
    CountDownLatch inEpoch = new CountDownLatch(1);
    CountDownLatch tried = new CountDownLatch(1);
    TrainingListener holding = new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        inEpoch.countDown();
        try {
          tried.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    Trainer first = new Trainer(shared, Plugins.SQUARED, Plugins.MOMENTUM, (t, e) -> 0.1, OPTIONS, List.of(holding));
    Thread firstThread = new Thread(() -> first.train(TrainerTests.regression(40, 3), null, false), "first-trainer");
    firstThread.start();
    assertEquals(true, inEpoch.await(30, TimeUnit.SECONDS));
    try {
      Trainer second = new Trainer(shared, Plugins.SQUARED, Plugins.MOMENTUM, (t, e) -> 0.1, OPTIONS, List.of());
      for (Trainer t : List.of(first, second)) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> t.train(TrainerTests.regression(40, 3), null, false));
        assertEquals("this network is being trained by thread \"first-trainer\"; a network (and a Trainer) is trained"
            + " by one thread at a time: give each thread a network of its own", e.getMessage());
      }
      IllegalStateException set = assertThrows(IllegalStateException.class,
          () -> shared.setLayer(1, new double[2][8], new double[8]));
      assertEquals("setLayer while thread \"first-trainer\" trains this network: its parameters are written by one"
          + " thread at a time; wait for the training to end", set.getMessage());
      assertThrows(IllegalStateException.class, () -> shared.initialize((w, in, out, r) -> { },
          dev.nn.core.random.Rng.create(1)));
    } finally {
      tried.countDown();
      firstThread.join(30_000);
    }
    // done: another thread trains it
    Trainer after = new Trainer(shared, Plugins.SQUARED, Plugins.MOMENTUM, (t, e) -> 0.1, OPTIONS, List.of());
    TrainingResult result = CompletableFuture.supplyAsync(() -> after.train(TrainerTests.regression(40, 3), null,
        false)).get(30, TimeUnit.SECONDS);
    assertEquals(3, result.epochs().size());
  }
}
