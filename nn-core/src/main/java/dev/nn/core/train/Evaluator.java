package dev.nn.core.train;

import dev.nn.api.Loss;
import dev.nn.api.TargetKind;
import dev.nn.core.network.Network;
import dev.nn.core.network.Workspace;
import java.util.Arrays;

/** Runs a network over samples in batches: predictions through the loss's link, mean loss, metrics. */
public final class Evaluator {
  private final Network network;
  private final Loss loss;
  private final Workspace ws;
  private final TargetUnits targetUnits;

  /** Evaluates in batches of up to {@code batchSize} rows. */
  public Evaluator(Network network, Loss loss, int batchSize) {
    this(network, loss, batchSize, null);
  }

  /**
   * Evaluates in batches of up to {@code batchSize} rows a network trained on standardised targets: the loss
   * is the one trained on, in standardised units, while a regression's RMSE, MAE and R² are those of the
   * targets' own units, {@code targetUnits} mapping outputs and targets back.
   *
   * @param targetUnits maps standardized values back to the targets' units, or {@code null} when the targets
   *     were not standardized
   */
  public Evaluator(Network network, Loss loss, int batchSize, TargetUnits targetUnits) {
    this.network = network;
    // figures are the loss's own: class weights change what training minimises, not what a figure says
    this.loss = ClassWeightedLoss.plain(loss);
    this.ws = network.newWorkspace(batchSize);
    this.targetUnits = targetUnits;
  }

  /**
   * The model's outputs for every row (probabilities for fused classification losses).
   *
   * @param out samples.rows() × n(L+1). Modified.
   * @return Σ_n L_n over the samples
   */
  public double predict(Samples samples, double[] out) {
    int cols = samples.outputs();
    double lossSum = 0;
    double[] batchOut = new double[ws.capacity() * cols];
    for (int start = 0; start < samples.rows(); start += ws.capacity()) {
      int rows = Math.min(ws.capacity(), samples.rows() - start);
      samples.loadRange(start, rows, ws);
      // figures are the loss's own, as for class weights: the rows' weights change what training minimises
      ws.weighRows(false);
      network.infer(ws, rows);
      lossSum += network.lossValue(ws, loss);
      network.output(ws, loss, batchOut);
      System.arraycopy(batchOut, 0, out, start * cols, rows * cols);
    }
    return lossSum;
  }

  /** Mean loss and metrics over the samples. */
  public Metrics evaluate(Samples samples, boolean classification) {
    double[] out = new double[samples.rows() * samples.outputs()];
    double lossSum = predict(samples, out);
    double threshold = loss.targets() == TargetKind.SIGNED ? 0.0 : 0.5;
    double[] y = samples.y();
    if (targetUnits != null && !classification) {
      y = Arrays.copyOf(y, out.length);
      targetUnits.restore(y, samples.rows());
      targetUnits.restore(out, samples.rows());
    }
    return Metrics.of(lossSum, out, y, samples.rows(), samples.outputs(), classification, threshold);
  }
}
