package dev.nn.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn.api.Optimizer;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Settings;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules every {@link Optimizer} keeps. A plugin's test class implements this interface, supplies
 * the optimizer and, separately from the implementation, the published update rule:
 *
 * <pre>{@code
 * class MomentumTests implements OptimizerContract {
 *   public Optimizer optimizer() {
 *     return new MomentumProvider().create(Settings.empty("optimizer \"momentum\""));
 *   }
 *
 *   public double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates) {
 *     double[] w = w0.clone();
 *     double[] b = new double[w.length];
 *     for (int t = 0; t < grads.length; t++) {
 *       for (int i = 0; i < w.length; i++) {
 *         b[i] = 0.9 * b[i] + grads[t][i];
 *         w[i] -= rates[t] * b[i];
 *       }
 *     }
 *     return w;
 *   }
 * }
 * }</pre>
 *
 * <p>The checks: the first three steps give the known answer; a few hundred steps descend a convex
 * quadratic; the same steps give the same bits every time (the updater is deterministic); two updaters of one
 * optimizer share no state; {@code exportState}/{@code importState}
 * continue a run bit for bit; steps use absolute indexing only, leave the buffers' position and limit
 * alone, never write the gradients, give the same bits on heap and direct buffers, and do not allocate.
 * Settings checks belong in each optimizer's own tests; {@link #assertRejectsSetting} and
 * {@link #assertLeavesCoreKeysUnread} help with them.
 *
 * <p>The two value checks, the known answer and the descent, run once per {@link Precision}:
 *
 * <ul>
 *   <li>In float64 the first three steps match {@link #expectedAfterSteps} within
 *       {@value #RELATIVE_TOLERANCE} of the largest |w[i]| reached so far (w₀ included): a step
 *       subtracts numbers of that size, so a parameter that lands near 0 carries their rounding, which a
 *       tolerance relative to itself would not allow (a rule written {@code 0.01·g²} against an
 *       implementation's {@code (1 − 0.99)·g²} differed by 3e-16 at a result of 8e-8).
 *   <li>In float32 the core keeps parameters and gradients as floats, hands the updater double views
 *       of them and rounds the parameters to float after every step (the updater's own state stays
 *       double); the kit does the same, with float w₀ and gradients, and gives the published rule the
 *       same w₀ and gradients. Each stored parameter is then off by at most half a float ulp (2⁻²⁴
 *       relative) from what the step computed, and since the gradients here do not depend on w, these
 *       errors add up over the steps rather than grow: after step t, w[i] must lie within
 *       t·{@link #FLOAT32_TOLERANCE_PER_STEP}·m of the rule, m the largest |w[i]| either reached so far
 *       (2⁻²² per step: four such errors, leaving room for a rule whose step depends on w, like AdamW's
 *       decay). The quadratic must be descended with the gradients and, between steps, the parameters
 *       stored as floats.
 * </ul>
 *
 * <p>The other checks compare the optimizer with itself, bit for bit or on the buffers' bookkeeping,
 * and run in float64 only: rounding both sides alike would check nothing more.
 */
public interface OptimizerContract {

  /**
   * Largest difference allowed between a step and the known answer in float64, relative to the largest magnitude
   * the parameter reached.
   */
  double RELATIVE_TOLERANCE = 1e-12;

  /**
   * In float32, the difference allowed between the parameters after step t and the known answer, per
   * step and relative to the largest magnitude the parameter reached: 2⁻²², four times the rounding
   * error of storing a value as float.
   */
  double FLOAT32_TOLERANCE_PER_STEP = 0x1p-22;

  /** The optimizer under test, with the settings that {@link #expectedAfterSteps} assumes. */
  Optimizer optimizer();

  /**
   * The parameters after applying steps t = 1 … {@code grads.length} to {@code w0}, computed from the
   * published rule by the test itself, not by calling the implementation.
   *
   * @param w0 the parameters before step 1. Not modified.
   * @param grads {@code grads[t − 1]} is the gradient of step t. Not modified.
   * @param rates {@code rates[t − 1]} is η of step t. Not modified.
   */
  double[] expectedAfterSteps(double[] w0, double[][] grads, double[] rates);

  /** The constant η of the descent check; override when the optimizer needs another scale. */
  default double descentRate() {
    return 0.01;
  }

  /** The number of steps of the descent check. */
  default int descentSteps() {
    return 500;
  }

  /**
   * Each of steps 1, 2 and 3 on a small block matches the known answer, with a different η each time:
   * within {@link #RELATIVE_TOLERANCE} of the largest |w[i]| reached in float64; in float32, with the parameters
   * rounded to float after every step, within t·{@link #FLOAT32_TOLERANCE_PER_STEP} of it.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void firstThreeStepsMatchThePublishedRule(Precision precision) {
    double[] w0 = precision.round(new double[] {0.5, -1.5, 2.0, 1.0, -0.75});
    double[][] grads = {
      precision.round(new double[] {0.3, -0.7, 0.0, 1.2, -0.05}),
      precision.round(new double[] {-0.1, -0.4, 0.0, 0.9, 2.5}),
      precision.round(new double[] {0.25, 0.6, 0.0, -2.0, -0.3})
    };
    double[] rates = {0.1, 0.05, 0.02};
    Optimizer.Updater updater = optimizer().newUpdater(w0.length);
    double[] stored = w0.clone();
    DoubleBuffer w = DoubleBuffer.wrap(stored);
    double[] largest = new double[w0.length];
    for (int i = 0; i < w0.length; i++) {
      largest[i] = Math.abs(w0[i]);
    }
    for (int t = 1; t <= grads.length; t++) {
      step(updater, w, DoubleBuffer.wrap(grads[t - 1].clone()), rates[t - 1], t);
      storeAs(precision, stored);
      double[] expected =
          expectedAfterSteps(w0.clone(), Arrays.copyOf(grads, t), Arrays.copyOf(rates, t));
      for (int i = 0; i < w0.length; i++) {
        double e = expected[i];
        double a = w.get(i);
        largest[i] = Math.max(largest[i], Math.max(Math.abs(a), Math.abs(e)));
        double allowed = precision == Precision.FLOAT32
            ? t * FLOAT32_TOLERANCE_PER_STEP * largest[i]
            : RELATIVE_TOLERANCE * largest[i];
        int at = i;
        int step = t;
        assertTrue(Double.isFinite(a), () -> "after step " + step + " in " + precision + ", w[" + at + "] = " + a
            + ", where the rule gives " + e + ": a step writes finite parameters from finite ones");
        assertTrue(Double.isFinite(e), () -> "expectedAfterSteps gave w[" + at + "] = " + e + " after step " + step
            + ": the test's own rule is not finite here");
        assertTrue(
            Math.abs(a - e) <= allowed,
            "after step " + t + " in " + precision + ", w[" + i + "] = " + a + ", expected " + e + " (allowed "
                + allowed + ")");
      }
    }
  }

  /**
   * f(w) = ½·Σ a_i·w_i² falls to at most a tenth of its start after {@link #descentSteps} steps; in
   * float32 with the gradients and, after every step, the parameters rounded to float.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void descendsAConvexQuadratic(Precision precision) {
    double[] a = {0.5, 1.0, 2.0, 4.0, 8.0, 1.5};
    double[] w = precision.round(new double[] {1.0, -2.0, 0.5, -1.0, 0.25, 1.5});
    double start = quadratic(a, w);
    DoubleBuffer params = DoubleBuffer.wrap(w);
    DoubleBuffer grads = DoubleBuffer.allocate(w.length);
    Optimizer.Updater updater = optimizer().newUpdater(w.length);
    for (int t = 1; t <= descentSteps(); t++) {
      for (int i = 0; i < w.length; i++) {
        grads.put(i, precision.round(a[i] * w[i]));
      }
      step(updater, params, grads, descentRate(), t);
      storeAs(precision, w);
    }
    double end = quadratic(a, w);
    assertTrue(
        end <= 0.1 * start,
        "f fell from " + start + " to " + end + " in " + descentSteps() + " steps at η = " + descentRate()
            + " in " + precision + "; expected at most " + 0.1 * start + " (an optimizer that needs another rate or"
            + " more steps to descend says so by overriding descentRate() or descentSteps())");
  }

  /**
   * The same steps on the same parameters and gradients give the same bits every time, from fresh updaters of the
   * optimizer and of a second {@link #optimizer()}: a run is repeated and resumed bit for bit only so. Checked
   * first and said plainly; the other bit-for-bit checks would also fail for an updater that reads a clock, a
   * random source or a counter shared between updaters, but name another cause.
   */
  @Test
  default void theSameStepsGiveTheSameBitsEveryTime() {
    double[] a = {1.0, 3.0, 0.5, 2.0, 1.0, 0.75};
    double[] first = {0.8, -1.2, 2.0, 0.3, -0.6, 1.1};
    double[] again = first.clone();
    double[] other = first.clone();
    runOnQuadratic(optimizer().newUpdater(first.length), a, first, 1, 20);
    runOnQuadratic(optimizer().newUpdater(again.length), a, again, 1, 20);
    Optimizer second = optimizer();
    runOnQuadratic(second.newUpdater(other.length), a, other, 1, 20);
    assertArrayEquals(first, again, "20 steps of two fresh updaters on the same parameters and gradients gave"
        + " other bits: the updater is not deterministic (does it read a clock, a random source, or state shared"
        + " between updaters?)");
    assertArrayEquals(first, other, "20 steps of updaters of two optimizer() instances gave other bits: the"
        + " optimizer is not deterministic");
  }

  /** Steps on two blocks, interleaved, give the same bits as running each block alone. */
  @Test
  default void updatersOfOneOptimizerShareNoState() {
    Optimizer optimizer = optimizer();
    double[] a1 = {1.0, 3.0, 0.5, 2.0, 1.0};
    double[] a2 = {4.0, 0.25, 1.5};
    double[] alone1 = {0.8, -1.2, 2.0, 0.3, -0.6};
    double[] alone2 = {-1.0, 0.4, 1.7};
    double[] together1 = alone1.clone();
    double[] together2 = alone2.clone();
    runOnQuadratic(optimizer.newUpdater(alone1.length), a1, alone1, 1, 6);
    runOnQuadratic(optimizer.newUpdater(alone2.length), a2, alone2, 1, 6);
    Optimizer.Updater u1 = optimizer.newUpdater(together1.length);
    Optimizer.Updater u2 = optimizer.newUpdater(together2.length);
    for (int t = 1; t <= 6; t++) {
      runOnQuadratic(u1, a1, together1, t, t);
      runOnQuadratic(u2, a2, together2, t, t);
    }
    assertArrayEquals(alone1, together1, "first block, interleaved vs alone");
    assertArrayEquals(alone2, together2, "second block, interleaved vs alone");
  }

  /**
   * A run interrupted after three steps and continued by a new updater that imported the exported
   * state gives the same bits as an uninterrupted run; so does the original updater, and neither
   * depends on the exported array afterwards.
   */
  @Test
  default void exportedStateContinuesARunBitForBit() {
    Optimizer optimizer = optimizer();
    double[] a = {0.5, 2.0, 1.0, 3.0};
    double[] uninterrupted = {1.0, -0.5, 0.75, -2.0};
    runOnQuadratic(optimizer.newUpdater(uninterrupted.length), a, uninterrupted, 1, 6);

    double[] original = {1.0, -0.5, 0.75, -2.0};
    Optimizer.Updater first = optimizer.newUpdater(original.length);
    runOnQuadratic(first, a, original, 1, 3);
    double[] state = first.exportState();
    Optimizer.Updater second = optimizer.newUpdater(original.length);
    second.importState(state);
    Arrays.fill(state, Double.NaN);
    double[] resumed = original.clone();
    runOnQuadratic(second, a, resumed, 4, 6);
    runOnQuadratic(first, a, original, 4, 6);

    assertArrayEquals(uninterrupted, resumed, "continued by a new updater after importState (does the updater keep"
        + " state that exportState leaves out, such as a step count of its own instead of the t each step is given?)");
    assertArrayEquals(uninterrupted, original, "continued by the updater whose state was exported");
  }

  /** importState rejects state of another length (here one value longer) with IllegalArgumentException. */
  @Test
  default void importStateRejectsStateOfAnotherLength() {
    Optimizer.Updater updater = optimizer().newUpdater(4);
    int length = updater.exportState().length;
    assertThrows(IllegalArgumentException.class, () -> updater.importState(new double[length + 1]));
  }

  /**
   * A step reads and writes index 0 … size − 1 whatever the buffers' position, leaves position and
   * limit as they were, and touches nothing past the block.
   */
  @Test
  default void usesAbsoluteIndexingAndLeavesPositionAndLimitAlone() {
    double[] w0 = {0.5, -1.0, 1.5};
    double[] g = {0.2, 0.3, -0.4};
    double[] plain = w0.clone();
    step(optimizer().newUpdater(3), DoubleBuffer.wrap(plain), DoubleBuffer.wrap(g.clone()), 0.1, 1);

    DoubleBuffer params = DoubleBuffer.wrap(new double[] {w0[0], w0[1], w0[2], 7.0, 8.0});
    params.position(2).limit(4);
    DoubleBuffer grads = DoubleBuffer.wrap(new double[] {g[0], g[1], g[2], 9.0});
    grads.position(1).limit(3);
    step(optimizer().newUpdater(3), params, grads, 0.1, 1);

    assertEquals(2, params.position(), "params position");
    assertEquals(4, params.limit(), "params limit");
    assertEquals(1, grads.position(), "grads position");
    assertEquals(3, grads.limit(), "grads limit");
    assertArrayEquals(plain, new double[] {params.get(0), params.get(1), params.get(2)}, "the block");
    assertEquals(7.0, params.array()[3], "params past the block");
    assertEquals(8.0, params.array()[4], "params past the block");
  }

  /** A step never writes the gradients: it works on a read-only gradient buffer and leaves it as it was. */
  @Test
  default void neverWritesTheGradients() {
    double[] g = {0.2, -0.3, 0.4, 0.0};
    DoubleBuffer grads = DoubleBuffer.wrap(g.clone()).asReadOnlyBuffer();
    Optimizer.Updater updater = optimizer().newUpdater(g.length);
    DoubleBuffer params = DoubleBuffer.wrap(new double[] {1.0, 2.0, -3.0, 0.5});
    for (int t = 1; t <= 3; t++) {
      step(updater, params, grads, 0.1, t);
    }
    for (int i = 0; i < g.length; i++) {
      assertEquals(g[i], grads.get(i), "grads[" + i + "]");
    }
  }

  /** Off-heap (direct) buffers, where the core may keep parameters, give the same bits as arrays. */
  @Test
  default void directBuffersGiveTheSameBitsAsHeapBuffers() {
    double[] w0 = {0.5, -1.0, 1.5, 2.0};
    double[][] grads = {{0.2, 0.3, -0.4, 1.0}, {0.1, -0.2, 0.3, 0.0}, {-0.5, 0.5, 0.25, -1.0}};
    Optimizer optimizer = optimizer();
    Optimizer.Updater onHeap = optimizer.newUpdater(w0.length);
    Optimizer.Updater offHeap = optimizer.newUpdater(w0.length);
    DoubleBuffer heapParams = DoubleBuffer.wrap(w0.clone());
    DoubleBuffer directParams = direct(w0);
    for (int t = 1; t <= grads.length; t++) {
      step(onHeap, heapParams, DoubleBuffer.wrap(grads[t - 1].clone()), 0.05, t);
      step(offHeap, directParams, direct(grads[t - 1]), 0.05, t);
    }
    for (int i = 0; i < w0.length; i++) {
      assertEquals(heapParams.get(i), directParams.get(i), "w[" + i + "]");
    }
  }

  /** Thousands of steps on a block of 256 allocate (almost) nothing: at most 4 KiB in all. */
  @Test
  default void doesNotAllocateWhileStepping() {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "this JVM cannot count allocated bytes per thread");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(
        threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
        "allocation counting is unsupported or disabled");
    int size = 256;
    DoubleBuffer params = DoubleBuffer.allocate(size);
    DoubleBuffer grads = DoubleBuffer.allocate(size);
    for (int i = 0; i < size; i++) {
      params.put(i, Math.sin(i));
      grads.put(i, 1e-3 * Math.cos(i));
    }
    Optimizer.Updater updater = optimizer().newUpdater(size);
    long t = 1;
    for (; t <= 500; t++) {
      step(updater, params, grads, 1e-3, t);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (long end = t + 5000; t < end; t++) {
      step(updater, params, grads, 1e-3, t);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated <= 4096, "5000 steps allocated " + allocated + " bytes, expected at most 4096");
  }

  /**
   * Asserts that creating the optimizer with {@code key: value} fails with a {@link ConfigException}
   * whose problem names the setting (as its path and in its message), shows the value found and says
   * what is allowed; returns the exception for further checks.
   */
  static ConfigException assertRejectsSetting(OptimizerProvider provider, String key, Object value) {
    Settings settings = Settings.of("optimizer \"" + provider.name() + "\"", Map.of(key, value));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> provider.create(settings),
            "optimizer \"" + provider.name() + "\" accepted " + key + ": " + value);
    ConfigProblem problem = e.problems().get(0);
    assertEquals(key, problem.path(), "path of the problem");
    assertTrue(problem.message().contains("\"" + key + "\""), "message names the setting: " + problem);
    assertTrue(problem.message().contains(String.valueOf(value)), "message shows the value found: " + problem);
    assertFalse(problem.allowed().isEmpty(), "problem says what is allowed: " + problem);
    return e;
  }

  /**
   * Asserts that the provider does not read the core's {@code learning-rate} and {@code schedule} keys
   * of the optimizer mapping.
   */
  static void assertLeavesCoreKeysUnread(OptimizerProvider provider) {
    Settings settings =
        Settings.of(
            "optimizer \"" + provider.name() + "\"", Map.of("learning-rate", 0.1, "schedule", "constant"));
    provider.create(settings);
    assertTrue(
        settings.unreadKeys().containsAll(List.of("learning-rate", "schedule")),
        "optimizer \"" + provider.name() + "\" read " + settings.keys() + " minus " + settings.unreadKeys());
  }

  /**
   * Rounds every parameter as {@code precision} stores it between steps.
   *
   * @param w parameters. Modified.
   */
  private static void storeAs(Precision precision, double[] w) {
    for (int i = 0; i < w.length; i++) {
      w[i] = precision.round(w[i]);
    }
  }

  private static double quadratic(double[] a, double[] w) {
    double f = 0;
    for (int i = 0; i < w.length; i++) {
      f += 0.5 * a[i] * w[i] * w[i];
    }
    return f;
  }

  /**
   * Steps {@code from} … {@code to} on f(w) = ½·Σ a_i·(w_i − 0.1)², whose gradients depend on w.
   *
   * @param a curvatures. Not modified.
   * @param w parameters. Modified.
   */
  private static void runOnQuadratic(Optimizer.Updater updater, double[] a, double[] w, int from, int to) {
    DoubleBuffer params = DoubleBuffer.wrap(w);
    double[] g = new double[w.length];
    for (int t = from; t <= to; t++) {
      for (int i = 0; i < w.length; i++) {
        g[i] = a[i] * (w[i] - 0.1);
      }
      step(updater, params, DoubleBuffer.wrap(g), 0.05 + 0.01 * t, t);
    }
  }

  /**
   * A direct buffer holding a copy of {@code values}.
   *
   * @param values Not modified.
   */
  private static DoubleBuffer direct(double[] values) {
    DoubleBuffer b =
        ByteBuffer.allocateDirect(values.length * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    for (int i = 0; i < values.length; i++) {
      b.put(i, values[i]);
    }
    return b;
  }

  /**
   * {@code updater.step}, with the buffer exceptions of a step's commonest slips told as those slips: relative
   * get() and put() move the position, past the block's limit, and the gradients are handed over read-only.
   */
  private static void step(Optimizer.Updater updater, DoubleBuffer params, DoubleBuffer grads, double rate, long t) {
    try {
      updater.step(params, grads, rate, t);
    } catch (java.nio.BufferUnderflowException | java.nio.BufferOverflowException e) {
      org.junit.jupiter.api.Assertions.fail("the step went past a buffer's limit (" + e.getClass()
          .getSimpleName() + "): relative get() and put() move the position, and the block may start anywhere in"
          + " the buffer; use absolute get(i) and put(i, v) for i in 0 … size − 1, leaving position and limit alone",
          e);
    } catch (java.nio.ReadOnlyBufferException e) {
      org.junit.jupiter.api.Assertions.fail("the step wrote the gradients, which it is handed read-only:"
          + " write only the parameters and the updater's own state", e);
    }
  }
}
