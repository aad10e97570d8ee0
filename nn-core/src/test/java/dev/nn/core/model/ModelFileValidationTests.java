package dev.nn.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.ArchiveWriter;
import dev.nn.core.io.LittleEndian;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.network.Network;
import dev.nn.core.testing.Plugins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Model files whose archive is sound (fresh CRCs and SHA-256s) but whose content says something impossible:
 * each is refused with one line naming the file and the field, never read into wrong predictions.
 */
class ModelFileValidationTests {
  @TempDir
  Path dir;

  /** A classifier 2-3-3 with a scaler: 21 weights and biases. */
  private static ModelSpec spec() {
    return new ModelSpec(List.of("a", "b"), new double[] {0.5, -1.0}, new double[] {2.0, 7.0},
        List.of("species"), List.of("setosa", "versicolor", "virginica"), new int[] {2, 3, 3},
        List.of(new PluginUse("tanh", "0.1.0", Map.of()), new PluginUse("identity", "0.1.0", Map.of())),
        new PluginUse("softmax-cross-entropy", "0.1.0", Map.of()));
  }

  private static double[] params() {
    double[] p = new double[21];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.sin(i + 1);
    }
    return p;
  }

  /** The sample model with its entries edited and then sealed again, as a careful editor would. */
  private Path edited(String name, UnaryOperator<String> yaml, UnaryOperator<byte[]> weights) throws Exception {
    Path original = dir.resolve("original.nnm");
    ModelFile.write(original, spec(), params(), "0.1.0");
    Map<String, byte[]> entries = entries(original);
    Path file = dir.resolve(name);
    try (ArchiveWriter out = new ArchiveWriter(Files.newOutputStream(file))) {
      out.put("model.yaml", yaml.apply(new String(entries.get("model.yaml"), StandardCharsets.UTF_8)));
      out.put("weights.bin", weights.apply(entries.get("weights.bin")));
    }
    return file;
  }

  private Path withYaml(UnaryOperator<String> yaml) throws Exception {
    return edited("edited.nnm", yaml, w -> w);
  }

  private static Map<String, byte[]> entries(Path file) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  private static String refusal(Path file) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    return e.getMessage().substring((file + ": ").length());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "NaN       | weights.bin holds NaN at parameter 4; a model's weights are finite numbers",
      "Infinity  | weights.bin holds Infinity at parameter 4; a model's weights are finite numbers",
      "-Infinity | weights.bin holds -Infinity at parameter 4; a model's weights are finite numbers"})
  void aWeightThatIsNotFiniteIsRefused(double value, String expected) throws Exception {
    Path file = edited("nan.nnm", y -> y, w -> {
      double[] p = LittleEndian.doubles(w);
      p[4] = value;
      return LittleEndian.encode(p);
    });
    assertTrue(refusal(file).startsWith(expected), refusal(file));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'- 7.0'   | '- 0.0'   | scaler.scales[1] (feature \"b\") must be a finite number above 0, found 0.0",
      "'- 7.0'   | '- -7.0'  | scaler.scales[1] (feature \"b\") must be a finite number above 0, found -7.0",
      "'- 7.0'   | '- .nan'  | scaler.scales[1] (feature \"b\") must be a finite number above 0, found NaN",
      "'- 7.0'   | '- .inf'  | scaler.scales[1] (feature \"b\") must be a finite number above 0, found Infinity",
      "'- -1.0'  | '- .nan'  | scaler.means[1] (feature \"b\") must be a finite number, found NaN"})
  void aScalerThatCannotStandardiseIsRefused(String from, String to, String expected) throws Exception {
    Path file = withYaml(y -> {
      assertTrue(y.contains("  " + from + "\n"), y);
      return y.replace("  " + from + "\n", "  " + to + "\n");
    });
    assertEquals("model.yaml is inconsistent: " + expected, refusal(file));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'- virginica\n'              | ''                   | a classifier with 3 outputs needs 3 classes, found 2 classes",
      "'- virginica\n'              | '- virginica\n- x\n' | a classifier with 3 outputs needs 3 classes, found 4 classes",
      "'- virginica\n'              | '- setosa\n'         | classes[2] \"setosa\" appears twice in classes; each must be named once",
      "'features:\n- a\n- b\n'      | 'features:\n- a\n- a\n' | features[1] \"a\" appears twice in features; each must be named once",
      "'targets:\n- species\n'      | 'targets:\n- species\n- genus\n' | a classifier names one target (its class column), found 2 targets"})
  void labelsThatDoNotFitTheOutputsAreRefused(String from, String to, String expected) throws Exception {
    Path file = withYaml(y -> {
      assertTrue(y.contains(from), y);
      return y.replace(from, to);
    });
    assertEquals("model.yaml is inconsistent: " + expected, refusal(file));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'- 3\n- 3\n' | '- 0\n- 3\n'          | model.yaml \"widths\" must hold numbers in [1, 2147483647], found 0",
      "'- 3\n- 3\n' | '- -4\n- 3\n'         | model.yaml \"widths\" must hold numbers in [1, 2147483647], found -4",
      "'- 3\n- 3\n' | '- 8589934592\n- 3\n' | model.yaml \"widths\" must hold numbers in [1, 2147483647], found 8589934592",
      "'- 3\n- 3\n' | '- three\n- 3\n'      | model.yaml \"widths\" must be a whole number, found three",
      "'- 3\n- 3\n' | '- 4\n- 3\n'          | model.yaml is inconsistent: weights.count is 21, but widths [2, 4, 3] need 27 weights and biases",
      "'- 3\n- 3\n' | '- 2147483647\n- 2147483647\n' | model.yaml is inconsistent: widths [2, 2147483647, 2147483647] need more than 268435454 weights and biases, more than a model file holds",
      "'count: 21'  | 'count: 20'           | model.yaml is inconsistent: weights.count is 20, but widths [2, 3, 3] need 21 weights and biases"})
  void widthsAndCountsThatDoNotAgreeAreRefusedBeforeTheWeightsAreRead(String from, String to, String expected)
      throws Exception {
    Path file = withYaml(y -> {
      assertTrue(y.contains(from), y);
      return y.replace(from, to);
    });
    assertTrue(refusal(file).startsWith(expected), refusal(file));
  }

  @Test
  void aModelTooLargeForTheHeapIsRefusedBeforeItIsRead() {
    Path file = dir.resolve("large.nnm");
    ModelFile.requireRoom(file, 1000, 1000, 46_000); // 46 000 bytes suffice
    assertThrows(ModelFormatException.class, () -> ModelFile.requireRoom(file, 1000, 1000, 45_999));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelFile.requireRoom(file, 40_000_000, 50_000_000, 1L << 30));
    assertEquals(file + ": needs about 1974 MiB to load its 40,000,000 parameters, more than the 1024 MiB this JVM "
        + "may use (raise -Xmx, e.g. NN_JAVA_OPTS=-Xmx2500m)", e.getMessage());
  }

  @Test
  void anUnknownPrecisionIsRefusedSayingWhichAreKnown() throws Exception {
    Path file = withYaml(y -> y.replace("features:", "precision: float16\nfeatures:"));
    assertEquals("model.yaml \"precision\" must be float64 or float32, found \"float16\"", refusal(file));
  }

  @Test
  void anEditedDescriptionWhoseDigestWasNotUpdatedIsCaught() throws Exception {
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec(), params(), "0.1.0");
    Map<String, byte[]> entries = entries(file);
    String yaml = new String(entries.get("model.yaml"), StandardCharsets.UTF_8);
    entries.put("model.yaml", yaml.replace("- tanh", "- relu").replace("name: tanh", "name: relu")
        .getBytes(StandardCharsets.UTF_8));
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey())); // fresh CRCs: only the SHA-256 can object
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    assertEquals("model.yaml does not match its SHA-256 (corrupted)", refusal(file));
  }

  @Test
  void aDescriptionLargerThanAnyModelNeedsIsRefusedAtItsLimit() throws Exception {
    // 8 MiB of one string deflate to a few kilobytes; the reader stops at 1 MiB instead of parsing it
    Path file = withYaml(y -> y.replace("nn-version: 0.1.0", "nn-version: " + "9".repeat(8 << 20)));
    assertEquals("model.yaml inflates to more than 1048576 bytes, more than an nn model file allows there "
        + "(corrupted)", refusal(file));
  }

  @Test
  void aLineLongerThanAnyNnWritesIsRefusedBeforeParsing() throws Exception {
    // within the 1 MiB limit, but one plain scalar of a megabyte would take the parser seconds
    Path file = withYaml(y -> y.replace("- 3\n- 3\n", "- " + "7".repeat(1_000_000) + "\n- 3\n"));
    assertTrue(refusal(file).matches("model\\.yaml line \\d+ holds 1000002 characters, more than the 16384 a line may "
        + "hold \\(corrupted, or not written by nn\\)"), refusal(file));
  }

  @Test
  void aLongValueIsQuotedShortly() throws Exception {
    Path file = withYaml(y -> y.replace("- 3\n- 3\n", "- " + "7".repeat(16_000) + "\n- 3\n"));
    String message = refusal(file);
    assertTrue(message.startsWith("model.yaml \"widths\" must be a whole number, found 7777"), message);
    assertTrue(message.length() < 200 && message.contains("… (16000 characters)"), message);
  }

  @Test
  void weightsThatInflateBeyondTheirDeclaredCountAreRefusedThere() throws Exception {
    Path file = edited("bomb.nnm", y -> y, w -> new byte[8 << 20]);
    assertEquals("weights.bin inflates to more than 168 bytes, more than an nn model file allows there (corrupted)",
        refusal(file));
  }

  @Test
  void entriesOutOfPlaceOrNotOfTheFormatAreRefused() throws Exception {
    Path file = dir.resolve("m.nnm");
    ModelFile.write(file, spec(), params(), "0.1.0");
    Map<String, byte[]> entries = entries(file);
    Path swapped = dir.resolve("swapped.nnm");
    try (ArchiveWriter out = new ArchiveWriter(Files.newOutputStream(swapped))) {
      out.put("weights.bin", entries.get("weights.bin"));
      out.put("model.yaml", entries.get("model.yaml"));
    }
    assertEquals("weights.bin comes before model.yaml, which an nn model file starts with (corrupted, or not "
        + "written by nn)", refusal(swapped));
    Path extra = dir.resolve("extra.nnm");
    try (ArchiveWriter out = new ArchiveWriter(Files.newOutputStream(extra))) {
      out.put("model.yaml", entries.get("model.yaml"));
      out.put("weights.bin", entries.get("weights.bin"));
      out.put("notes.txt", "hello");
    }
    assertEquals("holds notes.txt, which is not part of an nn model file (corrupted, or not written by nn)",
        refusal(extra));
  }

  @Test
  void aSpecThatNamesOtherActivationsThanItsNetworkIsRefused() {
    Network tanh = new Network(new int[] {2, 3, 3}, List.of(Plugins.TANH, Plugins.IDENTITY),
        List.of("tanh", "identity"), new JavaKernels());
    ModelSpec s = spec();
    ModelSpec relu = new ModelSpec(s.features(), s.means(), s.scales(), s.targets(), s.classes(), s.widths(),
        List.of(new PluginUse("relu", "0.1.0", Map.of()), s.activations().get(1)), s.loss());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Model(relu, tanh, Plugins.SOFTMAX_CROSS_ENTROPY));
    assertEquals("the model spec gives layer 1 the activation \"relu\", but the network computes it with \"tanh\";"
        + " build the spec from the network (ModelSpec.of, Nn.model)", e.getMessage());
    new Model(s, tanh, Plugins.SOFTMAX_CROSS_ENTROPY); // the spec that describes it is taken
  }

  @Test
  void aSpecThatOmitsTheNetworksSharedEdgesIsRefused() {
    int[] slots = new int[21];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = i == 20 ? 0 : i;
    }
    Network tied = new Network(new int[] {2, 3, 3}, List.of(Plugins.TANH, Plugins.IDENTITY),
        List.of("tanh", "identity"), new JavaKernels(), dev.nn.core.network.Structure.of(new int[] {2, 3, 3}, slots));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Model(spec(), tied, Plugins.SOFTMAX_CROSS_ENTROPY));
    assertTrue(e.getMessage().startsWith("the model spec's shared and absent edges differ from the network's"),
        e.getMessage());
  }
}
