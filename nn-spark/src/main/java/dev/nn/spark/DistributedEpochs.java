package dev.nn.spark;

import dev.nn.core.config.DistributedSpec;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingDivergedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A distributed run's epochs, as the core's trainer asks for them ({@link Trainer.Epochs}): each round is one
 * Spark job with one task per partition of {@code parts}, and task p computes on part p
 * ({@link PartitionWork}), whatever the partition's elements are — part numbers, or a block of a data
 * frame's rows.
 *
 * <ul>
 *   <li>{@code synchronous}: per update, the driver draws the epoch's order exactly as a run in one process
 *       does, sends θ (a broadcast) and the batch's sample indices; each part returns Σ∇L_n and Σ L_n over its
 *       rows of the batch; the driver adds the parts in a fixed order ({@link Partials}), divides by B and
 *       steps the optimizer. The same updates as one process, up to the order of additions.
 *   <li>{@code averaging}: per round, each part takes {@code average-every} updates of its own on its own
 *       samples from the broadcast θ and optimizer state; the driver averages the parts' parameters and
 *       states. An epoch is one pass of the largest part over its samples.
 * </ul>
 */
final class DistributedEpochs {
  private DistributedEpochs() {}

  /** The epochs of {@code mode} over the parts of {@code parts}, as {@code job} lays the samples out. */
  static <T> Trainer.Epochs of(DistributedSpec.Mode mode, int averageEvery, JavaSparkContext sc, JavaRDD<T> parts,
      RunJob job, int rows) {
    return mode == DistributedSpec.Mode.SYNCHRONOUS ? new Synchronous<>(sc, parts, job, rows)
        : new Averaging<>(sc, parts, job, rows, averageEvery);
  }

  /**
   * The mean loss of the trainer's network as it is over global training indices {@code indices}, each part adding
   * those it holds: the untrained network's loss, which the first epoch's divergence check compares with, over the
   * rows one process takes it over — so a learning rate that makes the first epoch explode stops every mode alike.
   */
  private static <T> double meanLoss(JavaSparkContext sc, JavaRDD<T> parts, RunJob job, Trainer trainer,
      int[] indices) {
    Broadcast<double[]> shared = sc.broadcast(trainer.network().parameters().toArray());
    RunJob j = job;
    try {
      double[] total = Partials.sum(parts.mapPartitionsWithIndex(
          (p, it) -> one(PartitionWork.loss(j, p, it, shared.value(), indices)), false).collect());
      return total[1] == 0 ? Double.NaN : total[0] / total[1];
    } finally {
      shared.destroy();
    }
  }

  private static <R> Iterator<R> one(R value) {
    List<R> list = new ArrayList<>(1);
    list.add(value);
    return list.iterator();
  }

  /** One update per global batch; the parts compute its gradient. */
  private static final class Synchronous<T> implements Trainer.Epochs {
    private final JavaSparkContext sc;
    private final JavaRDD<T> parts;
    private final RunJob job;
    private final int rows;
    private long round;

    Synchronous(JavaSparkContext sc, JavaRDD<T> parts, RunJob job, int rows) {
      this.sc = sc;
      this.parts = parts;
      this.job = job;
      this.rows = rows;
    }

    @Override
    public int rows() {
      return rows;
    }

    @Override
    public double meanLoss(Trainer trainer, int[] indices) {
      return DistributedEpochs.meanLoss(sc, parts, job, trainer, indices);
    }

    @Override
    public double run(Trainer trainer) {
      int[] order = trainer.order(rows);
      int batch = trainer.options().batchSize();
      double lossSum = 0;
      for (int start = 0; start < rows; start += batch) {
        int count = Math.min(batch, rows - start);
        int[] members = Arrays.copyOfRange(order, start, start + count);
        double[] theta = trainer.network().parameters().toArray();
        Broadcast<double[]> shared = sc.broadcast(theta);
        long r = ++round;
        long update = trainer.updates() + 1;
        RunJob j = job;
        List<double[]> partial = parts.mapPartitionsWithIndex(
            (p, it) -> one(PartitionWork.gradient(j, p, it, shared.value(), members, update, r)), false).collect();
        shared.destroy();
        double[] total = Partials.sum(partial);
        int size = theta.length;
        double[] mean = new double[size];
        for (int i = 0; i < size; i++) {
          mean[i] = total[i] / count;
        }
        trainer.applyGradient(mean, total[size], count);
        lossSum += total[size];
      }
      return lossSum / rows;
    }
  }

  /** Local SGD on every part, averaged every {@code averageEvery} updates. */
  private static final class Averaging<T> implements Trainer.Epochs {
    private final JavaSparkContext sc;
    private final JavaRDD<T> parts;
    private final RunJob job;
    private final int rows;
    private final int averageEvery;
    private long round;

    Averaging(JavaSparkContext sc, JavaRDD<T> parts, RunJob job, int rows, int averageEvery) {
      this.sc = sc;
      this.parts = parts;
      this.job = job;
      this.rows = rows;
      this.averageEvery = averageEvery;
    }

    @Override
    public int rows() {
      return rows;
    }

    @Override
    public double meanLoss(Trainer trainer, int[] indices) {
      return DistributedEpochs.meanLoss(sc, parts, job, trainer, indices);
    }

    /** Every part passes once over its samples; the largest part sets the number of updates. */
    @Override
    public int updatesPerEpoch(int batchSize) {
      return (job.layout().largest() + batchSize - 1) / batchSize;
    }

    @Override
    public double run(Trainer trainer) {
      int batch = trainer.options().batchSize();
      int perEpoch = updatesPerEpoch(batch);
      long first = (long) (trainer.epoch() - 1) * perEpoch;
      double lossSum = 0;
      double seen = 0;
      for (int done = 0; done < perEpoch; done += averageEvery) {
        int count = Math.min(averageEvery, perEpoch - done);
        double[] theta = trainer.network().parameters().toArray();
        double[][] state = trainer.optimizerState();
        Broadcast<double[]> sharedTheta = sc.broadcast(theta);
        Broadcast<double[][]> sharedState = sc.broadcast(state);
        long updates = trainer.updates();
        long from = first + done;
        long r = ++round;
        RunJob j = job;
        // the driver's reductions by the validation figures so far (a plateau schedule), for the parts to apply
        double multiplier = trainer.rateMultiplier();
        List<double[]> partial = new ArrayList<>();
        for (double[] v : parts.mapPartitionsWithIndex((p, it) -> one(PartitionWork.average(j, p, it,
            sharedTheta.value(), sharedState.value(), updates, from, count, multiplier, r)), false).collect()) {
          if (v.length > 0) { // a part without samples has nothing to average
            partial.add(v);
          }
        }
        sharedTheta.destroy();
        sharedState.destroy();
        double[] total = Partials.sum(partial);
        double n = partial.size();
        double[] mean = new double[theta.length];
        for (int i = 0; i < mean.length; i++) {
          mean[i] = total[i] / n;
        }
        double[][] meanState = new double[state.length][];
        int at = theta.length;
        for (int b = 0; b < state.length; b++) {
          meanState[b] = new double[state[b].length];
          for (int i = 0; i < state[b].length; i++) {
            meanState[b][i] = total[at++] / n;
          }
        }
        double loss = total[at];
        lossSum += loss;
        seen += total[at + 1];
        double lastRate = partial.get(0)[at + 2];
        if (!Double.isFinite(loss)) {
          throw new TrainingDivergedException(trainer.epoch(), updates + count, loss / total[at + 1]);
        }
        trainer.adopt(mean, meanState, updates + count, lastRate, loss, (long) total[at + 1]);
      }
      return lossSum / seen;
    }
  }
}
