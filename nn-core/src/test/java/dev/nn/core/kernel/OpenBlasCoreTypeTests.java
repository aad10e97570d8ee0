package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The core type OpenBLAS runs, chosen in-process before it loads. The library loads once per JVM, so each case
 * runs in a JVM of its own ({@link OpenBlasProbe}), started with OPENBLAS_CORETYPE=Haswell and OPENBLAS_L2_SIZE=512
 * in its environment as on machines that work around older system builds — and OPENBLAS_VERBOSE=2, which makes
 * OpenBLAS print the core type it picks ("Core: Haswell") to compare with the one nn reads back. Four JVMs, a few
 * seconds.
 */
class OpenBlasCoreTypeTests {
  private static final Map<String, String> HASWELL = Map.of("OPENBLAS_CORETYPE", "Haswell", "OPENBLAS_L2_SIZE", "512");
  private static final Set<String> FLAGS = BlasCoreType.cpuFlagsOfThisMachine();

  @Test
  void inheritKeepsTheCoreTypeOfTheEnvironment() throws Exception {
    Map<String, String> out = probe(HASWELL, "inherit", "haswell", "auto");
    assertEquals("Haswell", out.get("core"));
    assertEquals("false", out.get("overrode"));
    assertEquals("OpenBLAS 0.3.31, Haswell kernels (blas-kernels: inherit; inherited OPENBLAS_CORETYPE=Haswell "
        + "in force, OPENBLAS_L2_SIZE=512 in force)", out.get("describe"));
    assertEquals("Haswell,512", out.get("after"));
    assertEquals("Haswell", out.get("again.1"), "haswell shows OpenBLAS the same environment as inherit did");
    assertEquals("IllegalStateException: OpenBLAS is already loaded in this JVM with blas-kernels: inherit "
        + "(OPENBLAS_CORETYPE=Haswell, OPENBLAS_L2_SIZE=512: Haswell kernels); it reads its core type once, when it "
        + "is loaded, so blas-kernels: auto (OPENBLAS_CORETYPE unset) cannot take effect before the JVM restarts",
        out.get("again.2"));
  }

  @Test
  void autoIgnoresTheInheritedCoreTypeAndDetectsTheCpu() throws Exception {
    Map<String, String> detected = probe(Map.of(), "inherit");
    Map<String, String> out = probe(HASWELL, "auto", "inherit");
    assertEquals(detected.get("core"), out.get("core"), "auto picks what OpenBLAS picks without the variables");
    assertEquals("true", out.get("overrode"));
    assertEquals("OpenBLAS 0.3.31, " + out.get("core") + " kernels (blas-kernels: auto; inherited "
        + "OPENBLAS_CORETYPE=Haswell ignored, OPENBLAS_L2_SIZE=512 ignored)", out.get("describe"));
    assertEquals("Haswell,512", out.get("after"), "the environment is put back once the library is loaded");
    assertTrue(out.get("again.1").startsWith("IllegalStateException: OpenBLAS is already loaded in this JVM with "
        + "blas-kernels: auto (OPENBLAS_CORETYPE unset: "), out.get("again.1"));
    assumeTrue(FLAGS != null && FLAGS.contains("avx512f") && FLAGS.contains("avx512bw"), "this CPU has no AVX-512");
    assertNotEquals("Haswell", out.get("core"), "OpenBLAS picks AVX-512 kernels on an AVX-512 CPU");
  }

  @Test
  void aCoreTypeNameForcesThoseKernels() throws Exception {
    assumeTrue(FLAGS != null && FLAGS.contains("avx"), "this CPU has no AVX");
    Map<String, String> out = probe(HASWELL, "Sandybridge");
    assertEquals("Sandybridge", out.get("core"));
    assertEquals("OpenBLAS 0.3.31, Sandybridge kernels (blas-kernels: sandybridge; inherited "
        + "OPENBLAS_CORETYPE=Haswell overridden, OPENBLAS_L2_SIZE=512 in force)", out.get("describe"));
    assertEquals("Haswell,512", out.get("after"));
  }

  /**
   * Runs {@link OpenBlasProbe} with {@code choices} in a new JVM whose environment has no OPENBLAS_ variable but
   * {@code environment}'s, and returns what it printed ("again" lines numbered from 1), checking that the core
   * type nn reads back is the one OpenBLAS announced.
   */
  private static Map<String, String> probe(Map<String, String> environment, String... choices)
      throws IOException, InterruptedException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath, OpenBlasProbe.class.getName()));
    command.addAll(List.of(choices));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("OPENBLAS_") || name.startsWith("GOTO"));
    builder.environment().putAll(environment);
    builder.environment().put("OPENBLAS_VERBOSE", "2");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not end");
    assertEquals(0, process.exitValue(), "the probe JVM failed: " + output);
    Map<String, String> out = new LinkedHashMap<>();
    int again = 0;
    for (String line : output.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        String key = line.substring(0, equals);
        out.put(key.equals("again") ? "again." + ++again : key, line.substring(equals + 1));
      }
    }
    assertTrue(output.contains("Core: " + out.get("core") + "\n"), "OpenBLAS announced another core type: " + output);
    return out;
  }

  /**
   * On the platform the library is bundled for, a load that fails is a cache folder nn cannot unpack it into (a
   * read-only home, /tmp mounted noexec): the message says so and names the option that moves it, instead of
   * blaming the platform.
   */
  @Test
  void aLoadThatFailsOnTheBundledPlatformNamesTheCacheFolder() {
    String message = OpenBlas.unavailable(new UnsatisfiedLinkError("no jniopenblas_nolapack")).getMessage();
    boolean bundled = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("linux")
        && System.getProperty("os.arch").equals("amd64");
    assertTrue(OpenBlas.isUnavailable(OpenBlas.unavailable(new Error())));
    assertEquals(bundled, message.contains("-Dorg.bytedeco.javacpp.cachedir=DIR"),
        message);
    assertEquals(!bundled, message.contains("covers linux-x86_64 only"), message);
  }
}
