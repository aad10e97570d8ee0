package dev.nn.spark;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.nn.api.Loss;
import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.TrainerFactory;
import dev.nn.core.inject.NnModules;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.random.RandomStream;
import dev.nn.core.train.BatchGradient;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;

/**
 * What a task computes for its part of a distributed run, with the core's own network, loss and trainer. A
 * part holds the training samples its run's {@link PartLayout} gives it. Each executor JVM builds a part
 * once per run and keeps it between rounds. Its samples come from one of two places:
 *
 * <ul>
 *   <li>the experiment's data sources: the executor rebuilds the experiment from its YAML and prepares the
 *       data exactly as the driver did (the same files, checked against the driver's SHA-256, the same
 *       seed), or, in the driver's own JVM
 *       ({@code local[N]}), takes the driver's prepared data; the part keeps its stride of the samples;
 *   <li>a partition of a data frame ({@link RunJob#frame()}): the task's partition holds one
 *       {@link FrameBlock}, which becomes the part's samples; the data is never on the driver.
 * </ul>
 */
final class PartitionWork {
  private static final Map<String, PreparedData> OFFERED = new ConcurrentHashMap<>();
  private static final Map<String, PluginRegistry> PLUGINS = new ConcurrentHashMap<>();
  private static final Map<String, Part> PARTS = new ConcurrentHashMap<>();

  private PartitionWork() {}

  /** Lets tasks in this JVM use the driver's prepared data instead of reading the files again. */
  static void offer(String runId, PreparedData data) {
    OFFERED.put(runId, data);
  }

  /**
   * Lets tasks in this JVM (a local master's) use the driver's plugins: those of its plugin path are loaded by a
   * class loader of their own, which nn's class loader, the one tasks load plugins from, does not see.
   */
  static void offerPlugins(String runId, PluginRegistry plugins) {
    PLUGINS.put(runId, plugins);
  }

  /** Drops everything this JVM keeps for a run. */
  static void forget(String runId) {
    OFFERED.remove(runId);
    PLUGINS.remove(runId);
    PARTS.keySet().removeIf(k -> k.startsWith(runId + "/"));
  }

  /**
   * Σ_n ∂L_n/∂θ and Σ_n L_n at parameters {@code theta} over the rows of {@code batch} (global training
   * indices) that part {@code p} holds, as part of update {@code update}: with dropout, each row takes the mask
   * of its position in {@code batch}, the mask one process draws for it.
   *
   * @return the gradient sum followed by Σ L_n and the number of rows
   */
  static double[] gradient(RunJob job, int p, Iterator<?> partition, double[] theta, int[] batch, long update,
      long round) {
    failOnPurpose(job, p, round);
    Part part = part(job, p, partition);
    synchronized (part) {
      part.gradient.network().parameters().load(theta);
      int k = 0;
      for (int b = 0; b < batch.length; b++) {
        int local = job.layout().local(batch[b], p);
        if (local >= 0) {
          part.positions[k] = b;
          part.rows[k++] = local;
        }
      }
      int size = theta.length;
      double[] out = new double[size + 2];
      out[size] = k == 0 ? 0 : part.gradient.add(part.shard, part.rows, 0, k, out, update, part.positions);
      out[size + 1] = k;
      return out;
    }
  }

  /**
   * Σ_n L_n at parameters {@code theta}, without a step and without dropout, over the rows of {@code rows} (global
   * training indices) that part {@code p} holds: its share of the untrained network's loss, the first epoch's
   * divergence reference. Not a round: the test hook's failures are for rounds of training.
   *
   * @return Σ L_n and the number of rows
   */
  static double[] loss(RunJob job, int p, Iterator<?> partition, double[] theta, int[] rows) {
    Part part = part(job, p, partition);
    synchronized (part) {
      part.gradient.network().parameters().load(theta);
      int k = 0;
      for (int i : rows) {
        int local = job.layout().local(i, p);
        if (local >= 0) {
          part.rows[k++] = local;
        }
      }
      return new double[] {k == 0 ? 0 : part.gradient.loss(part.shard, part.rows, 0, k), k};
    }
  }

  /**
   * Local SGD on part {@code p}: from parameters {@code theta} and optimizer state {@code state} after
   * {@code updates} updates, takes {@code count} updates of the part's own stream of epochs from update
   * {@code first} of that stream, at the schedule's rates times {@code rateMultiplier} (the driver's plateau
   * reductions).
   *
   * @return the new parameters, the new optimizer state (blocks one after the other), Σ L_n, the number of
   *     rows and the last learning rate; nothing (an empty array) for a part without samples
   */
  static double[] average(RunJob job, int p, Iterator<?> partition, double[] theta, double[][] state, long updates,
      long first, int count, double rateMultiplier, long round) {
    failOnPurpose(job, p, round);
    Part part = part(job, p, partition);
    if (part.shard.rows() == 0) {
      return new double[0];
    }
    synchronized (part) {
      Trainer trainer = part.trainer();
      trainer.adopt(theta, state, updates, Double.NaN);
      trainer.useRateMultiplier(rateMultiplier);
      double loss = trainer.runUpdates(part.shard, first, count, part.orderSeed);
      double[] params = trainer.network().parameters().toArray();
      double[][] newState = trainer.optimizerState();
      int stateSize = 0;
      for (double[] b : newState) {
        stateSize += b.length;
      }
      double[] out = new double[params.length + stateSize + 3];
      System.arraycopy(params, 0, out, 0, params.length);
      int at = params.length;
      for (double[] b : newState) {
        System.arraycopy(b, 0, out, at, b.length);
        at += b.length;
      }
      out[at] = loss;
      out[at + 1] = rowsOf(part.shard.rows(), trainer.options().batchSize(), first, count);
      out[at + 2] = trainer.lastRate();
      return out;
    }
  }

  /** The samples that updates first … first+count−1 of a stream of epochs over n rows visit. */
  static long rowsOf(int n, int batch, long first, int count) {
    int perEpoch = (n + batch - 1) / batch;
    long rows = 0;
    for (long u = first; u < first + count; u++) {
      int start = (int) (u % perEpoch) * batch;
      rows += Math.min(batch, n - start);
    }
    return rows;
  }

  /** Part {@code p}'s number of training samples among {@code n}. */
  static int partRows(int n, int partitions, int p) {
    return n / partitions + (p < n % partitions ? 1 : 0);
  }

  private static void failOnPurpose(RunJob job, int p, long round) {
    TaskContext task = TaskContext.get();
    if (job.failRound() == round && p == 0 && task != null && task.attemptNumber() == 0) {
      throw new IllegalStateException("nn-spark test hook: the first attempt of round " + round + " fails");
    }
    if (job.failRound() == -round && p == 0) {
      throw new IllegalStateException("nn-spark test hook: every attempt of round " + round + " fails");
    }
  }

  private static Part part(RunJob job, int p, Iterator<?> partition) {
    return PARTS.computeIfAbsent(job.id() + "/" + p, k -> new Part(job, p, partition));
  }

  /**
   * The core objects of a run as an executor builds them: the experiment rebuilt from its YAML with one
   * thread per task's kernels, and its data prepared from the run's data frame shape, taken from the driver
   * in the same JVM, or else prepared from the experiment's own sources.
   */
  static Injector injector(RunJob job) {
    // the driver's plugins in its own JVM; elsewhere nn's own class loader, which sees nn and the plugin jars
    // shipped with it (spark.jars); a task thread's context loader may hold a second copy of the application jar
    PluginRegistry offeredPlugins = PLUGINS.get(job.id());
    Nn nn = Nn.withPlugins(offeredPlugins != null ? offeredPlugins
        : PluginRegistry.load(PartitionWork.class.getClassLoader()));
    // one task per core: each task's kernels use one thread
    Experiment experiment = nn.parse(job.experimentYaml(), List.of("compute.threads=1"));
    Module module = NnModules.forRun(experiment, nn.plugins());
    PreparedData offered = job.frame() != null
        ? job.frame().prepared(experiment.loss().create(nn.plugins(), PluginKind.LOSS), experiment.loss().name())
        : OFFERED.get(job.id());
    if (offered != null) {
      module = Modules.override(module).with(b -> b.bind(PreparedData.class).toInstance(offered));
    } else if (job.driverFiles() != null) {
      // this executor reads the sources from its own disk: they must be the files the driver read
      job.driverFiles().checkCopies(DriverFiles.thisExecutor());
    }
    return NnModules.injector(module);
  }

  /** One part's samples and the core objects that compute on them, kept between rounds. */
  private static final class Part {
    final Samples shard;
    final BatchGradient gradient;
    final int[] rows;
    /** Each of {@link #rows}' position in the global batch. */
    final int[] positions;
    final long orderSeed;
    private final TrainerFactory trainers;
    private Trainer trainer;

    Part(RunJob job, int p, Iterator<?> partition) {
      Injector injector = injector(job);
      Experiment experiment = injector.getInstance(Experiment.class);
      PreparedData data = injector.getInstance(PreparedData.class);
      shard = job.frame() != null ? job.frame().samples(block(partition, p), data)
          : stride(data.trainSamples(), job.partitions(), p);
      Network network = injector.getInstance(Network.class);
      Loss loss = injector.getInstance(Loss.class);
      trainers = injector.getInstance(TrainerFactory.class);
      int batch = experiment.training().batchSize();
      gradient = new BatchGradient(network, loss, Math.max(1, Math.min(batch, shard.rows())));
      rows = new int[Math.max(1, shard.rows())];
      positions = new int[rows.length];
      orderSeed = RandomStream.PART_SHUFFLE.streamSeed(experiment.seed(), p);
    }

    Trainer trainer() {
      if (trainer == null) {
        trainer = trainers.create(List.of());
      }
      return trainer;
    }
  }

  /** The one block a partition of a run's data frame holds. */
  private static FrameBlock block(Iterator<?> partition, int p) {
    if (!partition.hasNext()) {
      throw new IllegalStateException("partition " + p + " holds no block of samples");
    }
    return (FrameBlock) partition.next();
  }

  /** Rows p, p+P, p+2P, … of {@code all}. */
  static Samples stride(Samples all, int partitions, int p) {
    int[] index = new int[partRows(all.rows(), partitions, p)];
    for (int r = 0; r < index.length; r++) {
      index[r] = r * partitions + p;
    }
    return all.rows(index);
  }
}
