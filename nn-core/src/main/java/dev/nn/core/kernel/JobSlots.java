package dev.nn.core.kernel;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A runtime's reusable jobs, one per calling thread, without thread-locals (which would outlive the
 * runtime): the first thread that calls gets a job of its own, found by one field comparison — a network
 * makes a dozen products per sample at batch size 1, and a thread-local lookup for each cost 5% of a W1
 * step; any other thread takes the spare job or, when another thread holds it, a new one.
 */
final class JobSlots<J> {
  private final Supplier<J> factory;
  private volatile Thread owner;
  private J ownJob;
  private final AtomicReference<J> spare = new AtomicReference<>();

  JobSlots(Supplier<J> factory) {
    this.factory = factory;
  }

  /** A job for the calling thread; give it back with {@link #release}. */
  J acquire() {
    Thread current = Thread.currentThread();
    if (owner == current) {
      return ownJob;
    }
    if (owner == null) {
      synchronized (this) {
        if (owner == null) {
          ownJob = factory.get();
          owner = current;
          return ownJob;
        }
      }
    }
    J job = spare.getAndSet(null);
    return job != null ? job : factory.get();
  }

  /** Gives back a job from {@link #acquire}. */
  void release(J job) {
    if (job != ownJob) {
      spare.set(job);
    }
  }
}
