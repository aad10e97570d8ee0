package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import java.nio.DoubleBuffer;

/**
 * SGD with (heavy-ball) momentum, in PyTorch's form: b ← μ·b + g, then w ← w − η·b, with b = 0 before
 * the first update (so b = g after it).
 *
 * <p>Polyak, "Some methods of speeding up the convergence of iteration methods", USSR Computational
 * Mathematics and Mathematical Physics 4(5), 1964. PyTorch: {@code torch.optim.SGD(params, lr=η,
 * momentum=μ)} with dampening 0. Note that η multiplies the buffer, not the gradient, as in PyTorch and
 * unlike Sutskever et al. (2013); the two agree while η is constant. State: b, one value per parameter.
 */
final class Momentum implements Optimizer {
  private final double mu;

  /** @param mu the momentum μ, in [0, 1) */
  Momentum(double mu) {
    this.mu = mu;
  }

  @Override
  public Updater newUpdater(int size) {
    return new MomentumUpdater(mu, Blocks.checkSize(size));
  }

  @Override
  public String toString() {
    return "momentum(momentum=" + mu + ")";
  }

  private static final class MomentumUpdater implements Updater {
    private final double mu;
    private final double[] b;

    MomentumUpdater(double mu, int size) {
      this.mu = mu;
      this.b = new double[size];
    }

    @Override
    public void step(DoubleBuffer params, DoubleBuffer grads, double learningRate, long t) {
      Blocks.checkStep(params, grads, b.length, t);
      for (int i = 0; i < b.length; i++) {
        double bi = mu * b[i] + grads.get(i);
        b[i] = bi;
        params.put(i, params.get(i) - learningRate * bi);
      }
    }

    @Override
    public double[] exportState() {
      return Blocks.export(b);
    }

    @Override
    public void importState(double[] state) {
      Blocks.restore(state, "momentum", b);
    }
  }
}
