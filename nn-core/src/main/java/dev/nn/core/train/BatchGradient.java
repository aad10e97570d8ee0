package dev.nn.core.train;

import dev.nn.api.Loss;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.network.Workspace;
import dev.nn.core.kernel.Matrix;

/**
 * The gradient of a batch as a pure function of the parameters and the rows: Σ_n ∂L_n/∂θ (without L2) and
 * Σ_n L_n over chosen rows of some samples, computed with the network's own forward and backward passes.
 * What a worker of a distributed run computes for its share of a global batch; the shares' sums, added and
 * divided by the batch size, are the gradient a trainer in one process computes for the whole batch.
 */
public final class BatchGradient {
  private final Network network;
  private final Loss loss;
  private final Workspace ws;

  /** Computes in chunks of up to {@code capacity} rows. */
  public BatchGradient(Network network, Loss loss, int capacity) {
    this.network = network;
    this.loss = loss;
    this.ws = network.newWorkspace(capacity);
  }

  /** The network whose parameters the gradient is taken at; load θ into its store first. */
  public Network network() {
    return network;
  }

  /**
   * Adds Σ_n ∂L_n/∂θ over rows {@code rows[from … from+count)} of {@code samples}, in
   * {@link ParameterStore#values()} layout, to {@code sum}, with the dropout masks of update 0.
   *
   * @return Σ_n L_n over those rows
   */
  public double add(Samples samples, int[] rows, int from, int count, double[] sum) {
    return add(samples, rows, from, count, sum, 0, null);
  }

  /**
   * {@link #add(Samples, int[], int, int, double[])} as part of update t, where row {@code rows[from + i]} is row
   * {@code positions[from + i]} of the update's batch ({@code positions} {@code null}: row i): a network with
   * dropout draws for each row the mask a trainer in one process draws for it.
   *
   * @return Σ_n L_n over those rows
   */
  public double add(Samples samples, int[] rows, int from, int count, double[] sum, long t, int[] positions) {
    ParameterStore params = network.parameters();
    Matrix grads = params.grads();
    int size = params.size();
    double lossSum = 0;
    for (int done = 0; done < count; done += ws.capacity()) {
      int k = Math.min(ws.capacity(), count - done);
      samples.loadRows(rows, from + done, k, ws);
      ws.dropoutUpdate(t, positions, positions == null ? done : from + done);
      network.forward(ws, k);
      lossSum += network.backward(ws, loss);
      // the store holds the chunk's mean gradient (1/k)·Σ; the caller wants the sum
      for (int i = 0; i < size; i++) {
        sum[i] += k * grads.get(i);
      }
    }
    return lossSum;
  }

  /**
   * Σ_n L_n over rows {@code rows[from … from+count)} of {@code samples} at the network's parameters, without a step
   * and without dropout (the loss of the network as it predicts): a worker's share of the untrained network's loss,
   * which the first epoch's divergence check compares with.
   */
  public double loss(Samples samples, int[] rows, int from, int count) {
    double lossSum = 0;
    for (int done = 0; done < count; done += ws.capacity()) {
      int k = Math.min(ws.capacity(), count - done);
      samples.loadRows(rows, from + done, k, ws);
      network.infer(ws, k);
      lossSum += network.lossValue(ws, loss);
    }
    return lossSum;
  }
}
