package dev.nn.core.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads that help the calling thread run the parts of one task, owned by one
 * {@link Kernels} runtime: started on its first parallel task (a run that never shares work starts none)
 * and stopped by {@link #close}. One caller at a time uses it ({@link #tryAcquire}), and a second caller
 * computes on its own thread instead — which gives the same bits, because the parts of a task are fixed by
 * the task, not by who runs them.
 *
 * <p>Parts are claimed, not assigned: the caller and the workers take the next unclaimed part until none
 * is left. On a machine whose other cores are busy a worker may wake late; the caller then runs its parts
 * too and waits only for a part a worker has already started. Nothing is allocated per task: the caller
 * publishes the task with a new generation number; idle workers spin briefly (consecutive kernels follow
 * each other within microseconds), then yield, then park until woken. Each part learns which thread runs
 * it (0 the caller, 1 … size the workers), so a task can give every thread scratch memory of its own.
 */
final class WorkerPool implements AutoCloseable {
  /** One unit of parallel work: part {@code part} of {@code parts}, disjoint from every other part. */
  interface Task {
    /**
     * @param worker the thread running it: 0 the caller, 1 … {@link #size} a worker; never two parts at once
     */
    void run(int part, int parts, int worker);
  }

  /** How long an idle worker keeps looking for work before it parks. */
  private static final long IDLE_NANOS = 100_000;
  /** Spins before an idle worker or a waiting caller starts to yield its core. */
  private static final int SPINS = 64;
  private static final int PART_BITS = 16;
  private static final long PART_MASK = (1L << PART_BITS) - 1;

  private final int size;
  private final String name;
  private volatile Worker[] workers;
  private volatile boolean closed;
  private final AtomicBoolean busy = new AtomicBoolean();
  /** Generation (high 32 bits), number of parts (next 16), next unclaimed part (low 16). */
  private final AtomicLong state = new AtomicLong();
  private final AtomicInteger done = new AtomicInteger();
  private Task task;
  private volatile Throwable failure;

  /**
   * A pool of {@code size} workers, started when first needed.
   *
   * @param name the runtime's name, for the threads' names
   */
  WorkerPool(int size, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("a worker pool needs at least 1 worker, found " + size);
    }
    this.size = size;
    this.name = name;
  }

  /** The number of worker threads. */
  int size() {
    return size;
  }

  /** Claims the pool for one task; false if another thread is using it or the pool is closed. */
  boolean tryAcquire() {
    if (closed || !busy.compareAndSet(false, true)) {
      return false;
    }
    if (closed) {
      busy.set(false);
      return false;
    }
    if (workers == null) {
      start();
    }
    return true;
  }

  private void start() {
    Worker[] started = new Worker[size];
    for (int w = 0; w < size; w++) {
      started[w] = new Worker(this, w + 1, "nn-" + name + "-worker-" + (w + 1) + "-of-" + size);
      started[w].start();
    }
    workers = started;
  }

  /** The live worker threads (none before the first parallel task or after {@link #close}), for tests. */
  int liveWorkers() {
    Worker[] w = workers;
    int live = 0;
    if (w != null) {
      for (Worker worker : w) {
        live += worker.isAlive() ? 1 : 0;
      }
    }
    return live;
  }

  /**
   * Stops the workers and waits for them to end; idempotent. Must not be called while a task runs (the
   * runtime's owner closes it when the run is over).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // take the pool so that no task starts while the workers stop
    while (!busy.compareAndSet(false, true)) {
      Thread.onSpinWait();
    }
    Worker[] w = workers;
    if (w != null) {
      for (Worker worker : w) {
        LockSupport.unpark(worker);
      }
      for (Worker worker : w) {
        try {
          worker.join(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
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
      runParts(generation, 0);
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
  private void runParts(long generation, int worker) {
    while (true) {
      long s = state.get();
      int parts = (int) (s >>> PART_BITS & PART_MASK);
      int next = (int) (s & PART_MASK);
      if (s >>> 32 != generation || next >= parts) {
        return;
      }
      if (state.compareAndSet(s, s + 1)) {
        try {
          task.run(next, parts, worker);
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
    private final int index;
    volatile boolean sleeping;

    Worker(WorkerPool pool, int index, String name) {
      super(name);
      this.pool = pool;
      this.index = index;
      setDaemon(true);
    }

    @Override
    public void run() {
      long seen = 0;
      while (!pool.closed) {
        seen = await(seen);
        if (seen < 0) {
          return;
        }
        pool.runParts(seen, index);
      }
    }

    /** Waits until a generation after {@code seen} is published and returns it; −1 once the pool is closed. */
    private long await(long seen) {
      long start = System.nanoTime();
      int spins = 0;
      long g;
      while ((g = pool.state.get() >>> 32) == seen) {
        if (pool.closed) {
          return -1;
        }
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else if (System.nanoTime() - start < IDLE_NANOS) {
          // another thread may need this core more than a worker that has nothing to do
          Thread.yield();
        } else {
          sleeping = true;
          if (pool.state.get() >>> 32 == seen && !pool.closed) {
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
