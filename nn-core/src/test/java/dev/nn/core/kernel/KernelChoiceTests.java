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
  void autoPicksOpenBlasExactlyFromTheBlasFromThresholdOfMultiplyAddsPerForwardPass() {
    // batch × Σ n(l−1)·n(l): 784·512 + 512·10 = 406,528 per row
    int[] widths = {784, 512, 10};
    for (String loops : new String[] {"scalar", "vector"}) {
      KernelChoice.Choice below = KernelChoice.choose("auto", 1, Precision.FLOAT64, loops, 4 * 406_528L + 1, widths, 4);
      KernelChoice.Choice at = KernelChoice.choose("auto", 1, Precision.FLOAT64, loops, 4 * 406_528L, widths, 4);
      assertEquals(4 * 406_528L, at.multiplyAdds());
      assertInstanceOf(JavaKernels.class, below.kernels(), loops);
      assertInstanceOf(BlasKernels.class, at.kernels(), loops);
      assertEquals("auto: 1626112 multiply-adds per forward pass, blas-from 1626112 → openblas", at.describe("auto"));
    }
  }

  @Test
  void withoutBlasFromTheThresholdIsTheMeasuredDefaultOfTheLoopsInUse() {
    int[] w1 = {16, 64, 64, 1};
    KernelChoice.Choice scalar = KernelChoice.choose("auto", 1, Precision.FLOAT64, "scalar", null, w1, 1);
    KernelChoice.Choice vector = KernelChoice.choose("auto", 1, Precision.FLOAT64, "vector", null, w1, 1);
    assertEquals(KernelChoice.blasMinMultiplyAdds(1), scalar.blasFrom());
    assertEquals(KernelChoice.blasMinMultiplyAdds(RowLoops.vector().orElseThrow().lanes()), vector.blasFrom());
    // the faster vector loops keep more work on the Java side
    assertTrue(vector.blasFrom() > scalar.blasFrom());
    // W1 (5,184 multiply-adds at batch size 1) stays on the Java kernels either way
    assertInstanceOf(JavaKernels.class, scalar.kernels());
    assertInstanceOf(JavaKernels.class, vector.kernels());
  }

  @Test
  void eachBackendNameGivesItsKernelsWithTheThreadCount() {
    Kernels java = KernelChoice.choose("java", 2, new int[] {784, 512, 10}, 128);
    assertInstanceOf(JavaKernels.class, java);
    assertEquals(2, java.threads());
    Kernels blas = KernelChoice.choose("BLAS", 2, new int[] {4, 1}, 1);
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
