package dev.nn.core.kernel;

import java.nio.DoubleBuffer;

/**
 * The pure-Java kernels: heap buffers, loops on their backing arrays in an order the JIT vectorises
 * (the innermost loop runs along a row of the output), on one or several threads. Needs nothing
 * installed.
 *
 * <p>GEMM sums the products of each output element in a fixed order (see {@code GemmLoops} and
 * {@code VectorLoops} for the exact order of each path); the paths are chosen from the shape alone. With
 * {@code threads > 1}, a product of at least {@value #SCALAR_PARALLEL_MIN_FLOPS} floating-point operations
 * (2·m·n·k) with the plain loops, {@value #VECTOR_PARALLEL_MIN_FLOPS} with the vector loops, is split into
 * disjoint blocks of rows of C (or of columns, when C has fewer than 4 rows per thread) that run on a shared
 * pool of daemon threads created once; no sum is split, so the result is bit-identical for every thread
 * count.
 */
public final class JavaKernels implements Kernels {
  /**
   * Work (2·m·n·k) below which a product runs on the calling thread alone, with the plain loops: 2¹⁷, about
   * a 40×40×40 product (some 12 µs at 11 GFLOP/s). Measured on the 2-core AMD EPYC, two threads against one:
   * 24³ 7–10 vs 10 GFLOP/s (a loss), 32³ 13 vs 11, 48³ 19 vs 12, 512³ 17–25 vs 12.
   */
  static final double SCALAR_PARALLEL_MIN_FLOPS = 1 << 17;
  /**
   * The same with the vector loops, which are 3–4× faster on one thread: 2²⁰, about an 80×80×80 product.
   * Measured there (GFLOP/s, one thread vs two; NN, TN, NT): 64³ 50/47, 45/36, 33/20; 80³ 40/48, 39/63,
   * 41/35; 96³ 49/70, 42/67, 40/42; 128³ 46/76, 38/69, 41/48; 256³ 43/82, 36/68, 37/54; and
   * 16×288×64 (0.6 million, a 3×3 convolution's layer at batch size 16) 48/39, 48/43, 25/12.
   */
  static final double VECTOR_PARALLEL_MIN_FLOPS = 1 << 20;

  private static final ThreadLocal<GemmJob> JOBS = ThreadLocal.withInitial(GemmJob::new);

  /** The loops of this JVM, chosen once: see {@link RowLoops#best}. */
  static final RowLoops BEST_LOOPS = RowLoops.best();

  private final int threads;
  private final WorkerPool pool;
  private final RowLoops loops;
  private final double parallelMinFlops;
  /**
   * The job of the first thread that multiplies with these kernels (the training thread): a network makes a
   * dozen products per sample at batch size 1, and a thread-local lookup for each cost 5% of a W1 step.
   */
  private volatile OwnJob own;

  /** A thread and its job, published together. */
  private record OwnJob(Thread thread, GemmJob job) {}

  /** One thread: every product runs on the calling thread. */
  public JavaKernels() {
    this(1);
  }

  /**
   * @param threads threads per product, at least 1; large products run on the calling thread and
   *     {@code threads − 1} shared daemon workers
   */
  public JavaKernels(int threads) {
    this(threads, BEST_LOOPS);
  }

  /** Kernels computing with the given loops (tests compare both implementations). */
  JavaKernels(int threads, RowLoops loops) {
    if (threads < 1) {
      throw new IllegalArgumentException("kernel threads must be at least 1, found " + threads);
    }
    this.threads = threads;
    this.pool = threads > 1 ? WorkerPool.withWorkers(threads - 1) : null;
    this.loops = loops;
    this.parallelMinFlops = loops.lanes() > 1 ? VECTOR_PARALLEL_MIN_FLOPS : SCALAR_PARALLEL_MIN_FLOPS;
  }

  /**
   * How the loops compute: "scalar", or "vector-512" when the JVM runs the Vector API with 512-bit vectors.
   * The two differ in the last bits of a result, so a run's provenance records which one ran.
   */
  String loops() {
    return loops.description();
  }

  /** The number of threads a large product runs on. */
  public int threads() {
    return threads;
  }

  @Override
  public String name() {
    return "java";
  }

  @Override
  public String description() {
    return name() + " (" + loops() + " loops)";
  }

  @Override
  public DoubleBuffer allocate(int length) {
    return DoubleBuffer.wrap(new double[length]);
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      DoubleBuffer a, int aOffset, int lda, DoubleBuffer b, int bOffset, int ldb,
      double beta, DoubleBuffer c, int cOffset, int ldc) {
    if (m <= 0 || n <= 0) {
      return;
    }
    GemmJob job = job();
    job.prepare(loops, transA, transB, m, n, k, alpha, a.array(), a.arrayOffset() + aOffset, lda,
        b.array(), b.arrayOffset() + bOffset, ldb, beta, c.array(), c.arrayOffset() + cOffset, ldc);
    try {
      int parts = job.plan(threads, parallelMinFlops);
      if (parts > 1 && pool.tryAcquire()) {
        try {
          pool.run(job, parts);
        } finally {
          pool.release();
        }
      } else {
        job.run(0, 1);
      }
    } finally {
      job.clear();
    }
  }

  /** The calling thread's job, without a thread-local lookup for the first thread that asks. */
  private GemmJob job() {
    OwnJob o = own;
    Thread current = Thread.currentThread();
    if (o != null && o.thread == current) {
      return o.job;
    }
    GemmJob job = JOBS.get();
    if (o == null) {
      own = new OwnJob(current, job);
    }
    return job;
  }

  @Override
  public void addRowVector(int rows, int cols, DoubleBuffer v, int vOffset, DoubleBuffer c, int cOffset) {
    double[] V = v.array();
    double[] C = c.array();
    int vo = v.arrayOffset() + vOffset;
    int co = c.arrayOffset() + cOffset;
    for (int r = 0; r < rows; r++) {
      int row = co + r * cols;
      for (int j = 0; j < cols; j++) {
        C[row + j] += V[vo + j];
      }
    }
  }

  @Override
  public void columnSums(int rows, int cols, double alpha, DoubleBuffer a, int aOffset, double beta,
      DoubleBuffer out, int outOffset) {
    double[] A = a.array();
    double[] O = out.array();
    int ao = a.arrayOffset() + aOffset;
    int oo = out.arrayOffset() + outOffset;
    for (int j = 0; j < cols; j++) {
      O[oo + j] = beta == 0.0 ? 0.0 : beta * O[oo + j];
    }
    for (int r = 0; r < rows; r++) {
      int row = ao + r * cols;
      for (int j = 0; j < cols; j++) {
        O[oo + j] += alpha * A[row + j];
      }
    }
  }

  @Override
  public double[] view(DoubleBuffer buffer, int length, double[] staging) {
    return buffer.array();
  }

  @Override
  public void commit(double[] view, DoubleBuffer buffer, int length) {
    // the view is the buffer's own array
  }

  @Override
  public boolean viewsAreShared() {
    return true;
  }
}
