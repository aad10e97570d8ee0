package dev.nn.core.kernel;

import org.junit.jupiter.api.Test;

/** In float32 too, one and two threads give the same bits: the Java kernels' loops and OpenBLAS's sgemm. */
class Float32ThreadIdentityTests {

  @Test
  void javaVectorLoops() {
    ThreadIdentity.check(threads -> JavaKernels.of(threads, Precision.FLOAT32, "vector"), ThreadIdentity.shapes(6, 8),
        6);
  }

  @Test
  void javaScalarTwin() {
    ThreadIdentity.check(threads -> JavaKernels.of(threads, Precision.FLOAT32, "scalar"), ThreadIdentity.shapes(7, 4),
        7);
  }

  @Test
  void openBlas() {
    ThreadIdentity.check(threads -> new BlasKernels(threads, Precision.FLOAT32), ThreadIdentity.shapes(8, 12), 8);
  }
}
