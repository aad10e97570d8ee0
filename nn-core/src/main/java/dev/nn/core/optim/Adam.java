package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import java.nio.DoubleBuffer;

/**
 * Adam with bias correction, and AdamW when the decoupled weight decay λ is positive. At update t
 * (counted from 1), with m = v = 0 before the first:
 *
 * <pre>
 *   w ← w − η·λ·w                      (AdamW only: decoupled weight decay, before the Adam step)
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
 *   w ← w − η·m̂ / (√v̂ + ε)
 * </pre>
 *
 * <p>Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015 (arXiv:1412.6980);
 * Loshchilov and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019 (arXiv:1711.05101).
 * PyTorch: {@code torch.optim.Adam(params, lr=η, betas=(β₁, β₂), eps=ε)} and
 * {@code torch.optim.AdamW(..., weight_decay=λ)}, amsgrad off. The decay is multiplied by the scheduled
 * η(t), as in PyTorch. It is not the core's {@code l2} penalty, which adds λ·w to g and so passes
 * through the moments. State: m then v, two values per parameter.
 */
final class Adam implements Optimizer {
  private final String name;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;

  /**
   * @param name "adam" or "adamw", for messages
   * @param beta1 β₁ in [0, 1)
   * @param beta2 β₂ in [0, 1)
   * @param eps ε, {@code > 0}
   * @param weightDecay λ, {@code >= 0}; 0 gives plain Adam
   */
  Adam(String name, double beta1, double beta2, double eps, double weightDecay) {
    this.name = name;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  @Override
  public Updater newUpdater(int size) {
    return new AdamUpdater(this, Blocks.checkSize(size));
  }

  @Override
  public String toString() {
    String s = name + "(beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps;
    return weightDecay == 0 ? s + ")" : s + ", weight-decay=" + weightDecay + ")";
  }

  private static final class AdamUpdater implements Updater {
    private final Adam settings;
    private final double[] m;
    private final double[] v;

    AdamUpdater(Adam settings, int size) {
      this.settings = settings;
      this.m = new double[size];
      this.v = new double[size];
    }

    @Override
    public void step(DoubleBuffer params, DoubleBuffer grads, double learningRate, long t) {
      Blocks.checkStep(params, grads, m.length, t);
      double beta1 = settings.beta1;
      double beta2 = settings.beta2;
      double eps = settings.eps;
      double correction1 = 1 - Math.pow(beta1, t);
      double correction2 = 1 - Math.pow(beta2, t);
      double decay = learningRate * settings.weightDecay;
      boolean decoupled = decay != 0;
      for (int i = 0; i < m.length; i++) {
        double g = grads.get(i);
        double mi = beta1 * m[i] + (1 - beta1) * g;
        double vi = beta2 * v[i] + (1 - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        double w = params.get(i);
        if (decoupled) {
          w -= decay * w;
        }
        params.put(i, w - learningRate * (mi / correction1) / (Math.sqrt(vi / correction2) + eps));
      }
    }

    @Override
    public double[] exportState() {
      return Blocks.export(m, v);
    }

    @Override
    public void importState(double[] state) {
      Blocks.restore(state, settings.name, m, v);
    }
  }
}
