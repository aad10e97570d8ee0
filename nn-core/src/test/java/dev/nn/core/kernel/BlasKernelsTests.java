package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;

/** What the OpenBLAS kernels promise beyond the contract: off-heap storage, checked arguments, threads. */
class BlasKernelsTests {
  private final BlasKernels kernels = new BlasKernels(1);

  @Test
  void creatingTheKernelsLoadsTheNativeLibrary() {
    assertTrue(BlasKernels.nativeLibraryLoaded());
    assertTrue(kernels.libraryVersion().startsWith("OpenBLAS 0.3."), kernels.libraryVersion());
    assertEquals("openblas", kernels.name());
  }

  @Test
  void buffersAreDirectInNativeOrderAndAlignedToACacheLine() {
    for (int length : new int[] {1, 7, 8, 5100, 100_000}) {
      DoubleBuffer b = ((DirectDoubles) kernels.allocate(length)).buffer;
      assertTrue(b.isDirect(), "direct");
      assertEquals(ByteOrder.nativeOrder(), b.order());
      assertEquals(length, b.capacity());
      assertEquals(0, new DoublePointer(b).address() % 64, "64-byte aligned");
    }
  }

  @Test
  void aMatrixThatOverrunsItsBufferIsRejectedBeforeNativeCodeRuns() {
    Matrix a = kernels.allocate(6);
    Matrix b = kernels.allocate(6);
    Matrix c = kernels.allocate(3);
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
        () -> kernels.gemm(false, false, 2, 2, 3, 1.0, a, 0, 3, b, 0, 2, 0.0, c, 0, 2));
    assertTrue(e.getMessage().contains("matrix C (2×2, offset 0, leading dimension 2) does not fit in a buffer of 3"),
        e.getMessage());
    IndexOutOfBoundsException lead = assertThrows(IndexOutOfBoundsException.class,
        () -> kernels.gemm(false, false, 2, 2, 3, 1.0, a, 0, 2, b, 0, 2, 0.0, kernels.allocate(4), 0, 2));
    assertTrue(lead.getMessage().contains("the leading dimension must be at least 3"), lead.getMessage());
  }

  /** Whatever kernels OpenBLAS picks here (run the build with and without OPENBLAS_CORETYPE=Haswell). */
  @Test
  void oneAndTwoThreadsGiveTheSameBits() {
    ThreadIdentity.check(BlasKernels::new, ThreadIdentity.shapes(4, 12), 4);
  }
}
