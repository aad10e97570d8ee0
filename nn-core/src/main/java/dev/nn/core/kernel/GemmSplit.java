package dev.nn.core.kernel;

/**
 * How one product of the Java kernels ({@link GemmJob}, {@link FloatGemmJob}) is cut into parts: disjoint
 * blocks of rows of C, or of columns when C has too few rows, each a multiple of a grain. Set by the preparing
 * thread ({@link #shape}, {@link #plan}), then only read while the parts run.
 */
final class GemmSplit {
  private final int rowGrain;
  private final int columnGrain;
  private int m;
  private int n;
  private int k;
  private boolean splitRows = true;

  /**
   * @param rowGrain each part gets a multiple of this many rows of C (the loops' row blocks)
   * @param columnGrain each part gets a multiple of this many columns of C (whole vectors)
   */
  GemmSplit(int rowGrain, int columnGrain) {
    this.rowGrain = rowGrain;
    this.columnGrain = columnGrain;
  }

  /** A new product of m×n elements, k multiply-adds each (0 when none runs); its rows are split until planned. */
  void shape(int m, int n, int k) {
    this.m = m;
    this.n = n;
    this.k = k;
    this.splitRows = true;
  }

  /**
   * How many parts the product splits into for {@code threads} threads: 1 unless it has at least
   * {@code minFlops} multiply-adds' worth of work (2·m·n·k) and enough rows or columns to share.
   * Decides whether rows or columns are split.
   */
  int plan(int threads, double minFlops) {
    if (threads <= 1 || 2.0 * m * n * k < minFlops) {
      return 1;
    }
    if (m >= rowGrain * threads) {
      splitRows = true;
      return threads;
    }
    if (n >= columnGrain * threads) {
      splitRows = false;
      return threads;
    }
    return 1;
  }

  /** The first row of C in part {@code part} of {@code parts}. */
  int rowStart(int part, int parts) {
    return parts > 1 && splitRows ? start(m, part, parts, rowGrain) : 0;
  }

  /** The end (exclusive) of the rows of C in part {@code part} of {@code parts}. */
  int rowEnd(int part, int parts) {
    return parts > 1 && splitRows ? end(m, part, parts, rowGrain) : m;
  }

  /** The first column of C in part {@code part} of {@code parts}. */
  int columnStart(int part, int parts) {
    return parts > 1 && !splitRows ? start(n, part, parts, columnGrain) : 0;
  }

  /** The end (exclusive) of the columns of C in part {@code part} of {@code parts}. */
  int columnEnd(int part, int parts) {
    return parts > 1 && !splitRows ? end(n, part, parts, columnGrain) : n;
  }

  private static int start(int total, int part, int parts, int grain) {
    return Math.min(total, part * grainChunk(total, parts, grain));
  }

  private static int end(int total, int part, int parts, int grain) {
    int chunk = grainChunk(total, parts, grain);
    return Math.min(total, Math.min(total, part * chunk) + chunk);
  }

  /** ⌈total/parts⌉ rounded up to a multiple of grain. */
  private static int grainChunk(int total, int parts, int grain) {
    int chunk = (total + parts - 1) / parts;
    return (chunk + grain - 1) / grain * grain;
  }
}
