package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model too large for the JVM's heap is refused before it is read, by nn predict and nn export run as a user runs
 * them with a small -Xmx: exit 2, one line naming the model, the heap it needs (23 bytes a parameter and an edge, as
 * measured) and an -Xmx that holds it, and no output file.
 */
class ModelTooLargeCommandTests {
  @TempDir
  Path tmp;

  @Test
  void aModelTooLargeForTheHeapIsRefusedByPredictAndExport() throws Exception {
    Path runs = tmp.resolve("runs");
    // 2-200000-1: 800,001 parameters, about 35 MiB to load
    Cli.Outcome trained = Cli.run("train", Cli.XOR, "--set", "network.layers[1].units=200000", "--set",
        "training.epochs=1", "--output", runs.toString());
    assertEquals(0, trained.code(), trained.describe());
    Path model = Cli.onlyRun(runs).resolve("model.nnm");
    Path rows = Files.writeString(tmp.resolve("rows.csv"), "x1,x2\n0,1\n");

    for (List<String> command : List.of(
        List.of("predict", model.toString(), "--input", rows.toString(), "--output", tmp.resolve("p.csv").toString()),
        List.of("export", model.toString(), "--format", "onnx", "--output", tmp.resolve("m.onnx").toString()))) {
      Process p = ChildJvm.start(List.of("-Xmx24m"), Main.class, command.toArray(String[]::new));
      String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue(), printed);
      assertTrue(printed.startsWith("nn: " + model + ": needs about 35 MiB to load its 800,001 parameters, more than"
          + " the "), printed);
      assertTrue(printed.endsWith(" MiB this JVM may use (raise -Xmx, e.g. NN_JAVA_OPTS=-Xmx100m)\n"), printed);
      assertEquals(1, printed.lines().count(), printed);
    }
    assertFalse(Files.exists(tmp.resolve("p.csv")));
    assertFalse(Files.exists(tmp.resolve("m.onnx")));
    try (var left = Files.list(tmp)) {
      assertEquals(List.of("rows.csv", "runs"), left.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }
}
