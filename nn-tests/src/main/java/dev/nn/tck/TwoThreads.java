package dev.nn.tck;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Calls one plugin instance from two threads at once, each on values of its own, for a quarter of a second: long
 * enough for two cores to overlap the calls many times whatever else the machine does. Both threads start
 * together and then run freely (with a barrier each round, one that stopped at a difference would leave the other
 * waiting).
 */
final class TwoThreads {
  private TwoThreads() {}

  /**
   * What each thread found differing from one thread's bits, or {@code null} for a thread that found nothing.
   *
   * @param rounds for thread 0 and 1, its round: called again and again on that thread, it returns what differed
   *     (for the message) or {@code null}; made on the calling thread, so that each thread's arrays are its own
   */
  static String[] differences(IntFunction<Supplier<String>> rounds) throws InterruptedException {
    String[] differed = new String[2];
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int own = t;
      Supplier<String> round = rounds.apply(own);
      threads[t] = new Thread(() -> {
        try {
          start.await();
          for (int r = 0; !stop.get() && differed[own] == null; r++) {
            String found = round.get();
            if (found != null) {
              differed[own] = "round " + r + ", " + found;
            }
          }
        } catch (InterruptedException e) {
          differed[own] = "interrupted";
        }
      });
      threads[t].start();
    }
    start.countDown();
    Thread.sleep(250);
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    return differed;
  }
}
