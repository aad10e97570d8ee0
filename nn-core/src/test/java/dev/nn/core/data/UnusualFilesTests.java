package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as other programs write them, which a data set nn has never seen may be: class columns of numbers and words
 * read as names and matched again in a held-out file; missing-value markers that start as a number does ({@code -},
 * {@code .}, C's {@code -nan}); a byte-order mark before a quoted header; names outside the Basic Multilingual Plane,
 * ordered by code point as Python orders them.
 */
class UnusualFilesTests {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static final CsvOptions NAMES = CsvOptions.DEFAULTS.withLabels(CsvOptions.Labels.NAMES);

  /** Department codes 01, 02, 03 and A1: a held-out file's 01 is the class "1", never the class of index 1. */
  @Test
  void numbersAmongWordNamesAreMatchedByValueInAHeldOutFile() throws Exception {
    Path train = write("dept.csv", "a,dept\n1,01\n2,02\n3,03\n4,A1\n");
    Dataset d = CsvReader.classification("dept").with(NAMES).read(train);
    assertEquals(List.of("1", "2", "3", "A1"), d.classLabels());
    Dataset again = CsvReader.classification("dept").withClassesNamed(d.classLabels()).read(train);
    for (int r = 0; r < 4; r++) {
      assertEquals(d.classOf(r), again.classOf(r), "row " + r);
    }
    Path spelled = write("spelled.csv", "a,y\n1,cat\n2,1e3\n3,1000.0\n");
    Dataset s = CsvReader.classification("y").withClassesNamed(List.of("1000", "cat", "dog")).read(spelled);
    assertEquals(1, s.classOf(0));
    assertEquals(0, s.classOf(1), "1e3 is the class 1000");
    assertEquals(0, s.classOf(2));
    Path index = write("index.csv", "a,y\n1,1\n");
    assertEquals(index + ":2: class label \"1\" in column \"y\" is not a class of the training data; classes: 1000,"
        + " cat, dog", assertThrows(DataException.class, () -> CsvReader.classification("y")
            .withClassesNamed(List.of("1000", "cat", "dog")).read(index)).getMessage(),
        "among names with a number, a number is a name, never an index");
    // names that are all words still take class indices, as a model's classes may be evaluated on
    Path words = write("words.csv", "a,y\n1,1\n");
    assertEquals(1, CsvReader.classification("y").withClassesNamed(List.of("cat", "dog")).read(words).classOf(0));
  }

  @Test
  void aListedMarkerThatStartsAsANumberDoesIsMissing() throws Exception {
    Path f = write("dash.csv", "a,b,y\n1,2,0\n-,4,1\n.,5,0\n7,-3,1\n8,.5,0\n");
    CsvOptions mean = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.MEAN, CsvOptions.IndexColumn.AUTO)
        .withMissingValues(List.of("-", "."));
    Dataset d = CsvReader.classification("y").with(mean).read(f);
    assertEquals((1 + 7 + 8) / 3.0, d.x(1, 0), 1e-15, "- filled with the column's mean");
    assertEquals((1 + 7 + 8) / 3.0, d.x(2, 0), 1e-15, ". too");
    assertEquals(-3, d.x(3, 1), "-3 is still a number");
    assertEquals(0.5, d.x(4, 1), ".5 too");
    String refused = assertThrows(DataException.class, () -> CsvReader.classification("y").read(f)).getMessage();
    assertTrue(refused.startsWith(f + ":3: column \"a\": \"-\" is not a number"), refused);
  }

  @Test
  void signedNanIsMissingUnderMeanOrDrop() throws Exception {
    Path f = write("nan.csv", "a,y\n1,0\n-nan,1\n+NaN,0\n3,1\n");
    CsvOptions drop = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.DROP, CsvOptions.IndexColumn.AUTO);
    assertEquals(2, CsvReader.classification("y").with(drop).read(f).size());
    String refused = assertThrows(DataException.class, () -> CsvReader.classification("y").read(f)).getMessage();
    assertTrue(refused.contains("\"-nan\" is not a finite number"), refused);
  }

  /** R's write.csv(fileEncoding = "UTF-8-BOM") and Python's utf-8-sig with QUOTE_ALL write exactly this. */
  @Test
  void aByteOrderMarkBeforeAQuotedHeaderIsSkippedBeforeTheQuotesAreRead() throws Exception {
    Path quoted = write("bom.csv", "\uFEFF\"x, 1\",\"b\",\"y\"\n1,2,0\n3,4,1\n");
    Dataset d = CsvReader.classification("y").read(quoted);
    assertEquals(List.of("x, 1", "b"), d.featureNames());
    Path rIndex = write("r.csv", "\uFEFF\"\",\"a\",\"y\"\n\"1\",5,0\n\"2\",6,1\n");
    Dataset r = CsvReader.classification("y").read(rIndex);
    assertEquals(List.of("a"), r.featureNames(), "R's empty index name is the row index, BOM or not");
    assertEquals(List.of("x, 1", "b", "y"), CsvReader.columnNames(quoted));
  }

  /** Code points, not UTF-16 units: U+FB01 and U+FF71 before U+1F600, as Python's sorted() has them. */
  @Test
  void namesAreOrderedByCodePoint() throws Exception {
    Path f = write("u.csv", "a,y\n1,\uD83D\uDE00\n2,a\n3,\uFF71\n4,\uFB01\n");
    assertEquals(List.of("a", "\uFB01", "\uFF71", "\uD83D\uDE00"), CsvReader.classification("y").read(f)
        .classLabels());
    assertEquals(List.of("a", "\uFB01", "\uFF71", "\uD83D\uDE00"), CsvReader.classification("y").with(NAMES).read(f)
        .classLabels());
    assertEquals(3, CsvReader.classification("y").read(f).classOf(0));
    assertTrue(CodePointOrder.ORDER.compare("ab", "abc") < 0);
    assertEquals(0, CodePointOrder.ORDER.compare("\uD83D\uDE00", "\uD83D\uDE00"));
  }

  /** Two spellings another program writes that nn does not read are named with the fix. */
  @Test
  void spacesAsSeparatorsAndATypesetMinusAreToldWhatToWrite() throws Exception {
    Path spaced = write("spaced.csv", "a b c y\n1 2 3 0\n4 5 6 1\n");
    String s = assertThrows(DataException.class, () -> CsvReader.classification("y").read(spaced)).getMessage();
    assertTrue(s.contains("The header was read as one name, \"a b c y\"; if spaces separate the fields, save the"
        + " file with commas, semicolons, tabs or vertical bars"), s);
    Path minus = write("minus.csv", "a,y\n\u22121.5,0\n2,1\n");
    String m = assertThrows(DataException.class, () -> CsvReader.classification("y").read(minus)).getMessage();
    assertTrue(m.endsWith("; its minus sign is U+2212, not the ASCII hyphen-minus nn reads: write -1.5"), m);
  }
}
