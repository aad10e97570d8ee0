package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import java.nio.DoubleBuffer;

/**
 * RMSprop: v ← α·v + (1 − α)·g², then w ← w − η·g / (√v + ε), with v = 0 before the first update.
 *
 * <p>Tieleman and Hinton, "Lecture 6.5 — RMSprop: divide the gradient by a running average of its
 * recent magnitude", COURSERA: Neural Networks for Machine Learning, 2012. PyTorch:
 * {@code torch.optim.RMSprop(params, lr=η, alpha=α, eps=ε)} with momentum 0, not centered, weight decay
 * 0. As in PyTorch, ε is added after the square root. State: v, one value per parameter.
 */
final class RmsProp implements Optimizer {
  private final double alpha;
  private final double eps;

  /**
   * @param alpha the smoothing constant α, in [0, 1)
   * @param eps ε, added to √v; {@code > 0}
   */
  RmsProp(double alpha, double eps) {
    this.alpha = alpha;
    this.eps = eps;
  }

  @Override
  public Updater newUpdater(int size) {
    return new RmsPropUpdater(alpha, eps, Blocks.checkSize(size));
  }

  @Override
  public String toString() {
    return "rmsprop(alpha=" + alpha + ", eps=" + eps + ")";
  }

  private static final class RmsPropUpdater implements Updater {
    private final double alpha;
    private final double eps;
    private final double[] v;

    RmsPropUpdater(double alpha, double eps, int size) {
      this.alpha = alpha;
      this.eps = eps;
      this.v = new double[size];
    }

    @Override
    public void step(DoubleBuffer params, DoubleBuffer grads, double learningRate, long t) {
      Blocks.checkStep(params, grads, v.length, t);
      double oneMinusAlpha = 1 - alpha;
      for (int i = 0; i < v.length; i++) {
        double g = grads.get(i);
        double vi = alpha * v[i] + oneMinusAlpha * g * g;
        v[i] = vi;
        params.put(i, params.get(i) - learningRate * g / (Math.sqrt(vi) + eps));
      }
    }

    @Override
    public double[] exportState() {
      return Blocks.export(v);
    }

    @Override
    public void importState(double[] state) {
      Blocks.restore(state, "rmsprop", v);
    }
  }
}
