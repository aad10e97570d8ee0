package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.core.data.CsvReader;
import dev.nn.core.data.Dataset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV nn writes: a field is quoted when it holds a separator, a quote or a line break, its quotes doubled;
 * nn's reader reads such a file back as written. And the position {@link Utf8Errors} gives for text that is not
 * UTF-8 is where Java's strict decoder stops.
 */
class CsvTextTests {
  @TempDir Path dir;

  @Test
  void fieldsAreQuotedOnlyWhenTheyMustBe() {
    assertEquals("plain", CsvText.field("plain"));
    assertEquals("with space", CsvText.field("with space"));
    assertEquals("", CsvText.field(""));
    assertEquals("\"a,b\"", CsvText.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvText.field("say \"hi\""));
    assertEquals("\"two\nlines\"", CsvText.field("two\nlines"));
    assertEquals("\"cr\rhere\"", CsvText.field("cr\rhere"));
    assertEquals("\"a;b\"", CsvText.field("a;b"));
    assertEquals("\"a\tb\"", CsvText.field("a\tb"));
    assertEquals("x,\"sepal width, cm\",\"Iris, \"\"setosa\"\"\"\n",
        CsvText.line(List.of("x", "sepal width, cm", "Iris, \"setosa\"")));
  }

  @Test
  void whatIsWrittenReadsBackThroughNnsReader() throws Exception {
    List<String> names = List.of("sepal width, cm", "petal \"length\"", "two\nlines", "a;b", "class");
    List<String> labels = List.of("Iris, \"setosa\"", "x;y", "plain");
    StringBuilder csv = new StringBuilder(CsvText.line(names));
    for (int r = 0; r < 6; r++) {
      csv.append(CsvText.line(List.of(Integer.toString(r), "0.5", "-1e-3", "2", labels.get(r % 3))));
    }
    Path file = Files.writeString(dir.resolve("awkward.csv"), csv);
    Dataset back = CsvReader.classification("class").withClassLabels(labels).read(file);
    assertEquals(names.subList(0, 4), back.featureNames());
    assertEquals(6, back.size());
    for (int r = 0; r < 6; r++) {
      assertEquals(r, back.x(r, 0));
      assertEquals(r % 3, back.classOf(r));
    }
    // one column whose name holds a semicolon: still read as comma-separated
    Path one = Files.writeString(dir.resolve("one.csv"), CsvText.line(List.of("y;z")) + "1\n2\n");
    assertEquals(List.of("y;z"), CsvReader.columnNames(one));
  }

  @Test
  void theFirstMalformedByteIsWhereJavasDecoderStops() throws Exception {
    byte[][] cases = {
        "ok\nca\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),  // a Latin-1 byte: line 2
        {'a', '\n', '\n', (byte) 0xC0, (byte) 0x80},                  // an overlong NUL
        {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80},                // a surrogate
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},        // above U+10FFFF
        {'a', 'b', (byte) 0xE2, (byte) 0x82},                        // cut short by the end
        {0, 0, 8, 3, 0, 0, (byte) 0xEA, 0x60},                        // an IDX header
    };
    // offset, line, byte (-1: the text ends inside a character)
    long[][] expected = {{5, 2, 0xE9}, {3, 3, 0xC0}, {1, 1, 0xED}, {0, 1, 0xF4}, {2, 1, -1}, {6, 1, 0xEA}};
    for (int i = 0; i < cases.length; i++) {
      Utf8Errors.Location at = Utf8Errors.find(cases[i]).orElseThrow();
      assertEquals(List.of(expected[i][0], expected[i][1], expected[i][2]),
          List.of(at.offset(), at.line(), (long) at.value()), "case " + i);
      assertEquals(at.offset(), decoderStop(cases[i]), "case " + i);
    }
    byte[] good = "caf\u00e9 \u20ac \ud83d\ude00\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(java.util.Optional.empty(), Utf8Errors.find(good));
  }

  /** The offset of the first byte Java's strict UTF-8 decoder refuses. */
  private static long decoderStop(byte[] bytes) {
    for (int n = 0; n <= bytes.length; n++) {
      try {
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, n));
      } catch (CharacterCodingException e) {
        // the prefix of n bytes is refused: its malformed sequence starts at the last sequence's start
        int start = n - 1;
        while (start > 0 && (bytes[start] & 0xC0) == 0x80 && n - start < 4) {
          start--;
        }
        return start;
      }
    }
    return -1;
  }
}
