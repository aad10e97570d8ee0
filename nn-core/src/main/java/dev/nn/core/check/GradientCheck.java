package dev.nn.core.check;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.network.Workspace;
import dev.nn.core.plugin.PluginResults;
import dev.nn.core.kernel.Matrix;
import dev.nn.core.text.Grouped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Compares the engine's gradient of J = (1/B)·Σ_n L_n + (λ/2)·Σw² with central finite differences.
 *
 * <p>The rule, for every free parameter θ (a parameter shared by several edges is perturbed once, moving
 * all of them; absent edges are not parameters and are not checked):
 * <ul>
 *   <li>step h = 1e-5·max(1, |θ|); ĝ = (J(θ+h) − J(θ−h)) / ((θ+h) − (θ−h)), the denominator taken as
 *       the floating-point difference actually applied;
 *   <li>the coordinate passes when |g − ĝ| ≤ atol + 1e-6·max(|g|, |ĝ|), with atol = 10·ε·max(1, |J|)/h,
 *       the rounding floor of the difference quotient;
 *   <li>a coordinate whose perturbation moves any z(l) across a kink of its activation, or the loss's input
 *       across a kink of the loss, is skipped and counted; more than 1% skipped fails the check;
 *   <li>over the coordinates checked, ‖g − ĝ‖₂ ≤ 1e-7·max(‖g‖₂, ‖ĝ‖₂) + ‖atol‖₂.
 * </ul>
 */
public final class GradientCheck {
  /** Relative step. */
  public static final double STEP = 1e-5;
  /** Per-coordinate relative tolerance. */
  public static final double RELATIVE = 1e-6;
  /** Normwise relative tolerance. */
  public static final double NORMWISE = 1e-7;
  /** Largest fraction of coordinates that may be skipped at kinks. */
  public static final double MAX_SKIPPED = 0.01;

  private GradientCheck() {}

  /**
   * One coordinate that failed.
   *
   * @param where the parameter, e.g. {@code layers[2].W[3][1]} (w(2)31)
   */
  public record Mismatch(int index, String where, double analytic, double numeric, double allowed) {
    @Override
    public String toString() {
      return where + ": backprop " + sig(analytic, 8) + ", finite difference " + sig(numeric, 8) + ", |difference| "
          + sig(Math.abs(analytic - numeric), 3) + " > allowed " + sig(allowed, 3);
    }

    /** How far outside its tolerance: |difference| / allowed. */
    double excess() {
      return Math.abs(analytic - numeric) / allowed;
    }
  }

  /**
   * The outcome.
   *
   * @param checked coordinates compared
   * @param skipped coordinates skipped because a perturbation crossed a kink
   * @param mismatches coordinates outside the tolerance
   * @param normError ‖g − ĝ‖₂ over checked coordinates
   * @param normAllowed the normwise bound it was held to
   * @param objective J at the unperturbed parameters
   * @param seed the seed that produced the network and data, for reproducing a failure
   * @param hint what the mismatches point at when they form a pattern ({@link MismatchPattern}), else empty
   */
  public record Result(int checked, int skipped, List<Mismatch> mismatches, double normError,
      double normAllowed, double objective, long seed, String hint) {
    /** Mismatches a report lists. */
    static final int REPORTED = 5;

    /** The outcome without a hint. */
    public Result(int checked, int skipped, List<Mismatch> mismatches, double normError, double normAllowed,
        double objective, long seed) {
      this(checked, skipped, mismatches, normError, normAllowed, objective, seed, "");
    }

    /** Whether every rule held. */
    public boolean passed() {
      return Double.isFinite(objective) && mismatches.isEmpty() && normError <= normAllowed && !tooManySkipped();
    }

    /** Whether more than 1% of the coordinates were skipped. */
    public boolean tooManySkipped() {
      return skipped > MAX_SKIPPED * (checked + skipped);
    }

    /**
     * A readable summary: the counts, the normwise error and its bound (three significant digits), J, the seed,
     * and the worst mismatches (furthest outside their tolerance), at most {@value #REPORTED}.
     */
    public String report() {
      if (!Double.isFinite(objective)) {
        // every difference of NaNs is "outside its tolerance": listing them would hide the one fact that matters
        return "gradient check FAILED: J = " + objective + " at the parameters given, so no derivative can be"
            + " compared: the loss or an activation gives a value that is not a finite number for these samples, whose"
            + " values take it beyond its finite range (a third-party plugin that does so for ordinary values is"
            + " named instead); seed " + seed;
      }
      List<Mismatch> nan = mismatches.stream().filter(m -> !Double.isFinite(m.analytic())).toList();
      if (!nan.isEmpty()) {
        // a bound of NaN and differences of NaN say nothing; where backprop is not finite is the whole story
        StringBuilder s = new StringBuilder("gradient check FAILED: backprop gave a value that is not finite for ")
            .append(nan.size()).append(" of ").append(checked).append(" parameters while J = ").append(sig(objective, 6))
            .append(" is finite: an activation's φ′ or the loss's seed returned NaN or an infinity for finite"
                + " arguments; seed ").append(seed);
        for (Mismatch m : nan.subList(0, Math.min(REPORTED, nan.size()))) {
          s.append("\n  ").append(m.where()).append(": backprop ").append(m.analytic()).append(", finite difference ")
              .append(sig(m.numeric(), 8));
        }
        return s.toString();
      }
      StringBuilder s = new StringBuilder();
      s.append(passed() ? "gradient check passed" : "gradient check FAILED")
          // grouped as the network's line before it groups them: "2,970 free parameters"
          .append(": ").append(Grouped.of(checked)).append(" parameters checked, ").append(Grouped.of(skipped))
          .append(" skipped at kinks, ").append(Grouped.of(mismatches.size())).append(" mismatched; ‖g − ĝ‖ = ")
          .append(sig(normError, 3)).append(" (allowed ").append(sig(normAllowed, 3)).append("); J = ")
          .append(sig(objective, 6)).append("; seed ").append(seed);
      List<Mismatch> worst = mismatches.stream()
          .sorted(java.util.Comparator.comparingDouble(Mismatch::excess).reversed()).limit(REPORTED).toList();
      if (!worst.isEmpty()) {
        s.append(mismatches.size() > REPORTED ? "\nthe " + REPORTED + " worst:" : "");
      }
      for (Mismatch m : worst) {
        s.append("\n  ").append(m);
      }
      if (!passed() && !hint.isEmpty()) {
        s.append("\n  ").append(hint);
      }
      if (tooManySkipped()) {
        s.append("\n  more than 1% of coordinates skipped at kinks: too few checked to speak for the gradient"
            + (mismatches.isEmpty() ? " (those checked agree)" : "") + "; other weights or samples (another seed)"
            + " usually move the pre-activations off the kinks");
      }
      if (objective < 0) {
        // the gradient may well be right; the value breaks the loss's contract, which nn's figures rely on
        s.append("\n  note: J is negative, but every row's loss L_n must be >= 0 (the loss SPI's contract:"
            + " divergence is judged by the loss's growth, and reports show it as a size); the loss breaks it");
      }
      return s.toString();
    }
  }

  /**
   * Runs backprop on the batch, then compares its gradient with finite differences. The network's
   * parameters are unchanged afterwards.
   *
   * @param x inputs, rows × n(0). Not modified.
   * @param y targets, rows × n(L+1). Not modified.
   */
  public static Result run(Network network, Loss loss, double[] x, double[] y, int rows, double lambda, long seed) {
    return run(network, loss, x, y, rows, lambda, seed, done -> { });
  }

  /**
   * {@link #run(Network, Loss, double[], double[], int, double, long)}, telling {@code parametersDone} how many
   * parameters are done, now and then: a network of many parameters takes two forward passes for each.
   */
  public static Result run(Network network, Loss loss, double[] x, double[] y, int rows, double lambda, long seed,
      IntConsumer parametersDone) {
    return run(network, loss, prepare(network, x, y, rows), rows, lambda, seed, parametersDone);
  }

  /**
   * {@link #run(Network, Loss, double[], double[], int, double, long, IntConsumer)} with row r's loss weighing
   * {@code weights[r]}: J = (1/B)·Σ_n w_n·L_n + (λ/2)·Σw².
   *
   * @param weights one number {@code >= 0} per row, or {@code null}: each row weighs 1. Not modified.
   */
  public static Result run(Network network, Loss loss, double[] x, double[] y, double[] weights, int rows,
      double lambda, long seed, IntConsumer parametersDone) {
    Workspace ws = prepare(network, x, y, rows);
    for (int r = 0; weights != null && r < rows; r++) {
      ws.setWeight(r, weights[r]);
    }
    ws.weighRows(weights != null);
    return run(network, loss, ws, rows, lambda, seed, parametersDone);
  }

  private static Result run(Network network, Loss loss, Workspace ws, int rows, double lambda, long seed,
      IntConsumer parametersDone) {
    network.forward(ws, rows);
    network.backward(ws, loss);
    network.addL2(lambda);
    double[] analytic = network.parameters().gradsToArray();
    return compare(network, loss, ws, rows, lambda, analytic, seed, parametersDone);
  }

  /**
   * Compares a given gradient with finite differences — the second half of {@link #run}, exposed so a test
   * can show that a planted error is caught.
   *
   * @param analytic ∂J/∂θ in store order. Not modified.
   */
  public static Result compare(Network network, Loss loss, double[] x, double[] y, int rows, double lambda,
      double[] analytic, long seed) {
    return compare(network, loss, prepare(network, x, y, rows), rows, lambda, analytic, seed, done -> { });
  }

  private static Workspace prepare(Network network, double[] x, double[] y, int rows) {
    int in = network.width(0);
    int out = network.width(network.outputLayer());
    if (x.length < rows * in || y.length < rows * out) {
      throw new IllegalArgumentException("expected " + rows + "x" + in + " inputs and " + rows + "x" + out
          + " targets, found " + x.length + " and " + y.length + " values");
    }
    Workspace ws = network.newWorkspace(rows);
    ws.setInput(x, 0, rows);
    System.arraycopy(y, 0, ws.target(), 0, rows * out);
    return ws;
  }

  private static Result compare(Network network, Loss loss, Workspace ws, int rows, double lambda,
      double[] analytic, long seed, IntConsumer parametersDone) {
    ParameterStore params = network.parameters();
    Matrix values = params.values();
    double j0 = objective(network, loss, ws, rows, lambda);
    Snapshot base = Snapshot.take(network, loss, ws, rows);
    List<Mismatch> mismatches = new ArrayList<>();
    int[] layerOf = MismatchPattern.layers(params);
    int[] checkedPerLayer = new int[network.outputLayer() + 1];
    int checked = 0;
    int skipped = 0;
    // the largest differences of the coordinates within their tolerance, smallest first
    java.util.PriorityQueue<Mismatch> largest = new java.util.PriorityQueue<>(
        java.util.Comparator.comparingDouble(m -> Math.abs(m.analytic() - m.numeric())));
    double diff2 = 0;
    double g2 = 0;
    double n2 = 0;
    double atol2 = 0;
    for (int k = 0; k < params.size(); k++) {
      if ((k & 255) == 0) {
        parametersDone.accept(k);
      }
      double theta = values.get(k);
      double h = STEP * Math.max(1.0, Math.abs(theta));
      double plus = theta + h;
      double minus = theta - h;
      values.set(k, plus);
      params.publish();
      double jPlus = objective(network, loss, ws, rows, lambda);
      Snapshot atPlus = Snapshot.take(network, loss, ws, rows);
      values.set(k, minus);
      params.publish();
      double jMinus = objective(network, loss, ws, rows, lambda);
      Snapshot atMinus = Snapshot.take(network, loss, ws, rows);
      values.set(k, theta);
      params.publish();
      if (base.crossesKink(atPlus, network, loss, ws) || base.crossesKink(atMinus, network, loss, ws)) {
        skipped++;
        continue;
      }
      double numeric = (jPlus - jMinus) / (plus - minus);
      double g = analytic[k];
      double atol = 10 * Math.ulp(1.0) * Math.max(1.0, Math.abs(j0)) / h;
      double allowed = atol + RELATIVE * Math.max(Math.abs(g), Math.abs(numeric));
      checked++;
      checkedPerLayer[layerOf[k]]++;
      double d = g - numeric;
      diff2 += d * d;
      g2 += g * g;
      n2 += numeric * numeric;
      atol2 += atol * atol;
      if (!(Math.abs(d) <= allowed)) {
        mismatches.add(new Mismatch(k, params.describe(k), g, numeric, allowed));
      } else if (largest.size() < Result.REPORTED || Math.abs(d) > Math.abs(largest.peek().analytic()
          - largest.peek().numeric())) {
        // within its own tolerance: kept in case only the normwise bound fails, to say where it comes from
        largest.add(new Mismatch(k, params.describe(k), g, numeric, allowed));
        if (largest.size() > Result.REPORTED) {
          largest.poll();
        }
      }
    }
    // leave the workspace as the unperturbed parameters left it
    objective(network, loss, ws, rows, lambda);
    double normError = Math.sqrt(diff2);
    double normAllowed = NORMWISE * Math.sqrt(Math.max(g2, n2)) + Math.sqrt(atol2);
    String hint = mismatches.isEmpty() && normError > normAllowed ? normwiseOnly(largest)
        : MismatchPattern.of(network, loss, mismatches, layerOf, checkedPerLayer);
    return new Result(checked, skipped, List.copyOf(mismatches), normError, normAllowed, j0, seed, hint);
  }

  /**
   * What a check failed by the normwise bound alone says: no coordinate is outside its own tolerance, but their
   * differences add up (a φ′ or a seed off by a factor very near 1 spoils every gradient a little), and where the
   * largest of them are.
   */
  private static String normwiseOnly(java.util.PriorityQueue<Mismatch> largest) {
    List<Mismatch> worst = new ArrayList<>(largest);
    worst.sort(java.util.Comparator.comparingDouble((Mismatch m) -> Math.abs(m.analytic() - m.numeric())).reversed());
    StringBuilder s = new StringBuilder("hint: every parameter is within its own tolerance, but ‖g − ĝ‖ is not:"
        + " small differences shared by many parameters add up, as a φ′ or a seed off by a factor very near 1 makes"
        + " them; the largest:");
    for (Mismatch m : worst) {
      s.append("\n    ").append(m.where()).append(": backprop ").append(sig(m.analytic(), 8))
          .append(", finite difference ").append(sig(m.numeric(), 8)).append(", ratio ")
          .append(MismatchPattern.factorText(m.analytic() / m.numeric()));
    }
    return s.toString();
  }

  /** J at the current parameters: forward, then (1/B)·Σ L_n + (λ/2)·Σw². */
  public static double objective(Network network, Loss loss, Workspace ws, int rows, double lambda) {
    network.forward(ws, rows);
    return network.lossValue(ws, loss) / rows + network.l2Value(lambda);
  }

  /** Every z(l) of a forward pass and the values the loss saw, to detect kink crossings. */
  private record Snapshot(double[][] z, double[] lossInput) {
    static Snapshot take(Network network, Loss loss, Workspace ws, int rows) {
      int top = network.outputLayer();
      double[][] z = new double[top + 1][];
      for (int l = 1; l <= top; l++) {
        z[l] = new double[rows * network.width(l)];
        ws.z(l).get(0, z[l], 0, z[l].length);
      }
      double[] in = new double[rows * network.width(top)];
      (loss.seeding() == Seeding.FUSED ? ws.z(top) : ws.x(top)).get(0, in, 0, in.length);
      return new Snapshot(z, in);
    }

    boolean crossesKink(Snapshot other, Network network, Loss loss, Workspace ws) {
      for (int l = 1; l < z.length; l++) {
        double[] kinks = PluginResults.nonNull(network.activation(l).kinks(), network.activation(l), "kinks()");
        if (kinks.length == 0) {
          continue;
        }
        for (int i = 0; i < z[l].length; i++) {
          if (between(kinks, z[l][i], other.z[l][i])) {
            return true;
          }
        }
      }
      double[] target = ws.target();
      for (int i = 0; i < lossInput.length; i++) {
        double[] kinks = PluginResults.nonNull(loss.kinks(target[i]), loss, "kinks(y)");
        if (kinks.length > 0 && between(kinks, lossInput[i], other.lossInput[i])) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether a kink lies in the closed interval between a and b (touching one counts), where the perturbation
     * moved the value at all: a value that stays where it is, on a kink or not, is on one side of it in both
     * evaluations, and its derivative there enters no other coordinate's difference (an input row of zeros leaves
     * z(1) = b(1) however W(1) is perturbed).
     */
    private static boolean between(double[] kinks, double a, double b) {
      if (a == b) {
        return false;
      }
      double lo = Math.min(a, b);
      double hi = Math.max(a, b);
      for (double k : kinks) {
        if (k >= lo && k <= hi) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * {@code v} with {@code digits} significant digits, as a person writes it: plain from 0.001 to a million
   * ("0.764544"), otherwise in scientific notation ("1.64e-11").
   */
  static String sig(double v, int digits) {
    if (v == 0 || !Double.isFinite(v)) {
      return String.valueOf(v);
    }
    java.math.BigDecimal r = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros();
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e6) {
      return r.toPlainString();
    }
    String d = r.unscaledValue().abs().toString();
    int exponent = d.length() - 1 - r.scale();
    return (v < 0 ? "-" : "") + (d.length() == 1 ? d : d.charAt(0) + "." + d.substring(1)) + "e"
        + (exponent >= 0 ? "+" : "") + exponent;
  }
}
