package dev.nn.core.kernel;

/**
 * The pure-Java kernels: heap arrays, loops on them in an order the JIT vectorises (the innermost loop runs
 * along a row of the output), on one or several threads. Needs nothing installed.
 *
 * <p>GEMM sums the products of each output element in a fixed order (see {@code GemmLoops} and
 * {@code VectorLoops} for the exact order of each path); the paths are chosen from the shape alone. With
 * {@code threads > 1}, a product of at least {@value #SCALAR_PARALLEL_MIN_FLOPS} floating-point operations
 * (2·m·n·k) with the plain loops, {@value #VECTOR_PARALLEL_MIN_FLOPS} with the vector loops, is split into
 * disjoint blocks of rows of C (or of columns, when C has fewer than 4 rows per thread) that run on this
 * runtime's worker threads, started on first need; no sum is split, so the result is bit-identical for every
 * thread count.
 */
public final class JavaKernels extends PluginViews {
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

  private final int threads;
  private final Precision precision;
  private final WorkerPool pool;
  private final RowLoops loops;
  private final FloatRowLoops floatLoops;
  private final double parallelMinFlops;
  private final JobSlots<GemmJob> jobs = new JobSlots<>(GemmJob::new);
  private final JobSlots<FloatGemmJob> floatJobs = new JobSlots<>(FloatGemmJob::new);

  /** One thread, float64, the best loops of this JVM: every product runs on the calling thread. */
  public JavaKernels() {
    this(1);
  }

  /**
   * Float64 kernels with the best loops of this JVM.
   *
   * @param threads threads per product, at least 1; large products run on the calling thread and
   *     {@code threads − 1} workers of this runtime
   */
  public JavaKernels(int threads) {
    this(threads, RowLoops.best());
  }

  /** Float64 kernels computing with the given loops (tests compare both implementations). */
  JavaKernels(int threads, RowLoops loops) {
    this(threads, loops, null, Precision.FLOAT64);
  }

  /** Float64 kernels computing with the given loops. */
  private JavaKernels(int threads, RowLoops loops, FloatRowLoops floatLoops, Precision precision) {
    if (threads < 1) {
      throw new IllegalArgumentException("kernel threads must be at least 1, found " + threads);
    }
    this.threads = threads;
    this.precision = precision;
    this.pool = threads > 1 ? new WorkerPool(threads - 1, "java-kernels") : null;
    this.loops = loops;
    this.floatLoops = floatLoops;
    int lanes = precision == Precision.FLOAT32 ? floatLoops.lanes() : loops.lanes();
    boolean vector = precision == Precision.FLOAT32 ? !(floatLoops instanceof FloatFmaLoops) : lanes > 1;
    this.parallelMinFlops = vector ? VECTOR_PARALLEL_MIN_FLOPS : SCALAR_PARALLEL_MIN_FLOPS;
  }

  /**
   * Kernels in {@code precision} computing with the loops called {@code loops} ({@code auto}, {@code vector}
   * or {@code scalar}; see {@link RowLoops#named} and {@link FloatRowLoops#named}).
   */
  static JavaKernels of(int threads, Precision precision, String loops) {
    return precision == Precision.FLOAT32
        ? new JavaKernels(threads, RowLoops.SCALAR, FloatRowLoops.named(loops), Precision.FLOAT32)
        : new JavaKernels(threads, RowLoops.named(loops), null, Precision.FLOAT64);
  }

  /** Float32 kernels computing with the given loops (tests compare both implementations). */
  static JavaKernels float32(int threads, FloatRowLoops loops) {
    return new JavaKernels(threads, RowLoops.SCALAR, loops, Precision.FLOAT32);
  }

  /**
   * How the loops compute: "scalar", or "vector-512" when the JVM runs the Vector API with 512-bit vectors.
   * The two differ in the last bits of a result, so a run's provenance records which one ran.
   */
  String loops() {
    return precision == Precision.FLOAT32 ? floatLoops.description() : loops.description();
  }

  @Override
  public int threads() {
    return threads;
  }

  @Override
  public Precision precision() {
    return precision;
  }

  @Override
  public String name() {
    return "java";
  }

  @Override
  public String description() {
    return name() + " (" + loops() + " loops" + (precision == Precision.FLOAT32 ? ", float32)" : ")");
  }

  @Override
  public Matrix allocate(int length) {
    return precision == Precision.FLOAT32 ? new HeapFloats(length) : new HeapDoubles(length);
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      Matrix a, int aOffset, int lda, Matrix b, int bOffset, int ldb,
      double beta, Matrix c, int cOffset, int ldc) {
    if (m <= 0 || n <= 0) {
      return;
    }
    c.changed();
    if (precision == Precision.FLOAT32) {
      floatGemm(transA, transB, m, n, k, (float) alpha, floats(a), aOffset, lda, floats(b), bOffset, ldb, (float) beta,
          floats(c), cOffset, ldc);
      return;
    }
    GemmJob job = jobs.acquire();
    job.prepare(loops, transA, transB, m, n, k, alpha, doubles(a), aOffset, lda, doubles(b), bOffset, ldb, beta,
        doubles(c), cOffset, ldc);
    try {
      runParts(job, job.plan(threads, parallelMinFlops));
    } finally {
      job.clear();
      jobs.release(job);
    }
  }

  /**
   * One pass over W when the two products would each run on one thread anyway (see
   * {@link RowLoops#propagateAndStep} and {@link FloatRowLoops#propagateAndStep}); otherwise the two products.
   */
  @Override
  public void propagateAndStep(int in, int out, double step, double decay, Matrix x, int xOffset,
      Matrix delta, int deltaOffset, Matrix w, int wOffset, Matrix d, int dOffset) {
    boolean oneThread = threads == 1 || 2.0 * in * out < parallelMinFlops;
    boolean float32 = precision == Precision.FLOAT32;
    // as gemm passes them: alpha and beta rounded to float in float32
    double stepUsed = float32 ? (float) step : step;
    double decayUsed = float32 ? (float) decay : decay;
    if (!oneThread || stepUsed == 0.0 || decayUsed == 0.0) {
      super.propagateAndStep(in, out, step, decay, x, xOffset, delta, deltaOffset, w, wOffset, d, dOffset);
      return;
    }
    w.changed();
    d.changed();
    if (float32) {
      floatLoops.propagateAndStep(in, out, (float) step, (float) decay, floats(x), xOffset, floats(delta),
          deltaOffset, floats(w), wOffset, floats(d), dOffset);
    } else {
      loops.propagateAndStep(in, out, step, decay, doubles(x), xOffset, doubles(delta), deltaOffset, doubles(w),
          wOffset, doubles(d), dOffset);
    }
  }

  private void floatGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
      int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
    FloatGemmJob job = floatJobs.acquire();
    job.prepare(floatLoops, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    try {
      runParts(job, job.plan(threads, parallelMinFlops));
    } finally {
      job.clear();
      floatJobs.release(job);
    }
  }

  /**
   * Runs {@code job} in {@code parts} on the pool, or whole on this thread when it is too small to split or the
   * pool is running another thread's product.
   */
  private void runParts(WorkerPool.Task job, int parts) {
    if (parts > 1 && pool.tryAcquire()) {
      try {
        pool.run(job, parts);
      } finally {
        pool.release();
      }
    } else {
      job.run(0, 1, 0);
    }
  }

  private static double[] doubles(Matrix m) {
    return ((HeapDoubles) m).array;
  }

  private static float[] floats(Matrix m) {
    return ((HeapFloats) m).array;
  }

  @Override
  public void addRowVector(int rows, int cols, Matrix v, int vOffset, Matrix c, int cOffset) {
    c.changed();
    if (precision == Precision.FLOAT32) {
      float[] vs = floats(v);
      float[] cs = floats(c);
      for (int r = 0; r < rows; r++) {
        int row = cOffset + r * cols;
        for (int j = 0; j < cols; j++) {
          cs[row + j] += vs[vOffset + j];
        }
      }
      return;
    }
    double[] vs = doubles(v);
    double[] cs = doubles(c);
    for (int r = 0; r < rows; r++) {
      int row = cOffset + r * cols;
      for (int j = 0; j < cols; j++) {
        cs[row + j] += vs[vOffset + j];
      }
    }
  }

  @Override
  public void columnSums(int rows, int cols, double alpha, Matrix a, int aOffset, double beta, Matrix out,
      int outOffset) {
    out.changed();
    if (precision == Precision.FLOAT32) {
      float[] as = floats(a);
      float[] os = floats(out);
      float fa = (float) alpha;
      float fb = (float) beta;
      for (int j = 0; j < cols; j++) {
        os[outOffset + j] = fb == 0.0f ? 0.0f : fb * os[outOffset + j];
      }
      for (int r = 0; r < rows; r++) {
        int row = aOffset + r * cols;
        for (int j = 0; j < cols; j++) {
          os[outOffset + j] += fa * as[row + j];
        }
      }
      return;
    }
    double[] as = doubles(a);
    double[] os = doubles(out);
    for (int j = 0; j < cols; j++) {
      os[outOffset + j] = beta == 0.0 ? 0.0 : beta * os[outOffset + j];
    }
    for (int r = 0; r < rows; r++) {
      int row = aOffset + r * cols;
      for (int j = 0; j < cols; j++) {
        os[outOffset + j] += alpha * as[row + j];
      }
    }
  }

  /** The worker threads now alive (started on the first parallel product, stopped by {@link #close}). */
  int liveWorkers() {
    return pool == null ? 0 : pool.liveWorkers();
  }

  /** Stops the worker threads and the vector loops' warm-up thread, if these kernels have them. */
  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
    for (Object l : new Object[] {loops, floatLoops}) {
      if (l instanceof Warming) {
        ((Warming) l).close();
      }
    }
  }
}
