package dev.nn.core.kernel;

/** The OpenBLAS kernels in float32 (sgemm) on 1 thread(s) pass the kernel contract, with float32's error bound. */
class BlasKernelsFloat32OneThreadTests extends KernelsContract {
  private final Kernels kernels = new BlasKernels(1, Precision.FLOAT32);

  @Override
  Kernels kernels() {
    return kernels;
  }
}
