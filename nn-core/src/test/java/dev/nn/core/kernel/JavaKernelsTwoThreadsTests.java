package dev.nn.core.kernel;

/** The pure-Java kernels with products split over two threads pass the kernel contract. */
class JavaKernelsTwoThreadsTests extends KernelsContract {
  private final Kernels kernels = new JavaKernels(2);

  @Override
  Kernels kernels() {
    return kernels;
  }
}
