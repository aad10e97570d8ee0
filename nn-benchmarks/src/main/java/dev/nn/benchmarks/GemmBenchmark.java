package dev.nn.benchmarks;

import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.kernel.Matrix;
import dev.nn.core.kernel.Precision;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * C ← A·B (and the transposed forms the backward pass uses) on the kernels a YAML experiment selects,
 * reporting GFLOP/s as the {@code gflop} counter's ops/s (2·m·n·k per call, in units of 10⁹).
 *
 * <p>{@code kernels}: {@code java1}, {@code java2}, {@code blas1}, {@code blas2} — backend and thread
 * count. {@code shape}: {@code OP:m:n:k}, OP one of NN (Z = X·W), TN (G = Xᵀ·Δ, A stored k×m) and NT
 * (Δ·Wᵀ, B stored n×k). The defaults are square products, the products of a 784-512-512-10 network
 * at batch sizes 128 and 1, and those of a 64-wide layer at batch size 1 (W1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// the Java kernels run their Vector API loops, as under the nn launcher
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {

  @Param({"java1", "java2", "blas1", "blas2"})
  public String kernels;

  @Param({
      "NN:64:64:64", "TN:64:64:64", "NT:64:64:64",
      "NN:256:256:256", "TN:256:256:256", "NT:256:256:256",
      "NN:512:512:512", "TN:512:512:512", "NT:512:512:512",
      "NN:1024:1024:1024", "TN:1024:1024:1024", "NT:1024:1024:1024",
      "NN:128:512:784", "TN:784:512:128", "NT:128:784:512",
      "NN:128:512:512", "TN:512:512:128", "NT:128:512:512",
      "NN:1:512:784", "TN:784:512:1", "NT:1:784:512",
      "NN:1:64:64", "TN:64:64:1", "NT:1:64:64"})
  public String shape;

  /** {@code float64} or {@code float32}. */
  @Param({"float64", "float32"})
  public String precision;

  private Kernels backend;
  private boolean transA;
  private boolean transB;
  private int m;
  private int n;
  private int k;
  private Matrix a;
  private Matrix b;
  private Matrix c;
  private double gigaFlopsPerCall;

  /** Counts the floating-point work done, in units of 10⁹ operations; JMH reports it per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Work {
    public double gflop;

    @Setup(Level.Iteration)
    public void reset() {
      gflop = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = shape.split(":");
    if (parts.length != 4 || parts[0].length() != 2) {
      throw new IllegalArgumentException("shape must read OP:m:n:k with OP one of NN, TN, NT, TT; found " + shape);
    }
    transA = parts[0].charAt(0) == 'T';
    transB = parts[0].charAt(1) == 'T';
    m = Integer.parseInt(parts[1]);
    n = Integer.parseInt(parts[2]);
    k = Integer.parseInt(parts[3]);
    String name = kernels.replaceAll("\\d+$", "");
    int threads = Integer.parseInt(kernels.substring(name.length()));
    backend = KernelChoice.choose(name, threads, Precision.named(precision), "auto", null, new int[] {k, n}, m)
        .kernels();
    SplittableRandom random = new SplittableRandom(42);
    a = filled(m * k, random);
    b = filled(k * n, random);
    c = filled(m * n, random);
    gigaFlopsPerCall = 2.0 * m * n * k / 1e9;
  }

  private Matrix filled(int length, SplittableRandom random) {
    Matrix matrix = backend.allocate(length);
    for (int i = 0; i < length; i++) {
      matrix.set(i, random.nextDouble(-1, 1));
    }
    return matrix;
  }

  /** Stops the runtime's worker threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public void gemm(Work work) {
    backend.gemm(transA, transB, m, n, k, 1.0, a, 0, transA ? m : k, b, 0, transB ? k : n, 0.0, c, 0, n);
    work.gflop += gigaFlopsPerCall;
  }
}
