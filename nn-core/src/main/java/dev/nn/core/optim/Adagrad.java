package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * AdaGrad: s ← s + g², then w ← w − η·g / (√s + ε), with s = s₀ (the initial accumulator) before the
 * first update.
 *
 * <p>Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011. PyTorch: {@code torch.optim.Adagrad(params, lr=η, eps=ε,
 * initial_accumulator_value=s₀)} with lr_decay and weight_decay 0 (a decaying rate is the core's
 * {@code inverse-time} schedule, an L2 penalty the core's {@code l2}). State: s, one value per
 * parameter.
 */
final class Adagrad implements Optimizer {
  private final double eps;
  private final double initialAccumulator;

  /**
   * @param eps ε, added to √s; {@code > 0}
   * @param initialAccumulator s₀, {@code >= 0}
   */
  Adagrad(double eps, double initialAccumulator) {
    this.eps = eps;
    this.initialAccumulator = initialAccumulator;
  }

  @Override
  public Updater newUpdater(int size) {
    return new AdagradUpdater(eps, initialAccumulator, Blocks.checkSize(size));
  }

  @Override
  public String toString() {
    return "adagrad(eps=" + eps + ", initial-accumulator=" + initialAccumulator + ")";
  }

  private static final class AdagradUpdater implements Updater {
    private final double eps;
    private final double[] s;

    AdagradUpdater(double eps, double initialAccumulator, int size) {
      this.eps = eps;
      this.s = new double[size];
      Arrays.fill(s, initialAccumulator);
    }

    @Override
    public void step(DoubleBuffer params, DoubleBuffer grads, double learningRate, long t) {
      Blocks.checkStep(params, grads, s.length, t);
      for (int i = 0; i < s.length; i++) {
        double g = grads.get(i);
        double si = s[i] + g * g;
        s[i] = si;
        params.put(i, params.get(i) - learningRate * g / (Math.sqrt(si) + eps));
      }
    }

    @Override
    public double[] exportState() {
      return Blocks.export(s);
    }

    @Override
    public void importState(double[] state) {
      Blocks.restore(state, "adagrad", s);
    }
  }
}
