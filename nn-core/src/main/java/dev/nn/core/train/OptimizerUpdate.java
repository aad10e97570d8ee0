package dev.nn.core.train;

import dev.nn.api.Optimizer;
import dev.nn.core.network.GradientSink;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import java.nio.DoubleBuffer;
import java.util.List;

/**
 * The general update: the backward pass stores ∂J/∂θ, the L2 term g ← g + λθ is added, and each parameter
 * block's updater steps with η(t); shared parameters are then copied back to their edges. Works for every
 * optimizer and every network structure.
 */
final class OptimizerUpdate implements ParameterUpdate {
  private final Network network;
  private final Optimizer.Updater[] updaters;
  private final DoubleBuffer[] valueBlocks;
  private final DoubleBuffer[] gradBlocks;
  private final double l2;

  /** Views of each block of the store, taken once so that no step allocates. */
  OptimizerUpdate(Network network, Optimizer.Updater[] updaters, double l2) {
    this.network = network;
    this.updaters = updaters;
    this.l2 = l2;
    ParameterStore store = network.parameters();
    List<ParameterStore.Block> blocks = store.blocks();
    valueBlocks = new DoubleBuffer[blocks.size()];
    gradBlocks = new DoubleBuffer[blocks.size()];
    for (int b = 0; b < blocks.size(); b++) {
      ParameterStore.Block block = blocks.get(b);
      valueBlocks[b] = store.values().slice(block.offset(), block.length());
      gradBlocks[b] = store.grads().slice(block.offset(), block.length());
    }
  }

  @Override
  public GradientSink gradients(double rate) {
    return GradientSink.store();
  }

  @Override
  public void complete(double rate, long t) {
    network.addL2(l2);
    for (int b = 0; b < updaters.length; b++) {
      updaters[b].step(valueBlocks[b], gradBlocks[b], rate, t);
    }
    network.parameters().publish();
  }
}
