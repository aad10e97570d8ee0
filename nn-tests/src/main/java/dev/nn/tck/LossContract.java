package dev.nn.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules every {@link Loss} keeps, as JUnit 5 tests. A loss plugin's test class implements this
 * interface and supplies the loss:
 *
 * <pre>{@code
 * class FocalLossTests implements LossContract {
 *   public Loss loss() { return new FocalLossProvider().create(Settings.empty("loss \"focal\"")); }
 * }
 * }</pre>
 *
 * <p>What is checked, on batches drawn from a seeded generator (rows 1 and 5, columns 1, 4 and 10, three
 * batches of each shape, z ~ N(0, 1.5²), and for the central differences a fourth far from its targets, z ~
 * N(0, 12²); targets drawn to match {@link Loss#targets()}); and that one instance gives two threads calling
 * {@code seed} at once the bits it gives one. The checks
 * marked "float64 and float32" run twice, once per {@link Precision}: in float64, and in float32 as the
 * core runs with {@code compute: {precision: float32}}, where it hands the loss doubles holding float
 * values (z, x and the targets) and rounds the seed the loss writes to float. A float32 run draws the
 * same kind of batches, rounds z, x = φ(z) and y to float, and looks at the seed after rounding it; the
 * value a loss returns, and a fused loss's {@link Loss#link} output, the core keeps as doubles, so the
 * kit does too.
 *
 * <ul>
 *   <li>The seed is the gradient of {@link Loss#value} (float64 only, always: a difference quotient of
 *       a loss whose inputs carry float's 7 significant digits could not tell a right seed from a
 *       wrong one, and the seed is the same code in both precisions): for every coordinate of z, the
 *       seed (for a {@link Seeding#DEFAULT} loss first multiplied by φ′(z) through
 *       {@link Activation#backward}, as the core does) equals the central differences D(s) = (L(z + s) − L(z − s))
 *       / 2s at s = h = {@value #FINITE_DIFFERENCE_STEP} and s = h/2, extrapolated to fd = (4·D(h/2) − D(h))/3,
 *       in float64, within
 *       {@code atol + |D(h) − D(h/2)| + }{@value #RELATIVE_TOLERANCE}{@code ·|fd|} where
 *       {@code atol = 3·}{@value #ROUNDING_ALLOWANCE}{@code ·ε·max(1, |L|) / h} (ε the machine epsilon,
 *       |L| the largest of the batch values differenced: the rounding error of L, amplified by the
 *       division by the step) and |D(h) − D(h/2)| allows for the truncation error left in fd. Coordinates
 *       whose perturbation crosses a kink of the loss ({@link Loss#kinks}, in x for a default loss and
 *       z for a fused one) or of the activation ({@link Activation#kinks}) are skipped; at most half
 *       may be. With an identity output, z is also placed 1.5h to 3h beside the reported kinks, where
 *       the seed must already follow the branch on its side. The seed is per sample: the value
 *       differentiated is the batch's Σ_n L_n, not its mean.
 *   <li>{@link Loss#seed} overwrites every entry of delta with a finite number (in float32: finite
 *       after rounding to float), leaves z, x and y unchanged, and returns the same Σ_n L_n as
 *       {@link Loss#value} (within 1e-12·max(1, |L|)). Float64 and float32.
 *   <li>The value is finite, every row's L_n is ≥ 0, and the batch's value is the sum of its rows'.
 *       Float64 and float32: value and seed must be finite for float-representable outputs and
 *       targets too.
 *   <li>A fused loss accepts an {@code identity} output layer and no other activation under test. Its
 *       {@link Loss#link} gives probabilities: every entry in [0, 1], and rows summing to 1 when the
 *       targets are one-hot (float64 and float32). Value, seed and link stay finite for large logits
 *       (float64 and float32): up to ±{@value #FUSED_FINITE_LOGITS} in float64, beyond where e^z
 *       overflows (709.78) and underflows (−745.13) a double, which only a max-subtracting log-sum-exp
 *       survives; up to ±{@value #FUSED_FINITE_LOGITS_FLOAT32} in float32, the range where e^z is a
 *       normal float (e^−87.34 to e^88.72) with room to spare: e^80 ≈ 5.5·10³⁴, so even a sum of e^z
 *       over 6000 classes stays below {@link Float#MAX_VALUE}. Since a loss computes in double in both
 *       precisions, the float64 bound is the stronger requirement; the float32 run adds float logits
 *       and the rounding of the seed.
 *   <li>The targets the kit draws pass {@link TargetKind#check} (float64 and float32, where they are
 *       rounded to float).
 * </ul>
 *
 * <p>The output activations used are {@link #outputActivations()}, filtered by
 * {@link Loss#acceptsOutputActivation}.
 */
public interface LossContract {

  /** The step h of the central differences. */
  double FINITE_DIFFERENCE_STEP = 1e-5;

  /** c in the absolute tolerance c·ε·max(1, |L|)/h of the finite-difference check. */
  double ROUNDING_ALLOWANCE = 64;

  /** The relative tolerance of the finite-difference check. */
  double RELATIVE_TOLERANCE = 1e-6;

  /** In float64, a fused loss stays finite for logits up to ± this. */
  double FUSED_FINITE_LOGITS = 1000;

  /** In float32, a fused loss stays finite for logits up to ± this. */
  double FUSED_FINITE_LOGITS_FLOAT32 = 80;

  /** The loss under test. Called once per test. */
  Loss loss();

  /**
   * The output activations to test with, by the name {@link Loss#acceptsOutputActivation} is asked
   * about. The default is {@code identity} and a smooth, non-trivial {@code tanh} (both defined
   * here, so the kit needs no activation plugin). Override to add others; those the loss does not
   * accept are left out.
   */
  default Map<String, Activation> outputActivations() {
    Map<String, Activation> activations = new LinkedHashMap<>();
    activations.put("identity", identityActivation());
    activations.put("tanh", tanhActivation());
    return activations;
  }

  @Test
  default void declaresItsSeedingTargetsAndKinks() {
    Loss loss = loss();
    assertNotNull(loss.seeding(), () -> Named.loss(loss) + ": seeding() returned null");
    assertNotNull(loss.targets(), () -> Named.loss(loss) + ": targets() returned null");
    for (double y : new double[] {-1, 0, 0.5, 1}) {
      assertNotNull(loss.kinks(y), () -> Named.loss(loss) + ": kinks(" + y + ") returned null");
    }
    assertFalse(accepted(loss).isEmpty(), () -> Named.loss(loss) + " accepts none of the output activations under test "
        + outputActivations().keySet());
  }

  @Test
  default void seedMatchesCentralFiniteDifferencesOfValue() {
    Loss loss = loss();
    Random random = new Random(0x5eed_0001L);
    int checked = 0;
    int total = 0;
    for (Map.Entry<String, Activation> entry : accepted(loss)) {
      for (int rows : batchRows()) {
        for (int cols : batchCols()) {
          for (int batch = 0; batch < 4; batch++) {
            // the last batch far from the targets: a seed wrong only for large residuals is caught too
            double[] z = gaussians(random, rows * cols, batch < 3 ? 1.5 : 12);
            double[] y = targets(loss.targets(), rows, cols, random);
            checked += checkSeedByFiniteDifferences(loss, entry.getKey(), entry.getValue(), z, y, rows, cols);
            total += rows * cols;
          }
        }
      }
    }
    String coverage = Named.loss(loss) + ": only " + checked + " of " + total
        + " coordinates could be checked; the others crossed a kink";
    assertTrue(2 * checked >= total, coverage);
  }

  @Test
  default void seedMatchesCentralFiniteDifferencesBesideItsKinks() {
    Loss loss = loss();
    Activation identity = outputActivations().get("identity");
    assumeTrue(identity != null && loss.acceptsOutputActivation("identity"), "needs an identity output");
    Random random = new Random(0x5eed_0007L);
    double h = FINITE_DIFFERENCE_STEP;
    int rows = 5;
    int cols = 4;
    int placed = 0;
    for (int batch = 0; batch < 3; batch++) {
      double[] z = gaussians(random, rows * cols, 1.5);
      double[] y = targets(loss.targets(), rows, cols, random);
      // With identity output the loss's input is z itself, so z can be put next to a kink: either
      // 1.5h to 3h away on a random side, where the branch taken must already be the right one,
      // or within h/2, where the difference straddles the kink and the coordinate is skipped.
      for (int i = 0; i < z.length; i++) {
        double[] kinks = loss.kinks(y[i]);
        if (kinks.length == 0) {
          continue;
        }
        double kink = kinks[random.nextInt(kinks.length)];
        double side = random.nextBoolean() ? 1 : -1;
        z[i] = random.nextInt(3) == 0
            ? kink + (random.nextDouble() - 0.5) * h
            : kink + side * (1.5 + 1.5 * random.nextDouble()) * h;
        placed++;
      }
      checkSeedByFiniteDifferences(loss, "identity", identity, z, y, rows, cols);
    }
    assumeTrue(placed > 0, "the loss reports no kinks");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void seedOverwritesDeltaLeavesItsInputsAndReturnsTheValue(Precision precision) {
    Loss loss = loss();
    Random random = new Random(0x5eed_0002L);
    for (Map.Entry<String, Activation> entry : accepted(loss)) {
      for (int rows : batchRows()) {
        for (int cols : batchCols()) {
          int n = rows * cols;
          double[] z = precision.round(gaussians(random, n, 1.5));
          double[] x = precision.round(forward(entry.getValue(), z));
          double[] y = precision.round(targets(loss.targets(), rows, cols, random));
          double[] zCopy = z.clone();
          double[] xCopy = x.clone();
          double[] yCopy = y.clone();
          // two entries past rows × cols, which the loss must leave alone (as an activation leaves those past count)
          double[] delta = new double[n + 2];
          Arrays.fill(delta, Double.NaN);
          double seeded = loss.seed(z, x, y, delta, rows, cols);
          String where = Named.loss(loss) + " with output " + entry.getKey() + ", batch " + rows + "×" + cols
              + " in " + precision;
          assertTrue(Arrays.equals(z, zCopy), () -> where + ": seed() modified z");
          assertTrue(Arrays.equals(x, xCopy), () -> where + ": seed() modified x");
          assertTrue(Arrays.equals(y, yCopy), () -> where + ": seed() modified y");
          for (int i = 0; i < n; i++) {
            int at = i;
            assertTrue(Double.isFinite(precision.round(delta[i])), () -> where + ": seed() left delta[" + at + "] = "
                + delta[at] + " (delta was filled with NaN first: the seed must overwrite, not accumulate; "
                + "in float32 it must also fit a float)");
          }
          for (int i = n; i < delta.length; i++) {
            int at = i;
            assertTrue(Double.isNaN(delta[i]), () -> where + ": seed() wrote delta[" + at + "], at or beyond rows × cols"
                + " = " + n + "; a loss writes only the first rows × cols entries");
          }
          double value = loss.value(z, x, y, rows, cols);
          // a NaN would be the tolerance below, and JUnit would say only "positive delta expected"
          assertTrue(Double.isFinite(value), () -> where + ": value() returned " + value + " for finite outputs and"
              + " targets");
          assertTrue(Double.isFinite(seeded), () -> where + ": seed() returned " + seeded + " for finite outputs and"
              + " targets");
          assertEquals(value, seeded, 1e-12 * Math.max(1, Math.abs(value)),
              () -> where + ": seed() returned a different Σ L_n than value()");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void valueIsTheSumOfFiniteNonNegativeRowLosses(Precision precision) {
    Loss loss = loss();
    Random random = new Random(0x5eed_0003L);
    for (Map.Entry<String, Activation> entry : accepted(loss)) {
      for (int cols : batchCols()) {
        for (int batch = 0; batch < 3; batch++) {
          int rows = 5;
          double[] z = precision.round(gaussians(random, rows * cols, 3));
          double[] x = precision.round(forward(entry.getValue(), z));
          double[] y = precision.round(targets(loss.targets(), rows, cols, random));
          double total = loss.value(z, x, y, rows, cols);
          String where = Named.loss(loss) + " with output " + entry.getKey() + ", batch " + rows + "×" + cols
              + " in " + precision;
          assertTrue(Double.isFinite(total), () -> where + ": value() = " + total);
          double sum = 0;
          double magnitude = 0;
          for (int row = 0; row < rows; row++) {
            double rowLoss = loss.value(row(z, row, cols), row(x, row, cols), row(y, row, cols), 1, cols);
            int r = row;
            assertTrue(Double.isFinite(rowLoss) && rowLoss >= 0,
                () -> where + ": row " + r + " has L_n = " + rowLoss + ", expected a finite number >= 0");
            sum += rowLoss;
            magnitude += Math.abs(rowLoss);
          }
          assertEquals(sum, total, 1e-12 * Math.max(1, magnitude),
              () -> where + ": value() of the batch is not the sum of its rows' values");
        }
      }
    }
  }

  @Test
  default void fusedLossAcceptsIdentityOutputOnly() {
    Loss loss = loss();
    assumeTrue(loss.seeding() == Seeding.FUSED, "applies to fused losses");
    assertTrue(loss.acceptsOutputActivation("identity"),
        () -> Named.loss(loss) + " is fused (it writes ∂L/∂z) but rejects an identity output layer");
    for (String name : outputActivations().keySet()) {
      if (!name.equals("identity")) {
        assertFalse(loss.acceptsOutputActivation(name), () -> Named.loss(loss)
            + " is fused (it writes ∂L/∂z, not ∂L/∂x) "
            + "but accepts output activation " + name + ", whose φ′ nothing would apply");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void linkOfAFusedLossGivesProbabilities(Precision precision) {
    Loss loss = loss();
    assumeTrue(loss.seeding() == Seeding.FUSED, "applies to fused losses");
    Random random = new Random(0x5eed_0004L);
    for (int cols : batchCols()) {
      for (double spread : new double[] {1, 10, 100}) {
        int rows = 5;
        double[] z = precision.round(gaussians(random, rows * cols, spread));
        assertProbabilities(loss, z, rows, cols);
      }
    }
  }

  /**
   * Value, seed and link of a fused loss stay finite for logits up to ±{@value #FUSED_FINITE_LOGITS} in
   * float64 and ±{@value #FUSED_FINITE_LOGITS_FLOAT32} in float32 (the seed after rounding to float).
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void fusedLossStaysFiniteForLargeLogits(Precision precision) {
    Loss loss = loss();
    assumeTrue(loss.seeding() == Seeding.FUSED, "applies to fused losses");
    double[] extremes = precision == Precision.FLOAT32
        ? new double[] {-FUSED_FINITE_LOGITS_FLOAT32, -64.5, -40, -1, 0, 1, 40, 64.5, FUSED_FINITE_LOGITS_FLOAT32}
        : new double[] {-FUSED_FINITE_LOGITS, -745, -710, -40, -1, 0, 1, 40, 710, 745, FUSED_FINITE_LOGITS};
    Random random = new Random(0x5eed_0005L);
    for (int cols : batchCols()) {
      for (int batch = 0; batch < 12; batch++) {
        int rows = 5;
        int n = rows * cols;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
          z[i] = extremes[random.nextInt(extremes.length)];
        }
        double[] y = precision.round(targets(loss.targets(), rows, cols, random));
        double[] delta = new double[n];
        double value = loss.value(z, z, y, rows, cols);
        double seeded = loss.seed(z, z, y, delta, rows, cols);
        String where = Named.loss(loss) + " at z = " + Arrays.toString(z) + ", y = " + Arrays.toString(y) + " in "
            + precision;
        assertTrue(Double.isFinite(value) && value >= 0, () -> where + ": value() = " + value);
        assertEquals(value, seeded, 1e-12 * Math.max(1, Math.abs(value)), () -> where + ": seed() returned "
            + seeded + ", value() " + value);
        for (int i = 0; i < n; i++) {
          int at = i;
          assertTrue(Double.isFinite(precision.round(delta[i])), () -> where + ": delta[" + at + "] = " + delta[at]);
        }
        assertProbabilities(loss, z, rows, cols);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Precision.class)
  default void drawnTargetsPassTheTargetCheck(Precision precision) {
    Loss loss = loss();
    Random random = new Random(0x5eed_0006L);
    for (int rows : batchRows()) {
      for (int cols : batchCols()) {
        double[] y = precision.round(targets(loss.targets(), rows, cols, random));
        for (int row = 0; row < rows; row++) {
          int r = row;
          assertNull(loss.targets().check(y, row, cols), () -> Named.loss(loss) + ": " + loss.targets()
              + ".check rejects row "
              + r + " of " + Arrays.toString(y));
        }
      }
    }
  }

  /**
   * One instance, called from two threads at once, gives each thread the bits it gives one thread alone: the core
   * shares a loss between threads (a batch's parts on a cluster's executor, two runs in one JVM), so a loss keeps
   * no mutable state, such as a scratch array in a field.
   */
  @Test
  default void oneInstanceCalledFromTwoThreadsAtOnceGivesTheSameBits() throws Exception {
    Loss loss = loss();
    Map.Entry<String, Activation> output = accepted(loss).get(0);
    int rows = 64;
    int cols = 4;
    int n = rows * cols;
    double[][] z = new double[2][];
    double[][] x = new double[2][];
    double[][] y = new double[2][];
    double[][] alone = new double[2][n];
    double[] sums = new double[2];
    Random random = new Random(0x5eed_0009L);
    for (int t = 0; t < 2; t++) {
      z[t] = gaussians(random, n, 1.5 + 3 * t);
      x[t] = forward(output.getValue(), z[t]);
      y[t] = targets(loss.targets(), rows, cols, random);
      sums[t] = loss.seed(z[t], x[t], y[t], alone[t], rows, cols);
    }
    String[] differed = TwoThreads.differences(own -> {
      double[] delta = new double[n];
      return () -> {
        double sum = loss.seed(z[own], x[own], y[own], delta, rows, cols);
        return Double.compare(sum, sums[own]) != 0 || !Arrays.equals(delta, alone[own])
            ? "Σ L_n " + sum + " (alone " + sums[own] + ")" : null;
      };
    });
    for (int t = 0; t < 2; t++) {
      int own = t;
      assertTrue(differed[own] == null, () -> Named.loss(loss)
          + ": seed() from two threads at once gave other values than from"
          + " one, in thread " + own + ", " + differed[own] + ": a loss must keep no mutable state (no scratch array"
          + " in a field), because the core calls one instance from several threads");
    }
  }

  // The kit's own machinery, private so that implementors see only loss() and outputActivations().

  /** Batch heights every check uses. */
  private static int[] batchRows() {
    return new int[] {1, 5};
  }

  /** Batch widths every check uses: one output, a few, and as many as ten classes. */
  private static int[] batchCols() {
    return new int[] {1, 4, 10};
  }

  private List<Map.Entry<String, Activation>> accepted(Loss loss) {
    List<Map.Entry<String, Activation>> accepted = new ArrayList<>();
    for (Map.Entry<String, Activation> entry : outputActivations().entrySet()) {
      if (loss.acceptsOutputActivation(entry.getKey())) {
        accepted.add(entry);
      }
    }
    return accepted;
  }

  /**
   * Compares the seed, chained with φ′ for a default loss, with central differences of value() at every
   * coordinate of z whose perturbation crosses no kink; fails on the first mismatch.
   *
   * @param z output pre-activations. Not modified.
   * @param y targets. Not modified.
   * @return how many coordinates were compared
   */
  private static int checkSeedByFiniteDifferences(Loss loss, String activationName, Activation phi, double[] z,
      double[] y, int rows, int cols) {
    int n = rows * cols;
    double h = FINITE_DIFFERENCE_STEP;
    double[] x = forward(phi, z);
    double[] gradient = chainedSeed(loss, phi, z, x, y, rows, cols);
    double value = loss.value(z, x, y, rows, cols);
    int checked = 0;
    for (int i = 0; i < n; i++) {
      if (crossesKink(loss, phi, z, x, y[i], i)) {
        continue;
      }
      checked++;
      double[] zPlus = z.clone();
      zPlus[i] += h;
      double[] zMinus = z.clone();
      zMinus[i] -= h;
      double plus = loss.value(zPlus, forward(phi, zPlus), y, rows, cols);
      double minus = loss.value(zMinus, forward(phi, zMinus), y, rows, cols);
      double[] zHalfPlus = z.clone();
      zHalfPlus[i] += h / 2;
      double[] zHalfMinus = z.clone();
      zHalfMinus[i] -= h / 2;
      double halfPlus = loss.value(zHalfPlus, forward(phi, zHalfPlus), y, rows, cols);
      double halfMinus = loss.value(zHalfMinus, forward(phi, zHalfMinus), y, rows, cols);
      // the steps actually taken, which rounding may make differ from 2h and h in the last bits
      CentralDifference fd = new CentralDifference((plus - minus) / (zPlus[i] - zMinus[i]),
          (halfPlus - halfMinus) / (zHalfPlus[i] - zHalfMinus[i]));
      double difference = fd.estimate();
      double scale = Math.max(1, Math.max(Math.abs(value), Math.max(Math.abs(plus), Math.abs(minus))));
      double tolerance = CentralDifference.ROUNDING_FACTOR * ROUNDING_ALLOWANCE * Math.ulp(1.0) * scale / h
          + fd.truncationAllowance() + RELATIVE_TOLERANCE * Math.abs(difference);
      double error = Math.abs(gradient[i] - difference);
      if (!(error <= tolerance)) {
        fail(Named.loss(loss) + " with output " + activationName + ", batch " + rows + "×" + cols + ", row " + i / cols
            + ", column " + i % cols + ": the seed gives ∂L/∂z = " + gradient[i]
            + " but the central finite differences of value() give " + difference + " (" + fd.atStep() + " with"
            + " step h = " + h + ", " + fd.atHalfStep() + " with h/2, extrapolated; error " + error
            + ", tolerance " + tolerance + "); z = " + Arrays.toString(z) + ", y = " + Arrays.toString(y));
      }
    }
    return checked;
  }

  /** ∂L/∂z as the core would form it: the seed, times φ′(z) for a default loss. */
  private static double[] chainedSeed(Loss loss, Activation phi, double[] z, double[] x, double[] y, int rows,
      int cols) {
    double[] delta = new double[rows * cols];
    loss.seed(z, x, y, delta, rows, cols);
    if (loss.seeding() == Seeding.DEFAULT) {
      phi.backward(z, x, delta, rows * cols);
    }
    return delta;
  }

  /** Whether z[i] ± h moves the loss's input or z itself across a kink, where differences are unreliable. */
  private static boolean crossesKink(Loss loss, Activation phi, double[] z, double[] x, double y, int i) {
    double h = FINITE_DIFFERENCE_STEP;
    double zLow = z[i] - h;
    double zHigh = z[i] + h;
    for (double kink : phi.kinks()) {
      if (zLow <= kink && kink <= zHigh) {
        return true;
      }
    }
    double low;
    double high;
    if (loss.seeding() == Seeding.FUSED) {
      low = zLow;
      high = zHigh;
    } else {
      double a = phi.phi(zLow);
      double b = phi.phi(zHigh);
      low = Math.min(x[i], Math.min(a, b));
      high = Math.max(x[i], Math.max(a, b));
    }
    for (double kink : loss.kinks(y)) {
      if (low <= kink && kink <= high) {
        return true;
      }
    }
    return false;
  }

  private static void assertProbabilities(Loss loss, double[] z, int rows, int cols) {
    double[] zCopy = z.clone();
    double[] out = new double[rows * cols];
    Arrays.fill(out, Double.NaN);
    loss.link(z, z, out, rows, cols);
    String where = Named.loss(loss) + ": link(z = " + Arrays.toString(z) + ") = " + Arrays.toString(out);
    assertTrue(Arrays.equals(z, zCopy), () -> where + " modified z");
    boolean probabilities = loss.targets() == TargetKind.ONE_HOT || loss.targets() == TargetKind.BINARY;
    for (int row = 0; row < rows; row++) {
      double sum = 0;
      for (int k = 0; k < cols; k++) {
        double p = out[row * cols + k];
        assertTrue(Double.isFinite(p), () -> where + ": not finite");
        if (probabilities) {
          assertTrue(p >= 0 && p <= 1, () -> where + ": " + p + " is not a probability");
        }
        sum += p;
      }
      if (loss.targets() == TargetKind.ONE_HOT) {
        assertEquals(1.0, sum, 1e-12 * cols, where + ": a row of class probabilities must sum to 1");
      }
    }
  }

  private static double[] forward(Activation phi, double[] z) {
    double[] x = new double[z.length];
    phi.forward(z, x, z.length);
    return x;
  }

  private static double[] gaussians(Random random, int n, double spread) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = spread * random.nextGaussian();
    }
    return values;
  }

  private static double[] row(double[] values, int row, int cols) {
    return Arrays.copyOfRange(values, row * cols, (row + 1) * cols);
  }

  /** Valid targets of {@code kind}, rows × cols. */
  private static double[] targets(TargetKind kind, int rows, int cols, Random random) {
    double[] y = new double[rows * cols];
    for (int row = 0; row < rows; row++) {
      int base = row * cols;
      int hot = random.nextInt(cols);
      for (int k = 0; k < cols; k++) {
        switch (kind) {
          case REAL:
            y[base + k] = 4 * random.nextDouble() - 2;
            break;
          case ONE_HOT:
            y[base + k] = k == hot ? 1 : 0;
            break;
          case BINARY:
            y[base + k] = random.nextBoolean() ? 1 : 0;
            break;
          case SIGNED:
            y[base + k] = random.nextBoolean() ? 1 : -1;
            break;
          default:
            throw new AssertionError("no targets are drawn for " + kind);
        }
      }
    }
    return y;
  }

  private static Activation identityActivation() {
    return new Activation() {
      @Override
      public double phi(double z) {
        return z;
      }

      @Override
      public double phiPrime(double z, double x) {
        return 1;
      }

      @Override
      public String toString() {
        return "identity";
      }
    };
  }

  private static Activation tanhActivation() {
    return new Activation() {
      @Override
      public double phi(double z) {
        return Math.tanh(z);
      }

      @Override
      public double phiPrime(double z, double x) {
        return 1 - x * x;
      }

      @Override
      public String toString() {
        return "tanh";
      }
    };
  }
}
