package dev.nn.core.kernel;

/** The pure-Java kernels in float32 on 1 thread(s) pass the kernel contract, with float32's error bound. */
class JavaKernelsFloat32OneThreadTests extends KernelsContract {
  private final Kernels kernels = JavaKernels.of(1, Precision.FLOAT32, "auto");

  @Override
  Kernels kernels() {
    return kernels;
  }
}
