package dev.nn.core.kernel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The OpenBLAS native library, loaded on the first {@link #require} — which {@link BlasKernels}'s constructor
 * makes — and never by loading this class, {@link Kernels} or {@link JavaKernels}.
 *
 * <p>Core type: OpenBLAS picks its kernels once, while it is being loaded, from {@code OPENBLAS_CORETYPE} in the
 * process's C environment (see {@link BlasCoreType}). So {@link #require(BlasCoreType)} sets the C environment
 * the choice asks for (through {@link NativeEnvironment}, no JVM flags), loads the library, and then puts the
 * environment back as it was, for any other native code that reads it. The first load in a JVM wins: a later
 * {@code require} with a choice that would have shown OpenBLAS a different environment throws an
 * {@link IllegalStateException} saying so, since the library cannot be loaded again. The core type in use is
 * read back from the library (the kernel table its {@code gotoblas} points to, as its own
 * {@code openblas_get_corename} does, which the bytedeco preset does not expose).
 *
 * <p>OpenBLAS is set to one thread, process-wide, once: {@link BlasKernels} runs its own threads, each
 * calling OpenBLAS on a block of rows, because OpenBLAS's own threading cuts the sum over p and the
 * rows of C at points that depend on the thread count, which changes the last bits of some results.
 */
final class OpenBlas {
  static final String CORETYPE = "OPENBLAS_CORETYPE";
  static final String L2_SIZE = "OPENBLAS_L2_SIZE";

  /** What was loaded, and from which environment; null until the first load. Guarded by the class. */
  private static Loaded loaded;
  /** Why loading failed; loading is not tried again. Guarded by the class. */
  private static Throwable failure;

  private OpenBlas() {}

  /**
   * The library as loaded in this JVM: its version, the core type in use, the choice it was loaded with and the
   * environment it inherited.
   *
   * @param choice the {@code blas-kernels} setting the library was loaded with
   * @param version OpenBLAS's version string, e.g. "OpenBLAS 0.3.31"
   * @param coreName the core type whose kernels run, as OpenBLAS names it (e.g. "Cooperlake", "Haswell"), or
   *     "unknown" if the library does not say
   * @param inheritedCoreType the OPENBLAS_CORETYPE this process had when the library was loaded, null if unset
   * @param inheritedL2Size the OPENBLAS_L2_SIZE this process had when the library was loaded, null if unset
   */
  record Loaded(BlasCoreType choice, String version, String coreName, String inheritedCoreType,
      String inheritedL2Size) {
    public Loaded {
      Objects.requireNonNull(choice, "choice");
    }

    /** The OPENBLAS_CORETYPE OpenBLAS read when it was loaded, null if none (it then detected the CPU). */
    public String coreTypeSeen() {
      return coreTypeSeen(choice, inheritedCoreType);
    }

    /** The OPENBLAS_L2_SIZE OpenBLAS read when it was loaded, null if none. */
    public String l2SizeSeen() {
      return l2SizeSeen(choice, inheritedL2Size);
    }

    /** Whether the choice set aside an inherited OPENBLAS_CORETYPE or OPENBLAS_L2_SIZE. */
    public boolean overrodeInherited() {
      return !Objects.equals(inheritedCoreType, coreTypeSeen()) || !Objects.equals(inheritedL2Size, l2SizeSeen());
    }

    /**
     * One line for provenance and benchmark output, e.g. "OpenBLAS 0.3.31, Cooperlake kernels (blas-kernels:
     * auto; inherited OPENBLAS_CORETYPE=Haswell ignored, OPENBLAS_L2_SIZE=512 ignored)".
     */
    public String describe() {
      StringBuilder text = new StringBuilder(version).append(", ").append(coreName).append(" kernels (blas-kernels: ")
          .append(choice.setting());
      String separator = "; inherited ";
      if (inheritedCoreType != null) {
        text.append(separator).append(CORETYPE).append('=').append(inheritedCoreType).append(
            inheritedCoreType.equalsIgnoreCase(Objects.toString(coreTypeSeen(), "")) ? " in force"
                : choice == BlasCoreType.AUTO ? " ignored" : " overridden");
        separator = ", ";
      }
      if (inheritedL2Size != null) {
        text.append(separator).append(L2_SIZE).append('=').append(inheritedL2Size)
            .append(inheritedL2Size.equals(l2SizeSeen()) ? " in force" : " ignored");
      }
      return text.append(')').toString();
    }

    /** Whether {@code other} would have shown OpenBLAS the same environment as this load's choice did. */
    boolean sameEnvironment(BlasCoreType other) {
      String core = coreTypeSeen(other, inheritedCoreType);
      return (core == null ? coreTypeSeen() == null : core.equalsIgnoreCase(coreTypeSeen()))
          && Objects.equals(l2SizeSeen(other, inheritedL2Size), l2SizeSeen());
    }

    private static String coreTypeSeen(BlasCoreType choice, String inherited) {
      return choice == BlasCoreType.AUTO ? null : choice == BlasCoreType.INHERIT ? inherited : choice.coreName();
    }

    private static String l2SizeSeen(BlasCoreType choice, String inherited) {
      return choice == BlasCoreType.AUTO ? null : inherited;
    }
  }

  /**
   * Loads the library with the core type {@code choice} asks for, or, if this JVM has loaded it already, checks
   * that the choice agrees with that load.
   *
   * @return what is loaded
   * @throws IllegalArgumentException if {@code choice} forces a core type this CPU cannot run (the library is
   *     then not loaded)
   * @throws IllegalStateException if the library cannot be loaded on this platform, or was loaded earlier in this
   *     JVM with a choice that showed it a different environment (OpenBLAS reads its core type once, when loaded)
   */
  public static synchronized Loaded require(BlasCoreType choice) {
    Objects.requireNonNull(choice, "choice");
    if (choice.isCoreType()) {
      choice.checkRunsOn(BlasCoreType.cpuFlagsOfThisMachine());
    }
    if (loaded != null) {
      if (!loaded.sameEnvironment(choice)) {
        throw new IllegalStateException("OpenBLAS is already loaded in this JVM with blas-kernels: "
            + loaded.choice().setting() + " (" + environmentText(loaded.coreTypeSeen(), loaded.l2SizeSeen()) + ": "
            + loaded.coreName() + " kernels); it reads its core type once, when it is loaded, so blas-kernels: "
            + choice.setting() + " (" + environmentText(Loaded.coreTypeSeen(choice, loaded.inheritedCoreType()),
            Loaded.l2SizeSeen(choice, loaded.inheritedL2Size())) + ") cannot take effect before the JVM restarts");
      }
      return loaded;
    }
    if (failure != null) {
      throw unavailable(failure);
    }
    try {
      String inheritedCoreType = blankToNull(NativeEnvironment.get(CORETYPE));
      String inheritedL2Size = blankToNull(NativeEnvironment.get(L2_SIZE));
      Map<String, String> changes = new LinkedHashMap<>();
      if (choice != BlasCoreType.INHERIT) {
        changes.put(CORETYPE, choice == BlasCoreType.AUTO ? null : choice.coreName());
      }
      if (choice == BlasCoreType.AUTO) {
        changes.put(L2_SIZE, null);
      }
      Map<String, String> original = new LinkedHashMap<>();
      for (String name : changes.keySet()) {
        original.put(name, NativeEnvironment.get(name));
      }
      NativeEnvironment.apply(changes);
      try {
        Loader.load(openblas_nolapack.class);
      } finally {
        NativeEnvironment.apply(original);
      }
      openblas_nolapack.blas_set_num_threads(1);
      if (openblas_nolapack.blas_get_num_threads() != 1) {
        throw new IllegalStateException("OpenBLAS did not accept a thread count of 1, it reports "
            + openblas_nolapack.blas_get_num_threads());
      }
      loaded = new Loaded(choice, openblas_nolapack.OPENBLAS_VERSION.trim(), coreNameInUse(), inheritedCoreType,
          inheritedL2Size);
      BlasKernels.markLoaded();
      return loaded;
    } catch (LinkageError | RuntimeException e) {
      failure = e;
      throw unavailable(e);
    }
  }

  /**
   * Loads the library with the default setting, {@link BlasCoreType#AUTO} (as an experiment without
   * {@code compute.blas-kernels} does), unless this JVM has loaded it already, in which case that load stands,
   * whatever its choice.
   *
   * @throws IllegalStateException if the library cannot be loaded on this platform
   */
  static synchronized Loaded require() {
    return loaded != null ? loaded : require(BlasCoreType.AUTO);
  }

  /** What this JVM has loaded, if it has loaded the library. */
  public static synchronized Optional<Loaded> loaded() {
    return Optional.ofNullable(loaded);
  }

  /**
   * The core type whose kernels run, as OpenBLAS names it, e.g. "Cooperlake".
   *
   * @throws IllegalStateException if the library has not been loaded in this JVM
   */
  public static String coreName() {
    return loaded().orElseThrow(() -> new IllegalStateException("OpenBLAS has not been loaded in this JVM"))
        .coreName();
  }

  /**
   * The OPENBLAS_CORETYPE this process was started with (null if unset or blank), whether or not the core type
   * in use follows it — see {@link Loaded#coreTypeSeen()}.
   */
  public static String inheritedCoreType() {
    return blankToNull(System.getenv(CORETYPE));
  }

  /** OpenBLAS's version string, e.g. "OpenBLAS 0.3.31"; null before the library is loaded. */
  static String version() {
    Loaded now = loaded().orElse(null);
    return now == null ? null : now.version();
  }

  /** The name of the kernel table OpenBLAS's global {@code gotoblas} points to, or "unknown". */
  private static String coreNameInUse() {
    Pointer cell = Loader.addressof("gotoblas");
    if (cell == null || cell.isNull()) {
      return "unknown";
    }
    Pointer table = new PointerPointer<Pointer>(cell).get(0L);
    if (table == null || table.isNull()) {
      return "unknown";
    }
    for (BlasCoreType type : BlasCoreType.values()) {
      if (type.isCoreType()) {
        Pointer candidate = Loader.addressof("gotoblas_" + type.name());
        if (candidate != null && candidate.address() == table.address()) {
          return type.coreName();
        }
      }
    }
    return "unknown";
  }

  /** E.g. "OPENBLAS_CORETYPE=Haswell, OPENBLAS_L2_SIZE=512" or "OPENBLAS_CORETYPE unset". */
  private static String environmentText(String coreType, String l2Size) {
    return (coreType == null ? CORETYPE + " unset" : CORETYPE + "=" + coreType)
        + (l2Size == null ? "" : ", " + L2_SIZE + "=" + l2Size);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Whether {@code e} says the library cannot be loaded on this platform (rather than a conflicting setting). */
  static boolean isUnavailable(IllegalStateException e) {
    return e.getMessage() != null && e.getMessage().startsWith(UNAVAILABLE);
  }

  private static final String UNAVAILABLE = "the OpenBLAS backend is not available";

  static IllegalStateException unavailable(Throwable cause) {
    String os = System.getProperty("os.name", "");
    String arch = System.getProperty("os.arch", "");
    boolean covered = os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")
        && (arch.equals("amd64") || arch.equals("x86_64"));
    return new IllegalStateException(UNAVAILABLE + ": its native library could not be loaded for " + os + " on "
        + arch + " (" + cause + ")" + (covered
            // the platform is the one bundled: what fails is unpacking it, into ~/.javacpp/cache or java.io.tmpdir
            ? "; it is unpacked into ~/.javacpp/cache (or java.io.tmpdir) before it is loaded, which must be writable"
                + " and allow running programs (not mounted noexec): give another folder with NN_JAVA_OPTS="
                + "-Dorg.bytedeco.javacpp.cachedir=DIR, or use the java backend"
            : "; the bundled library covers linux-x86_64 only — use the java backend here"), cause);
  }
}
