package dev.nn.tests.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.Injector;
import dev.nn.core.Nn;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.TrainerFactory;
import dev.nn.core.inject.NnModules;
import dev.nn.core.model.Model;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The steady state of training and inference allocates nothing, in any thread: bytes allocated by all
 * threads of the JVM (com.sun.management.ThreadMXBean) over a whole epoch of thousands of updates, after
 * warm-up, stay under a small fixed bound. The bound covers what an epoch does once at its start (one
 * random generator for its shuffle, a few hundred bytes) and the test harness's own threads; one byte per
 * update would already exceed it.
 */
class SteadyStateAllocationTests {
  private static final long BOUND = 16 * 1024;
  private static final Nn NN = Nn.create();

  private static com.sun.management.ThreadMXBean threads() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocated bytes");
    com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(t.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes");
    t.setThreadAllocatedMemoryEnabled(true);
    return t;
  }

  /**
   * Waits for the Java kernels' warm-up thread (see WarmingLoops in nn-core), which allocates while the JIT
   * has not yet compiled the vector loops, so that it is not counted as the steady state's.
   */
  private static void awaitKernelWarmUp() throws InterruptedException {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("nn-vector-loops-warm-up")) {
        thread.join();
      }
    }
  }

  private static long allocatedByAllThreads(com.sun.management.ThreadMXBean t) {
    long sum = 0;
    for (long bytes : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
      if (bytes > 0) {
        sum += bytes;
      }
    }
    return sum;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "bench/w1.yaml, training.epochs=1",
      "digits.yaml, training.batch-size=32",
      "digits.yaml, training.batch-size=32 compute.backend=blas compute.threads=2",
      "digits-conv.yaml, compute.backend=blas compute.threads=2",
      "digits-conv.yaml, optimizer.name=adam",
      "autoencoder-tied.yaml, data.train.limit=1000 training.batch-size=8",
      "bench/w1.yaml, training.epochs=1 compute.precision=float32",
      "digits.yaml, training.batch-size=32 compute.backend=blas compute.threads=2 compute.precision=float32",
      "digits.yaml, training.batch-size=32 compute.backend=blas compute.precision=float32 optimizer.name=adam",
      "digits.yaml, training.batch-size=32 compute.precision=float32 optimizer.name=adam",
      "digits-conv.yaml, compute.precision=float32",
      "digits-conv.yaml, compute.precision=float32 compute.threads=1 optimizer.name=momentum",
      "digits-conv.yaml, compute.precision=float32 compute.backend=blas compute.threads=2",
      "autoencoder-tied.yaml, data.train.limit=1000 training.batch-size=8 compute.precision=float32",
      "autoencoder-tied.yaml, data.train.limit=1000 training.batch-size=8 compute.precision=float32 compute.backend=blas",
      "digits.yaml, training.batch-size=32 network.layers[0].dropout=0.2 network.layers[1].dropout=0.5",
      "digits.yaml, training.batch-size=1 network.layers[1].dropout=0.5",
      "digits.yaml, training.batch-size=32 network.layers[1].dropout=0.5 compute.backend=blas compute.threads=2 compute.precision=float32",
      "digits.yaml, training.batch-size=32 training.class-weights=balanced",
      "pima.yaml, training.batch-size=8 compute.precision=float32 compute.backend=blas compute.threads=2",
  })
  void anEpochOfTrainingAllocatesNothingPerUpdate(String example, String override) throws Exception {
    com.sun.management.ThreadMXBean t = threads();
    Injector injector = NnModules.injector(NnModules.forRun(
        NN.load(Path.of("..", "examples", example), overrides(override)), NN.plugins()));
    Trainer trainer = injector.getInstance(TrainerFactory.class).create(java.util.List.of());
    Samples train = injector.getInstance(PreparedData.class).trainSamples();
    if (override.contains("backend=blas")) {
      assertEquals("openblas", injector.getInstance(dev.nn.core.network.Network.class).kernels().name());
    }
    long updates = (train.rows() + trainer.options().batchSize() - 1) / trainer.options().batchSize();
    assertTrue(updates >= 40, "enough updates to tell a per-update allocation from a fixed one");
    long least = leastPerEpoch(t, trainer, train);
    assertTrue(least <= BOUND, least + " bytes over an epoch of " + updates + " updates");
  }

  /**
   * The fewest bytes all threads allocated over one epoch after three of warm-up: see {@link #leastAllocatedBy}.
   */
  private static long leastPerEpoch(com.sun.management.ThreadMXBean t, Trainer trainer, Samples train)
      throws InterruptedException {
    for (int warm = 0; warm < 3; warm++) {
      trainer.runEpoch(train);
    }
    awaitKernelWarmUp();
    return leastAllocatedBy(t, () -> trainer.runEpoch(train));
  }

  /** How long a unit of work is repeated, at most, for the JIT to reach the steady state. */
  private static final java.time.Duration JIT_BUDGET = java.time.Duration.ofSeconds(20);

  /**
   * The fewest bytes all threads allocated over one run of {@code unit}: of three runs, or, while more than the
   * bound, of as many as {@link #JIT_BUDGET} allows, each after the kernels' warm-up thread if one runs. That
   * thread starts once the kernels have done enough work, which may be during the runs measured rather than
   * before them, and allocates until its loops are compiled; and a busy machine's JIT may compile the training
   * loop itself (and remove what its interpreted form allocates) long after the warm-up. A count of runs (ten
   * epochs were once too few) is a guess at the machine's speed, a budget of time is not. A real allocation per
   * update is in every run, and fails the test once the budget is spent.
   */
  private static long leastAllocatedBy(com.sun.management.ThreadMXBean t, Runnable unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + JIT_BUDGET.toNanos();
    long least = Long.MAX_VALUE;
    for (int rep = 0; rep < 3 || (least > BOUND && System.nanoTime() < deadline); rep++) {
      long before = allocatedByAllThreads(t);
      unit.run();
      least = Math.min(least, allocatedByAllThreads(t) - before);
      if (least > BOUND) {
        awaitKernelWarmUp();
      }
    }
    return least;
  }

  /** Rows that carry weights (a csv source's weight column) are weighed in buffers made once, in both precisions. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"training.batch-size=32", "training.batch-size=32 compute.precision=float32 compute.backend=blas"})
  void anEpochOfWeightedRowsAllocatesNothingPerUpdate(String override) throws Exception {
    com.sun.management.ThreadMXBean t = threads();
    Injector injector = NnModules.injector(NnModules.forRun(
        NN.load(Path.of("..", "examples", "digits.yaml"), overrides(override)), NN.plugins()));
    Trainer trainer = injector.getInstance(TrainerFactory.class).create(java.util.List.of());
    Samples plain = injector.getInstance(PreparedData.class).trainSamples();
    double[] weights = new double[plain.rows()];
    for (int r = 0; r < weights.length; r++) {
      weights[r] = r % 5 * 0.5;
    }
    Samples train = plain.withWeights(weights);
    long least = leastPerEpoch(t, trainer, train);
    assertTrue(least <= BOUND, least + " bytes over an epoch of " + train.rows() / 32 + " updates");
  }

  /** The space-separated overrides, and enough epochs for warm-up and measurement. */
  private static List<String> overrides(String spaced) {
    List<String> all = new java.util.ArrayList<>(List.of(spaced.split(" ")));
    all.add("training.epochs=100");
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"digits.yaml", "digits-conv.yaml"})
  void predictionAllocatesNothingPerCallOnceEachThreadHasItsBuffers(String example) throws Exception {
    com.sun.management.ThreadMXBean t = threads();
    Injector injector = NnModules.injector(NnModules.forRun(
        NN.load(Path.of("..", "examples", example), List.of()), NN.plugins()));
    PreparedData data = injector.getInstance(PreparedData.class);
    dev.nn.core.network.Network network = injector.getInstance(dev.nn.core.network.Network.class);
    // the spec built from the network, as a run builds it: a tied network's shared and absent edges included
    Model model = new Model(dev.nn.core.model.ModelSpec.of(data.train(), null, network,
        List.of(new dev.nn.core.model.PluginUse("relu", "x", java.util.Map.of()),
            new dev.nn.core.model.PluginUse("identity", "x", java.util.Map.of())),
        new dev.nn.core.model.PluginUse("softmax-cross-entropy", "x", java.util.Map.of())),
        network, injector.getInstance(dev.nn.api.Loss.class));
    Samples s = data.trainSamples();
    double[] out = new double[s.rows() * s.outputs()];
    for (int warm = 0; warm < 20; warm++) {
      model.predict(s.x(), s.rows(), out);
    }
    // these predictions' work started the kernels' warm-up thread; its rounds are not the steady state
    awaitKernelWarmUp();
    long least = leastAllocatedBy(t, () -> {
      for (int call = 0; call < 50; call++) {
        model.predict(s.x(), s.rows(), out);
      }
    });
    assertTrue(least <= BOUND, least + " bytes over 50 predictions of " + s.rows() + " rows");
  }

  @org.junit.jupiter.api.Test
  void inferenceOnOpenBlasOnTwoThreadsAllocatesNothingPerBatch() throws Exception {
    com.sun.management.ThreadMXBean t = threads();
    Injector injector = NnModules.injector(NnModules.forRun(NN.load(Path.of("..", "examples", "digits.yaml"),
        List.of("compute.backend=blas", "compute.threads=2")), NN.plugins()));
    dev.nn.core.network.Network network = injector.getInstance(dev.nn.core.network.Network.class);
    assertEquals("openblas", network.kernels().name());
    Samples s = injector.getInstance(PreparedData.class).trainSamples();
    int batch = 256;
    dev.nn.core.network.Workspace ws = network.newWorkspace(batch);
    Runnable pass = () -> {
      for (int start = 0; start + batch <= s.rows(); start += batch) {
        ws.setInput(s.x(), start * s.inputs(), batch);
        network.infer(ws, batch);
      }
    };
    for (int warm = 0; warm < 200; warm++) {
      pass.run();
    }
    long least = leastAllocatedBy(t, () -> {
      for (int call = 0; call < 200; call++) {
        pass.run();
      }
    });
    assertTrue(s.rows() >= 2 * batch, "several batches per pass");
    assertTrue(least <= BOUND, least + " bytes over 200 passes");
  }
}
