package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute settings — precision and the OpenBLAS kernels — through `nn train` as a
 * user runs it: a float32 run records its precision, and a bad value is one message, exit 2, and no file.
 */
class ComputeSettingsCommandTests {
  @TempDir
  Path tmp;

  private void assertNothingWritten() throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(0, files.count(), "nothing may be left in " + tmp);
    }
  }

  @Test
  void aMistypedBlasKernelsSettingNamesTheValueSuggestsTheNameAndListsWhatIsAllowed() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "compute.blas-kernels=haswel", "--output", tmp.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("compute.blas-kernels: unknown blas-kernels \"haswel\" (from --set "
        + "compute.blas-kernels=haswel)"), o.describe());
    assertTrue(o.err().contains("Did you mean: haswell"), o.describe());
    assertTrue(o.err().contains("Allowed: auto, inherit, prescott, core2,"), o.describe());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.describe());
    assertNothingWritten();
  }

  @Test
  void anUnknownPrecisionListsTheTwoThatExist() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "compute.precision=float16", "--output", tmp.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("compute.precision: unknown precision \"float16\""), o.describe());
    assertTrue(o.err().contains("Allowed: float64, float32"), o.describe());
    assertNothingWritten();
  }

  @Test
  void aCoreTypeThisCpuCannotRunIsRefusedBeforeOpenBlasLoads() throws Exception {
    // bulldozer's kernels need FMA4 and XOP, which no current Intel or AMD CPU has
    String cpu = Files.readString(Path.of("/proc/cpuinfo"));
    assumeFalse(cpu.contains(" fma4"), "this CPU has FMA4");
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "compute.backend=blas", "--set",
        "compute.blas-kernels=bulldozer", "--output", tmp.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("compute.blas-kernels: blas-kernels: bulldozer needs CPU features this CPU lacks"),
        o.describe());
    assertTrue(o.err().contains("Allowed: auto, inherit"), o.describe());
    assertNothingWritten();
  }

  @Test
  void aFloat32RunRecordsItsPrecisionInProvenanceAndTheModelFile() throws Exception {
    Cli.Outcome o = Cli.run("train", Cli.XOR, "--set", "compute.precision=float32", "--set", "training.epochs=40",
        "--output", tmp.toString());
    assertEquals(0, o.code(), o.describe());
    Path run = Cli.onlyRun(tmp);
    String provenance = Files.readString(run.resolve("provenance.yaml"));
    assertTrue(provenance.contains("precision: float32"), provenance);
    assertTrue(provenance.contains("float32)"), "the kernels' description names the precision: " + provenance);
    assertTrue(Files.readString(run.resolve("experiment.yaml")).contains("precision: float32"));
    // and it learns: XOR's training loss falls by more than ten times over 40 epochs
    double first = trainLoss(o, 1);
    double last = trainLoss(o, 40);
    assertTrue(last < first / 10, "train-loss " + first + " → " + last);
  }

  private static double trainLoss(Cli.Outcome o, int epoch) {
    String line = o.outLines("epoch " + epoch + "/").get(0);
    return Double.parseDouble(line.split("train-loss ")[1].split(" ")[0]);
  }
}
