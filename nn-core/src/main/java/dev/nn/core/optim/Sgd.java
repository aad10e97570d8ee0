package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import java.nio.DoubleBuffer;

/**
 * Plain stochastic gradient descent, the lecture's step: w ← w − η·g.
 *
 * <p>Robbins and Monro, "A Stochastic Approximation Method", Annals of Mathematical Statistics
 * 22(3), 1951. PyTorch: {@code torch.optim.SGD(params, lr=η)} with momentum, dampening and weight
 * decay 0. It keeps no state.
 */
final class Sgd implements Optimizer {

  @Override
  public Updater newUpdater(int size) {
    return new SgdUpdater(Blocks.checkSize(size));
  }

  @Override
  public String toString() {
    return "sgd";
  }

  private static final class SgdUpdater implements Updater {
    private final int size;

    SgdUpdater(int size) {
      this.size = size;
    }

    @Override
    public void step(DoubleBuffer params, DoubleBuffer grads, double learningRate, long t) {
      Blocks.checkStep(params, grads, size, t);
      if (params.hasArray() && grads.hasArray()) {
        // heap buffers: the same update on the backing arrays, in a loop the JIT vectorises
        double[] w = params.array();
        double[] g = grads.array();
        int wo = params.arrayOffset();
        int go = grads.arrayOffset();
        for (int i = 0; i < size; i++) {
          w[wo + i] = w[wo + i] - learningRate * g[go + i];
        }
        return;
      }
      for (int i = 0; i < size; i++) {
        params.put(i, params.get(i) - learningRate * grads.get(i));
      }
    }
  }
}
