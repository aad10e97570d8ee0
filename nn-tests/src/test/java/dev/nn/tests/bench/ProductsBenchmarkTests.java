package dev.nn.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.core.bench.BenchResult;
import dev.nn.core.bench.Benchmark;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.inject.NnModules;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.kernel.Matrix;
import dev.nn.core.kernel.RowWeights;
import dev.nn.core.kernel.Precision;
import dev.nn.core.plugin.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn bench --products}: the matrix products of a workload alone are the products training (or
 * inference) issues — the same shapes, transposes and betas, each as often per batch — and nothing else
 * reaches the kernels. Checked by recording every kernel call of a real benchmark of a 6-9-7-1 network.
 */
class ProductsBenchmarkTests {
  private final PluginRegistry registry = PluginRegistry.loadDefault();

  @TempDir Path dir;

  private Experiment experiment(String... overrides) throws Exception {
    Path yaml = dir.resolve("small.yaml");
    Files.writeString(yaml, String.join("\n",
        "name: small",
        "data: {train: {source: generator, name: lecture-regression, inputs: 6, samples: 200},"
            + " validation: {split: 0.0}}",
        "network: {layers: [{units: 6}, {units: 9, activation: tanh}, {units: 7, activation: relu},"
            + " {units: 1, activation: identity}]}",
        "loss: squared",
        "optimizer: {name: sgd, learning-rate: 0.1}",
        "training: {epochs: 1, batch-size: 20, shuffle: false}", ""));
    return new ExperimentReader(registry).read(yaml, List.of(overrides));
  }

  /** Runs the benchmark on recording kernels and returns what they saw. */
  private Recording record(Experiment e, java.util.function.Function<Benchmark, BenchResult> run) {
    Recording kernels = new Recording(new JavaKernels());
    Module module = Modules.override(NnModules.forRun(e, registry))
        .with(binder -> binder.bind(Kernels.class).toInstance(kernels));
    Benchmark benchmark = NnModules.create(Benchmark.class, module);
    kernels.calls.clear(); // the network's initialisation
    run.apply(benchmark);
    return kernels;
  }

  @Test
  void theProductsOfTrainingAloneAreTheProductsTrainingIssuesAndNothingElse() throws Exception {
    Experiment e = experiment();
    Recording training = record(e, b -> b.train(1, 0.01));
    Recording products = record(e, b -> b.products(true, 1, 0.01));
    Map<String, Integer> trained = training.perBatch("gemm");
    Map<String, Integer> alone = products.perBatch("gemm");
    assertEquals(trained, alone, "the products of one batch: training " + trained + ", alone " + alone);
    assertTrue(trained.size() >= 5, "three layers: forward, weight and input-gradient products " + trained);
    assertEquals(List.of("gemm"), products.kinds(), "nothing but products reaches the kernels");
    assertTrue(training.kinds().contains("activate") && training.kinds().contains("seed"), training.kinds().toString());
  }

  @Test
  void atBatchSizeOneTheProductsAloneTakeTrainingsOnePassStep() throws Exception {
    Experiment e = experiment("training.batch-size=1", "data.train.samples=40");
    Recording training = record(e, b -> b.train(1, 0.01));
    Recording products = record(e, b -> b.products(true, 1, 0.01));
    assertEquals(training.perBatch("propagateAndStep"), products.perBatch("propagateAndStep"));
    assertEquals(training.perBatch("gemm"), products.perBatch("gemm"));
    assertEquals(2, products.perBatch("propagateAndStep").size(), "layers 2 and 3 in one pass each");
    assertEquals(List.of("gemm", "propagateAndStep"), products.kinds());
  }

  @Test
  void theProductsOfInferenceAreTheForwardProducts() throws Exception {
    Experiment e = experiment();
    Recording inference = record(e, b -> b.infer(1, 0.01));
    Recording products = record(e, b -> b.products(false, 1, 0.01));
    assertEquals(inference.perBatch("gemm"), products.perBatch("gemm"));
    assertEquals(3, products.perBatch("gemm").size(), products.perBatch("gemm").toString());
  }

  @Test
  void theFiguresCountTheSameWorkPerSampleAsTheWorkloadAndNameTheMode() throws Exception {
    Experiment e = experiment();
    Benchmark benchmark = NnModules.create(Benchmark.class, NnModules.forRun(e, registry));
    BenchResult trained = benchmark.train(1, 0.01);
    BenchResult alone = benchmark.products(true, 1, 0.01);
    assertEquals("products", alone.mode());
    assertEquals(trained.flopsPerSample(), alone.flopsPerSample());
    assertEquals(2.0 * (6 * 9 + 9 * 7 + 7 * 1) * 2 + 2.0 * (9 * 7 + 7 * 1), alone.flopsPerSample());
    assertTrue(alone.median() > 0 && alone.min() <= alone.median() && alone.median() <= alone.max());
    assertTrue(alone.line().startsWith("small                products float64"), alone.line());
  }

  /** Kernels that pass every call on and note its kind and, for products, its shape. */
  private static final class Recording implements Kernels {
    final Kernels inner;
    final List<String> calls = new ArrayList<>();

    Recording(Kernels inner) {
      this.inner = inner;
    }

    /** How many times each product shape was issued, divided by the number of batches (the rarest shape's count). */
    Map<String, Integer> perBatch(String kind) {
      Map<String, Integer> counts = new TreeMap<>();
      for (String call : calls) {
        if (call.startsWith(kind + " ")) {
          counts.merge(call, 1, Integer::sum);
        }
      }
      int batches = counts.values().stream().min(Integer::compare).orElse(1);
      Map<String, Integer> per = new TreeMap<>();
      counts.forEach((shape, n) -> {
        assertEquals(0, n % batches, shape + " issued " + n + " times in " + batches + " batches");
        per.put(shape, n / batches);
      });
      return per;
    }

    List<String> kinds() {
      return calls.stream().map(c -> c.split(" ")[0]).distinct().sorted().toList();
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Precision precision() {
      return inner.precision();
    }

    @Override
    public int threads() {
      return inner.threads();
    }

    @Override
    public Matrix allocate(int length) {
      return inner.allocate(length);
    }

    @Override
    public void multiply(int count, Matrix a, double[] factors, Matrix out) {
      calls.add("multiply");
      inner.multiply(count, a, factors, out);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, Matrix a, int aOffset,
        int lda, Matrix b, int bOffset, int ldb, double beta, Matrix c, int cOffset, int ldc) {
      calls.add("gemm " + (transA ? "T" : "N") + (transB ? "T" : "N") + " " + m + "x" + n + "x" + k + " beta " + beta);
      inner.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public void propagateAndStep(int in, int out, double step, double decay, Matrix x, int xOffset, Matrix delta,
        int deltaOffset, Matrix w, int wOffset, Matrix d, int dOffset) {
      calls.add("propagateAndStep " + in + "x" + out + " decay " + decay);
      inner.propagateAndStep(in, out, step, decay, x, xOffset, delta, deltaOffset, w, wOffset, d, dOffset);
    }

    @Override
    public void addRowVector(int rows, int cols, Matrix v, int vOffset, Matrix c, int cOffset) {
      calls.add("addRowVector");
      inner.addRowVector(rows, cols, v, vOffset, c, cOffset);
    }

    @Override
    public void columnSums(int rows, int cols, double alpha, Matrix a, int aOffset, double beta, Matrix out,
        int outOffset) {
      calls.add("columnSums");
      inner.columnSums(rows, cols, alpha, a, aOffset, beta, out, outOffset);
    }

    @Override
    public void activate(int rows, int cols, Matrix bias, int biasOffset, Matrix z, Matrix x, Activation phi,
        boolean keep) {
      calls.add("activate");
      inner.activate(rows, cols, bias, biasOffset, z, x, phi, keep);
    }

    @Override
    public void multiplyByDerivative(int count, Matrix z, Matrix x, Matrix delta, Activation phi) {
      calls.add("multiplyByDerivative");
      inner.multiplyByDerivative(count, z, x, delta, phi);
    }

    @Override
    public double seed(Loss loss, Activation phi, Matrix z, Matrix x, double[] target, RowWeights weights,
        Matrix delta, int rows, int cols) {
      calls.add("seed");
      return inner.seed(loss, phi, z, x, target, weights, delta, rows, cols);
    }

    @Override
    public double lossValue(Loss loss, Matrix z, Matrix x, double[] target, RowWeights weights, int rows,
        int cols) {
      calls.add("lossValue");
      return inner.lossValue(loss, z, x, target, weights, rows, cols);
    }

    @Override
    public void output(Loss link, Matrix z, Matrix x, double[] out, int rows, int cols) {
      calls.add("output");
      inner.output(link, z, x, out, rows, cols);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
