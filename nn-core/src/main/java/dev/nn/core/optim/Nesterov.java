package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import java.nio.DoubleBuffer;

/**
 * SGD with Nesterov momentum, in PyTorch's form: b ← μ·b + g, then w ← w − η·(g + μ·b), with b = 0
 * before the first update.
 *
 * <p>Nesterov, "A method for solving the convex programming problem with convergence rate
 * O(1/k²)", Soviet Mathematics Doklady 27, 1983; in the form of Sutskever, Martens, Dahl and Hinton,
 * "On the importance of initialization and momentum in deep learning", ICML 2013. PyTorch:
 * {@code torch.optim.SGD(params, lr=η, momentum=μ, nesterov=True)} with dampening 0. State: b, one value
 * per parameter.
 */
final class Nesterov implements Optimizer {
  private final double mu;

  /** @param mu the momentum μ, in [0, 1) */
  Nesterov(double mu) {
    this.mu = mu;
  }

  @Override
  public Updater newUpdater(int size) {
    return new NesterovUpdater(mu, Blocks.checkSize(size));
  }

  @Override
  public String toString() {
    return "nesterov(momentum=" + mu + ")";
  }

  private static final class NesterovUpdater implements Updater {
    private final double mu;
    private final double[] b;

    NesterovUpdater(double mu, int size) {
      this.mu = mu;
      this.b = new double[size];
    }

    @Override
    public void step(DoubleBuffer params, DoubleBuffer grads, double learningRate, long t) {
      Blocks.checkStep(params, grads, b.length, t);
      for (int i = 0; i < b.length; i++) {
        double g = grads.get(i);
        double bi = mu * b[i] + g;
        b[i] = bi;
        params.put(i, params.get(i) - learningRate * (g + mu * bi));
      }
    }

    @Override
    public double[] exportState() {
      return Blocks.export(b);
    }

    @Override
    public void importState(double[] state) {
      Blocks.restore(state, "nesterov", b);
    }
  }
}
