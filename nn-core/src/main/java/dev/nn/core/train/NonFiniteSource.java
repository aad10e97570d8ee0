package dev.nn.core.train;

import dev.nn.core.network.Network;
import dev.nn.core.network.NonFiniteLayers;
import dev.nn.core.network.Workspace;
import java.io.Serializable;
import java.util.Optional;

/**
 * Which plugin made a batch's loss NaN or infinite against its contract: an activation whose φ(z) is NaN for a
 * finite z, or not finite for |z| ≤ 700 (88 in float32); a loss whose value is not finite for finite targets and
 * outputs within a float's range. A NaN that φ′ or the loss's seed puts in δ for finite values shows only at the
 * next update, as weights that are NaN; so once z is not finite, φ′ and the seed are probed.
 * That is a fault of the plugin's code, not a divergence of training — which shows as weights, and so z, that
 * are no longer finite. Looked for only once the loss is known not to be finite: the training loop checks
 * nothing per element.
 *
 * @param kind "activation", "loss" or "optimizer"
 * @param layer the activation's layer, from 1; 0 for the loss; {@link #OPTIMIZER} for the optimizer, whose step
 *     wrote a parameter that is not finite from finite ones (see {@link Trainer#watchOptimizerSteps})
 * @param detail what it returned for what: "returned NaN for z = 0.5"
 */
public record NonFiniteSource(String kind, int layer, String detail) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** What a detail says when the value was finite and float32's rounding made it infinite. */
  public static final String IN_FLOAT32 = NonFiniteLayers.IN_FLOAT32;
  /** The {@link #layer} of the optimizer. */
  public static final int OPTIMIZER = -1;
  /** What a NaN in δ does in training, where it is met only at the next update. */
  private static final String IN_TRAINING = "NaN in δ makes the weights NaN at the update after";
  /** What a NaN in δ does in a gradient check, which makes no update. */
  private static final String IN_GRADIENT_CHECK = "NaN in δ makes backprop's gradient NaN";

  /**
   * The plugin at fault in the last forward and backward pass on {@code ws}, if the values it was given were
   * finite.
   *
   * @param lossSum the batch's loss, which is not finite
   * @param loss the loss that seeded δ(L+1)
   */
  static Optional<NonFiniteSource> find(Network network, Workspace ws, int rows, double lossSum,
      dev.nn.api.Loss loss) {
    return find(network, ws, rows, lossSum, loss, IN_TRAINING);
  }

  /**
   * {@link #find}, saying what a NaN in δ does with {@code deltaEffect}: training's words or a gradient check's.
   */
  private static Optional<NonFiniteSource> find(Network network, Workspace ws, int rows, double lossSum,
      dev.nn.api.Loss loss, String deltaEffect) {
    Optional<NonFiniteLayers.Finding> layer = NonFiniteLayers.find(network, ws, rows);
    if (layer.isPresent()) {
      // a z that is not finite: training diverged, unless a derivative that is NaN for finite arguments made the
      // weights so in an earlier update, which only a probe of φ′ can tell
      return layer.get().zNotFinite() ? derivativeAtFault(network, deltaEffect)
          .or(() -> beyondFloatAtFault(network)).or(() -> seedAtFault(network, ws, rows, loss, deltaEffect))
          : Optional.of(new NonFiniteSource("activation", layer.get().layer(), layer.get().detail()));
    }
    int outputs = rows * network.width(network.outputLayer());
    double[] out = NonFiniteLayers.values(ws.x(network.outputLayer()), outputs);
    double[] target = ws.target();
    for (int i = 0; i < outputs; i++) {
      // a loss need only be finite for outputs a float holds; larger ones are a diverging network's
      if (!Double.isFinite(target[i]) || Math.abs(out[i]) > Float.MAX_VALUE) {
        return Optional.empty();
      }
    }
    return Optional.of(new NonFiniteSource("loss", 0, (Double.isNaN(lossSum) ? "returned NaN"
        : "summed to " + lossSum + " over the batch") + " for finite outputs and targets"));
  }

  /** The plugin object this source names: the activation of its layer in {@code network}, or {@code loss}. */
  public Object pluginIn(Network network, dev.nn.api.Loss loss) {
    return layer == 0 ? ClassWeightedLoss.plain(loss) : layer > 0 ? network.activation(layer) : null;
  }

  /** "(layers[2]) " for an activation, nothing for the loss or the optimizer: for a message naming the plugin. */
  public String where() {
    return layer > 0 ? "(layers[" + layer + "]) " : "";
  }

  /**
   * The plugin at fault when a gradient check found J, or backprop's gradient, not finite at finite parameters,
   * after {@link Network#forward} of the check's rows on {@code ws}: as a training batch's look-back when J is not
   * finite; else a φ′ or a loss's seed that is NaN where the values are finite, probed as there.
   */
  public static Optional<NonFiniteSource> inGradientCheck(Network network, Workspace ws, int rows,
      dev.nn.api.Loss loss) {
    double lossSum = network.lossValue(ws, loss);
    return Double.isFinite(lossSum)
        ? derivativeAtFault(network, IN_GRADIENT_CHECK)
            .or(() -> seedAtFault(network, ws, rows, loss, IN_GRADIENT_CHECK))
        : find(network, ws, rows, lossSum, loss, IN_GRADIENT_CHECK);
  }

  /**
   * The first layer whose activation's φ′, as training computes it (its bulk {@code backward}), is NaN for a
   * finite z where φ(z) is finite: probed on z from 0 out to ±700 (±88 in float32) ({@link #probes}), once training
   * has diverged. A NaN there reaches the weights through δ and shows only as divergence at the next update.
   */
  private static Optional<NonFiniteSource> derivativeAtFault(Network network, String deltaEffect) {
    double[] grid = probes(NonFiniteLayers.finiteRange(network), 2000);
    for (int l = 1; l <= network.outputLayer(); l++) {
      dev.nn.api.Activation phi = network.activation(l);
      double[] x = new double[grid.length];
      double[] delta = new double[grid.length];
      java.util.Arrays.fill(delta, 1);
      try {
        phi.forward(grid, x, grid.length);
        phi.backward(grid, x, delta, grid.length);
      } catch (RuntimeException e) {
        continue; // a probe that throws says nothing here; training would have named the throw
      }
      for (int i = 0; i < grid.length; i++) {
        if (Double.isNaN(delta[i]) && Double.isFinite(x[i])) {
          return Optional.of(new NonFiniteSource("activation", l, "returned NaN from φ′ (phiPrime) for z = "
              + grid[i] + ", where φ(z) = " + x[i] + " (" + deltaEffect + ")"));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * In float32, the first layer whose activation's φ goes beyond a float's range for some |z| ≤ 88, where its
   * contract holds it within: the first batch's z may stay small while φ's values, finite but huge, make the step
   * and so the next z infinite, which shows as training diverging. Probed as {@link #derivativeAtFault} probes φ′.
   */
  private static Optional<NonFiniteSource> beyondFloatAtFault(Network network) {
    if (network.kernels().precision() != dev.nn.core.kernel.Precision.FLOAT32) {
      return Optional.empty();
    }
    double[] grid = probes(NonFiniteLayers.finiteRange(network), 2000);
    for (int l = 1; l <= network.outputLayer(); l++) {
      dev.nn.api.Activation phi = network.activation(l);
      double[] x = new double[grid.length];
      try {
        phi.forward(grid, x, grid.length);
      } catch (RuntimeException e) {
        continue; // a probe that throws says nothing here; training would have named the throw
      }
      for (int i = 0; i < grid.length; i++) {
        if (Double.isFinite(x[i]) && Math.abs(x[i]) > Float.MAX_VALUE) {
          return Optional.of(new NonFiniteSource("activation", l, "returned " + x[i] + " for z = " + grid[i]
              + ", beyond float32's largest magnitude " + Float.MAX_VALUE + " (" + IN_FLOAT32 + ", where φ must stay"
              + " within a float's range for |z| <= 88)"));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The loss, when its seed δ(L+1) holds NaN for finite outputs where its value is finite: probed with the batch's
   * targets and every output z set to each of a grid of values from 0 out to ±700 (±88 in float32) in turn, x being
   * the output activation's φ(z).
   */
  private static Optional<NonFiniteSource> seedAtFault(Network network, Workspace ws, int rows,
      dev.nn.api.Loss loss, String deltaEffect) {
    int cols = network.width(network.outputLayer());
    int n = rows * cols;
    double[] y = java.util.Arrays.copyOf(ws.target(), n);
    if (NonFiniteLayers.firstNonFinite(y) >= 0) {
      return Optional.empty();
    }
    dev.nn.api.Activation phi = network.activation(network.outputLayer());
    double[] z = new double[n];
    double[] x = new double[n];
    double[] delta = new double[n];
    for (double at : probes(NonFiniteLayers.finiteRange(network), 200)) {
      java.util.Arrays.fill(z, at);
      try {
        phi.forward(z, x, n);
        if (NonFiniteLayers.firstNonFinite(x) >= 0 || !Double.isFinite(loss.value(z, x, y, rows, cols))) {
          continue;
        }
        loss.seed(z, x, y, delta, rows, cols);
      } catch (RuntimeException e) {
        continue; // a probe that throws says nothing here; training would have named the throw
      }
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(delta[i])) {
          return Optional.of(new NonFiniteSource("loss", 0, "put NaN in its seed δ(L+1) for the output z = " + at
              + ", x = " + x[i] + " and the target y = " + y[i] + ", where its value is finite (" + deltaEffect
              + ")"));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The z a probe tries: 0, then ±range·(k/steps)² for k = 1 … steps, outward from 0 — dense near 0, where values
   * mostly are, reaching the whole range, and in this order so that the value named is the least extreme at fault.
   */
  static double[] probes(double range, int steps) {
    double[] z = new double[2 * steps + 1];
    for (int k = 1; k <= steps; k++) {
      double t = (double) k / steps;
      z[2 * k - 1] = range * t * t;
      z[2 * k] = -range * t * t;
    }
    return z;
  }



}
