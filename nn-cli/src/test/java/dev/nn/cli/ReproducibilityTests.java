package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.core.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same experiment trained in two fresh JVMs leaves the same metrics and the same model file. */
class ReproducibilityTests {
  @TempDir
  Path tmp;

  @Test
  void twoJvmsTrainingTheSameExperimentWriteIdenticalMetricsAndModelBytes() throws Exception {
    Path first = train(tmp.resolve("first"));
    Path second = train(tmp.resolve("second"));
    List<String> a = ResumeTests.withoutSeconds(TrainCommandTests.metricsRows(first));
    assertEquals(8, a.size());
    assertEquals(a, ResumeTests.withoutSeconds(TrainCommandTests.metricsRows(second)));
    assertArrayEquals(Files.readAllBytes(first.resolve(RunDirectory.MODEL)),
        Files.readAllBytes(second.resolve(RunDirectory.MODEL)));
  }

  /** Runs {@code nn train} in a child JVM with this JVM's class path; returns the run directory. */
  private static Path train(Path output) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "train", Cli.DIABETES, "--set", "training.epochs=8", "--output", output.toString())
        .directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true);
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("nn train did not finish in 60 s:\n" + text);
    }
    assertEquals(0, p.exitValue(), text);
    return Cli.onlyRun(output);
  }
}
