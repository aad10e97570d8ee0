package dev.nn.core.kernel;

/** The OpenBLAS kernels with products split over two threads pass the kernel contract. */
class BlasKernelsTwoThreadsTests extends KernelsContract {
  private final Kernels kernels = new BlasKernels(2);

  @Override
  Kernels kernels() {
    return kernels;
  }
}
