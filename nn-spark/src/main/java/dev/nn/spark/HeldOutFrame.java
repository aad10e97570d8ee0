package dev.nn.spark;

import com.google.inject.Injector;
import dev.nn.api.Loss;
import dev.nn.api.TargetKind;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.network.Network;
import dev.nn.core.train.Evaluator;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows held out of a Spark-read table (validation or test), kept as blocks on the executors, and the figures
 * of a network on them, computed where they are: each block returns its loss sum and either its confusion
 * counts or its sums of errors and targets, the driver adds the blocks in partition order and makes the
 * {@link Metrics} a run in one process reports (accuracy and confusion matrix; RMSE, MAE and R² with SS_tot
 * from the targets' sums of squares).
 */
final class HeldOutFrame implements AutoCloseable {
  private static final Map<String, Evaluating> EVALUATING = new ConcurrentHashMap<>();

  private final JavaRDD<FrameBlock> blocks;
  private final RunJob job;
  private final int outputs;

  private HeldOutFrame(JavaRDD<FrameBlock> blocks, RunJob job, int outputs) {
    this.blocks = blocks;
    this.job = job;
    this.outputs = outputs;
  }

  /** The rows of {@code frame} as blocks for the run of {@code job}, whose network has {@code outputs} outputs. */
  static HeldOutFrame of(Dataset<Row> frame, FrameTraining.Settings settings, RunJob job, int outputs) {
    return new HeldOutFrame(FrameTraining.blocks(frame, settings), job, outputs);
  }

  /**
   * Reads the rows into their blocks now, where they stay: a row the blocks refuse (a missing target, a value
   * that is not finite) is found before training, not after its last epoch.
   */
  void read() {
    blocks.count();
  }

  /** The figures of parameters {@code theta} on these rows. */
  Metrics evaluate(double[] theta, boolean classification) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
    Broadcast<double[]> shared = sc.broadcast(theta);
    RunJob j = job;
    List<double[]> parts;
    try {
      parts = blocks.map(b -> partial(j, b, shared.value(), classification)).collect();
    } finally {
      shared.destroy();
    }
    return metrics(Partials.sum(parts), classification, outputs);
  }

  /**
   * One block's sums: Σ L_n and n, then the confusion counts (classification, K×K with K = max(2, outputs)),
   * or Σe², Σ|e|, each output's Σy and Σy², and each output's Σe² and Σ|e| (regression).
   */
  static double[] partial(RunJob job, FrameBlock block, double[] theta, boolean classification) {
    Evaluating e = EVALUATING.computeIfAbsent(job.id(), id -> new Evaluating(job));
    synchronized (e) {
      e.network.parameters().load(theta);
      Samples s = job.frame().samples(block, e.data);
      int cols = s.outputs();
      double[] out = new double[s.rows() * cols];
      double lossSum = s.rows() == 0 ? 0 : new Evaluator(e.network, e.loss, 256).predict(s, out);
      double[] y = s.y();
      if (classification) {
        int k = Math.max(2, cols);
        double threshold = e.loss.targets() == TargetKind.SIGNED ? 0.0 : 0.5;
        double[] sums = new double[2 + k * k];
        for (int r = 0; r < s.rows(); r++) {
          int t = Metrics.classOf(y, r * cols, cols, threshold);
          int p = Metrics.classOf(out, r * cols, cols, threshold);
          sums[2 + t * k + p]++;
        }
        sums[0] = lossSum;
        sums[1] = s.rows();
        return sums;
      }
      double[] sums = new double[4 + 4 * cols];
      sums[0] = lossSum;
      sums[1] = s.rows();
      for (int i = 0; i < y.length; i++) {
        double err = y[i] - out[i];
        sums[2] += err * err;
        sums[3] += Math.abs(err);
        sums[4 + i % cols] += y[i];
        sums[4 + cols + i % cols] += y[i] * y[i];
        sums[4 + 2 * cols + i % cols] += err * err;
        sums[4 + 3 * cols + i % cols] += Math.abs(err);
      }
      return sums;
    }
  }

  /** The figures the added sums give. */
  static Metrics metrics(double[] sums, boolean classification, int outputs) {
    int n = (int) sums[1];
    double loss = n == 0 ? Double.NaN : sums[0] / n;
    if (classification) {
      int k = Math.max(2, outputs);
      long[][] confusion = new long[k][k];
      long right = 0;
      for (int t = 0; t < k; t++) {
        for (int p = 0; p < k; p++) {
          confusion[t][p] = (long) sums[2 + t * k + p];
          right += t == p ? confusion[t][p] : 0;
        }
      }
      return new Metrics(loss, n, n == 0 ? Double.NaN : (double) right / n, confusion, Double.NaN, Double.NaN,
          Double.NaN);
    }
    double values = (double) n * outputs;
    double ssTot = 0;
    List<Metrics> byTarget = new ArrayList<>();
    for (int c = 0; c < outputs; c++) {
      double sum = sums[4 + c];
      double columnTot = sums[4 + outputs + c] - sum * sum / n;
      ssTot += columnTot;
      double columnRes = sums[4 + 2 * outputs + c];
      byTarget.add(new Metrics(Double.NaN, n, Double.NaN, null, Math.sqrt(columnRes / n),
          sums[4 + 3 * outputs + c] / n, 1 - columnRes / columnTot));
    }
    return new Metrics(loss, n, Double.NaN, null, Math.sqrt(sums[2] / values), sums[3] / values, 1 - sums[2] / ssTot,
        outputs == 1 ? List.of() : byTarget);
  }

  @Override
  public void close() {
    String id = job.id();
    EVALUATING.remove(id);
    try {
      blocks.foreachPartition(it -> EVALUATING.remove(id));
    } catch (Exception ignored) {
      // the run's outcome stands; what an executor keeps only costs memory
    }
    blocks.unpersist(false);
  }

  /** An executor's network and loss for evaluating one run, rebuilt from the experiment's YAML. */
  private static final class Evaluating {
    final Network network;
    final Loss loss;
    final PreparedData data;

    Evaluating(RunJob job) {
      Injector injector = PartitionWork.injector(job);
      data = injector.getInstance(PreparedData.class);
      network = injector.getInstance(Network.class);
      loss = injector.getInstance(Loss.class);
    }
  }
}
