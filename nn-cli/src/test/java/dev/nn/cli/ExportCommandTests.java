package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code nn export} does with bad input: one message on stderr that names what is wrong, exit 2, no stack
 * trace, and no file written — not even a temporary one, and an existing output file left as it was.
 */
class ExportCommandTests {
  @TempDir
  Path tmp;

  @Test
  void anUnknownFormatNamesTheFormatsThereAre() {
    Path out = tmp.resolve("model.tflite");
    Cli.Outcome o = Cli.run("export", ExportModels.xor().toString(), "--format", "tflite", "--output", out.toString());
    assertFailed(o, "nn: unknown export format \"tflite\"; the formats are onnx and npz\n");
    assertFalse(Files.exists(out));
  }

  @Test
  void theFormatIsRequired() {
    Cli.Outcome o = Cli.run("export", ExportModels.xor().toString(), "--output", tmp.resolve("x.onnx").toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: missing required option: '--format=FORMAT'; see nn export --help\n"), o.err());
    assertEmpty(tmp);
  }

  @Test
  void aMissingModelFileIsOneMessageNamingIt() throws Exception {
    Path missing = tmp.resolve("no-such-model.nnm");
    Path out = tmp.resolve("x.onnx");
    Cli.Outcome o = Cli.run("export", missing.toString(), "--format", "onnx", "--output", out.toString());
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().startsWith("nn: ") && o.err().contains(missing.toString()), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    assertEmpty(tmp);
  }

  /**
   * A checkpoint given where a model is read (export, predict, evaluate) is said to be a checkpoint, with where
   * the run's model is, not called a damaged file.
   */
  @Test
  void aCheckpointGivenForAModelIsSaidToBeOne() throws Exception {
    Path runDir = ExportModels.xor().getParent();
    Path checkpoint;
    try (Stream<Path> files = Files.list(runDir.resolve("checkpoints"))) {
      checkpoint = files.filter(f -> f.toString().endsWith(".ckpt")).sorted().findFirst().orElseThrow();
    }
    String expected = "nn: " + checkpoint + ": is an nn training checkpoint, not an nn model file: nn train --resume"
        + " RUN_DIR continues its run (the folder that holds checkpoints/); a run's model is model.nnm in its run"
        + " directory\n";
    Path out = tmp.resolve("x.onnx");
    Cli.Outcome export = Cli.run("export", checkpoint.toString(), "--format", "onnx", "--output", out.toString());
    assertEquals(2, export.code(), export.describe());
    assertEquals(expected, export.err());
    Path rows = tmp.resolve("rows.csv");
    Files.writeString(rows, "x1,x2,y\n0,1,1\n");
    Cli.Outcome predict = Cli.run("predict", checkpoint.toString(), "--input", rows.toString(), "--output",
        tmp.resolve("p.csv").toString());
    assertEquals(2, predict.code(), predict.describe());
    assertEquals(expected, predict.err());
    Cli.Outcome evaluate = Cli.run("evaluate", checkpoint.toString(), "--data", rows.toString());
    assertEquals(2, evaluate.code(), evaluate.describe());
    assertEquals(expected, evaluate.err());
  }

  @Test
  void anOutputFolderThatDoesNotExistIsNotCreated() {
    Path folder = tmp.resolve("exports");
    Path out = folder.resolve("xor.onnx");
    Cli.Outcome o = Cli.run("export", ExportModels.xor().toString(), "--format", "onnx", "--output", out.toString());
    assertFailed(o, "nn: --output " + out + ": the folder " + folder + " does not exist; create it first, or write to"
        + " an existing folder\n");
    assertFalse(Files.exists(folder));
  }

  /** "-" names standard output in many tools; nn writes files, and says so rather than write a file named "-". */
  @Test
  void aDashForTheOutputIsRefusedNotWrittenAsAFileOfThatName() {
    Cli.Outcome o = Cli.run("export", ExportModels.xor().toString(), "--format", "onnx", "--output", "-");
    assertFailed(o, "nn: --output -: nn writes files, not standard output; give a file name (./- for a file of that"
        + " name)\n");
    assertFalse(Files.exists(Path.of("-")), "no file named -");
    Cli.Outcome p = Cli.run("predict", ExportModels.xor().toString(), "--input", "../examples/data/iris.csv",
        "--output", "-");
    assertEquals(2, p.code(), p.describe());
    assertTrue(p.err().startsWith("nn: --output -: nn writes files, not standard output"), p.err());
  }

  /** A name that says the other format is written as asked, with a note: np.load would misread ONNX bytes. */
  @Test
  void aNameOfTheOtherFormatGetsANote() {
    Path npz = tmp.resolve("model.npz");
    Cli.Outcome o = Cli.run("export", ExportModels.xor().toString(), "--format", "onnx", "--output", npz.toString());
    assertEquals(0, o.code(), o.describe());
    assertEquals("nn: note: " + npz + " is named as npz (.npz), but holds onnx, as --format onnx asked; tools that go"
        + " by the name will misread it\n", o.err());
    Cli.Outcome same = Cli.run("export", ExportModels.xor().toString(), "--format", "onnx", "--output",
        tmp.resolve("model.onnx").toString());
    assertEquals("", same.err());
  }

  @Test
  void anOutputThatIsAFolderIsRefused() throws Exception {
    Path folder = Files.createDirectory(tmp.resolve("exports"));
    Cli.Outcome o = Cli.run("export", ExportModels.xor().toString(), "--format", "npz", "--output", folder.toString());
    assertFailed(o, "nn: --output " + folder + ": is a directory; expected a file name\n");
    assertEmpty(folder);
  }

  @Test
  void aPluginActivationCannotBeOnnxAndTheFileThereStaysAsItWas() throws Exception {
    Path out = tmp.resolve("xor.onnx");
    Files.writeString(out, "an older export");
    Cli.Outcome o = Cli.run("export", ExportModels.pluginActivation().toString(), "--format", "onnx", "--output",
        out.toString());
    assertFailed(o, "nn: the activation \"" + SlightlyWrongTanhProvider.NAME + "\" of layers[1] is a plugin's, which"
        + " ONNX cannot express; ONNX export supports nn's built-in activations (identity, relu, sigmoid, tanh,"
        + " softplus, softsign, leaky-relu, elu, hard-sigmoid, hard-tanh, silu, gelu); --format npz exports any"
        + " model\n");
    assertEquals("an older export", Files.readString(out));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(out), files.toList(), "no temporary file is left");
    }
  }

  @Test
  void aPluginLossWithALinkOfItsOwnCannotBeOnnx() {
    Path out = tmp.resolve("diabetes.onnx");
    Cli.Outcome o = Cli.run("export", ExportModels.pluginLoss("doubled").toString(), "--format", "onnx", "--output",
        out.toString());
    assertFailed(o, "nn: the loss \"" + TestSquaredProvider.NAME + "\" is a plugin's with a prediction link of its own,"
        + " which ONNX cannot express; ONNX export supports losses whose predictions are the output layer,"
        + " softmax-cross-entropy and binary-cross-entropy; --format npz exports any model\n");
    assertEmpty(tmp);
  }

  /** Every part ONNX cannot express is named at once: the model must be trained again without all of them. */
  @Test
  void aModelWithAPluginActivationAndAPluginLinkNamesBoth() {
    Path out = tmp.resolve("both.onnx");
    Cli.Outcome o = Cli.run("export", ExportModels.pluginActivationAndLoss().toString(), "--format", "onnx",
        "--output", out.toString());
    assertFailed(o, "nn: the activation \"" + SlightlyWrongTanhProvider.NAME + "\" of layers[1] is a plugin's, which"
        + " ONNX cannot express; ONNX export supports nn's built-in activations (identity, relu, sigmoid, tanh,"
        + " softplus, softsign, leaky-relu, elu, hard-sigmoid, hard-tanh, silu, gelu); and the loss \""
        + TestSquaredProvider.NAME + "\" is a plugin's with a prediction link of its own, which ONNX cannot express;"
        + " ONNX export supports losses whose predictions are the output layer, softmax-cross-entropy and"
        + " binary-cross-entropy; --format npz exports any model\n");
  }

  @Test
  void debugAddsTheStackTrace() {
    Cli.Outcome o = Cli.run("export", ExportModels.pluginActivation().toString(), "--format", "onnx", "--output",
        tmp.resolve("x.onnx").toString(), "--debug");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("dev.nn.core.export.ExportException"), o.err());
    assertTrue(o.err().contains("\tat "), o.err());
  }

  @Test
  void aSuccessfulExportReplacesAnExistingFileWhole() throws Exception {
    Path out = tmp.resolve("xor.onnx");
    Files.writeString(out, "an older export");
    Cli.Outcome o = Cli.run("export", ExportModels.xor().toString(), "--format", "ONNX", "--output", out.toString());
    assertEquals(0, o.code(), o.describe());
    byte[] bytes = Files.readAllBytes(out);
    // a ModelProto starts with field 1, ir_version 8: the bytes 0x08 0x08
    assertArrayEquals(new byte[] {0x08, 0x08}, java.util.Arrays.copyOf(bytes, 2));
    assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("an older export"));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(out), files.toList());
    }
  }

  private static void assertFailed(Cli.Outcome o, String expectedErr) {
    assertEquals(2, o.code(), o.describe());
    assertEquals(expectedErr, o.err());
    assertEquals("", o.out());
  }

  private static void assertEmpty(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(List.of(), files.toList());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
