package dev.nn.core.kernel;

/** The pure-Java kernels on one thread pass the kernel contract. */
class JavaKernelsOneThreadTests extends KernelsContract {
  private final Kernels kernels = new JavaKernels(1);

  @Override
  Kernels kernels() {
    return kernels;
  }
}
