package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import java.nio.DoubleBuffer;

/**
 * SGD with momentum, in PyTorch's form, with b = 0 before the first update:
 * <ul>
 *   <li>heavy ball ({@code momentum}): b ← μ·b + g, then w ← w − η·b (so b = g after the first update);
 *   <li>Nesterov ({@code nesterov}): b ← μ·b + g, then w ← w − η·(g + μ·b).
 * </ul>
 *
 * <p>Polyak, "Some methods of speeding up the convergence of iteration methods", USSR Computational
 * Mathematics and Mathematical Physics 4(5), 1964; Nesterov, "A method for solving the convex programming
 * problem with convergence rate O(1/k²)", Soviet Mathematics Doklady 27, 1983, in the form of Sutskever,
 * Martens, Dahl and Hinton, "On the importance of initialization and momentum in deep learning", ICML 2013.
 * PyTorch: {@code torch.optim.SGD(params, lr=η, momentum=μ, nesterov=…)} with dampening 0. Note that η
 * multiplies the buffer, not the gradient, as in PyTorch and unlike Sutskever et al.; the two agree while
 * η is constant. State: b, one value per parameter.
 */
final class Momentum implements Optimizer {
  private final double mu;
  private final boolean nesterov;

  /**
   * @param mu the momentum μ, in [0, 1)
   * @param nesterov whether the step looks ahead along the buffer (Nesterov) rather than taking it (heavy ball)
   */
  Momentum(double mu, boolean nesterov) {
    this.mu = mu;
    this.nesterov = nesterov;
  }

  @Override
  public Updater newUpdater(int size) {
    return new MomentumUpdater(mu, nesterov, Blocks.checkSize(size));
  }

  @Override
  public String toString() {
    return (nesterov ? "nesterov" : "momentum") + "(momentum=" + mu + ")";
  }

  private static final class MomentumUpdater implements Updater {
    private final double mu;
    private final boolean nesterov;
    private final double[] b;

    MomentumUpdater(double mu, boolean nesterov, int size) {
      this.mu = mu;
      this.nesterov = nesterov;
      this.b = new double[size];
    }

    @Override
    public void step(DoubleBuffer params, DoubleBuffer grads, double learningRate, long t) {
      Blocks.checkStep(params, grads, b.length, t);
      for (int i = 0; i < b.length; i++) {
        double g = grads.get(i);
        double bi = mu * b[i] + g;
        b[i] = bi;
        params.put(i, params.get(i) - learningRate * (nesterov ? g + mu * bi : bi));
      }
    }

    @Override
    public double[] exportState() {
      return Blocks.export(b);
    }

    @Override
    public void importState(double[] state) {
      Blocks.restore(state, nesterov ? "nesterov" : "momentum", b);
    }
  }
}
