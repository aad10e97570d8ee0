package dev.nn.core.optim;

import dev.nn.api.Optimizer;
import java.nio.DoubleBuffer;

/**
 * Plain stochastic gradient descent, the lecture's step: w ← w − η·g.
 *
 * <p>Robbins and Monro, "A Stochastic Approximation Method", Annals of Mathematical Statistics
 * 22(3), 1951. PyTorch: {@code torch.optim.SGD(params, lr=η)} with momentum, dampening and weight
 * decay 0. It keeps no state. The trainer recognises it ({@link PlainSgd}) and may fuse its step into the
 * backward pass.
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
    private static final int CHUNK = 4096;
    private final int size;
    private final double[] w;
    private final double[] g;

    SgdUpdater(int size) {
      this.size = size;
      this.w = new double[Math.min(size, CHUNK)];
      this.g = new double[Math.min(size, CHUNK)];
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
      // off-heap buffers: the same update, chunk by chunk through heap arrays (bulk copies vectorise,
      // element-wise off-heap access does not)
      for (int from = 0; from < size; from += CHUNK) {
        int n = Math.min(CHUNK, size - from);
        params.get(from, w, 0, n);
        grads.get(from, g, 0, n);
        for (int i = 0; i < n; i++) {
          w[i] = w[i] - learningRate * g[i];
        }
        params.put(from, w, 0, n);
      }
    }
  }
}
