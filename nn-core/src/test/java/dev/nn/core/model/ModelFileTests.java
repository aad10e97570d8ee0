package dev.nn.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.Sha256;
import dev.nn.core.testing.FormatFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTests {
  @TempDir
  Path dir;

  private static ModelSpec spec() {
    return new ModelSpec(List.of("a", "b"), new double[] {1e10, -3.25e-300}, new double[] {0.1, 7.0},
        List.of("species"), List.of("setosa", "versicolor", "virginica"), new int[] {2, 3, 3},
        List.of(new PluginUse("leaky-relu", "0.1.0", Map.of("slope", 0.2)), new PluginUse("identity", "0.1.0", Map.of())),
        new PluginUse("softmax-cross-entropy", "0.1.0", Map.of()));
  }

  private static double[] params() {
    double[] p = new double[2 * 3 + 3 + 3 * 3 + 3];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.scalb(Math.sin(i + 1), i - 10);
    }
    p[0] = Double.MIN_VALUE;
    p[1] = -0.0;
    return p;
  }

  @Test
  void aWrittenModelReadsBackBitForBit() {
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec(), params(), "0.1.0");
    ModelFile.Contents c = ModelFile.read(file);
    assertArrayEquals(params(), c.params(), 0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.params()[1]));
    assertArrayEquals(spec().means(), c.spec().means(), 0.0);
    assertArrayEquals(spec().scales(), c.spec().scales(), 0.0);
    assertEquals(spec().features(), c.spec().features());
    assertEquals(spec().classes(), c.spec().classes());
    assertEquals(spec().activations(), c.spec().activations());
    assertEquals(spec().loss(), c.spec().loss());
    assertEquals("0.1.0", c.nnVersion());
  }

  @Test
  void theSameModelAlwaysWritesTheSameBytes() throws Exception {
    ModelFile.write(dir.resolve("1.nnm"), spec(), params(), "0.1.0");
    ModelFile.write(dir.resolve("2.nnm"), spec(), params(), "0.1.0");
    assertArrayEquals(Files.readAllBytes(dir.resolve("1.nnm")), Files.readAllBytes(dir.resolve("2.nnm")));
  }

  @Test
  void aTruncatedFileIsReportedAsSuch() throws Exception {
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec(), params(), "0.1.0");
    byte[] all = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.nnm");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(cut));
    assertTrue(e.getMessage().startsWith(cut + ": ") && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aCorruptedByteIsCaught() throws Exception {
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec(), params(), "0.1.0");
    byte[] all = Files.readAllBytes(file);
    // flip a byte inside the compressed weights, just after the entry's local header and name
    int name = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("weights.bin");
    all[name + "weights.bin".length() + 20] ^= 0x5A;
    Files.write(file, all);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
    assertTrue(e.getMessage().contains("corrupted") || e.getMessage().contains("truncated"), e.getMessage());
  }

  /** Written by the version 1 code (resources/formats): {@link #spec()} with a structure, {@link #params()}. */
  @Test
  void aVersion1ModelStillReadsBackBitForBit() {
    ModelFile.Contents c = ModelFile.read(FormatFiles.path("model-v1.nnm"));
    assertArrayEquals(params(), c.params(), 0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.params()[1]));
    assertArrayEquals(spec().means(), c.spec().means(), 0.0);
    assertEquals(spec().features(), c.spec().features());
    assertEquals(spec().activations(), c.spec().activations());
    int[] slots = new int[21];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = i < 18 ? i : i - 18;
    }
    slots[5] = -1;
    assertArrayEquals(slots, c.spec().slotOf());
    assertEquals("0.1.0", c.nnVersion());
  }

  @Test
  void aModelWithAStructureReadsItBack() {
    Path file = dir.resolve("m.nnm");
    ModelSpec s = spec();
    int[] slots = new int[21]; // one per edge of widths 2-3-3: the last three tied to the first, edge 5 absent
    for (int i = 0; i < slots.length; i++) {
      slots[i] = i < 18 ? i : i - 18;
    }
    slots[5] = -1;
    ModelSpec tied = new ModelSpec(s.features(), s.means(), s.scales(), s.targets(), s.classes(), s.widths(),
        s.activations(), s.loss(), slots);
    ModelFile.write(file, tied, params(), "0.1.0");
    assertArrayEquals(slots, ModelFile.read(file).spec().slotOf());
  }

  @Test
  void everyEntryHasItsSha256InTheArchive() throws Exception {
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec(), params(), "0.1.0");
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      String sums = new String(zip.getInputStream(zip.getEntry("SHA256SUMS")).readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      String weights = Sha256.of(zip.getInputStream(zip.getEntry("weights.bin")).readAllBytes());
      assertTrue(sums.contains(weights + "  weights.bin\n"), sums);
      assertTrue(sums.contains("  model.yaml\n"), sums);
    }
  }

  @Test
  void aModelYamlWithARepeatedKeyIsRefused() throws Exception {
    Path twice = withModelYaml("twice.nnm", yaml -> yaml + "features:\n- c\n- d\n");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(twice));
    assertTrue(e.getMessage().startsWith(twice + ": model.yaml has the key \"features\" twice (line "),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void anotherFormatVersionIsRefusedSayingWhichAreRead() throws Exception {
    Path future = withModelYaml("future.nnm", yaml -> yaml.replace("format-version: 2", "format-version: 5"));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(future));
    assertEquals(future + ": model file format version 5 is not supported; this nn reads versions 1 to 4",
        e.getMessage());
  }

  /** A run directory given for its model, from Java as from the command line: the model file in it is named. */
  @Test
  void aRunDirectoryGivenForAModelNamesItsModelFile() throws Exception {
    Path run = Files.createDirectory(dir.resolve("run"));
    Files.writeString(run.resolve("model.nnm"), "");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(run));
    assertEquals(run + ": is a directory, expected an nn model file; did you mean " + run.resolve("model.nnm") + "?",
        e.getMessage());
  }

  @Test
  void aFileThatIsNotAModelSaysSo() throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "hello");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
    assertEquals(file + ": not an nn model file: an nn model file is a ZIP archive holding model.yaml and weights.bin,"
        + " and this file is none (it begins as text: \"hello\")", e.getMessage());
    ModelFormatException missing = assertThrows(ModelFormatException.class, () -> ModelFile.read(dir.resolve("x.nnm")));
    assertEquals(dir.resolve("x.nnm") + ": no such file; expected an nn model file (model.nnm in a run directory)",
        missing.getMessage());
  }

  /**
   * The sample model as another program might write it, a consistent archive with {@code edit} applied to
   * model.yaml, so that only the checks of model.yaml's content can object.
   */
  private Path withModelYaml(String name, java.util.function.UnaryOperator<String> edit) throws Exception {
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec(), params(), "0.1.0");
    Path edited = dir.resolve(name);
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile());
        dev.nn.core.io.ArchiveWriter out = new dev.nn.core.io.ArchiveWriter(Files.newOutputStream(edited))) {
      String yaml = new String(zip.getInputStream(zip.getEntry("model.yaml")).readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      out.put("model.yaml", edit.apply(yaml));
      out.put("weights.bin", zip.getInputStream(zip.getEntry("weights.bin")).readAllBytes());
    }
    return edited;
  }
}
