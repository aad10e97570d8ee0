import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The eight matrix products of one W2 training batch (784-512-512-10, batch 128: three forward, three weight
 * steps, two input gradients) on nn's bundled OpenBLAS, with no framework at all: two threads that spin
 * between products, each product cut into nn's blocks, one single-threaded OpenBLAS call a block. As in training,
 * each layer's weights are one matrix: the forward product and the input gradient read it, the weight step
 * (W += −10⁻⁶·xᵀδ) writes it. An outside check on {@code nn bench --products}, and a bound for anything built on
 * these kernels with this split. Runs on the class path of a built nn (OpenBLAS's core type chosen by CPU
 * detection):
 *
 * <pre>
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp 'nn-cli/target/lib/*' examples/bench/BareProducts.java float64
 * </pre>
 *
 * {@code rows} as a second argument cuts every product into blocks of rows, as nn did before it cut a layer wider
 * than the batch into blocks of columns; {@code unshared} gives every product operands of its own, as this
 * program once did, so that no product reads what another wrote.
 */
public class BareProducts {
  /** {m, n, k, A transposed, B transposed}: C (m×n) = op(A) op(B), row-major. */
  private static final int[][] PRODUCTS = {
      {128, 512, 784, 0, 0}, {128, 512, 512, 0, 0}, {128, 10, 512, 0, 0},
      {512, 10, 128, 1, 0}, {128, 512, 10, 0, 1},
      {512, 512, 128, 1, 0}, {128, 512, 512, 0, 1},
      {784, 512, 128, 1, 0}};
  /** {product, its operand (1 B, 2 C), forward product}: that operand is the forward product's B, its weights. */
  private static final int[][] WEIGHTS_OF = {{3, 2, 2}, {4, 1, 2}, {5, 2, 1}, {6, 1, 1}, {7, 2, 0}};
  private static final int BATCH = 128;

  private static boolean single;
  private static boolean rowsOnly;
  private static Pointer[][] operands;
  /** Each thread's own views of each product's A, B and C, moved to a block's start per call: no allocation. */
  private static final Pointer[][][] views = new Pointer[2][PRODUCTS.length][];
  private static final AtomicInteger arrived = new AtomicInteger();
  private static volatile int generation;
  private static volatile boolean stop;

  public static void main(String[] args) throws Exception {
    single = args.length > 0 && args[0].equals("float32");
    rowsOnly = Arrays.asList(args).contains("rows");
    boolean unshared = Arrays.asList(args).contains("unshared");
    Loader.load(openblas_nolapack.class);
    blas_set_num_threads(1);
    SplittableRandom random = new SplittableRandom(1);
    operands = new Pointer[PRODUCTS.length][];
    double flops = 0;
    for (int i = 0; i < PRODUCTS.length; i++) {
      int[] s = PRODUCTS[i];
      operands[i] = new Pointer[] {filled((long) s[0] * s[2], random), filled((long) s[2] * s[1], random),
          filled((long) s[0] * s[1], random)};
      flops += 2.0 * s[0] * s[1] * s[2];
    }
    if (!unshared) {
      // the weight steps write, and the input gradients read, the forward products' B
      for (int[] w : WEIGHTS_OF) {
        operands[w[0]][w[1]] = operands[w[2]][1];
      }
    }
    for (int i = 0; i < PRODUCTS.length; i++) {
      for (Pointer[][] own : views) {
        own[i] = new Pointer[3];
        for (int o = 0; o < 3; o++) {
          own[i][o] = single ? new FloatPointer(operands[i][o]) : new DoublePointer(operands[i][o]);
        }
      }
    }
    Thread helper = new Thread(() -> {
      while (!stop) {
        batch(1);
      }
    });
    helper.setDaemon(true);
    helper.start();
    for (int round = 0; round < 6; round++) {
      long start = System.nanoTime();
      int batches = 0;
      while (System.nanoTime() - start < 2_000_000_000L) {
        batch(0);
        batches++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s W2's products, bare, 2 threads%s%s: %.0f samples/s  %.1f GFLOP/s%s%n",
          single ? "float32" : "float64", rowsOnly ? ", blocks of rows" : "", unshared ? ", unshared" : "",
          batches * BATCH / seconds, batches * flops / seconds / 1e9, round == 0 ? "  (warm-up)" : "");
    }
    stop = true;
    System.exit(0);
  }

  /** One batch's products; thread {@code self} (0 or 1) runs every other block and meets the other after each. */
  private static void batch(int self) {
    for (int i = 0; i < PRODUCTS.length && !stop; i++) {
      int[] s = PRODUCTS[i];
      boolean columns = !rowsOnly && byColumns(s);
      int parts = columns ? Math.min(4, s[1] / 256) : parts(s[0], s[1], s[2]);
      int length = columns ? s[1] : s[0];
      for (int part = self; part < parts; part += 2) {
        block(s, views[self][i], columns, start(length, part, parts), start(length, part + 1, parts));
      }
      meet();
    }
  }

  /** nn's choice (BlasJob.byColumns): B not transposed, two blocks of 256 columns, the batch smaller than n. */
  private static boolean byColumns(int[] s) {
    int batch = s[3] == 1 ? s[2] : s[0];
    return s[4] == 0 && s[1] >= 512 && batch < s[1];
  }

  /** nn's plan of rows (BlasJob): one block per 64 rows, at most 4, or 2 from 2^28 operations; none below 2^20. */
  private static int parts(int m, int n, int k) {
    double work = 2.0 * m * n * k;
    if (work < (1 << 20)) {
      return 1;
    }
    return Math.max(1, Math.min(work >= (1 << 28) ? 2 : 4, m / 64));
  }

  /** The rows or columns dealt out in whole multiples of 16, as evenly as they divide. */
  private static int start(int length, int part, int parts) {
    int grains = (length + 15) / 16;
    return part >= parts ? length : Math.min(length, part * grains / parts * 16);
  }

  /**
   * Rows or columns [from, to) of C = alpha·op(A) op(B) + beta·C; {@code view} holds this thread's views of A, B
   * and C. A weight step (A transposed) adds −10⁻⁶·xᵀδ to the weights; the other products overwrite C.
   */
  private static void block(int[] s, Pointer[] view, boolean columns, int from, int to) {
    int m = s[0];
    int n = s[1];
    int k = s[2];
    boolean ta = s[3] == 1;
    boolean tb = s[4] == 1;
    int lda = ta ? m : k;
    int ldb = tb ? k : n;
    long a = columns ? 0 : ta ? from : (long) from * lda;
    long b = columns ? from : 0;
    long c = columns ? from : (long) from * n;
    int rows = columns ? m : to - from;
    int cols = columns ? to - from : n;
    int transA = ta ? CblasTrans : CblasNoTrans;
    int transB = tb ? CblasTrans : CblasNoTrans;
    double alpha = ta ? -1e-6 : 1.0;
    double beta = ta ? 1.0 : 0.0;
    if (single) {
      cblas_sgemm(CblasRowMajor, transA, transB, rows, cols, k, (float) alpha,
          ((FloatPointer) view[0]).position(a), lda, ((FloatPointer) view[1]).position(b), ldb, (float) beta,
          ((FloatPointer) view[2]).position(c), n);
    } else {
      cblas_dgemm(CblasRowMajor, transA, transB, rows, cols, k, alpha, ((DoublePointer) view[0]).position(a), lda,
          ((DoublePointer) view[1]).position(b), ldb, beta, ((DoublePointer) view[2]).position(c), n);
    }
  }

  /** Both threads arrive before either goes on; they spin, never sleep. */
  private static void meet() {
    int g = generation;
    if (arrived.incrementAndGet() == 2) {
      arrived.set(0);
      generation = g + 1;
    } else {
      while (generation == g && !stop) {
        Thread.onSpinWait();
      }
    }
  }

  private static Pointer filled(long length, SplittableRandom random) {
    if (single) {
      FloatPointer p = new FloatPointer(length);
      for (long i = 0; i < length; i++) {
        p.put(i, (float) random.nextDouble(-0.1, 0.1));
      }
      return p;
    }
    DoublePointer p = new DoublePointer(length);
    for (long i = 0; i < length; i++) {
      p.put(i, random.nextDouble(-0.1, 0.1));
    }
    return p;
  }
}
