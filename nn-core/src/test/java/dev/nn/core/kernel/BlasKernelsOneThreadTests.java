package dev.nn.core.kernel;

/** The OpenBLAS kernels on one thread pass the kernel contract. */
class BlasKernelsOneThreadTests extends KernelsContract {
  private final Kernels kernels = new BlasKernels(1);

  @Override
  Kernels kernels() {
    return kernels;
  }
}
