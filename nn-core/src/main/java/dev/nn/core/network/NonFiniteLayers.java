package dev.nn.core.network;

import dev.nn.core.kernel.Matrix;
import dev.nn.core.kernel.Precision;
import java.util.Optional;

/**
 * Where the layers of a pass stopped being finite, looked back at once a loss or a prediction is known not to be
 * (never in the loop): the first layer whose z is not finite (the weights or the inputs took the network out of
 * range), or whose activation broke its contract — φ is never NaN for a finite z, and finite within ±700 (±88 in
 * float32); beyond, it may overflow as its true value does, which is the network's doing, not the plugin's. Shared
 * by training's look-back, the gradient check's and a model's prediction's.
 */
public final class NonFiniteLayers {
  /** What a detail says when φ's value was finite and float32's rounding made it infinite. */
  public static final String IN_FLOAT32 = "this run computes in float32";

  private NonFiniteLayers() {}

  /**
   * What the look-back found.
   *
   * @param layer the layer, from 1
   * @param zNotFinite whether the layer's z is not finite (then {@code detail} is empty): no activation is at fault
   *     there, though a derivative may have made the weights so an update earlier
   * @param detail what the activation returned for what: "returned NaN for z = 0.5"
   */
  public record Finding(int layer, boolean zNotFinite, String detail) {}

  /** The first layer of the pass on {@code ws}'s first {@code rows} rows whose z or φ is not finite, if any. */
  public static Optional<Finding> find(Network network, Workspace ws, int rows) {
    for (int l = 1; l <= network.outputLayer(); l++) {
      double[] z = values(ws.z(l), rows * network.width(l));
      double[] x = values(ws.x(l), rows * network.width(l));
      if (firstNonFinite(z) >= 0) {
        return Optional.of(new Finding(l, true, ""));
      }
      int bad = firstNonFinite(x);
      if (bad >= 0 && (Double.isNaN(x[bad]) || Math.abs(z[bad]) <= finiteRange(network))) {
        return Optional.of(new Finding(l, false, returned(network, l, x[bad], z[bad])));
      }
    }
    return Optional.empty();
  }

  /** The |z| within which an activation must give a finite φ(z): 700, or 88 in float32. */
  public static double finiteRange(Network network) {
    return network.kernels().precision() == Precision.FLOAT32 ? 88 : 700;
  }

  /** The first {@code count} values of {@code m}, as doubles: a copy, for a look-back off the hot path. */
  public static double[] values(Matrix m, int count) {
    double[] values = new double[count];
    m.get(0, values, 0, count);
    return values;
  }

  /** The index of the first value that is NaN or infinite, or -1. */
  public static int firstNonFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * "returned NaN for z = 0.5"; in float32, where φ's value is rounded to a float, the value φ itself returned
   * when it was finite and the rounding made the infinity: a plugin quoted as returning −Infinity never did.
   */
  private static String returned(Network network, int layer, double x, double z) {
    if (Double.isInfinite(x) && network.kernels().precision() == Precision.FLOAT32) {
      double own;
      try {
        own = network.activation(layer).phi(z);
      } catch (RuntimeException e) {
        own = x;
      }
      if (Double.isFinite(own)) {
        return "returned " + own + " for z = " + z + ", beyond float32's largest magnitude " + Float.MAX_VALUE
            + " (" + IN_FLOAT32 + ", where φ must stay within a float's range for |z| <= 88)";
      }
    }
    return "returned " + x + " for z = " + z;
  }
}
