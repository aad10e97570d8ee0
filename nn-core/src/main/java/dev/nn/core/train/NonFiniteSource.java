package dev.nn.core.train;

import dev.nn.core.kernel.Matrix;
import dev.nn.core.network.Network;
import dev.nn.core.network.Workspace;
import java.io.Serializable;
import java.util.Optional;

/**
 * Which plugin made a batch's loss NaN or infinite although everything it was given was finite: an activation
 * whose φ(z) is not finite for a finite z, or a loss whose value is not finite for finite outputs and targets.
 * That is a fault of the plugin's code, not a divergence of training — which shows as weights, and so z, that
 * are no longer finite. Looked for only once the loss is known not to be finite: the training loop checks
 * nothing per element.
 *
 * @param kind "activation" or "loss"
 * @param layer the activation's layer, from 1; 0 for the loss
 * @param detail what it returned for what: "returned NaN for the finite z = 0.5"
 */
public record NonFiniteSource(String kind, int layer, String detail) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The plugin at fault in the last forward and backward pass on {@code ws}, if the values it was given were
   * finite.
   *
   * @param lossSum the batch's loss, which is not finite
   */
  static Optional<NonFiniteSource> find(Network network, Workspace ws, int rows, double lossSum) {
    for (int l = 1; l <= network.outputLayer(); l++) {
      double[] z = values(ws.z(l), rows * network.width(l));
      double[] x = values(ws.x(l), rows * network.width(l));
      if (firstNonFinite(z) >= 0) {
        return Optional.empty(); // the weights (or the data) are no longer finite: training diverged
      }
      int bad = firstNonFinite(x);
      if (bad >= 0) {
        return Optional.of(new NonFiniteSource("activation", l, "returned " + x[bad] + " for the finite z = " + z[bad]));
      }
    }
    double[] target = ws.target();
    for (int i = 0; i < rows * network.width(network.outputLayer()); i++) {
      if (!Double.isFinite(target[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(new NonFiniteSource("loss", 0, "returned " + lossSum + " for finite outputs and targets"));
  }

  private static double[] values(Matrix m, int count) {
    double[] values = new double[count];
    m.get(0, values, 0, count);
    return values;
  }

  private static int firstNonFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }
}
