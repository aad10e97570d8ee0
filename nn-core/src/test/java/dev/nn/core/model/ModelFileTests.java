package dev.nn.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void aFileThatIsNotAModelSaysSo() throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "hello");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
    assertEquals(file + ": not an nn model file (expected model.yaml and weights.bin inside; it may be truncated)",
        e.getMessage());
    ModelFormatException missing = assertThrows(ModelFormatException.class, () -> ModelFile.read(dir.resolve("x.nnm")));
    assertEquals(dir.resolve("x.nnm") + ": no such file", missing.getMessage());
  }
}
