package dev.nn.core.train;

import dev.nn.api.Optimizer;
import dev.nn.core.network.GradientSink;
import dev.nn.core.network.Network;
import java.nio.DoubleBuffer;

/**
 * The general update: the backward pass stores ∂J/∂θ, which is scaled down to norm c when clipping at c finds it
 * longer, then the L2 term g ← g + λθ is added, and each parameter
 * block's updater steps with η(t); shared parameters are then copied back to their edges. Works for every
 * optimizer and every network structure.
 */
final class OptimizerUpdate implements ParameterUpdate {
  private final Network network;
  private final Optimizer.Updater[] updaters;
  private final DoubleBuffer[][] views;
  private final double l2;
  private final double clipNorm;

  /** Views of each block of the store, taken once so that no step allocates; {@code clipNorm} 0 clips nothing. */
  OptimizerUpdate(Network network, Optimizer.Updater[] updaters, double l2, double clipNorm) {
    this.network = network;
    this.updaters = updaters;
    this.l2 = l2;
    this.clipNorm = clipNorm;
    this.views = network.parameters().blockViews();
  }

  @Override
  public GradientSink gradients(double rate) {
    return GradientSink.store();
  }

  @Override
  public void complete(double rate, long t) {
    if (clipNorm > 0) {
      network.parameters().clipGradientNorm(clipNorm);
    }
    network.addL2(l2);
    network.parameters().step(updaters, views, rate, t);
  }
}
