package dev.nn.core.kernel;

/**
 * Three heap arrays for the off-heap kernels' row and block loops (off-heap element access does not
 * vectorise, and plugins need {@code double[]}): grown to the largest length asked for, then reused, so
 * nothing is allocated per call. Belongs to one job or one thread of a runtime at a time.
 */
final class HeapScratch {
  double[] a = new double[0];
  double[] b = new double[0];
  double[] c = new double[0];
  /** Floats for converting a block to or from float32 storage in bulk. */
  float[] f = new float[0];
  /** Two more float arrays, for a block computed in float32 throughout. */
  float[] g = new float[0];
  float[] h = new float[0];

  /** These arrays, each made at least {@code length} long. */
  HeapScratch ensure(int length) {
    if (a.length < length) {
      a = new double[length];
      b = new double[length];
      c = new double[length];
      f = new float[length];
      g = new float[length];
      h = new float[length];
    }
    return this;
  }
}
