package dev.nn.core.train;

import dev.nn.api.Loss;
import dev.nn.core.network.LossFit;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import dev.nn.core.network.Workspace;

/**
 * The objective J = (1/B)·Σ_n L_n + (λ/2)·Σw² of a network on one batch, and its gradient ∂J/∂θ from one
 * forward and one backward pass at the network's current parameters, in the lecture's layout: ∂J/∂w(l)ij at
 * {@code weights(l)[i][j]}, ∂J/∂b(l)j at {@code biases(l)[j]}.
 *
 * <p>An edge that shares its weight with others ({@code network.ties}) shows the gradient of that weight, the
 * sum over all of its edges, as the optimizer receives it; an edge the network does not have shows 0. Biases
 * are not decayed by λ. The network's parameters are not changed.
 */
public final class Gradient {
  private final double objective;
  private final double[][][] weights;
  private final double[][] biases;

  private Gradient(double objective, double[][][] weights, double[][] biases) {
    this.objective = objective;
    this.weights = weights;
    this.biases = biases;
  }

  /**
   * J and ∂J/∂θ of {@code network} on every row of {@code batch}, taken as one batch of B = {@code
   * batch.rows()}. With dropout, one set of masks is drawn, those of update number 0, and held for the pass, as
   * {@code nn gradcheck} holds them.
   *
   * @param loss the loss L_n; it seeds δ(L+1)
   * @param lambda λ of the L2 term, {@code >= 0}
   * @throws IllegalArgumentException when the batch's widths are not the network's, it has no rows, or λ is
   *     negative or not finite; or for what a {@link Trainer} refuses to train ({@link LossFit}): a loss that
   *     owns the output link over an output activation other than identity, a loss of one-hot targets over one
   *     output, a target the loss does not accept
   */
  public static Gradient of(Network network, Loss loss, Samples batch, double lambda) {
    // what training refuses has no gradient either: the figures of such a pair are silently wrong (a negative J)
    LossFit.requireOutputLink(network, loss, "this loss");
    LossFit.requireOutputPerClass(network, loss, "this loss");
    int top = network.outputLayer();
    if (batch.inputs() != network.width(0) || batch.outputs() != network.width(top)) {
      throw new IllegalArgumentException("the batch has " + batch.inputs() + " inputs and " + batch.outputs()
          + " targets a row, the network " + network.width(0) + " inputs and " + network.width(top) + " outputs");
    }
    if (batch.rows() < 1) {
      throw new IllegalArgumentException("a gradient needs at least one row, the batch has none");
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("λ of the L2 term must be a finite number >= 0, found " + lambda);
    }
    LossFit.requireTargets(loss, batch.y(), batch.rows(), batch.outputs());
    int rows = batch.rows();
    Workspace ws = network.newWorkspace(rows);
    batch.loadRange(0, rows, ws);
    network.forward(ws, rows);
    double lossSum = network.backward(ws, loss);
    double l2 = network.addL2(lambda);
    ParameterStore params = network.parameters();
    double[] slots = params.gradsToArray();
    double[][][] w = new double[top + 1][][];
    double[][] b = new double[top + 1][];
    for (int l = 1; l <= top; l++) {
      w[l] = new double[network.width(l - 1)][network.width(l)];
      for (int i = 0; i < w[l].length; i++) {
        for (int j = 0; j < w[l][i].length; j++) {
          w[l][i][j] = at(slots, params.slotOf(params.weightIndex(l, i, j)));
        }
      }
      b[l] = new double[network.width(l)];
      for (int j = 0; j < b[l].length; j++) {
        b[l][j] = at(slots, params.slotOf(params.biasIndex(l, j)));
      }
    }
    return new Gradient(lossSum / rows + l2, w, b);
  }

  private static double at(double[] slots, int slot) {
    return slot < 0 ? 0.0 : slots[slot];
  }

  /** J = (1/B)·Σ_n L_n + (λ/2)·Σw² at the parameters the gradient was taken at. */
  public double objective() {
    return objective;
  }

  /** The output layer's number, L+1: {@link #weights} and {@link #biases} take 1 … L+1. */
  public int outputLayer() {
    return weights.length - 1;
  }

  /** ∂J/∂W(l), n(l−1) rows of n(l): ∂J/∂w(l)ij at [i][j]. A copy. */
  public double[][] weights(int l) {
    check(l);
    double[][] copy = new double[weights[l].length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = weights[l][i].clone();
    }
    return copy;
  }

  /** ∂J/∂b(l), n(l) values. A copy. */
  public double[] biases(int l) {
    check(l);
    return biases[l].clone();
  }

  private void check(int l) {
    if (l < 1 || l > outputLayer()) {
      throw new IndexOutOfBoundsException("layer " + l + " has no parameters: layers 1 … " + outputLayer()
          + " have");
    }
  }

  @Override
  public String toString() {
    return "Gradient[J = " + objective + ", layers 1 … " + outputLayer() + "]";
  }
}
