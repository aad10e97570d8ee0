package dev.nn.core.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon threads that help the calling thread run the parts of one task. Created once
 * per worker count and shared by every kernel instance with that thread count; one caller at a time uses
 * it ({@link #tryAcquire}), and a second caller computes on its own thread instead — which gives the same
 * bits, because the parts of a task are fixed by the task, not by who runs them.
 *
 * <p>Parts are claimed, not assigned: the caller and the workers take the next unclaimed part until none
 * is left. On a machine whose other cores are busy a worker may wake late; the caller then runs its parts
 * too and waits only for a part a worker has already started. Nothing is allocated per task: the caller
 * publishes the task with a new generation number; idle workers spin briefly (consecutive kernels follow
 * each other within microseconds), then yield, then park until woken.
 */
final class WorkerPool {
  /** One unit of parallel work: part {@code part} of {@code parts}, disjoint from every other part. */
  interface Task {
    void run(int part, int parts);
  }

  private static final Map<Integer, WorkerPool> POOLS = new ConcurrentHashMap<>();
  /** How long an idle worker keeps looking for work before it parks. */
  private static final long IDLE_NANOS = 100_000;
  /** Spins before an idle worker or a waiting caller starts to yield its core. */
  private static final int SPINS = 64;
  private static final int PART_BITS = 16;
  private static final long PART_MASK = (1L << PART_BITS) - 1;

  private final Worker[] workers;
  private final AtomicBoolean busy = new AtomicBoolean();
  /** Generation (high 32 bits), number of parts (next 16), next unclaimed part (low 16). */
  private final AtomicLong state = new AtomicLong();
  private final AtomicInteger done = new AtomicInteger();
  private Task task;
  private volatile Throwable failure;

  private WorkerPool(int size) {
    workers = new Worker[size];
    for (int w = 0; w < size; w++) {
      workers[w] = new Worker(this, "nn-kernels-worker-" + (w + 1) + "-of-" + size);
      workers[w].start();
    }
  }

  /** The shared pool with {@code size} worker threads, created on first use. */
  static WorkerPool withWorkers(int size) {
    return POOLS.computeIfAbsent(size, WorkerPool::new);
  }

  /** The number of worker threads. */
  int size() {
    return workers.length;
  }

  /** Claims the pool for one task; false if another thread is using it. */
  boolean tryAcquire() {
    return busy.compareAndSet(false, true);
  }

  void release() {
    busy.set(false);
  }

  /**
   * Runs parts 0 … parts−1 of {@code task} on this thread and the workers, and returns when all are
   * done. The caller must hold the pool ({@link #tryAcquire}).
   */
  void run(Task task, int parts) {
    if (parts < 1 || parts > PART_MASK) {
      throw new IllegalArgumentException("a task has 1 to " + PART_MASK + " parts, found " + parts);
    }
    this.task = task;
    failure = null;
    done.set(0);
    long generation = (state.get() >>> 32) + 1;
    state.set(generation << 32 | (long) parts << PART_BITS);
    for (Worker w : workers) {
      if (w.sleeping) {
        LockSupport.unpark(w);
      }
    }
    Throwable own = null;
    try {
      runParts(generation);
    } catch (RuntimeException | Error e) {
      own = e;
    }
    int spins = 0;
    while (done.get() < parts) {
      if (++spins < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    this.task = null;
    Throwable first = own != null ? own : failure;
    if (first instanceof RuntimeException) {
      throw (RuntimeException) first;
    }
    if (first instanceof Error) {
      throw (Error) first;
    }
  }

  /**
   * Claims and runs parts of the task of {@code generation} until none is left. A claim succeeds only
   * while that generation is current, and the generation cannot end before every claimed part is done,
   * so the task read after a claim is the claimed generation's task.
   */
  private void runParts(long generation) {
    while (true) {
      long s = state.get();
      int parts = (int) (s >>> PART_BITS & PART_MASK);
      int next = (int) (s & PART_MASK);
      if (s >>> 32 != generation || next >= parts) {
        return;
      }
      if (state.compareAndSet(s, s + 1)) {
        try {
          task.run(next, parts);
        } catch (RuntimeException | Error e) {
          failure = e;
        } finally {
          done.incrementAndGet();
        }
      }
    }
  }

  private static final class Worker extends Thread {
    private final WorkerPool pool;
    volatile boolean sleeping;

    Worker(WorkerPool pool, String name) {
      super(name);
      this.pool = pool;
      setDaemon(true);
    }

    @Override
    public void run() {
      long seen = 0;
      while (true) {
        seen = await(seen);
        pool.runParts(seen);
      }
    }

    /** Waits until a generation after {@code seen} is published and returns it. */
    private long await(long seen) {
      long start = System.nanoTime();
      int spins = 0;
      long g;
      while ((g = pool.state.get() >>> 32) == seen) {
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else if (System.nanoTime() - start < IDLE_NANOS) {
          // another thread may need this core more than a worker that has nothing to do
          Thread.yield();
        } else {
          sleeping = true;
          if (pool.state.get() >>> 32 == seen) {
            LockSupport.park(this);
          }
          sleeping = false;
          start = System.nanoTime();
          spins = 0;
        }
      }
      return g;
    }
  }
}
