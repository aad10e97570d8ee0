package dev.nn.core.kernel;

import dev.nn.api.Activation;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kernels on OpenBLAS ({@code org.bytedeco:openblas}, bundled for linux-x86_64): direct (off-heap)
 * buffers in native byte order, read in place by {@code cblas_dgemm} — no copy and no allocation per
 * call. The native library is loaded when the first instance is created, never before.
 *
 * <p>Threads: OpenBLAS itself always runs on one thread. A product of at least
 * {@value #MULTI_THREAD_MIN_FLOPS} floating-point operations (2·m·n·k) is cut into up to four blocks of
 * rows of C (two from 2²⁸ operations; at least 64 rows each, starting at multiples of 16), each one single-threaded OpenBLAS call; with {@code threads > 1} the blocks run on a shared pool of daemon
 * threads, with one thread the caller makes the same calls one after the other. The blocks depend on the
 * shape alone, so every thread count gives the same bits, whichever kernels OpenBLAS picks for this CPU
 * (tested with its Haswell and its AVX-512 SkylakeX kernels). OpenBLAS's own threading is not used because
 * its results depend on the thread count: it cuts the sum over p at a different point on one thread and on
 * several (measured with 0.3.31: 1 vs 2 threads differ in the last bits for most k from 257 on) and moves
 * rows between register tiles (m = 333). Results do depend on the core type (OpenBLAS's kernels for
 * different CPUs round differently), which provenance records.
 *
 * <p>Plugins see staged copies: {@link #view} copies the first values of a buffer into the caller's
 * staging array and {@link #commit} copies them back, O(B·n) per layer.
 */
final class BlasKernels implements Kernels {
  /**
   * Work (2·m·n·k) below which a product is one OpenBLAS call on the calling thread: 2²⁰, about a 80×80×80
   * product (some 25 µs at 45 GFLOP/s). Measured on the 2-core AMD EPYC (Haswell kernels), two threads
   * against one: 64³ 45 vs 42 GFLOP/s (no gain), 96³ 66 vs 47, 128³ 76 vs 47, 512³ 91 vs 51.
   */
  static final double MULTI_THREAD_MIN_FLOPS = 1 << 20;

  private static final int ALIGNMENT = 64;
  private static final int MAX_LENGTH = (Integer.MAX_VALUE - 2 * ALIGNMENT) / Double.BYTES;
  private static final AtomicBoolean LOADED = new AtomicBoolean();
  private static final ThreadLocal<BlasJob> JOBS = ThreadLocal.withInitial(BlasJob::new);
  private static final ThreadLocal<ElementwiseJob> ELEMENTWISE = ThreadLocal.withInitial(ElementwiseJob::new);

  private final int threads;
  private final WorkerPool pool;

  /**
   * @param threads OpenBLAS threads for large products, at least 1
   * @throws IllegalStateException if the native library cannot be loaded on this platform
   */
  public BlasKernels(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("kernel threads must be at least 1, found " + threads);
    }
    OpenBlas.require();
    this.threads = threads;
    this.pool = threads > 1 ? WorkerPool.withWorkers(threads - 1) : null;
  }

  /** Whether the OpenBLAS native library has been loaded in this class loader. */
  static boolean nativeLibraryLoaded() {
    return LOADED.get();
  }

  static void markLoaded() {
    LOADED.set(true);
  }

  /** The number of OpenBLAS threads a large product runs on. */
  public int threads() {
    return threads;
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
   * A zeroed direct buffer in native byte order whose first element is aligned to 64 bytes (a cache
   * line and an AVX-512 register).
   */
  /** The core type matters: OpenBLAS's kernels for different core types round differently. */
  @Override
  public String description() {
    String core = System.getenv("OPENBLAS_CORETYPE");
    return name() + (core == null || core.isBlank() ? " (core type chosen by OpenBLAS)"
        : " (OPENBLAS_CORETYPE=" + core + ")");
  }

  @Override
  public DoubleBuffer allocate(int length) {
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("an off-heap buffer holds 0 to " + MAX_LENGTH + " values, asked for "
          + length);
    }
    // alignedSlice drops up to 63 bytes at each end, so allocate one line more than the rounded-up size
    int lines = (length * Double.BYTES + ALIGNMENT - 1) / ALIGNMENT;
    ByteBuffer bytes = ByteBuffer.allocateDirect((lines + 1) * ALIGNMENT).alignedSlice(ALIGNMENT);
    return bytes.order(ByteOrder.nativeOrder()).asDoubleBuffer().slice(0, length);
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      DoubleBuffer a, int aOffset, int lda, DoubleBuffer b, int bOffset, int ldb,
      double beta, DoubleBuffer c, int cOffset, int ldc) {
    if (m <= 0 || n <= 0) {
      return;
    }
    check("C", c, cOffset, m, n, ldc);
    if (k <= 0) {
      // an empty sum: C ← beta·C, done here because BLAS rejects the leading dimensions of empty A and B
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          int at = cOffset + i * ldc + j;
          c.put(at, beta == 0.0 ? 0.0 : beta * c.get(at));
        }
      }
      return;
    }
    check("A", a, aOffset, transA ? k : m, transA ? m : k, lda);
    check("B", b, bOffset, transB ? n : k, transB ? k : n, ldb);
    BlasJob job = JOBS.get();
    job.prepare(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    try {
      run(job, job.plan(MULTI_THREAD_MIN_FLOPS), true);
    } finally {
      job.clear();
      // the native code reads the buffers' memory, which lives only as long as the buffer objects do
      Reference.reachabilityFence(a);
      Reference.reachabilityFence(b);
      Reference.reachabilityFence(c);
    }
  }

  /** In cache-sized blocks of rows, shared with the pool's threads when large enough. */
  @Override
  public void addBiasAndActivate(int rows, int cols, DoubleBuffer bias, int biasOffset, DoubleBuffer z,
      double[] zStage, DoubleBuffer x, double[] xStage, Activation phi, boolean stage) {
    ElementwiseJob job = ELEMENTWISE.get();
    job.prepareForward(rows, cols, bias, biasOffset, z, stage ? stagedView(z, rows * cols, zStage) : null, x,
        stage ? stagedView(x, rows * cols, xStage) : null, phi);
    runElementwise(job);
  }

  /** In cache-sized blocks, shared with the pool's threads when large enough. */
  @Override
  public void multiplyByDerivative(int count, DoubleBuffer z, double[] zStage, DoubleBuffer x, double[] xStage,
      DoubleBuffer delta, double[] deltaStage, Activation phi) {
    ElementwiseJob job = ELEMENTWISE.get();
    job.prepareBackward(count, stagedView(z, count, zStage), stagedView(x, count, xStage), delta, phi);
    runElementwise(job);
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
        task.run(part, parts);
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
    long end = (long) offset + (long) (rows - 1) * ld + cols;
    if (offset < 0 || ld < Math.max(1, cols) || end > buffer.capacity()) {
      throw new IndexOutOfBoundsException("matrix " + name + " (" + rows + "×" + cols + ", offset " + offset
          + ", leading dimension " + ld + ") does not fit in a buffer of " + buffer.capacity()
          + " values; the leading dimension must be at least " + Math.max(1, cols));
    }
  }

  @Override
  public void addRowVector(int rows, int cols, DoubleBuffer v, int vOffset, DoubleBuffer c, int cOffset) {
    // off-heap element access does not vectorise: move whole rows through heap arrays instead
    HeapScratch scratch = HeapScratch.ofThisThread(cols);
    double[] bias = scratch.a;
    double[] row = scratch.b;
    v.get(vOffset, bias, 0, cols);
    for (int r = 0; r < rows; r++) {
      int at = cOffset + r * cols;
      c.get(at, row, 0, cols);
      for (int j = 0; j < cols; j++) {
        row[j] += bias[j];
      }
      c.put(at, row, 0, cols);
    }
  }

  @Override
  public void columnSums(int rows, int cols, double alpha, DoubleBuffer a, int aOffset, double beta,
      DoubleBuffer out, int outOffset) {
    HeapScratch scratch = HeapScratch.ofThisThread(cols);
    double[] sum = scratch.a;
    double[] row = scratch.b;
    out.get(outOffset, sum, 0, cols);
    for (int j = 0; j < cols; j++) {
      sum[j] = beta == 0.0 ? 0.0 : beta * sum[j];
    }
    for (int r = 0; r < rows; r++) {
      a.get(aOffset + r * cols, row, 0, cols);
      for (int j = 0; j < cols; j++) {
        sum[j] += alpha * row[j];
      }
    }
    out.put(outOffset, sum, 0, cols);
  }


  /** Copies the first {@code length} values into {@code staging} and returns it. */
  @Override
  public double[] view(DoubleBuffer buffer, int length, double[] staging) {
    if (staging == null || staging.length < length) {
      throw new IllegalArgumentException("off-heap kernels need a staging array of at least " + length
          + " values, found " + (staging == null ? "none" : staging.length + " values"));
    }
    buffer.get(0, staging, 0, length);
    return staging;
  }

  /** Copies the first {@code length} values of {@code view} back into the buffer. */
  @Override
  public void commit(double[] view, DoubleBuffer buffer, int length) {
    buffer.put(0, view, 0, length);
  }

  @Override
  public boolean viewsAreShared() {
    return false;
  }
}
