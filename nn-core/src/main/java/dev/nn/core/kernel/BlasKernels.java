package dev.nn.core.kernel;

import dev.nn.api.Activation;
import java.lang.ref.Reference;
import java.nio.Buffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kernels on OpenBLAS ({@code org.bytedeco:openblas}, bundled for linux-x86_64): direct (off-heap)
 * buffers in native byte order, read in place by {@code cblas_dgemm} — no copy and no allocation per
 * call. The native library is loaded when the first instance is created, never before.
 *
 * <p>Threads: OpenBLAS itself always runs on one thread. A product of at least
 * {@value #MULTI_THREAD_MIN_FLOPS} floating-point operations (2·m·n·k) is cut into up to four blocks of
 * rows of C (two from 2²⁸ operations; at least 64 rows each, starting at multiples of 16), each one
 * single-threaded OpenBLAS call; with {@code threads > 1} the blocks run on this runtime's worker threads,
 * with one thread the caller makes the same calls one after the other. The blocks depend on the
 * shape alone, so every thread count gives the same bits, whichever kernels OpenBLAS picks for this CPU
 * (tested with its Haswell and its AVX-512 SkylakeX kernels). OpenBLAS's own threading is not used because
 * its results depend on the thread count: it cuts the sum over p at a different point on one thread and on
 * several (measured with 0.3.31: 1 vs 2 threads differ in the last bits for most k from 257 on) and moves
 * rows between register tiles (m = 333). Results do depend on the core type (OpenBLAS's kernels for
 * different CPUs round differently), which provenance records.
 *
 * <p>Plugins see mirrors (see {@link Matrix}): the forward pass writes each block of z and x to the
 * off-heap buffer and to the mirror while it is in cache, and the backward pass reads the mirrors.
 */
final class BlasKernels extends PluginViews {
  /**
   * Work (2·m·n·k) below which a product is one OpenBLAS call on the calling thread: 2²⁰, about a 80×80×80
   * product (some 25 µs at 45 GFLOP/s). Measured on the 2-core AMD EPYC (Haswell kernels), two threads
   * against one: 64³ 45 vs 42 GFLOP/s (no gain), 96³ 66 vs 47, 128³ 76 vs 47, 512³ 91 vs 51.
   */
  static final double MULTI_THREAD_MIN_FLOPS = 1 << 20;

  private static final AtomicBoolean LOADED = new AtomicBoolean();

  private final int threads;
  private final WorkerPool pool;
  private final Precision precision;
  private final OpenBlas.Loaded library;
  private final JobSlots<BlasJob> jobs;
  private final JobSlots<FloatBlasJob> floatJobs;
  private final JobSlots<ElementwiseJob> elementwise;
  private final JobSlots<HeapScratch> scratch = new JobSlots<>(HeapScratch::new);

  /**
   * @param threads OpenBLAS threads for large products, at least 1
   * @throws IllegalStateException if the native library cannot be loaded on this platform
   */
  public BlasKernels(int threads) {
    this(threads, Precision.FLOAT64);
  }

  /** Kernels in {@code precision}, the bundled OpenBLAS choosing its kernels by CPU detection. */
  BlasKernels(int threads, Precision precision) {
    this(threads, precision, BlasCoreType.AUTO);
  }

  /**
   * @param threads OpenBLAS threads for large products, at least 1
   * @param precision how numbers are stored and multiplied
   * @param core which kernels the bundled OpenBLAS runs; the first load in a JVM decides
   * @throws IllegalStateException if the native library cannot be loaded on this platform, or was loaded with
   *     another environment earlier in this JVM
   * @throws IllegalArgumentException if {@code core} forces a core type this CPU cannot run
   */
  BlasKernels(int threads, Precision precision, BlasCoreType core) {
    if (threads < 1) {
      throw new IllegalArgumentException("kernel threads must be at least 1, found " + threads);
    }
    this.library = OpenBlas.require(core);
    this.threads = threads;
    this.precision = precision;
    this.pool = threads > 1 ? new WorkerPool(threads - 1, "openblas-kernels") : null;
    this.jobs = new JobSlots<>(() -> new BlasJob(threads));
    this.floatJobs = new JobSlots<>(() -> new FloatBlasJob(threads));
    this.elementwise = new JobSlots<>(() -> new ElementwiseJob(threads));
  }

  /** Whether the OpenBLAS native library has been loaded in this class loader. */
  static boolean nativeLibraryLoaded() {
    return LOADED.get();
  }

  static void markLoaded() {
    LOADED.set(true);
  }

  @Override
  public int threads() {
    return threads;
  }

  @Override
  public Precision precision() {
    return precision;
  }

  /** The library as loaded: version, core type in use, the setting and the inherited environment. */
  OpenBlas.Loaded library() {
    return library;
  }

  /** The loaded library's version, e.g. "OpenBLAS 0.3.31", for provenance. */
  public String libraryVersion() {
    return OpenBlas.version();
  }

  @Override
  public String name() {
    return "openblas";
  }

  /**
   * The core type matters: OpenBLAS's kernels for different core types round differently. For example
   * "openblas (OpenBLAS 0.3.31, Cooperlake kernels (blas-kernels: auto; inherited OPENBLAS_CORETYPE=Haswell
   * ignored), float32)".
   */
  @Override
  public String description() {
    return name() + " (" + library.describe() + (precision == Precision.FLOAT32 ? ", float32)" : ")");
  }

  /** OpenBLAS sums each element's products in registers, a block of the depth at a time, before it adds to C. */
  @Override
  public boolean sumsProductsBeforeAddingToC() {
    return true;
  }

  /** A zeroed off-heap matrix in native byte order, its first value aligned to 64 bytes. */
  @Override
  public Matrix allocate(int length) {
    return precision == Precision.FLOAT32 ? new DirectFloats(length) : new DirectDoubles(length);
  }

  private static DoubleBuffer buffer(Matrix m) {
    return ((DirectDoubles) m).buffer;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      Matrix am, int aOffset, int lda, Matrix bm, int bOffset, int ldb,
      double beta, Matrix cm, int cOffset, int ldc) {
    if (m <= 0 || n <= 0) {
      return;
    }
    if (precision == Precision.FLOAT32) {
      floatGemm(transA, transB, m, n, k, (float) alpha, (DirectFloats) am, aOffset, lda, (DirectFloats) bm, bOffset,
          ldb, (float) beta, (DirectFloats) cm, cOffset, ldc);
      return;
    }
    DoubleBuffer a = buffer(am);
    DoubleBuffer b = buffer(bm);
    DoubleBuffer c = buffer(cm);
    cm.changed();
    check("C", c, cOffset, m, n, ldc);
    if (k <= 0) {
      emptySum(m, n, beta, cm, cOffset, ldc);
      return;
    }
    check("A", a, aOffset, transA ? k : m, transA ? m : k, lda);
    check("B", b, bOffset, transB ? n : k, transB ? k : n, ldb);
    BlasJob job = jobs.acquire();
    job.prepare(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    runProduct(job, jobs, a, b, c);
  }

  private void floatGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, DirectFloats am,
      int aOffset, int lda, DirectFloats bm, int bOffset, int ldb, float beta, DirectFloats cm, int cOffset, int ldc) {
    FloatBuffer a = am.buffer;
    FloatBuffer b = bm.buffer;
    FloatBuffer c = cm.buffer;
    cm.changed();
    check("C", c.capacity(), cOffset, m, n, ldc);
    if (k <= 0) {
      emptySum(m, n, beta, cm, cOffset, ldc);
      return;
    }
    check("A", a.capacity(), aOffset, transA ? k : m, transA ? m : k, lda);
    check("B", b.capacity(), bOffset, transB ? n : k, transB ? k : n, ldb);
    FloatBlasJob job = floatJobs.acquire();
    job.prepare(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    runProduct(job, floatJobs, a, b, c);
  }

  /** An empty sum (k = 0): C ← beta·C, done here because BLAS rejects the leading dimensions of empty A and B. */
  private static void emptySum(int m, int n, double beta, Matrix c, int cOffset, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int at = cOffset + i * ldc + j;
        c.set(at, beta == 0.0 ? 0.0 : beta * c.get(at));
      }
    }
  }

  /** Runs a prepared product, then hands its job back to {@code slots}. */
  private <J extends BlasProduct> void runProduct(J job, JobSlots<J> slots, Buffer a, Buffer b, Buffer c) {
    try {
      run(job, job.plan(MULTI_THREAD_MIN_FLOPS), true);
    } finally {
      job.clear();
      slots.release(job);
      // the native code reads the buffers' memory, which lives only as long as the buffer objects do
      Reference.reachabilityFence(a);
      Reference.reachabilityFence(b);
      Reference.reachabilityFence(c);
    }
  }

  /** In cache-sized blocks of rows, shared with the pool's threads when large enough. */
  @Override
  public void activate(int rows, int cols, Matrix bias, int biasOffset, Matrix z, Matrix x, Activation phi,
      boolean keep) {
    ElementwiseJob job = elementwise.acquire();
    z.changed();
    x.changed();
    boolean inFloats = job.prepareForward(rows, cols, bias, biasOffset, z, keep ? z.mirrorFor() : null, x,
        keep ? x.mirrorFor() : null, phi);
    runElementwise(job);
    elementwise.release(job);
    if (keep && !inFloats) {
      z.mirrored(rows * cols);
      x.mirrored(rows * cols);
    }
  }

  /** In cache-sized blocks, shared with the pool's threads when large enough. */
  @Override
  public void multiplyByDerivative(int count, Matrix z, Matrix x, Matrix delta, Activation phi) {
    ElementwiseJob job = elementwise.acquire();
    if (!job.prepareBackwardInFloats(count, z, x, delta, phi)) {
      job.prepareBackward(count, z.read(count), x.read(count), delta, phi);
    }
    delta.changed();
    runElementwise(job);
    elementwise.release(job);
  }

  private void runElementwise(ElementwiseJob job) {
    try {
      run(job, job.blocks(), job.worthSharing());
    } finally {
      job.clear();
    }
  }

  /**
   * Runs parts 0 … parts−1 of the task: shared with the pool when {@code share} and the pool is free,
   * otherwise one after the other on this thread — the same parts either way, so the same bits.
   */
  private void run(WorkerPool.Task task, int parts, boolean share) {
    if (share && parts > 1 && pool != null && pool.tryAcquire()) {
      try {
        pool.run(task, parts);
      } finally {
        pool.release();
      }
    } else {
      for (int part = 0; part < parts; part++) {
        task.run(part, parts, 0);
      }
    }
  }

  /**
   * Checks that a rows×cols matrix with leading dimension ld at offset lies inside a direct buffer in
   * native order: native code would otherwise read or write outside it.
   */
  private static void check(String name, DoubleBuffer buffer, int offset, int rows, int cols, int ld) {
    if (!buffer.isDirect() || buffer.order() != ByteOrder.nativeOrder()) {
      throw new IllegalArgumentException("matrix " + name + " must be in a direct buffer in native byte order "
          + "(from BlasKernels.allocate), found a " + (buffer.isDirect() ? "direct" : "heap") + " buffer in "
          + buffer.order() + " order");
    }
    check(name, buffer.capacity(), offset, rows, cols, ld);
  }

  /** Checks that the matrix lies inside a buffer of {@code capacity} values. */
  private static void check(String name, int capacity, int offset, int rows, int cols, int ld) {
    long end = (long) offset + (long) (rows - 1) * ld + cols;
    if (offset < 0 || ld < Math.max(1, cols) || end > capacity) {
      throw new IndexOutOfBoundsException("matrix " + name + " (" + rows + "×" + cols + ", offset " + offset
          + ", leading dimension " + ld + ") does not fit in a buffer of " + capacity
          + " values; the leading dimension must be at least " + Math.max(1, cols));
    }
  }

  @Override
  public void addRowVector(int rows, int cols, Matrix v, int vOffset, Matrix c, int cOffset) {
    c.changed();
    // off-heap element access does not vectorise: move whole rows through heap arrays instead
    HeapScratch s = scratch.acquire().ensure(cols);
    double[] bias = s.a;
    double[] row = s.b;
    v.get(vOffset, bias, 0, cols, s.f);
    for (int r = 0; r < rows; r++) {
      int at = cOffset + r * cols;
      c.get(at, row, 0, cols, s.f);
      for (int j = 0; j < cols; j++) {
        row[j] += bias[j];
      }
      c.store(at, row, 0, cols, s.f);
    }
    scratch.release(s);
  }

  @Override
  public void columnSums(int rows, int cols, double alpha, Matrix a, int aOffset, double beta, Matrix out,
      int outOffset) {
    out.changed();
    HeapScratch s = scratch.acquire().ensure(cols);
    double[] sum = s.a;
    double[] row = s.b;
    out.get(outOffset, sum, 0, cols, s.f);
    for (int j = 0; j < cols; j++) {
      sum[j] = beta == 0.0 ? 0.0 : beta * sum[j];
    }
    if (a instanceof DirectFloats floats) {
      // each float row summed as it is read: the same doubles as converting the row first, one pass fewer
      float[] values = s.f;
      for (int r = 0; r < rows; r++) {
        floats.buffer.get(aOffset + r * cols, values, 0, cols);
        for (int j = 0; j < cols; j++) {
          sum[j] += alpha * values[j];
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        a.get(aOffset + r * cols, row, 0, cols, s.f);
        for (int j = 0; j < cols; j++) {
          sum[j] += alpha * row[j];
        }
      }
    }
    out.store(outOffset, sum, 0, cols, s.f);
    scratch.release(s);
  }

  /** The worker threads now alive (started on the first parallel product, stopped by {@link #close}). */
  int liveWorkers() {
    return pool == null ? 0 : pool.liveWorkers();
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
