package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once their warm-up has switched to them, the vector loops compute the shapes of real layers without
 * allocating from the first call on: the warm-up's rounds must have had C2 compile every loop for shapes
 * that both enter and skip it, or the first product of an unseen kind (k a whole number of vectors, with no
 * scalar tail) fails a profiled loop predicate and runs in the interpreter, where every vector is an object,
 * until C2 recompiles the loop. Each precision runs in a new JVM ({@link WarmedShapesProbe}), whose JIT has
 * seen only the warm-up: in this one, other tests' products would already have taught it those shapes.
 */
class WarmedShapesTests {
  /** Bytes allowed over a shape's first calls; an interpreted call allocates thousands. */
  private static final long BOUND = 256;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"float32", "float64"})
  void theFirstCallsAfterTheSwitchAllocateNothing(String precision) throws Exception {
    assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "no Vector API in this JVM");
    assumeTrue(precision.equals("float32") ? FloatRowLoops.vector().isPresent() : RowLoops.vector().isPresent(),
        "no vector loops on this CPU");
    List<String> names = new ArrayList<>();
    WarmedShapesProbe.SHAPES.forEach(shape -> names.add(shape.name()));
    WarmedShapesProbe.FUSED.forEach(fused -> names.add(fused.name()));
    Map<String, String> first = probe(precision);
    assumeTrue(first.get("warm").equals("true"), "the warm-up gave up (no optimising JIT)");
    if (allocated(first, names).isEmpty()) {
      return;
    }
    // The switch waits for the JIT to fall quiet, which a machine busy with other work can delay past it: a
    // second JVM must then show the same, or the first was the machine's doing, not the warm-up's.
    Map<String, String> second = probe(precision);
    assumeTrue(second.get("warm").equals("true"), "the warm-up gave up (no optimising JIT)");
    List<String> again = allocated(second, names);
    assertTrue(again.isEmpty(), String.join("; ", again) + " over their first " + WarmedShapesProbe.CALLS
        + " calls after the switch, in two JVMs: " + first + " then " + second);
  }

  /** The shapes that allocated more than {@link #BOUND} bytes, with the bytes. */
  private static List<String> allocated(Map<String, String> out, List<String> names) {
    List<String> over = new ArrayList<>();
    for (String name : names) {
      String bytes = out.get(name);
      assertTrue(bytes != null, "no line for " + name + ": " + out);
      if (Long.parseLong(bytes) > BOUND) {
        over.add(name + " allocated " + bytes + " bytes");
      }
    }
    return over;
  }

  private static Map<String, String> probe(String precision) throws IOException, InterruptedException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "-cp", classPath, WarmedShapesProbe.class.getName(), precision);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the probe JVM did not end");
    assertEquals(0, process.exitValue(), "the probe JVM failed: " + output);
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int equals = line.lastIndexOf('=');
      if (equals > 0) {
        out.put(line.substring(0, equals), line.substring(equals + 1).trim());
      }
    }
    return out;
  }
}
