package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelChoiceTests {

  @Test
  void withThePlainLoopsAutoPicksOpenBlasFromSixteenThousandMultiplyAddsPerForwardPass() {
    long t = KernelChoice.blasMinMultiplyAdds(RowLoops.SCALAR);
    // batch × Σ n(l−1)·n(l)
    assertFalse(KernelChoice.prefersBlas(new int[] {32, 16, 16, 1}, 16, t), "16 × 784 = 12,544");
    assertTrue(KernelChoice.prefersBlas(new int[] {32, 16, 16, 1}, 32, t), "32 × 784 = 25,088");
    assertFalse(KernelChoice.prefersBlas(new int[] {64, 64, 64, 10}, 1, t), "1 × 8,832");
    assertTrue(KernelChoice.prefersBlas(new int[] {64, 64, 64, 10}, 2, t), "2 × 8,832 = 17,664");
    assertTrue(KernelChoice.prefersBlas(new int[] {784, 512, 10}, 1, t), "1 × 406,528");
    assertTrue(KernelChoice.prefersBlas(new int[] {128, 128}, 1, t), "exactly 16,384");
    assertFalse(KernelChoice.prefersBlas(new int[] {128, 127}, 1, t), "16,256");
  }

  @Test
  void withTheVectorLoopsAutoPicksOpenBlasFromAMillionMultiplyAddsPerForwardPass() {
    long t = KernelChoice.blasMinMultiplyAdds(RowLoops.vector().orElseThrow());
    assertFalse(KernelChoice.prefersBlas(new int[] {16, 64, 64, 1}, 1, t), "W1: 5,184");
    assertFalse(KernelChoice.prefersBlas(new int[] {64, 64, 64, 1}, 64, t), "64 × 8,256 = 528,384");
    assertFalse(KernelChoice.prefersBlas(new int[] {784, 512, 10}, 1, t), "1 × 406,528");
    assertTrue(KernelChoice.prefersBlas(new int[] {784, 512, 10}, 4, t), "4 × 406,528 = 1,626,112");
    assertTrue(KernelChoice.prefersBlas(new int[] {1024, 1024}, 1, t), "exactly 2^20");
    assertFalse(KernelChoice.prefersBlas(new int[] {1024, 1023}, 1, t), "2^20 − 1,024");
  }

  @Test
  void theThresholdFollowsTheLoopsOfThisJvm() {
    assertEquals(JavaKernels.BEST_LOOPS.lanes() == 1 ? 16_384 : 1L << 20,
        KernelChoice.blasMinMultiplyAdds());
  }

  @Test
  void eachBackendNameGivesItsKernelsWithTheThreadCount() {
    Kernels java = KernelChoice.choose("java", 2, new int[] {784, 512, 10}, 128);
    assertInstanceOf(JavaKernels.class, java);
    assertEquals(2, ((JavaKernels) java).threads());
    Kernels blas = Kernels.choose("BLAS", 2, new int[] {4, 1}, 1);
    assertInstanceOf(BlasKernels.class, blas);
    assertEquals(2, ((BlasKernels) blas).threads());
    assertInstanceOf(BlasKernels.class, KernelChoice.choose("Auto", 1, new int[] {784, 512, 10}, 32));
    assertInstanceOf(JavaKernels.class, KernelChoice.choose("auto", 1, new int[] {4, 3, 1}, 32));
  }

  @Test
  void anUnknownBackendOrCountIsRejectedWithWhatIsAllowed() {
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> KernelChoice.choose("cuda", 1, new int[] {4, 1}, 1));
    assertEquals("kernel backend must be auto, java or blas, found 'cuda'", name.getMessage());
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
        () -> KernelChoice.choose("java", 0, new int[] {4, 1}, 1));
    assertEquals("kernel threads must be at least 1, found 0", threads.getMessage());
    IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
        () -> KernelChoice.choose("auto", 1, new int[] {4, 1}, 0));
    assertEquals("batch size must be at least 1, found 0", batch.getMessage());
  }

  /**
   * In a class loader of its own (this JVM has loaded OpenBLAS for other tests already), choosing the
   * Java kernels never loads the class that loads the native library, nor JavaCPP.
   */
  @Test
  void choosingJavaKernelsNeverLoadsTheNativeLibrary() throws Exception {
    try (Isolated loader = new Isolated()) {
      Class<?> choice = loader.loadClass(KernelChoice.class.getName());
      Method choose = choice.getMethod("choose", String.class, int.class, int[].class, int.class);
      Object java = choose.invoke(null, "java", 2, new int[] {784, 512, 10}, 128);
      Object auto = choose.invoke(null, "auto", 1, new int[] {8, 4, 1}, 1);
      assertEquals(JavaKernels.class.getName(), java.getClass().getName());
      assertEquals(JavaKernels.class.getName(), auto.getClass().getName());
      assertEquals(loader, java.getClass().getClassLoader(), "the kernels come from the isolated loader");
      assertNull(loader.loaded(OpenBlas.class.getName()), "OpenBlas was loaded");
      assertNull(loader.loaded("org.bytedeco.javacpp.Loader"), "JavaCPP was loaded");
      Method flag = loader.loadClass(BlasKernels.class.getName()).getDeclaredMethod("nativeLibraryLoaded");
      flag.setAccessible(true);
      assertEquals(false, flag.invoke(null));
    }
  }

  /** Loads this module's classes and its dependencies afresh, asking the parent only for the JDK's. */
  private static final class Isolated extends URLClassLoader {
    Isolated() throws Exception {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    Class<?> loaded(String name) {
      return findLoadedClass(name);
    }

    private static URL[] classPath() throws Exception {
      String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<URL> urls = new ArrayList<>();
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          urls.add(new File(entry).toURI().toURL());
        }
      }
      return urls.toArray(new URL[0]);
    }
  }
}
