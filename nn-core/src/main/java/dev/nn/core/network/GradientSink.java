package dev.nn.core.network;

/**
 * What the backward pass does with each layer's gradient once δ(l) is known: {@link StoreGradient} writes
 * G_W(l) = (1/B)·X(l−1)ᵀ·Δ(l) and g_b(l) = (1/B)·1ᵀΔ(l) into the parameter store for an optimizer to use;
 * {@link SgdStep} applies the lecture's SGD step to W(l) and b(l) at once and never stores the gradient.
 *
 * <p>Why a strategy: the δ recursion is the lecture's one algorithm and is written once, in
 * {@link Network#backward(Workspace, dev.nn.api.Loss, GradientSink)}; the only thing that differs between
 * the general path and the fast path of plain SGD is this last step per layer. The recursion calls
 * {@link #layer} for l = L+1 … 1 after δ(l−1) has been computed from the current W(l), so a sink may change
 * W(l) in place; {@link #propagateAndLayer} lets a sink compute δ(l−1) itself, together with its step. The
 * core chooses the sink; plugins never see it.
 */
public abstract sealed class GradientSink permits StoreGradient, SgdStep {
  GradientSink() {}

  /** The sink that stores the gradient for an optimizer; stateless, so one serves every network. */
  public static GradientSink store() {
    return StoreGradient.INSTANCE;
  }

  /**
   * Handles layer l of the network: δ(l) of the workspace's rows is final, and δ(l−1) no longer needs W(l).
   */
  abstract void layer(Network network, Workspace ws, int l);

  /**
   * For l ≥ 2: sets δ(l−1) ← Δ(l)·W(l)ᵀ from the current W(l) (φ′ not yet applied), then handles layer l as
   * {@link #layer} does. This does the two in turn; a sink may do both in one pass over W(l).
   */
  void propagateAndLayer(Network network, Workspace ws, int l) {
    network.propagate(ws, l);
    layer(network, ws, l);
  }

  /** Runs once after layer 1. */
  abstract void end(ParameterStore parameters);
}
