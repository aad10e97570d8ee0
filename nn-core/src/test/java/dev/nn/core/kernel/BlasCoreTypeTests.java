package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The setting blas-kernels: parsing, the CPU check, and what a load records — none of it loads OpenBLAS. */
class BlasCoreTypeTests {
  private static final String ALLOWED = "blas-kernels must be auto, inherit or one of the core types of the "
      + "bundled OpenBLAS (prescott, core2, nehalem, barcelona, sandybridge, bulldozer, piledriver, steamroller, "
      + "excavator, haswell, zen, skylakex, cooperlake), found ";

  @Test
  void parsesAutoInheritAndCoreTypesInAnyCase() {
    assertEquals(BlasCoreType.AUTO, BlasCoreType.parse("auto"));
    assertEquals(BlasCoreType.INHERIT, BlasCoreType.parse(" Inherit "));
    assertEquals(BlasCoreType.HASWELL, BlasCoreType.parse("haswell"));
    assertEquals(BlasCoreType.SKYLAKEX, BlasCoreType.parse("SkylakeX"));
    assertEquals(BlasCoreType.COOPERLAKE, BlasCoreType.parse("COOPERLAKE"));
    assertEquals(BlasCoreType.ZEN, BlasCoreType.parse("zen"));
    for (BlasCoreType type : BlasCoreType.values()) {
      assertEquals(type, BlasCoreType.parse(type.setting()));
      assertEquals(type.setting(), type.toString());
    }
  }

  @Test
  void aBadNameIsRejectedWithTheValuesAllowed() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> BlasCoreType.parse("skylake"));
    assertEquals(ALLOWED + "'skylake'", bad.getMessage());
    // names OpenBLAS maps to another core type's kernels, or (sapphirerapids, in 0.3.31) does not accept
    for (String alias : List.of("atom", "penryn", "opteron", "katmai", "sapphirerapids", "", "default")) {
      assertEquals(ALLOWED + "'" + alias + "'",
          assertThrows(IllegalArgumentException.class, () -> BlasCoreType.parse(alias)).getMessage());
    }
    assertEquals(ALLOWED + "nothing",
        assertThrows(IllegalArgumentException.class, () -> BlasCoreType.parse(null)).getMessage());
  }

  @Test
  void coreTypesCarryOpenBlasSpelling() {
    assertEquals("SkylakeX", BlasCoreType.SKYLAKEX.coreName());
    assertEquals("Haswell", BlasCoreType.HASWELL.coreName());
    assertEquals("skylakex", BlasCoreType.SKYLAKEX.setting());
    assertFalse(BlasCoreType.AUTO.isCoreType());
    IllegalStateException none = assertThrows(IllegalStateException.class, BlasCoreType.INHERIT::coreName);
    assertEquals("blas-kernels: inherit names no core type", none.getMessage());
  }

  @Test
  void aCoreTypeIsForcedOnlyOnACpuThatCanRunIt() {
    Set<String> avx2 = Set.of("sse3", "pni", "ssse3", "sse4_2", "avx", "avx2", "fma");
    BlasCoreType.HASWELL.checkRunsOn(avx2);
    BlasCoreType.AUTO.checkRunsOn(null);
    BlasCoreType.INHERIT.checkRunsOn(Set.of());
    IllegalArgumentException skylake = assertThrows(IllegalArgumentException.class,
        () -> BlasCoreType.SKYLAKEX.checkRunsOn(avx2));
    assertEquals("blas-kernels: skylakex needs CPU features this CPU lacks (avx512f, avx512cd, avx512bw, avx512dq, "
        + "avx512vl); use auto, or a core type this CPU can run", skylake.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> BlasCoreType.HASWELL.checkRunsOn(null));
    assertTrue(unknown.getMessage().startsWith("blas-kernels: haswell cannot be checked against this CPU"),
        unknown.getMessage());
  }

  /** Bulldozer's kernels use FMA4, which Intel CPUs and AMD's Zen lack: OpenBLAS would die of SIGILL there. */
  @Test
  void requiringKernelsThisCpuCannotRunFailsBeforeLoading() {
    Set<String> flags = BlasCoreType.cpuFlagsOfThisMachine();
    assumeTrue(flags != null && !flags.contains("fma4"), "this CPU has FMA4");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OpenBlas.require(BlasCoreType.BULLDOZER));
    assertTrue(e.getMessage().startsWith("blas-kernels: bulldozer needs CPU features this CPU lacks (fma4"),
        e.getMessage());
  }

  @Test
  void aLoadRecordsWhatOpenBlasSawAndWhetherItOverrodeTheEnvironment() {
    OpenBlas.Loaded auto = new OpenBlas.Loaded(BlasCoreType.AUTO, "OpenBLAS 0.3.31", "Cooperlake", "Haswell", "512");
    assertEquals(null, auto.coreTypeSeen());
    assertEquals(null, auto.l2SizeSeen());
    assertTrue(auto.overrodeInherited());
    assertFalse(auto.sameEnvironment(BlasCoreType.INHERIT));
    assertFalse(auto.sameEnvironment(BlasCoreType.COOPERLAKE), "a forced core type is not detection");
    OpenBlas.Loaded inherit = new OpenBlas.Loaded(BlasCoreType.INHERIT, "OpenBLAS 0.3.31", "Haswell", "haswell",
        null);
    assertFalse(inherit.overrodeInherited());
    assertTrue(inherit.sameEnvironment(BlasCoreType.HASWELL), "OpenBLAS reads the name in any case");
    assertEquals("OpenBLAS 0.3.31, Haswell kernels (blas-kernels: inherit; inherited OPENBLAS_CORETYPE=haswell in "
        + "force)", inherit.describe());
    OpenBlas.Loaded plain = new OpenBlas.Loaded(BlasCoreType.AUTO, "OpenBLAS 0.3.31", "Cooperlake", null, null);
    assertFalse(plain.overrodeInherited());
    assertTrue(plain.sameEnvironment(BlasCoreType.INHERIT), "with nothing inherited, inherit is auto");
    assertEquals("OpenBLAS 0.3.31, Cooperlake kernels (blas-kernels: auto)", plain.describe());
    OpenBlas.Loaded forced = new OpenBlas.Loaded(BlasCoreType.ZEN, "OpenBLAS 0.3.31", "Zen", null, "1024");
    assertEquals("Zen", forced.coreTypeSeen());
    assertEquals("1024", forced.l2SizeSeen());
    assertTrue(forced.overrodeInherited());
    assertEquals("OpenBLAS 0.3.31, Zen kernels (blas-kernels: zen; inherited OPENBLAS_L2_SIZE=1024 in force)",
        forced.describe());
  }
}
