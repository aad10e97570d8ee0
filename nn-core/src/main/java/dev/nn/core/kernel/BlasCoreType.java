package dev.nn.core.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which kernels the bundled OpenBLAS uses — the setting {@code blas-kernels: auto | inherit | NAME}.
 *
 * <p>The bundled OpenBLAS (0.3.31, built with {@code DYNAMIC_ARCH}) carries kernels for several core types and
 * picks one when it is loaded: the one named by the environment variable {@code OPENBLAS_CORETYPE} if that is
 * set, else the best one for the CPU it detects. Some machines set {@code OPENBLAS_CORETYPE} (and
 * {@code OPENBLAS_L2_SIZE}) for every process because older system builds of OpenBLAS crash on their CPU;
 * inherited by nn, that setting would hold the bundled library to slower kernels than it would pick itself
 * (on an AVX-512 CPU, Haswell's AVX2 kernels instead of Cooperlake's).
 *
 * <ul>
 *   <li>{@link #AUTO}: the library detects the CPU; an inherited {@code OPENBLAS_CORETYPE} and
 *       {@code OPENBLAS_L2_SIZE} are ignored.
 *   <li>{@link #INHERIT}: the environment as nn was given it.
 *   <li>a core type (e.g. {@code haswell}, {@code skylakex}): those kernels, whatever the CPU detection would
 *       pick; an inherited {@code OPENBLAS_L2_SIZE} is kept. Only core types this CPU can run are accepted,
 *       since OpenBLAS would otherwise die of an illegal instruction, taking the JVM with it.
 * </ul>
 *
 * <p>The names are those OpenBLAS's {@code force_coretype} accepts that select kernels of their own in the
 * bundled build (the others — katmai, atom, penryn, opteron, bobcat and so on — fall back to one of these, and
 * sapphirerapids is not accepted by 0.3.31: it silently detects instead). Results differ in their last bits from
 * one core type to another, which is why provenance records the core type in use.
 *
 * <p>This enum is plain Java: parsing a setting never loads the native library. {@link OpenBlas#require} applies
 * it.
 */
public enum BlasCoreType {
  /** Let the bundled library detect the CPU, ignoring an inherited OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE. */
  AUTO("auto", null),
  /** Use the environment as inherited. */
  INHERIT("inherit", null),
  PRESCOTT("Prescott", "pni"),
  CORE2("Core2", "ssse3"),
  NEHALEM("Nehalem", "sse4_2"),
  BARCELONA("Barcelona", "sse4a"),
  SANDYBRIDGE("Sandybridge", "avx"),
  BULLDOZER("Bulldozer", "avx fma4 xop"),
  PILEDRIVER("Piledriver", "avx fma4 xop fma f16c"),
  STEAMROLLER("Steamroller", "avx fma4 xop fma f16c"),
  EXCAVATOR("Excavator", "avx fma4 xop fma f16c avx2"),
  HASWELL("Haswell", "avx2 fma"),
  ZEN("Zen", "avx2 fma"),
  SKYLAKEX("SkylakeX", "avx512f avx512cd avx512bw avx512dq avx512vl"),
  COOPERLAKE("Cooperlake", "avx512f avx512cd avx512bw avx512dq avx512vl avx512_bf16");

  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

  private final String coreName;
  private final List<String> cpuFlags;

  BlasCoreType(String coreName, String cpuFlags) {
    this.coreName = coreName;
    this.cpuFlags = cpuFlags == null ? List.of() : List.of(cpuFlags.split(" "));
  }

  /**
   * The setting for {@code text}: {@code auto}, {@code inherit} or a core type name, in any case, surrounding
   * blanks ignored.
   *
   * @throws IllegalArgumentException for anything else, listing the values allowed
   */
  public static BlasCoreType parse(String text) {
    if (text != null) {
      String wanted = text.strip().toLowerCase(Locale.ROOT);
      for (BlasCoreType type : values()) {
        if (type.setting().equals(wanted)) {
          return type;
        }
      }
    }
    throw new IllegalArgumentException("blas-kernels must be auto, inherit or one of the core types of the bundled "
        + "OpenBLAS (" + String.join(", ", coreTypeSettings()) + "), found "
        + (text == null ? "nothing" : "'" + text + "'"));
  }

  /** The core type names {@link #parse} accepts, lower case, oldest first. */
  public static List<String> coreTypeSettings() {
    List<String> names = new ArrayList<>();
    for (BlasCoreType type : values()) {
      if (type.isCoreType()) {
        names.add(type.setting());
      }
    }
    return Collections.unmodifiableList(names);
  }

  /** The setting's text: {@code auto}, {@code inherit} or the core type in lower case, e.g. {@code skylakex}. */
  public String setting() {
    return isCoreType() ? name().toLowerCase(Locale.ROOT) : coreName;
  }

  /** Whether this names a core type (neither {@code auto} nor {@code inherit}). */
  public boolean isCoreType() {
    return this != AUTO && this != INHERIT;
  }

  /**
   * OpenBLAS's own name of this core type — the value given to {@code OPENBLAS_CORETYPE}, and what
   * {@code openblas_get_corename} reports, e.g. "SkylakeX".
   *
   * @throws IllegalStateException for {@code auto} and {@code inherit}
   */
  public String coreName() {
    if (!isCoreType()) {
      throw new IllegalStateException("blas-kernels: " + setting() + " names no core type");
    }
    return coreName;
  }

  @Override
  public String toString() {
    return setting();
  }

  /** The CPU features (as Linux's /proc/cpuinfo spells them) these kernels need; none for auto and inherit. */
  List<String> cpuFlags() {
    return cpuFlags;
  }

  /**
   * Checks that a CPU with {@code flags} can run these kernels.
   *
   * @param flags the CPU's features as /proc/cpuinfo lists them, or null if they are not known
   * @throws IllegalArgumentException naming the features missing, or saying they cannot be checked
   */
  void checkRunsOn(Set<String> flags) {
    if (cpuFlags.isEmpty()) {
      return;
    }
    if (flags == null) {
      throw new IllegalArgumentException("blas-kernels: " + setting() + " cannot be checked against this CPU (its "
          + "features could not be read from " + CPU_INFO + "), and forcing kernels the CPU cannot run crashes the "
          + "JVM; use auto or inherit");
    }
    List<String> missing = cpuFlags.stream().filter(f -> !flags.contains(f)).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("blas-kernels: " + setting() + " needs CPU features this CPU lacks ("
          + String.join(", ", missing) + "); use auto, or a core type this CPU can run");
    }
  }

  /** This machine's CPU features, from the first "flags" line of /proc/cpuinfo, or null if there is none. */
  static Set<String> cpuFlagsOfThisMachine() {
    try {
      for (String line : Files.readAllLines(CPU_INFO, StandardCharsets.ISO_8859_1)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equals("flags")) {
          return new HashSet<>(Arrays.asList(line.substring(colon + 1).strip().split("\\s+")));
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
