package dev.nn.core.train;

import dev.nn.api.Optimizer;
import dev.nn.core.network.GradientSink;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
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
  /** Whether each step's parameters are checked: a third-party optimizer's (see {@link #watchSteps}). */
  private boolean watched;
  /** In float32, the first finite value a watched step wrote beyond a float's range (which rounds to ±∞), and where. */
  private double beyondFloat = Double.NaN;
  private int beyondBlock;
  private int beyondIndex;
  private final Runnable noteBeyondFloat = this::noteBeyondFloat;
  /** Whether the parameters are floats, rounded from the updaters' double views after each step. */
  private final boolean float32;

  /** Views of each block of the store, taken once so that no step allocates; {@code clipNorm} 0 clips nothing. */
  OptimizerUpdate(Network network, Optimizer.Updater[] updaters, double l2, double clipNorm) {
    this.network = network;
    this.updaters = updaters;
    this.l2 = l2;
    this.clipNorm = clipNorm;
    this.float32 = network.parameters().inFloat32();
    this.views = network.parameters().blockViews();
  }

  /**
   * Checks the parameters after every step from now on, for an optimizer whose code is not nn's: one that writes
   * NaN or an infinity from finite parameters and gradients breaks its contract, which would otherwise show an
   * update later as a loss that is NaN, reported as training diverging. A pass over the parameters per update
   * (and over the gradient when one is not finite), without allocating.
   */
  void watchSteps() {
    watched = true;
  }

  /**
   * What the last step wrote that is not finite from finite gradients, as a {@link NonFiniteSource} detail ("wrote
   * NaN at index 2 of the params its updater for layers[1].b was given, …"); {@code null} when every parameter is
   * finite, when steps are not watched, or when the gradient it was given was not finite itself (the network
   * diverged). The parameters before the step were finite: the step before was checked so too, and training starts
   * from finite ones.
   */
  String nonFiniteStep(long t) {
    if (!watched) {
      return null;
    }
    for (int b = 0; b < views[0].length; b++) {
      DoubleBuffer w = views[0][b];
      for (int i = 0; i < w.limit(); i++) {
        double v = w.get(i);
        if (!Double.isFinite(v)) {
          if (!allFinite(views[1])) {
            return null;
          }
          // in float32 a finite value beyond a float's range became ±∞ as it was rounded: the plugin's own is quoted
          boolean rounded = !Double.isNaN(beyondFloat) && beyondBlock == b && beyondIndex == i;
          return "wrote " + (rounded ? beyondFloat : v) + " at " + where(b, i) + ", in its step of update " + t
              + " from finite parameters and gradients" + (rounded ? ", beyond float32's largest magnitude "
                  + Float.MAX_VALUE + " (" + NonFiniteSource.IN_FLOAT32 + ": the parameters are rounded to floats"
                  + " after each step, and must stay within a float's range)" : "");
        }
      }
    }
    return null;
  }

  /**
   * "index 7 of the params its updater for layers[1].W was given, which is layers[1].W[0][7]": the index the
   * optimizer's own code wrote at, in the block it was stepping, and the parameter that is in the network. A single
   * index counted over all blocks would fit either numbering for the first block, and name no weight.
   */
  private String where(int block, int index) {
    ParameterStore.Block named = network.parameters().blocks().get(block);
    return "index " + index + " of the params its updater for " + named.name() + " was given, which is "
        + network.parameters().describe(named.offset() + index);
  }

  private static boolean allFinite(DoubleBuffer[] blocks) {
    for (DoubleBuffer g : blocks) {
      for (int i = 0; i < g.limit(); i++) {
        if (!Double.isFinite(g.get(i))) {
          return false;
        }
      }
    }
    return true;
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
    network.parameters().step(updaters, views, rate, t, watched && float32 ? noteBeyondFloat : null);
  }

  /** Finds the first finite value of the step beyond a float's range, before the rounding makes it ±∞. */
  private void noteBeyondFloat() {
    if (!Double.isNaN(beyondFloat)) {
      return; // the first is the one reported
    }
    for (int b = 0; b < views[0].length; b++) {
      DoubleBuffer w = views[0][b];
      for (int i = 0; i < w.limit(); i++) {
        double v = w.get(i);
        if (Double.isFinite(v) && Math.abs(v) > Float.MAX_VALUE) {
          beyondFloat = v;
          beyondBlock = b;
          beyondIndex = i;
          return;
        }
      }
    }
  }
}
