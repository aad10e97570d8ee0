package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command stopped by Ctrl-C, SIGTERM or SIGHUP while it writes its output leaves the output folder as it was: the old
 * file whole and no temporary file beside it. The stop is {@code System.exit(143)} in a child JVM at the moment
 * the new content is in the temporary file ({@code -Dnn.crash-at=NAME:1:temp:exit}), which runs the shutdown hooks
 * as a signal does; {@code kill -9} (a halt) runs none, and leaves the temporary file.
 */
class InterruptedOutputTests {
  @TempDir
  static Path shared;

  @TempDir
  Path tmp;

  private static Path model;
  /** What the last {@link #run} printed, stdout and stderr together. */
  private String lastOutput;

  @BeforeAll
  static void trainXor() throws Exception {
    Path runs = Files.createDirectories(shared.resolve("runs"));
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--output", runs.toString(), "--plain");
    assertEquals(0, o.code(), o.describe());
    model = Cli.onlyRun(runs).resolve("model.nnm");
  }

  @Test
  void aPredictionStoppedMidWriteLeavesTheOldFileAndNoTemporaryOneAndSaysSo() throws Exception {
    Path input = Files.writeString(tmp.resolve("rows.csv"), "x1,x2\n0,0\n0,1\n1,0\n1,1\n");
    Path out = Files.writeString(tmp.resolve("p.csv"), "old\n");
    assertEquals(143, run("p.csv:1:temp:exit", "predict", model.toString(), "--input", input.toString(), "--output",
        out.toString()));
    assertEquals("old\n", Files.readString(out));
    assertEquals(List.of("p.csv", "rows.csv"), names(tmp));
    assertTrue(lastOutput.endsWith("nn: stopped; " + out + " was not written (the file there is as it was)\n"),
        lastOutput);
  }

  /** Stopped once the new file is in place, but before the command's own line: said to be written, whole. */
  @Test
  void aPredictionStoppedRightAfterItsFileWasPutInPlaceSaysItWasWritten() throws Exception {
    Path input = Files.writeString(tmp.resolve("rows.csv"), "x1,x2\n0,0\n0,1\n1,0\n1,1\n");
    Path out = Files.writeString(tmp.resolve("p.csv"), "old\n");
    assertEquals(143, run("p.csv:1:renamed:exit", "predict", model.toString(), "--input", input.toString(),
        "--output", out.toString()));
    assertTrue(Files.readString(out).startsWith("p_1"), Files.readString(out));
    assertTrue(lastOutput.endsWith("nn: stopped; " + out + " had been written, whole\n"), lastOutput);
  }

  @Test
  void anExportStoppedMidWriteLeavesNoTemporaryFileAndSaysSo() throws Exception {
    Path out = tmp.resolve("m.onnx");
    assertEquals(143, run("m.onnx:1:temp:exit", "export", model.toString(), "--format", "onnx", "--output",
        out.toString()));
    assertEquals(List.of(), names(tmp));
    assertTrue(lastOutput.endsWith("nn: stopped; " + out + " was not written (nothing was made)\n"), lastOutput);
  }

  @Test
  void killedOutrightItLeavesTheTemporaryFileNothingCanRemove() throws Exception {
    Path out = tmp.resolve("m.onnx");
    assertEquals(137, run("m.onnx:1:temp", "export", model.toString(), "--format", "onnx", "--output",
        out.toString()));
    List<String> left = names(tmp);
    assertEquals(1, left.size(), left.toString());
    assertTrue(left.get(0).startsWith(".m.onnx") && left.get(0).endsWith(".tmp"), left.toString());
  }

  /** Runs nn in a child JVM stopped at {@code point}; returns its exit status. */
  private int run(String point, String... args) throws Exception {
    Process p = ChildJvm.start(List.of("--add-modules", "jdk.incubator.vector", "-Dnn.crash-at=" + point),
        Main.class, args);
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("nn did not end in 60 s:\n" + text);
    }
    // a write the stop cut short is the stop's doing, not a failure to report
    assertTrue(p.exitValue() != 143 || !text.contains("cannot write"), text);
    lastOutput = text;
    return p.exitValue();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
