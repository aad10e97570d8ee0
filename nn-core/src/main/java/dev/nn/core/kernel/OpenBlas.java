package dev.nn.core.kernel;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The OpenBLAS native library, loaded when this class is first initialised — which only
 * {@link BlasKernels}'s constructor does — and never by loading {@link Kernels} or {@link JavaKernels}.
 *
 * <p>OpenBLAS is set to one thread, process-wide, once: {@link BlasKernels} runs its own threads, each
 * calling OpenBLAS on a block of rows, because OpenBLAS's own threading cuts the sum over p and the
 * rows of C at points that depend on the thread count, which changes the last bits of some results.
 */
final class OpenBlas {
  private static final Throwable FAILURE;
  private static final String VERSION;

  static {
    Throwable failure = null;
    String version = null;
    try {
      Loader.load(openblas_nolapack.class);
      openblas_nolapack.blas_set_num_threads(1);
      if (openblas_nolapack.blas_get_num_threads() != 1) {
        throw new IllegalStateException("OpenBLAS did not accept a thread count of 1, it reports "
            + openblas_nolapack.blas_get_num_threads());
      }
      version = openblas_nolapack.OPENBLAS_VERSION.trim();
      BlasKernels.markLoaded();
    } catch (LinkageError | RuntimeException e) {
      failure = e;
    }
    FAILURE = failure;
    VERSION = version;
  }

  private OpenBlas() {}

  /** Throws if the library could not be loaded on this platform, naming the platform and the cause. */
  static void require() {
    if (FAILURE != null) {
      throw new IllegalStateException("the OpenBLAS backend is not available: its native library could not be "
          + "loaded for " + System.getProperty("os.name") + " on " + System.getProperty("os.arch") + " ("
          + FAILURE + "); the bundled library covers linux-x86_64 only — use the java backend here", FAILURE);
    }
  }

  /** OpenBLAS's version string, e.g. "OpenBLAS 0.3.31". */
  static String version() {
    return VERSION;
  }
}
