package dev.nn.core.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The warm-up behind {@link WarmingLoops} and {@link FloatWarmingLoops}: it tells them when the vector loops
 * they stand for have been compiled by the JIT's optimising tier, so that they can stop computing with the
 * vector loops' plain-Java twin and call the vector loops themselves.
 *
 * <p>Vector API code runs some thousand times slower until C2 has compiled it (every vector is an object),
 * and the JIT counts calls, not time: a network's first products, called a few thousand times at most
 * before C2 steps in, would spend seconds there. So each warm-up has a daemon thread of its own, started
 * once the twin has done {@value #START_MULTIPLY_ADDS} multiply-adds (a run too short for that is better off
 * without the warm-up's cost), that repeats the loops' {@code warmUpRound} ({@code VectorLoops.warmUpRound}, {@code FloatVectorLoops.warmUpRound}: both entry points on small
 * arrays, in shapes that enter and that skip every loop, block width and tail) until at least
 * {@value #MIN_ROUNDS} rounds have run and the last {@value #FAST_ROUNDS} each took under
 * {@value #FAST_ROUND_NANOS} ns, and the JIT has then compiled nothing for {@link #QUIET_NANOS} ns, then says
 * the loops are warm. Nothing is shared between instances or kept in static state;
 * {@link #close} ends the thread, which otherwise ends by itself with the warm-up.
 *
 * <p>How many rounds, measured on the 2-core AMD EPYC (AVX-512, eight lanes; Java 17, default tiered
 * compilation; the machine busy with other builds, load 9–12): a 1×64×64 axpy of the vector loops, called
 * after N rounds on the same thread, took per call (thread CPU time; the first call, then the mean of the
 * next 10, 100 and 1,000; two runs)
 * <pre>
 *   N = 0        38–47 ms    1.0–2.1 ms   490–520 µs   83–148 µs   (interpreted, then C1 code boxing vectors)
 *   N = 1,000   420–700 µs   400–600 µs   310–430 µs   0.5–22 µs
 *   N = 2,000    42–390 µs    26–380 µs    19–117 µs   0.3–32 µs
 *   N = 5,000   430–470 µs   370–430 µs   270–330 µs   0.3–0.4 µs  (loops still being recompiled)
 *   N = 10,000   11 µs       1.3–2.3 µs   0.25–0.36 µs 0.3–0.4 µs  (the same after 20,000)
 * </pre>
 * and a round took (CPU time per round, by thousands of rounds) some 200 µs over the first thousand, 8–65 µs
 * while the loops went through C1 and were recompiled — up to round 11,000 in one run — then 1–1.5 µs for
 * good; with C1 only ({@code -XX:TieredStopAtLevel=1}) 430–670 µs. So {@value #MIN_ROUNDS} rounds, which
 * call every loop at least 10,000 times (twice C2's threshold of 5,000 calls), and then fast rounds to show
 * that C2's code runs. The whole warm-up took 0.2–0.4 s of its thread's CPU time, 0.9–2.1 s of wall time at
 * that load with nothing else running in the JVM, 2.1–3.5 s while a small network trained. If no round gets
 * fast within 20 s ({@link #GIVE_UP_NANOS}; C2 switched off, say), the thread stops and the twin computes
 * for good.
 */
final class WarmUp implements AutoCloseable {
  /** The warm-up thread's name (tests that count allocations wait for it). */
  static final String THREAD_NAME = "nn-vector-loops-warm-up";
  /**
   * Multiply-adds computed by the twin from which the warm-up starts: 2²⁶, some 25–45 ms of plain Java, so that
   * a run shorter than that never pays for the warm-up's class loading, interpreted rounds and compilations
   * (0.2–0.4 s of CPU on a thread of its own, which on two cores competes with training). At 2²² an 8-64-32-1
   * network at batch size 1 (7,800 multiply-adds a sample, 1,030 rows) started it in its first epoch, and its
   * second epoch took 14–32 ms against 9–15 ms with plain loops (eight runs each, quiet machine); at 2²⁶ it
   * starts in the ninth epoch, and epochs one and two take what plain loops take (first epoch medians 44 ms
   * against 42.5 ms; second 13 against 12). A batch of 128 rows through 784-512-512 layers still starts it
   * within its first forward pass (84 million multiply-adds), and W1 within its first 5,000 samples. {@code nn train examples/xor.yaml} (0.3 million
   * multiply-adds in all) never starts it.
   */
  static final long START_MULTIPLY_ADDS = 1L << 26;
  /** Rounds of the warm-up before the switch, at least; see the class comment for the measurement. */
  static final int MIN_ROUNDS = 10_000;
  /** A round at most this long (ns) runs compiled code; see the class comment. */
  static final long FAST_ROUND_NANOS = 10_000;
  /** Consecutive fast rounds that end the warm-up (after {@value #MIN_ROUNDS} rounds in all). */
  static final int FAST_ROUNDS = 100;
  /**
   * How long the JIT must have compiled nothing, after the fast rounds, before the switch: fast rounds show
   * that C2's code runs the round's hottest paths, not that it has finished the rest. Switching while it was
   * still compiling, the first calls of real shapes ran interpreted (hundreds of MB allocated over 20 calls of
   * a 784-wide product) in 6 and 7 of 10 fresh JVMs ({@code WarmedShapesProbe}, float64 and float32, on the
   * 2-core AMD EPYC); waiting for 50 ms without a compilation, in none of 10 each. A JVM that never stops
   * compiling switches {@code giveUpNanos / 2} after the warm-up began.
   */
  static final long QUIET_NANOS = 50_000_000L;
  /** Time after which a warm-up that never got fast gives up, leaving the twin to compute. */
  static final long GIVE_UP_NANOS = 20_000_000_000L;

  private final Runnable round;
  private final long startMultiplyAdds;
  private final int minRounds;
  private final long giveUpNanos;
  private final Thread thread;
  /** Multiply-adds computed by the twin while the warm-up had not started. */
  private final AtomicLong work = new AtomicLong();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean warm;
  private volatile boolean closed;

  /**
   * A warm-up running {@code round}: started after {@code startMultiplyAdds} multiply-adds (at once for 0),
   * warm after {@code minRounds} rounds and {@value #FAST_ROUNDS} fast ones in a row, given up after
   * {@code giveUpNanos}.
   */
  WarmUp(Runnable round, long startMultiplyAdds, int minRounds, long giveUpNanos) {
    this.round = round;
    this.startMultiplyAdds = startMultiplyAdds;
    this.minRounds = minRounds;
    this.giveUpNanos = giveUpNanos;
    this.thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    if (startMultiplyAdds <= 0) {
      start();
    }
  }

  /**
   * The round of the vector loops {@code vectorLoops}: their static {@code warmUpRound(arrays…)} on three
   * arrays of {@code warmUpLength()} values, allocated once here (fresh arrays in every round would cost more
   * than the round; see {@code VectorLoops.warmUpRound}).
   *
   * @param arrayType {@code double[].class} or {@code float[].class}
   * @throws IllegalArgumentException if the class has no such round
   */
  static Runnable roundOf(Class<?> vectorLoops, Class<?> arrayType) {
    MethodHandle round;
    int length;
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      round = lookup.findStatic(vectorLoops, "warmUpRound",
          MethodType.methodType(void.class, arrayType, arrayType, arrayType));
      length = (int) lookup.findStatic(vectorLoops, "warmUpLength", MethodType.methodType(int.class)).invokeExact();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalArgumentException(vectorLoops.getName() + " has no warm-up round", e);
    }
    Object a = java.lang.reflect.Array.newInstance(arrayType.getComponentType(), length);
    Object b = java.lang.reflect.Array.newInstance(arrayType.getComponentType(), length);
    Object c = java.lang.reflect.Array.newInstance(arrayType.getComponentType(), length);
    MethodHandle bound = MethodHandles.insertArguments(round, 0, a, b, c);
    return () -> {
      try {
        bound.invoke();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** Counts the work of a call of the twin, and starts the warm-up once there has been enough. */
  void count(int rows, int cols, int k) {
    if (!started.get() && work.addAndGet((long) rows * cols * k) >= startMultiplyAdds) {
      start();
    }
  }

  private void start() {
    if (!closed && started.compareAndSet(false, true)) {
      thread.start();
    }
  }

  private void run() {
    long begin = System.nanoTime();
    int fast = 0;
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
    long compiling = -1;
    long quietSince = 0;
    for (int r = 1; !closed; r++) {
      long t = System.nanoTime();
      round.run();
      long end = System.nanoTime();
      fast = end - t <= FAST_ROUND_NANOS ? fast + 1 : 0;
      if (r >= minRounds && fast >= FAST_ROUNDS) {
        // the JIT's total compilation time (ms) stands still only while nothing is compiled
        long now = timed ? jit.getTotalCompilationTime() : 0;
        if (now != compiling) {
          compiling = now;
          quietSince = end;
        } else if (end - quietSince >= QUIET_NANOS || end - begin > giveUpNanos / 2) {
          warm = true;
          return;
        }
      }
      if (end - begin > giveUpNanos || Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  /** Whether the vector loops may compute now (the warm-up is over). */
  boolean isWarm() {
    return warm;
  }

  /** Whether the warm-up thread has been started. */
  boolean isStarted() {
    return started.get();
  }

  /** For tests: says the loops are warm now, whether they are or not. */
  void switchNow() {
    warm = true;
  }

  /** For tests: the warm-up thread (not yet started while {@link #isStarted} is false). */
  Thread thread() {
    return thread;
  }

  /** Ends the warm-up thread, if it runs (after its current round), or keeps it from starting; idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      thread.interrupt();
    }
  }
}
