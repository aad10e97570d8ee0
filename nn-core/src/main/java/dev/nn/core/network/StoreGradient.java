package dev.nn.core.network;

import dev.nn.core.kernel.Kernels;

/**
 * Stores ∂J/∂θ without L2 in the parameter store: G_W(l) = (1/B)·X(l−1)ᵀ·Δ(l) and g_b(l) = (1/B)·1ᵀΔ(l) for
 * every layer, then edges that share a parameter add their gradients into its slot. What every optimizer
 * and the gradient check read; it keeps no state, so one instance serves every network.
 */
final class StoreGradient extends GradientSink {
  static final StoreGradient INSTANCE = new StoreGradient();

  private StoreGradient() {}

  @Override
  void layer(Network network, Workspace ws, int l) {
    int rows = ws.rows;
    int in = network.width(l - 1);
    int out = network.width(l);
    double invB = 1.0 / rows;
    ParameterStore params = network.parameters();
    Kernels kernels = network.kernels();
    kernels.gemm(true, false, in, out, rows, invB, ws.input(l - 1), 0, in,
        ws.delta[l], 0, out, 0.0, params.edgeGrads(), params.weightOffset(l), out);
    kernels.columnSums(rows, out, invB, ws.delta[l], 0, 0.0, params.edgeGrads(), params.biasOffset(l));
  }

  @Override
  void end(ParameterStore parameters) {
    parameters.reduceGradients();
  }
}
