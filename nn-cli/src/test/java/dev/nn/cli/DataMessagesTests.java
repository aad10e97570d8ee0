package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages about a training file that say what is wrong with it rather than what a first failing byte or value
 * suggests: gzip data or an IDX file given as CSV text, a missing-value marker nn does not read, a column of
 * text, and a quantity read as class labels.
 */
class DataMessagesTests {
  @TempDir
  Path tmp;

  /** {@code nn validate} of an iris experiment whose training file is {@code file}, read for {@code task}. */
  private Cli.Outcome validate(Path file, String task) throws Exception {
    Path yaml = Files.writeString(tmp.resolve("e.yaml"), "name: e\n"
        + "data:\n"
        + "  train: {source: csv, path: " + file.getFileName() + ", target: target, task: " + task + "}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 4, activation: relu}, {units: auto, activation: identity}]\n"
        + "loss: " + (task.equals("classification") ? "softmax-cross-entropy" : "squared") + "\n"
        + "optimizer: {name: adam, learning-rate: 0.01}\n"
        + "training: {epochs: 1, batch-size: 16}\n");
    return Cli.run("validate", yaml.toString());
  }

  private List<String> iris() throws Exception {
    return Files.readAllLines(Cli.EXAMPLES.resolve("data/iris.csv"));
  }

  /** Iris with {@code value} as the sepal width of its third data row. */
  private Path irisWith(String value) throws Exception {
    List<String> lines = iris();
    String[] third = lines.get(3).split(",");
    third[1] = value;
    lines.set(3, String.join(",", third));
    return Files.write(tmp.resolve("with.csv"), lines);
  }

  @Test
  void gzipDataNamedCsvIsSaidToBeGzipNotLatin1() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(String.join("\n", iris()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path file = Files.write(tmp.resolve("iris.csv"), bytes.toByteArray());
    Cli.Outcome o = validate(file, "classification");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains(file.getFileName() + ": is gzip-compressed data (it starts with the gzip magic bytes"
        + " 1f 8b), not CSV text; name it with .gz at the end"), o.err());
  }

  /** A spreadsheet, bzip2 data and UTF-16 text without a mark are each named, not blamed on Latin-1 text. */
  @Test
  void aZipABzip2FileAndUtf16WithoutAMarkAreEachSaidToBeWhatTheyAre() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(zipped)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
      zip.write("<worksheet/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path sheet = Files.write(tmp.resolve("sheet.csv"), zipped.toByteArray());
    Cli.Outcome o = validate(sheet, "classification");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("sheet.csv: is a zip archive (it starts with PK), not CSV text: a spreadsheet (.xlsx,"
        + " .ods) is one; save or export the sheet as CSV"), o.err());
    Path bz = Files.write(tmp.resolve("data.csv"), new byte[] {'B', 'Z', 'h', '9', '1', 'A', 'Y', '&'});
    o = validate(bz, "classification");
    assertTrue(o.err().contains("data.csv: is bzip2-compressed data (it starts with BZh), not CSV text"), o.err());
    Path xz = Files.write(tmp.resolve("xz.csv"), new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4, (byte) 0xe6});
    o = validate(xz, "classification");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("xz.csv: is xz-compressed data, not CSV text; decompress it"), o.err());
    Path utf16 = Files.write(tmp.resolve("utf16.csv"), String.join("\n", iris())
        .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    o = validate(utf16, "classification");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("utf16.csv: holds a NUL byte beside every character it starts with: it is UTF-16 text"
        + " without a byte-order mark, not UTF-8; save it as UTF-8"), o.err());
  }

  @Test
  void anIdxFileGivenAsCsvIsSaidToBeOne() throws Exception {
    byte[] idx = new byte[16 + 4 * 4];
    idx[2] = 0x08;
    idx[3] = 0x03;
    idx[7] = 4;
    idx[11] = 2;
    idx[15] = 2;
    for (int i = 16; i < idx.length; i++) {
      idx[i] = (byte) 0xC8;
    }
    Path file = Files.write(tmp.resolve("images-idx3-ubyte"), idx);
    Cli.Outcome o = validate(file, "classification");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains(file.getFileName() + ": is an IDX file of images (magic number 0x00000803), not CSV"
        + " text; IDX data are read by an idx source"), o.err());
  }

  @Test
  void aQuestionMarkGetsTheMissingMarkersNnReads() throws Exception {
    Cli.Outcome o = validate(irisWith("?"), "classification");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains(":4: column \"sepal_width_cm\": \"?\" is not a number; values are decimal numbers"
        + " such as 3, -0.5 or 1e-3; \"?\" is not read as a missing value: a missing value is an empty field, NA or"
        + " N/A"), o.err());
  }

  @Test
  void textWithSpacesAndCommasGetsTheIgnoreHint() throws Exception {
    Cli.Outcome o = validate(irisWith("\"Plant, no 1\""), "classification");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("; a column of text is not read: leave it out with features: {ignore:"
        + " [sepal_width_cm]} on the source, or, if it holds categories, list it in data.one-hot"), o.err());
  }

  @Test
  void aQuantityReadAsClassesSuggestsRegression() throws Exception {
    Path diabetes = Files.copy(Cli.EXAMPLES.resolve("data/diabetes.csv"), tmp.resolve("diabetes.csv"));
    Cli.Outcome o = validate(diabetes, "classification");
    assertEquals(2, o.code(), o.describe());
    assertTrue(o.err().contains("column \"target\" holds 214 distinct numbers from 25 to 346 with gaps (no row of"
        + " class 0), read as class labels because the source says task: classification; if the column holds a"
        + " quantity, set task: regression on the source"), o.err());
  }
}
