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
  void aLargeProductIsCutIntoBlocksByItsRowsAlone() {
    double big = BlasKernels.MULTI_THREAD_MIN_FLOPS;
    // rows of C → blocks of an m×128×128 product: one up to 64 rows, then quarters (rounded up to 16 rows, at
    // least 64)
    int[][] expected = {{64, 1}, {65, 2}, {128, 2}, {200, 4}, {784, 4}, {1024, 4}, {5000, 4}};
    for (int[] row : expected) {
      BlasJob job = new BlasJob(1);
      job.prepare(false, false, row[0], 128, 128, 1.0, null, 0, 128, null, 0, 128, 0.0, null, 0, 128);
      assertEquals(row[1], job.plan(big), row[0] + " rows");
    }
    BlasJob huge = new BlasJob(1);
    huge.prepare(false, false, 1024, 512, 784, 1.0, null, 0, 784, null, 0, 512, 0.0, null, 0, 512);
    assertEquals(2, huge.plan(big), "1024×512×784 (W2-infer's first layer, 0.82 GFLOP) in two blocks");
    BlasJob small = new BlasJob(1);
    small.prepare(false, false, 1024, 8, 8, 1.0, null, 0, 8, null, 0, 8, 0.0, null, 0, 8);
    assertEquals(1, small.plan(big), "1024×8×8 is below the threshold");
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
