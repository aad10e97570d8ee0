package dev.nn.core.train;

import dev.nn.api.Optimizer;
import dev.nn.core.network.GradientSink;
import dev.nn.core.network.Network;
import dev.nn.core.network.SgdStep;
import dev.nn.core.optim.PlainSgd;

/**
 * How one batch's gradient becomes a parameter update, in two parts around the divergence check: the
 * {@link GradientSink} the backward pass hands each layer's gradient to, and what runs once the batch's loss
 * is known to be finite.
 *
 * <p>Why: the trainer runs one step for every optimizer; only this choice differs. The core makes it once per
 * trainer ({@link #choose}): its own plain {@code sgd} on a dense network steps inside the backward pass
 * ({@link FusedSgdUpdate}, the fast path); everything else stores the gradient and runs the optimizer's
 * updaters ({@link OptimizerUpdate}). Both leave the same parameters up to rounding.
 */
sealed interface ParameterUpdate permits FusedSgdUpdate, OptimizerUpdate {

  /** The sink for the backward pass of update number t (from 1) at learning rate η(t). */
  GradientSink gradients(double rate);

  /** Completes update number {@code t} at learning rate {@code rate} after a finite loss. */
  void complete(double rate, long t);

  /**
   * The fused step for the built-in sgd on a dense network without clipping (a clipped step needs the whole
   * gradient's norm before any parameter moves) and, in float32, without L2; otherwise the optimizer's updaters.
   * The fused step decays W by the product's β = 1 − ηλ, which float32 rounds to a float: a decay ηλ below 2⁻²⁵
   * (η = 0.001, λ = 1e-5) would vanish, and one of 1e-7 act as 1.19e-7. The updaters add λθ to the gradient in
   * double, as PyTorch's {@code SGD(weight_decay=λ)} adds it to the gradient. Nor is it taken in float32 for batches
   * of more than one row on kernels that add each row's product to W in turn ({@link
   * dev.nn.core.kernel.Kernels#sumsProductsBeforeAddingToC}): W would be rounded to float after every row, and the
   * digits example in float32 ended 3 epochs 5.6e-6 (relative) from float64 where the step on the summed gradient
   * ends 5e-9 from it, as a cluster's synchronous run does.
   */
  static ParameterUpdate choose(Network network, Optimizer optimizer, Optimizer.Updater[] updaters, double l2,
      double clipNorm, int batchSize) {
    boolean inFloat = network.kernels().precision() == dev.nn.core.kernel.Precision.FLOAT32;
    boolean decayInFloat = l2 != 0 && inFloat;
    boolean roundsPerRow = inFloat && batchSize > 1 && !network.kernels().sumsProductsBeforeAddingToC();
    if (PlainSgd.is(optimizer) && network.parameters().structure().isDense() && clipNorm == 0 && !decayInFloat
        && !roundsPerRow) {
      return new FusedSgdUpdate(SgdStep.of(network), l2);
    }
    return new OptimizerUpdate(network, updaters, l2, clipNorm);
  }
}
