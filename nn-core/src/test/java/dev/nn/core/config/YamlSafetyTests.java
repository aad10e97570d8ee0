package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile documents are refused quickly with one clear problem, and tags never create objects. */
class YamlSafetyTests {
  private static final Duration QUICKLY = Duration.ofSeconds(5);
  private static final String VALID_REST =
      "data: {train: {source: generator, name: xor, samples: 10}}\n"
          + "network: {layers: [{units: 2}, {units: 1, activation: identity}]}\n"
          + "loss: squared\n";

  private static List<ConfigProblem> problems(String yaml) {
    return assertTimeoutPreemptively(
        QUICKLY,
        () -> assertThrows(ConfigException.class, () -> Resources.reader().read(yaml, "hostile.yaml", Path.of("/"), List.of()))
            .problems());
  }

  /** Levels of {@code fanOut} aliases each, the last level expanding to fanOut^levels strings. */
  private static String laughs(int levels, int fanOut) {
    StringBuilder s = new StringBuilder("l0: &l0 [lol]\n");
    for (int k = 1; k <= levels; k++) {
      s.append('l').append(k).append(": &l").append(k).append(" [");
      for (int f = 0; f < fanOut; f++) {
        s.append(f == 0 ? "" : ", ").append("*l").append(k - 1);
      }
      s.append("]\n");
    }
    return s.toString();
  }

  @Test
  void aBillionLaughsDocumentIsRefusedForItsAliases() {
    List<ConfigProblem> p = problems(laughs(9, 9));

    assertEquals(1, p.size());
    assertEquals(ProblemId.TOO_LARGE, p.get(0).id());
    assertEquals("more than 50 aliases to lists or mappings; the document would expand too far", p.get(0).message());
    // the 51st alias: 45 on the lines of l1 … l5, the sixth of l6's line
    assertEquals(List.of(7, 35), List.of(p.get(0).line(), p.get(0).column()));
  }

  @Test
  void aliasesUnderTheLimitThatExpandFarAreNeverExpanded() {
    // 24 levels of 2 aliases and one more: 49 aliases, under the limit, naming 2^24 strings if expanded
    String yaml = laughs(24, 2) + VALID_REST.replace("}]}\n", "}], ties: *l24}\n");
    List<ConfigProblem> p = problems(yaml);

    assertEquals(25 + 2, p.size(), "the 25 unknown keys l0..l24 and the 2 entries of ties, not 2^24 problems");
    assertTrue(p.stream().anyMatch(q -> q.path().equals("network.ties[0]") && q.id().equals(ProblemId.WRONG_TYPE)));
  }

  @Test
  void deepNestingIsRefusedWithoutOverflowingTheStack() {
    List<ConfigProblem> p = problems("a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");

    assertEquals(1, p.size());
    assertEquals(ProblemId.TOO_LARGE, p.get(0).id());
    assertEquals("lists and mappings nested more than 50 deep", p.get(0).message());
    // the document's mapping, then the 50th "[" (after "a: ")
    assertEquals(List.of(1, 53), List.of(p.get(0).line(), p.get(0).column()));
  }

  @Test
  void anOversizedDocumentIsRefused() {
    List<ConfigProblem> p = problems("name: \"" + "x".repeat(2 << 20) + "\"\n");

    assertEquals(1, p.size());
    assertEquals(ProblemId.TOO_LARGE, p.get(0).id());
    assertEquals("the document is longer than 1048576 characters", p.get(0).message());
  }

  @Test
  void aHugeFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[5 << 20]);

    ConfigException e = assertThrows(ConfigException.class, () -> Resources.reader().read(big, List.of()));
    assertEquals(ProblemId.TOO_LARGE, e.problems().get(0).id());
  }

  @Test
  void aTagNamingAJavaClassIsReportedAndNeverInstantiated() {
    Canary.created = 0;
    List<ConfigProblem> p =
        problems(VALID_REST + "compute: !!dev.nn.core.config.Canary {}\nl2: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");

    assertEquals(0, Canary.created);
    assertEquals(2, p.size());
    assertEquals(ProblemId.FORBIDDEN_TAG, p.get(0).id());
    assertEquals("compute", p.get(0).path());
    assertEquals(4, p.get(0).line());
    assertTrue(p.get(0).message().startsWith("tag !!dev.nn.core.config.Canary is not allowed"));
    assertEquals("l2", p.get(1).path());
    assertTrue(p.get(1).message().startsWith("tag !!javax.script.ScriptEngineManager is not allowed"));
  }

  @Test
  void everyTagOutsideThePlainOnesIsRefusedTheTimestampToo() {
    List<ConfigProblem> p = problems(VALID_REST.replace("loss: squared", "loss: !!timestamp 2001-12-14")
        + "l2: !!binary AAAA\nname: !!set {a: null}\n");

    assertEquals(3, p.size(), p::toString);
    for (ConfigProblem q : p) {
      assertEquals(ProblemId.FORBIDDEN_TAG, q.id(), q::toString);
    }
    assertEquals("loss", p.get(0).path());
    assertTrue(p.get(0).message().startsWith("tag !!timestamp is not allowed"), p.get(0)::toString);
    assertTrue(p.get(1).message().startsWith("tag !!binary is not allowed"), p.get(1)::toString);
    assertTrue(p.get(2).message().startsWith("tag !!set is not allowed"), p.get(2)::toString);
  }

  /**
   * A file that is something else (a model, compressed or IDX data, a CSV file) is named for what it is, not read as
   * YAML that fails on its first byte that is not UTF-8 (with advice about Latin-1) or as "expected a mapping".
   */
  @Test
  void aFileThatIsNoExperimentIsNamedForWhatItIs(@TempDir Path dir) throws IOException {
    java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
      z.putNextEntry(new java.util.zip.ZipEntry("format.yaml"));
      z.write(new byte[] {(byte) 0x95, 1, 2});
    }
    files.put("model.nnm", zip.toByteArray());
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
      g.write("a: 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    files.put("data.gz", gz.toByteArray());
    files.put("train-labels-idx1-ubyte", new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 3, (byte) 0xf7});
    files.put("data.bz2", new byte[] {'B', 'Z', 'h', '9', 0x31, 0x41});
    files.put("iris.csv", "# measured\nsepal_length,sepal_width,species\n5.1,3.5,0\n".getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    files.put("rows.tsv", "a\tb\n1\t2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    files.put("model.onnx", new byte[] {0x08, 0x08, 0x12, 0x02, 'n', 'n', 0x3a, 0x00, (byte) 0x95, 0x0a});
    files.put("data.xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4});
    files.put("data.zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x24, 0x05});
    files.put("headerless.csv", "5.1,3.5,0\n4.9,3.0,0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.util.Map<String, String> starts = java.util.Map.of(
        "model.nnm", "the file is a zip archive (it starts with PK), not an experiment YAML: a model (model.nnm)",
        "data.gz", "the file is gzip-compressed data (it starts with the gzip magic bytes 1f 8b), not an experiment",
        "train-labels-idx1-ubyte", "the file is an IDX file of labels, not an experiment YAML;",
        "data.bz2", "the file is bzip2-compressed data (it starts with BZh), not an experiment YAML",
        "iris.csv", "the file looks like CSV data (its first line holds names separated by ','), not an experiment",
        "rows.tsv", "the file looks like CSV data (its first line holds names separated by tabs), not an experiment",
        "model.onnx", "the file is binary data (it holds NUL bytes), not an experiment YAML, which is text",
        "data.xz", "the file is xz-compressed data, not an experiment YAML",
        "data.zst", "the file is zstd-compressed data, not an experiment YAML",
        "headerless.csv", "the file looks like CSV data (its first line holds numbers separated by ',')");
    for (java.util.Map.Entry<String, byte[]> f : files.entrySet()) {
      Path file = Files.write(dir.resolve(f.getKey()), f.getValue());
      java.util.List<ConfigProblem> p = assertThrows(ConfigException.class,
          () -> Resources.reader().read(file, List.of())).problems();
      assertEquals(1, p.size(), p::toString);
      assertEquals(ProblemId.WRONG_TYPE, p.get(0).id(), f.getKey());
      assertTrue(p.get(0).message().startsWith(starts.get(f.getKey())), p.get(0).message());
      assertEquals(f.getKey().endsWith("csv") || f.getKey().endsWith("tsv") ? 1 : 0, p.get(0).line(), f.getKey());
    }
    // UTF-16 text is still named as such, not as binary: a NUL beside each character
    for (java.nio.charset.Charset utf16 : List.of(java.nio.charset.StandardCharsets.UTF_16LE,
        java.nio.charset.StandardCharsets.UTF_16BE)) {
      Path file = Files.write(dir.resolve("u16.yaml"), VALID_REST.getBytes(utf16));
      ConfigException e = assertThrows(ConfigException.class, () -> Resources.reader().read(file, List.of()));
      assertTrue(e.problems().get(0).message().contains("UTF-16"), e::toString);
    }
    // YAML whose first line is a flow mapping, a list item or a document marker is read as YAML
    Path marked = Files.writeString(dir.resolve("marked.yaml"), "# an experiment\n---\n" + VALID_REST);
    assertEquals("marked", Resources.reader().read(marked, List.of()).name());
    for (String text : List.of("{name: x}\n", "- a, b\n")) {
      Path file = Files.writeString(dir.resolve("y.yaml"), text);
      ConfigException e = assertThrows(ConfigException.class, () -> Resources.reader().read(file, List.of()),
          text);
      assertTrue(e.problems().stream().noneMatch(q -> q.message().contains("not an experiment YAML")), e::toString);
    }
  }

  @Test
  void aFileThatIsNotUtf8IsPlacedAtItsFirstBadByte(@TempDir Path dir) throws IOException {
    Path latin1 = dir.resolve("l.yaml");
    Files.write(latin1, (VALID_REST + "name: caf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    ConfigProblem p = assertThrows(ConfigException.class, () -> Resources.reader().read(latin1, List.of()))
        .problems().get(0);
    assertEquals(ProblemId.YAML_SYNTAX, p.id());
    assertEquals(4, p.line());
    assertEquals(10, p.column());
    assertTrue(p.message().startsWith("the file is not UTF-8 text: byte 0xE9 at line 4, column 10"), p.message());
    Path utf16 = dir.resolve("u.yaml");
    Files.write(utf16, ("\uFEFF" + VALID_REST).getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
    ConfigProblem q = assertThrows(ConfigException.class, () -> Resources.reader().read(utf16, List.of()))
        .problems().get(0);
    assertEquals("the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8", q.message());
  }

  @Test
  void aNulCharacterIsPlacedAndNamed() {
    ConfigProblem p = problems(VALID_REST + "name: a\u0000b\n").get(0);
    assertEquals(ProblemId.YAML_SYNTAX, p.id());
    assertEquals(4, p.line());
    assertEquals(8, p.column());
    assertTrue(p.message().startsWith("not valid YAML: the character U+0000 (NUL) is not allowed"), p.message());
    assertTrue(p.message().endsWith("; a NUL byte is binary data, not text"), p.message());
    // NULs to the end are a file padded after a crash, not UTF-16 text
    ConfigProblem padded = problems(VALID_REST + "\u0000\u0000\u0000").get(0);
    assertTrue(padded.message().endsWith("; the file ends in NUL bytes (as a file padded with zeros after a crash"
        + " does): remove them"), padded.message());
  }

  /** An empty file, or one of comments alone, is said to be so, not three keys missing at line 1. */
  @Test
  void anEmptyFileIsSaidToBeEmpty(@TempDir Path dir) throws IOException {
    java.util.Map<String, String> files = java.util.Map.of("empty.yaml", "", "comments.yaml", "# to do\n\n# later\n",
        "blank.yaml", "\n  \n");
    java.util.Map<String, String> said = java.util.Map.of("empty.yaml", "the file is empty (0 bytes)",
        "comments.yaml", "the file holds no YAML document (only comments and blank lines)",
        "blank.yaml", "the file holds no YAML document (only blank lines)");
    for (java.util.Map.Entry<String, String> f : files.entrySet()) {
      Path file = Files.writeString(dir.resolve(f.getKey()), f.getValue());
      List<ConfigProblem> p = assertThrows(ConfigException.class, () -> Resources.reader().read(file, List.of()))
          .problems();
      assertEquals(1, p.size(), p::toString);
      assertEquals(said.get(f.getKey()), p.get(0).message());
    }
  }

  /**
   * A key longer than YAML's 1,024 characters is said to be that, not a missing ':' that is there; a key of
   * 1,024 is read (and then an unknown key, as any other).
   */
  @Test
  void aKeyBeyondYamlsLimitIsNamedAsTooLongNotAsAMissingColon() {
    ConfigProblem p = problems(VALID_REST + "x" + "b".repeat(2000) + ": 1\n").get(0);
    assertEquals(ProblemId.YAML_SYNTAX, p.id());
    assertEquals("not valid YAML: the key that starts at line 4, col 1 (\"xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb…(2001"
        + " characters)\") is 2001 characters long; YAML reads a key of at most 1,024 characters", p.message());
    assertEquals("a key of at most 1,024 characters on its line (an experiment's keys are short words)", p.allowed());
    ConfigProblem q = problems(VALID_REST + "x" + "b".repeat(1000) + ": 1\n").get(0);
    assertEquals(ProblemId.UNKNOWN_KEY, q.id(), q::toString);
  }

  /**
   * A no-break space where an indentation's space was meant makes the key hold it: the message says which
   * character it holds, and the key suggested is the one the user sees.
   */
  @Test
  void anInvisibleCharacterInAKeyIsNamedAndTheVisibleKeySuggested() {
    // YAML indents with spaces only: the line is a key of the top level, "\u00a0 seed"
    ConfigProblem p = problems(VALID_REST + "\u00a0 seed: 3\n").get(0);
    assertEquals(ProblemId.UNKNOWN_KEY, p.id(), p::toString);
    assertEquals("unknown key \"\u00a0 seed\" (it holds U+00A0 NO-BREAK SPACE, which looks like a space or nothing"
        + " but is not one YAML indents or separates with: it is read as part of the key; write plain spaces)",
        p.message());
    assertEquals(List.of("seed"), p.suggestions());
    ConfigProblem q = problems(VALID_REST + "epo\u200bchs: 3\n").get(0);
    assertTrue(q.message().contains("U+200B ZERO WIDTH SPACE"), q.message());
  }

  @Test
  void anUnquotedDateIsAPlainString() {
    Experiment e = Resources.reader().read("name: 2001-12-14\n" + VALID_REST.replace("name: g", "name: xor")
        .replace("{units: 2}", "{units: auto}").replace("units: 1,", "units: auto,"), "d.yaml", Path.of("/"), List.of());
    assertEquals("2001-12-14", e.name());
  }

  @Test
  void aSelfReferencingListIsReportedRatherThanWalkedForever() {
    List<ConfigProblem> p = problems(VALID_REST.replace("}]}\n", "}], ties: &t [*t]}\n"));

    assertEquals(1, p.size());
    assertEquals("network.ties[0]", p.get(0).path());
    assertEquals("expected a mapping, found a list", p.get(0).message());
  }

  @Test
  void theCanaryCountsWhenConstructedSoItsZeroAboveMeansSomething() {
    Canary.created = 0;
    new Canary();
    assertEquals(1, Canary.created);
    Canary.created = 0;
  }
}
