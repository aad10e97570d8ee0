package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV as people write it: quotes, chosen and ignored columns, text labels, missing values, index columns, gzip. */
class CsvFormatTests {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static String failure(CsvReader reader, Path file) {
    return assertThrows(DataException.class, () -> reader.read(file)).getMessage();
  }

  private static CsvOptions features(String... names) {
    return new CsvOptions(List.of(names), List.of(), CsvOptions.Missing.ERROR, CsvOptions.IndexColumn.AUTO);
  }

  private static CsvOptions missing(CsvOptions.Missing policy) {
    return new CsvOptions(List.of(), List.of(), policy, CsvOptions.IndexColumn.AUTO);
  }

  // --- quoting (RFC 4180)

  @Test
  void quotedNamesAndValuesMayHoldCommasAndDoubledQuotes() throws IOException {
    Path p = write("q.csv", "\"width, cm\",\"the \"\"y\"\"\",y2\r\n\"1.5\",2,3\n4,\" 5 \",6\n");
    Dataset d = CsvReader.regression("y2").read(p);
    assertEquals(List.of("width, cm", "the \"y\""), d.featureNames());
    assertArrayEquals(new double[] {1.5, 2, 4, 5}, d.copyX());
    assertArrayEquals(new double[] {3, 6}, d.copyY());
  }

  /**
   * A field in quotes after a separator and spaces ({@code 1, "2"}), as people and some programs write CSV, is the
   * text in its quotes, as without the spaces: the quotes were kept as characters, so numbers were refused and class
   * labels trained as {@code "setosa"} with their quotes.
   */
  @Test
  void aQuotedFieldAfterSpacesIsReadAsWithoutThem() throws IOException {
    Path spaced = write("spaced.csv", "\"a\", \"b; c\" , \"species\"\n\"1.5\",  \"2\", \"setosa\" \n3,\t\"4\",  \"say"
        + " \"\"hi\"\"\"\n5, 6, virginica\n");
    Dataset d = CsvReader.classification("species").read(spaced);
    assertEquals(List.of("a", "b; c"), d.featureNames());
    assertArrayEquals(new double[] {1.5, 2, 3, 4, 5, 6}, d.copyX());
    assertEquals(List.of("say \"hi\"", "setosa", "virginica"), d.classLabels());
    // a lone quote inside is not a quoted field's: the text stays as written
    // as without the space: text after the closing quote is refused
    Path lone = write("lone.csv", "a,name\n1, \"x\"y\"\n2, z\n");
    assertEquals(lone + ":2: a quoted field has text after its closing quote; write a quote inside quotes as \"\"",
        failure(CsvReader.classification("name"), lone));
    // one holding the separator is one field, as without the space (the parser split it at the separator)
    Path split = write("split.csv", "a,name\n1,north\n2, \"south, east\"\n3,\t\"west\"\n");
    assertEquals(List.of("north", "south, east", "west"), CsvReader.classification("name").read(split).classLabels());
    // a value that starts with spaces but no quote keeps them, as before (they are stripped where values are read)
    Path plain = write("plain.csv", "a,name\n1,  north\n2,\tsouth\n");
    assertEquals(List.of("north", "south"), CsvReader.classification("name").read(plain).classLabels());
  }

  /**
   * Spaces after a closing quote, before the separator or the line's end, are ignored as spaces around a value are
   * ({@code "5.1" ,"3.5"}); text there is still refused, a quote doubled inside a field is still a quote, and a quote
   * inside an unquoted value is text.
   */
  @Test
  void spacesAfterAClosingQuoteAreIgnored() throws IOException {
    Path spaced = write("after.csv", "\"a\" ,\"b\"\t, \"name\"  \r\n\"1.5\" , \"2\"  ,\"say \"\"hi\"\"\"  \n3,4,5\" tall \n"
        + "5 , 6,\"x,y\" \n");
    Dataset d = CsvReader.classification("name").read(spaced);
    assertEquals(List.of("a", "b"), d.featureNames());
    assertArrayEquals(new double[] {1.5, 2, 3, 4, 5, 6}, d.copyX());
    assertEquals(List.of("5\" tall", "say \"hi\"", "x,y"), d.classLabels());
    Path text = write("text.csv", "a,b\n1,2\n\"3\" x,4\n");
    assertEquals(text + ":3: a quoted field has text after its closing quote; write a quote inside quotes as \"\"",
        failure(CsvReader.regression("b"), text));
    // a tab that separates is kept
    Path tabs = write("tabs.tsv", "\"a\"\t\"b\"\n\"1\"\t\"2\"\n\"3\"\t4\n");
    assertArrayEquals(new double[] {2, 4}, CsvReader.regression("b").read(tabs).copyY());
  }

  /** Excel's "sep=;" line above the header is named as such: it read as a header with a column of no name. */
  @Test
  void excelsSeparatorLineIsNamed() throws IOException {
    for (String line : List.of("sep=;", "sep=,", "SEP=\t", "sep=|")) {
      Path p = write("excel.csv", line + "\r\na;b;y\r\n1;2;3\r\n");
      assertEquals(p + ":1: the first line, sep=…, is Excel's note of the separator, not a header; delete that line:"
          + " nn finds the separator itself (or set separator: on the csv source)",
          failure(CsvReader.regression("y"), p), line);
    }
  }

  @Test
  void textAfterAClosingQuoteIsRefusedWithItsLine() throws IOException {
    Path p = write("bad.csv", "a,b\n1,2\n\"3\"x,4\n");
    assertEquals(p + ":3: a quoted field has text after its closing quote; write a quote inside quotes as \"\"",
        failure(CsvReader.regression("b"), p));
  }

  @Test
  void aQuoteLeftOpenToTheEndIsRefused() throws IOException {
    String message = ": a quoted field in the record that starts on this line is never closed; a field in quotes"
        + " ends with a closing \"";
    Path p = write("open.csv", "a,b\n1,2\n3,\"4\n5,6\n");
    assertEquals(p + ":3" + message, failure(CsvReader.regression("b"), p));
    Path end = write("end.csv", "a,b\n1,2\n3,\"4");
    assertEquals(end + ":3" + message, failure(CsvReader.regression("b"), end));
    Path closed = write("closed.csv", "a,\"b\nc\"\n1,2\n3,\"4\"\r\n\n");
    Dataset d = CsvReader.regression("b\nc").read(closed);
    assertArrayEquals(new double[] {2, 4}, d.copyY());
  }

  @Test
  void aLongLineInsideAQuotedFieldIsStillCapped() throws IOException {
    Path p = write("long.csv", "a,b\n1,\"" + "9".repeat(LineCappedReader.MAX_LINE + 1) + "\"\n");
    assertEquals(p + ":2: line is longer than 1048576 characters; lines of a CSV file are limited to 1 MiB",
        failure(CsvReader.regression("b"), p));
  }

  // --- features

  @Test
  void aFeatureListChoosesColumnsInItsOrder() throws IOException {
    Path p = write("f.csv", "a,b,c,y\n1,2,3,4\n5,6,7,8\n");
    Dataset d = CsvReader.regression("y").with(features("c", "a")).read(p);
    assertEquals(List.of("c", "a"), d.featureNames());
    assertArrayEquals(new double[] {3, 1, 7, 5}, d.copyX());
  }

  @Test
  void ignoredColumnsAreLeftOut() throws IOException {
    Path p = write("f.csv", "id,a,b,y\n10,1,2,3\n11,4,5,6\n");
    CsvOptions ignore = new CsvOptions(List.of(), List.of("id"), CsvOptions.Missing.ERROR, CsvOptions.IndexColumn.AUTO);
    Dataset d = CsvReader.regression("y").with(ignore).read(p);
    assertEquals(List.of("a", "b"), d.featureNames());
    assertArrayEquals(new double[] {1, 2, 4, 5}, d.copyX());
  }

  @Test
  void anUnknownFeatureIsNamedWithSuggestions() throws IOException {
    Path p = write("f.csv", "sepal_length,sepal_width,y\n1,2,0\n3,4,1\n");
    assertEquals(p + ": feature column \"sepal_lenght\" not found; did you mean \"sepal_length\"? Columns: sepal_length,"
        + " sepal_width, y", failure(CsvReader.classification("y").with(features("sepal_lenght")), p));
    assertEquals(p + ": feature column \"y\" is the target column; a column is either the target or a feature",
        failure(CsvReader.classification("y").with(features("y")), p));
  }

  // --- class labels

  @Test
  void textLabelsAreClassesInSortedOrder() throws IOException {
    Path p = write("t.csv", "a,species\n1,versicolor\n2,setosa\n3,virginica\n4,setosa\n");
    Dataset d = CsvReader.classification("species").read(p);
    assertEquals(List.of("setosa", "versicolor", "virginica"), d.classLabels());
    assertEquals(List.of(1, 0, 2, 0), List.of(d.classOf(0), d.classOf(1), d.classOf(2), d.classOf(3)));
  }

  @Test
  void withANumberOfClassesGivenLabelsMustBeIndices() throws IOException {
    Path p = write("t.csv", "a,y\n1,1\n2,cat\n");
    assertEquals(p + ":3: class label \"cat\" in column \"y\" is not an integer; classification targets must be class"
        + " indices 0..2 (3 classes)", failure(CsvReader.classification("y").withClasses(3), p));
    Path words = write("w.csv", "a,y\n1,dog\n2,cat\n");
    assertEquals(words + ":2: class label \"dog\" in column \"y\" is not an integer; classification targets must be"
        + " class indices 0..2 (3 classes)", failure(CsvReader.classification("y").withClasses(3), words));
  }

  @Test
  void aHeldOutFileTakesTheTrainingLabelsAndRefusesOthers() throws IOException {
    Path p = write("test.csv", "a,species\n1,virginica\n2,setosa\n3,daisy\n");
    List<String> training = List.of("setosa", "versicolor", "virginica");
    assertEquals(p + ":4: class label \"daisy\" in column \"species\" is not a class of the training data; classes:"
        + " setosa, versicolor, virginica", failure(CsvReader.classification("species").withClassLabels(training), p));
    Path ok = write("ok.csv", "a,species\n1,virginica\n2,setosa\n");
    Dataset d = CsvReader.classification("species").withClassLabels(training).read(ok);
    assertEquals(training, d.classLabels());
    assertEquals(2, d.classOf(0));
    assertEquals(0, d.classOf(1));
    Path indices = write("indices.csv", "a,species\n1,2\n2,0\n");
    Dataset byIndex = CsvReader.classification("species").withClassLabels(training).read(indices);
    assertEquals(List.of(2, 0), List.of(byIndex.classOf(0), byIndex.classOf(1)));
    Path outside = write("outside.csv", "a,species\n1,3\n");
    assertEquals(outside + ":2: class label \"3\" in column \"species\" is not a class of the training data; classes:"
        + " setosa, versicolor, virginica", failure(CsvReader.classification("species").withClassLabels(training), outside));
  }

  // --- missing values

  @Test
  void missingValuesAreRefusedByDefaultNamingRowAndColumn() throws IOException {
    Path p = write("m.csv", "a,b,y\n1,2,3\n4,NA,6\n");
    assertEquals(p + ":3: column \"b\": missing value (\"NA\"); set missing: drop or missing: mean on the csv source"
        + " to accept rows with missing values", failure(CsvReader.regression("y"), p));
  }

  @Test
  void dropLeavesOutRowsWithAMissingValueAndSaysHowMany() throws IOException {
    Path p = write("m.csv", "a,b,y\n1,2,3\n4,N/A,6\n7,8,9\n,NaN,1\n5,5,NA\n");
    List<String> notes = new ArrayList<>();
    Dataset d = CsvReader.regression("y").with(missing(CsvOptions.Missing.DROP)).withNotes(notes::add).read(p);
    assertArrayEquals(new double[] {1, 2, 7, 8}, d.copyX());
    assertArrayEquals(new double[] {3, 9}, d.copyY());
    assertEquals(List.of(p + ": 3 rows with a missing value left out (missing: drop); 2 of 5 kept"), notes);
  }

  @Test
  void meanFillsAFeatureWithItsColumnsMeanButNotATarget() throws IOException {
    Path p = write("m.csv", "a,b,y\n1,2,3\n,NaN,6\n5,10,9\n");
    Dataset d = CsvReader.regression("y").with(missing(CsvOptions.Missing.MEAN)).read(p);
    assertArrayEquals(new double[] {1, 2, 3, 6, 5, 10}, d.copyX());
    Path t = write("t.csv", "a,y\n1,3\n2,\n");
    assertEquals(t + ":3: column \"y\": the target is missing (\"\"); a row's target cannot be filled in;"
        + " missing: drop leaves such rows out", failure(CsvReader.regression("y").with(missing(CsvOptions.Missing.MEAN)), t));
  }

  @Test
  void nanIsNotFiniteUnderTheErrorPolicy() throws IOException {
    Path p = write("n.csv", "a,y\n1,2\nNaN,3\n");
    assertEquals(p + ":3: column \"a\": \"NaN\" is not a finite number; NaN and infinities are not allowed"
        + ", but a NaN that marks a missing value is read as one under missing: drop or missing: mean on the csv source",
        failure(CsvReader.regression("y"), p));
  }

  // --- index columns

  @Test
  void aPandasIndexColumnIsIgnored() throws IOException {
    Path p = write("pd.csv", ",a,b,y\n0,1,2,3\n1,4,5,6\n");
    Dataset d = CsvReader.regression("y").read(p);
    assertEquals(List.of("a", "b"), d.featureNames());
    assertArrayEquals(new double[] {1, 2, 4, 5}, d.copyX());
    assertEquals(List.of("a", "b", "y"), CsvReader.columnNames(p));
    CsvOptions asData = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.ERROR, CsvOptions.IndexColumn.FALSE);
    assertEquals(p + ":1: column 0 of the header (counting from 0, the first) has no name; every column needs one",
        failure(CsvReader.regression("y").with(asData), p));
    CsvOptions index = new CsvOptions(List.of(), List.of(), CsvOptions.Missing.ERROR, CsvOptions.IndexColumn.TRUE);
    Path named = write("named.csv", "row,a,y\nr1,1,2\nr2,3,4\n");
    assertArrayEquals(new double[] {1, 3}, CsvReader.regression("y").with(index).read(named).copyX());
  }

  // --- gzip

  @Test
  void aGzippedFileIsReadAndADamagedOneRefused() throws IOException {
    Path p = dir.resolve("d.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write("a,y\n1,0\n2,1\n3,0\n".getBytes(StandardCharsets.UTF_8));
    }
    Dataset d = CsvReader.classification("y").read(p);
    assertArrayEquals(new double[] {1, 2, 3}, d.copyX());
    byte[] whole = Files.readAllBytes(p);
    Path cut = dir.resolve("cut.csv.gz");
    Files.write(cut, Arrays.copyOf(whole, whole.length - 6));
    assertEquals(cut + ": not a readable gzip file: the gzip data end at byte " + (whole.length - 6) + ", inside the"
        + " 8-byte trailer (CRC-32 and size) that starts at byte " + (whole.length - 8),
        failure(CsvReader.classification("y"), cut));  }

  /**
   * A damaged byte inside the compressed data is a damaged gzip file, whatever the text it decompresses to: such
   * text often had a row of the wrong width, reported at its line in a file whose every line is right.
   */
  @Test
  void aByteDamagedInsideAGzippedCsvIsADamagedGzipFileNotABadRow() throws IOException {
    Path p = dir.resolve("iris.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(Files.readAllBytes(Path.of("../examples/data/iris.csv")));
    }
    byte[] whole = Files.readAllBytes(p);
    Path damaged = dir.resolve("damaged.csv.gz");
    // the compressed data lie between the 10-byte header and the 8-byte trailer
    for (int at = 12; at < whole.length - 10; at += 37) {
      byte[] copy = whole.clone();
      copy[at] ^= 4;
      Files.write(damaged, copy);
      String message = failure(CsvReader.classification("target"), damaged);
      assertTrue(message.startsWith(damaged + ": not a readable gzip file: "), "byte " + at + ": " + message);
    }
  }
}
