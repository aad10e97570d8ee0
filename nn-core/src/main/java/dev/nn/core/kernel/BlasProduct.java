package dev.nn.core.kernel;

/**
 * A prepared BLAS product in either precision ({@link BlasJob}, {@link FloatBlasJob}): what {@link BlasKernels}
 * needs to plan it, run it and hand it back, whatever numbers it multiplies.
 */
interface BlasProduct extends WorkerPool.Task {
  /** The number of row blocks to run, one if the product is below {@code minFlops}. */
  int plan(double minFlops);

  /** Forgets the buffers of the last product, so that a pooled job does not keep them reachable. */
  void clear();
}
