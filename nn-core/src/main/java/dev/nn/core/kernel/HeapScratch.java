package dev.nn.core.kernel;

/**
 * Three heap arrays per thread for the off-heap kernels' row and block loops (off-heap element access does
 * not vectorise, and plugins need {@code double[]}): grown to the largest length asked for, then reused, so
 * nothing is allocated per call. A caller uses them only until it returns; calls do not nest.
 */
final class HeapScratch {
  private static final ThreadLocal<HeapScratch> OF_THREAD = ThreadLocal.withInitial(HeapScratch::new);

  double[] a = new double[0];
  double[] b = new double[0];
  double[] c = new double[0];

  private HeapScratch() {
  }

  /** This thread's arrays, each at least {@code length} long. */
  static HeapScratch ofThisThread(int length) {
    HeapScratch s = OF_THREAD.get();
    if (s.a.length < length) {
      s.a = new double[length];
      s.b = new double[length];
      s.c = new double[length];
    }
    return s;
  }
}
