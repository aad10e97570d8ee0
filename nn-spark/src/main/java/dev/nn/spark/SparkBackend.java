package dev.nn.spark;

import dev.nn.core.config.DistributedSpec;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentWriter;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.TrainingBackend;
import dev.nn.core.train.Evaluator;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingResult;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Computes a run's epochs on Spark; {@link dev.nn.core.experiment.TrainingRun} does the rest as for a run in
 * one process (run directory, checkpoints, evaluation, model, report). The driver keeps the trainer — the
 * parameters, the optimizer state, the schedule — and evaluates validation figures; each round, one task per
 * part computes on the part's samples ({@link PartitionWork}).
 *
 * <ul>
 *   <li>{@code synchronous}: per update, the driver draws the epoch's order exactly as a run in one process
 *       does, sends θ (a broadcast) and the batch's sample indices; each part returns Σ∇L_n and Σ L_n over its
 *       rows of the batch; the driver adds the parts in a fixed order ({@link Partials}), divides by B and
 *       steps the optimizer. The same updates as one process, up to the order of additions.
 *   <li>{@code averaging}: per round, each part takes {@code average-every} updates of its own on its own
 *       samples from the broadcast θ and optimizer state; the driver averages the parts' parameters and
 *       states. An epoch is one pass of every part over its samples.
 * </ul>
 */
final class SparkBackend implements TrainingBackend {
  /** Spark setting (a test hook): the round whose first attempt at part 0 fails. */
  static final String FAIL_ROUND = "spark.nn.test.failRound";

  private final SparkSession session;
  private final Experiment experiment;
  private final DistributedSpec spec;

  @Inject
  SparkBackend(SparkSession session, Experiment experiment) {
    this.session = session;
    this.experiment = experiment;
    this.spec = experiment.distributed().orElseThrow();
  }

  @Override
  public TrainingResult train(Trainer trainer, PreparedData data) {
    Samples train = data.trainSamples();
    if (train.rows() == 0) {
      throw new IllegalArgumentException("no training samples");
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    int partitions = spec.partitions();
    RunJob job = new RunJob(UUID.randomUUID().toString(), ExperimentWriter.write(experiment), partitions,
        Long.parseLong(spec.conf().getOrDefault(FAIL_ROUND, sc.getConf().get(FAIL_ROUND, "0"))));
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      ids.add(p);
    }
    JavaRDD<Integer> parts = sc.parallelize(ids, partitions);
    Samples validation = data.validationSamples();
    Evaluator evaluator = validation == null || validation.rows() == 0 ? null
        : new Evaluator(trainer.network(), trainer.loss(), Math.max(256, trainer.options().batchSize()));
    Trainer.Epochs epochs = spec.mode() == DistributedSpec.Mode.SYNCHRONOUS
        ? new Synchronous(sc, parts, job, train.rows())
        : new Averaging(sc, parts, job, train.rows());
    PartitionWork.offer(job.id(), data);
    try {
      return trainer.train(epochs, evaluator == null ? null : c -> evaluator.evaluate(validation, c),
          data.classification());
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw SparkFailures.translate(e);
    } finally {
      PartitionWork.forget(job.id());
    }
  }

  @Override
  public Map<String, String> provenance() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("engine", "Apache Spark");
    m.put("version", session.version());
    m.put("master", session.sparkContext().master());
    m.put("partitions", Integer.toString(spec.partitions()));
    m.put("mode", spec.mode().yamlName());
    if (spec.mode() == DistributedSpec.Mode.AVERAGING) {
      m.put("average-every", Integer.toString(spec.averageEvery()));
    }
    return m;
  }

  /** One update per global batch; the parts compute its gradient. */
  private static final class Synchronous implements Trainer.Epochs {
    private final JavaSparkContext sc;
    private final JavaRDD<Integer> parts;
    private final RunJob job;
    private final int rows;
    private long round;

    Synchronous(JavaSparkContext sc, JavaRDD<Integer> parts, RunJob job, int rows) {
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
    public double run(Trainer trainer) {
      int[] order = trainer.order(rows);
      int batch = trainer.options().batchSize();
      double lossSum = 0;
      for (int start = 0; start < rows; start += batch) {
        int count = Math.min(batch, rows - start);
        int[] members = java.util.Arrays.copyOfRange(order, start, start + count);
        double[] theta = trainer.network().parameters().toArray();
        Broadcast<double[]> shared = sc.broadcast(theta);
        long r = ++round;
        RunJob j = job;
        List<double[]> partial = parts.map(p -> PartitionWork.gradient(j, p, shared.value(), members, r)).collect();
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

  /** Local SGD on every part, averaged every {@code average-every} updates. */
  private final class Averaging implements Trainer.Epochs {
    private final JavaSparkContext sc;
    private final JavaRDD<Integer> parts;
    private final RunJob job;
    private final int rows;
    private long round;

    Averaging(JavaSparkContext sc, JavaRDD<Integer> parts, RunJob job, int rows) {
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
    public double run(Trainer trainer) {
      int batch = trainer.options().batchSize();
      // every part passes once over its samples; the largest part sets the number of updates
      int largest = PartitionWork.partRows(rows, job.partitions(), 0);
      int perEpoch = (largest + batch - 1) / batch;
      long first = (long) (trainer.epoch() - 1) * perEpoch;
      double lossSum = 0;
      double seen = 0;
      for (int done = 0; done < perEpoch; done += spec.averageEvery()) {
        int count = Math.min(spec.averageEvery(), perEpoch - done);
        double[] theta = trainer.network().parameters().toArray();
        double[][] state = trainer.optimizerState();
        Broadcast<double[]> sharedTheta = sc.broadcast(theta);
        Broadcast<double[][]> sharedState = sc.broadcast(state);
        long updates = trainer.updates();
        long from = first + done;
        long r = ++round;
        RunJob j = job;
        List<double[]> partial = parts.map(p -> PartitionWork.average(j, p, sharedTheta.value(), sharedState.value(),
            updates, from, count, r)).collect();
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
          throw new dev.nn.core.train.TrainingDivergedException(trainer.epoch(), updates + count, loss / total[at + 1]);
        }
        trainer.adopt(mean, meanState, updates + count, lastRate);
      }
      return lossSum / seen;
    }
  }
}
