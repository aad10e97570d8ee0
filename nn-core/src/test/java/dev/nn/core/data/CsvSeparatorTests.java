package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files separated by semicolons (spreadsheets in decimal-comma locales) or tabs are read as comma-separated
 * ones are, the separator taken from the header; a decimal comma is refused with what to write instead.
 */
class CsvSeparatorTests {
  @TempDir Path dir;

  @Test
  void theHeaderShowsTheSeparatorOutsideQuotes() {
    assertEquals(',', CsvSeparator.of("a,b,y"));
    assertEquals(';', CsvSeparator.of("a;b;y"));
    assertEquals('\t', CsvSeparator.of("a\tb\ty"));
    assertEquals(',', CsvSeparator.of("\"a;b\",y"), "a semicolon inside quotes is part of a name");
    assertEquals(';', CsvSeparator.of("\"a,b\";y"), "so is a comma");
    assertEquals(';', CsvSeparator.of("\"say \"\"hi, there\"\"\";y"));
    assertEquals(',', CsvSeparator.of("y"), "one column: the default");
    assertEquals('\t', CsvSeparator.of("a\tb; c\ty"), "a tab file with a semicolon in a name");
    assertEquals(';', CsvSeparator.of("a;b\tc;y"), "a semicolon file with a tab in a name");
  }

  @Test
  void semicolonAndTabFilesReadAsTheCommaFileDoes() throws Exception {
    Dataset comma = CsvReader.regression("y").read(write("c.csv", "a,b,y\n1,2,3\n4.5,-6,7e-1\n"));
    for (String text : List.of("a;b;y\n1;2;3\n4.5;-6;7e-1\n", "\n\na\tb\ty\r\n1\t2\t3\r\n4.5\t-6\t7e-1\r\n",
        "\"a\";\"b\";\"y\"\n1;2;3\n4.5;-6;7e-1\n")) {
      Dataset d = CsvReader.regression("y").read(write("s.csv", text));
      assertEquals(comma.featureNames(), d.featureNames());
      assertArrayEquals(comma.copyX(), d.copyX());
      assertArrayEquals(comma.copyY(), d.copyY());
    }
    CsvReader.Table t = CsvReader.readTable(write("t.tsv", "a\tb\n1\t2\n"));
    assertEquals(List.of("a", "b"), t.columns());
  }

  @Test
  void blankLinesBeforeTheHeaderAreSkipped() throws Exception {
    Path q = write("ok.csv", "\n".repeat(1000) + "a;y\n1;2\n");
    assertEquals(List.of("a"), CsvReader.regression("y").read(q).featureNames());
  }

  @Test
  void aDecimalCommaIsRefusedWithTheNumberToWrite() throws Exception {
    Path p = write("eu.csv", "a;b;y\n1,5;2;3\n");
    DataException e = assertThrows(DataException.class, () -> CsvReader.regression("y").read(p));
    assertEquals(p + ":2: column \"a\": \"1,5\" is not a number; values are decimal numbers such as 3, -0.5 or 1e-3;"
        + " a decimal comma is not read: write 1.5", e.getMessage());
  }

  @Test
  void theSeparatorThatSplitsTheHeaderAndTheFirstRowsAlikeWins() throws Exception {
    // a comma inside a name of a tab-separated file: the comma gives 2 header fields but 1 per row
    Dataset tsv = CsvReader.classification("species").read(write("w.tsv",
        "sepal width, cm\tpetal width\tspecies\n3.5\t0.2\tsetosa\n3.0\t1.3\tversicolor\n"));
    assertEquals(List.of("sepal width, cm", "petal width"), tsv.featureNames());
    Dataset pipe = CsvReader.regression("y").read(write("p.csv", "a|b|y\n1|2|3\n4|5|6\n"));
    assertEquals(List.of("a", "b"), pipe.featureNames());
    assertArrayEquals(new double[] {3, 6}, pipe.copyY());
    assertEquals('|', CsvSeparator.of(List.of("a|b, c|y", "1|2|3")));
    assertEquals(',', CsvSeparator.of(List.of("a,b;c,y", "1,2,3", "4,5,6")), "most fields, consistently");
    assertEquals(';', CsvSeparator.of(List.of("a;b;y", "1,5;2;3")), "a decimal comma does not make a comma file");
    assertEquals(',', CsvSeparator.of(List.of("a,b,y", "1,2")), "ragged: the header alone decides");
    assertEquals(',', CsvSeparator.of(List.of("\"a;b\",y", "1,2")));
  }

  /** An experiment file named as the data is told as YAML, not advised to be saved with commas. */
  @Test
  void aYamlFileGivenAsDataIsToldAsSuch() {
    assertEquals(" The header was read as one name, \"name: cat\", which reads as YAML (a key and its value), not as"
        + " CSV: is an experiment file named as the data? The data is a CSV file of a header line of column names and"
        + " a line per row.", CsvSeparator.hint(new String[] {"name: cat"}, ',', "target"));
    assertTrue(CsvSeparator.hint(new String[] {"sepal length cm"}, ',', "target").contains("if spaces separate"));
  }

  @Test
  void tabsBesideCommasAreTheBlanksAroundValues() throws Exception {
    // a tab before each quoted field, and at each line's start: one more field by tabs than by commas
    Dataset comma = CsvReader.classification("y").read(write("c.csv", "a,b,y\n5.1,3.5,setosa\n4.9,3,virginica\n"));
    Dataset padded = CsvReader.classification("y").read(write("t.csv",
        "\t\"a\",\t\"b\",\t\"y\"\n\t\"5.1\",\t\"3.5\",\t\"setosa\"\n\t\"4.9\",\t\"3\",\t\"virginica\"\n"));
    assertEquals(comma.featureNames(), padded.featureNames());
    assertArrayEquals(comma.copyX(), padded.copyX());
    assertArrayEquals(comma.copyY(), padded.copyY());
    assertEquals(',', CsvSeparator.of(List.of("a ,\tb", "1\t, 2")));
    assertEquals('\t', CsvSeparator.of(List.of("a\tb\tc", "1\t2\t3")), "tabs between values still separate");
  }

  @Test
  void aRecordWithAQuotedLineBreakCountsAsOne() throws Exception {
    Dataset d = CsvReader.regression("y").read(write("q.csv", "\"a\nb\";c;y\n1;2;3\n"));
    assertEquals(List.of("a\nb", "c"), d.featureNames());
  }

  @Test
  void theSourceCanNameItsSeparator() throws Exception {
    Path p = write("named.txt", "a,b;c;y\n1,5;2;3\n");
    CsvOptions semicolons = CsvOptions.DEFAULTS.withSeparator(';');
    DataException e = assertThrows(DataException.class, () -> CsvReader.regression("y").with(semicolons).read(p));
    assertEquals(p + ":2: column \"a,b\": \"1,5\" is not a number; values are decimal numbers such as 3, -0.5 or"
        + " 1e-3; a decimal comma is not read: write 1.5", e.getMessage());
    Path q = write("named2.txt", "a;b,y\n12,3\n");
    assertEquals(List.of("a;b"), CsvReader.regression("y").with(CsvOptions.DEFAULTS.withSeparator(',')).read(q)
        .featureNames());
    assertEquals(List.of("a;b", "y"), CsvReader.columnNames(q, CsvOptions.IndexColumn.AUTO, ','));
  }

  @Test
  void aColumnNotFoundInAHeaderThatHoldsAnotherSeparatorSaysSo() throws Exception {
    // the rows are ragged for tabs, so the comma in the header wins
    Path p = write("odd.tsv", "sepal width, cm\tpetal width\tspecies\n3.5, 1\n");
    DataException e = assertThrows(DataException.class, () -> CsvReader.classification("species").read(p));
    assertEquals(p + ": target column \"species\" not found. Columns: sepal width, cm\\tpetal width\\tspecies The"
        + " header was read as separated by commas, and its names hold tabs; if tabs separate the fields, set"
        + " separator: tab on the csv source.", e.getMessage());
    Path q = write("bars.csv", "a|b|y\n1|2\n");
    DataException f = assertThrows(DataException.class,
        () -> CsvReader.regression("y").with(CsvOptions.DEFAULTS.withSeparator(',')).read(q));
    assertEquals(q + ": target column \"y\" not found. Columns: a|b|y The header was read as separated by commas,"
        + " and its names hold vertical bars; if vertical bars separate the fields, set separator: \"|\" on the"
        + " csv source.", f.getMessage());
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedAtItsFirstBadByte() throws Exception {
    Path latin1 = dir.resolve("l.csv");
    Files.write(latin1, "a,y\n1,0\n2,caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    DataException e = assertThrows(DataException.class, () -> CsvReader.classification("y").read(latin1));
    assertEquals(latin1 + ":3: not UTF-8 text: byte 0xE9 at line 3, column 6 (byte offset 13) is not valid UTF-8;"
        + " save the file as UTF-8 (such bytes often come from Latin-1 or Windows-1252 text)", e.getMessage());
    Path utf16 = dir.resolve("u.csv");
    Files.write(utf16, "\uFEFFa,y\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    DataException f = assertThrows(DataException.class, () -> CsvReader.regression("y").read(utf16));
    assertEquals(utf16 + ": UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8", f.getMessage());
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
