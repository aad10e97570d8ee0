package dev.nn.core.network;

import dev.nn.core.kernel.Kernels;

/**
 * The lecture's SGD step with L2, applied inside the backward pass: W(l) ← (1 − ηλ)·W(l) − (η/B)·X(l−1)ᵀ·Δ(l)
 * and b(l) ← b(l) − (η/B)·1ᵀΔ(l), one matrix product and one column sum per layer, without storing the
 * gradient. It equals storing the gradient, adding λθ and stepping w ← w − η·g up to rounding, and saves
 * a pass over every parameter and the gradient buffer's memory traffic: the speed of plain SGD.
 *
 * <p>Only for a dense network: a shared parameter's gradient must be summed over its edges before any step.
 * Mutable (η and λ are set before each backward pass with {@link #with}), so one instance serves a whole
 * training run without allocating.
 */
public final class SgdStep extends GradientSink {
  private double rate;
  private double lambda;

  private SgdStep() {}

  /**
   * A step for {@code network}.
   *
   * @throws IllegalStateException if the network shares or removes edges
   */
  public static SgdStep of(Network network) {
    if (!network.parameters().structure().isDense()) {
      throw new IllegalStateException("the fused step needs a dense network; this one shares or removes edges");
    }
    return new SgdStep();
  }

  /** Sets η and λ of the next backward pass; returns this step. */
  public SgdStep with(double rate, double lambda) {
    this.rate = rate;
    this.lambda = lambda;
    return this;
  }

  @Override
  void layer(Network network, Workspace ws, int l) {
    int rows = ws.rows;
    int in = network.width(l - 1);
    int out = network.width(l);
    double step = -rate / rows;
    double decay = 1.0 - rate * lambda;
    ParameterStore params = network.parameters();
    Kernels kernels = network.kernels();
    kernels.gemm(true, false, in, out, rows, step, ws.input(l - 1), 0, in,
        ws.delta[l], 0, out, decay, params.edgeValues(), params.weightOffset(l), out);
    stepBiases(network, ws, l, step);
  }

  /** b(l) ← b(l) + step·1ᵀΔ(l): step is −η/B. */
  private static void stepBiases(Network network, Workspace ws, int l, double step) {
    ParameterStore params = network.parameters();
    network.kernels().columnSums(ws.rows, network.width(l), step, ws.delta[l], 0, 1.0, params.edgeValues(),
        params.biasOffset(l));
  }

  /**
   * At batch size 1 (the lecture's per-sample SGD), δ(l−1) and the step of W(l) in one pass over W(l)
   * ({@link Kernels#propagateAndStep}), the same bits as {@link Network#propagate} and {@link #layer} in turn.
   */
  @Override
  void propagateAndLayer(Network network, Workspace ws, int l) {
    if (ws.rows != 1) {
      super.propagateAndLayer(network, ws, l);
      return;
    }
    int in = network.width(l - 1);
    int out = network.width(l);
    ParameterStore params = network.parameters();
    network.kernels().propagateAndStep(in, out, -rate, 1.0 - rate * lambda, ws.input(l - 1), 0, ws.delta[l], 0,
        params.edgeValues(), params.weightOffset(l), ws.delta[l - 1], 0);
    stepBiases(network, ws, l, -rate);
  }

  @Override
  void end(ParameterStore parameters) {
    // the step already changed the edges, which are the parameters of a dense network
  }
}
