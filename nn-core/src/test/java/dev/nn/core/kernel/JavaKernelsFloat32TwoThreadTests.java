package dev.nn.core.kernel;

/** The pure-Java kernels in float32 on 2 thread(s) pass the kernel contract, with float32's error bound. */
class JavaKernelsFloat32TwoThreadTests extends KernelsContract {
  private final Kernels kernels = JavaKernels.of(2, Precision.FLOAT32, "auto");

  @Override
  Kernels kernels() {
    return kernels;
  }
}
