package dev.nn.core.kernel;

/**
 * The pure-Java kernels with the plain loops (a JVM started without the Vector API) pass the kernel
 * contract, on two threads so that both the split and the unsplit paths run.
 */
class ScalarJavaKernelsTests extends KernelsContract {
  private final Kernels kernels = new JavaKernels(2, RowLoops.SCALAR);

  @Override
  Kernels kernels() {
    return kernels;
  }
}
