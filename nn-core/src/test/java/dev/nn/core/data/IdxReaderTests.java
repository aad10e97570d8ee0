package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.kernel.Precision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTests {
  private static final Path MNIST = Path.of("../examples/data/mnist");
  private static final Path TEST_IMAGES = MNIST.resolve("t10k-images-idx3-ubyte.gz");
  private static final Path TEST_LABELS = MNIST.resolve("t10k-labels-idx1-ubyte.gz");

  @TempDir Path dir;

  // --- the MNIST files

  @Test
  void theFirstHundredTestImagesHaveTheirPublishedLabelsAndPixels() {
    Dataset d = IdxReader.read(TEST_IMAGES, TEST_LABELS, 100);
    assertEquals(100, d.size());
    assertEquals(784, d.featureCount());
    assertEquals(10, d.targetCount());
    assertEquals(Task.CLASSIFICATION, d.task());
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classLabels());
    assertEquals(List.of("label"), d.targetNames());
    assertEquals("pixel_0_0", d.featureNames().get(0));
    assertEquals("pixel_0_27", d.featureNames().get(27));
    assertEquals("pixel_1_0", d.featureNames().get(28));
    assertEquals("pixel_27_27", d.featureNames().get(783));
    int[] first = {7, 2, 1, 0, 4, 1, 4, 9, 5, 9};
    for (int i = 0; i < first.length; i++) {
      assertEquals(first[i], d.classOf(i));
    }
    assertEquals(18454 / 255.0, pixelSum(d, 0), 1e-9);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double v : d.copyX()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertEquals(0.0, min);
    assertEquals(1.0, max);
  }

  @Test
  void theFullTestSetHasThePublishedClassCounts() {
    Dataset d = IdxReader.read(TEST_IMAGES, TEST_LABELS);
    assertEquals(10_000, d.size());
    assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, d.classCounts());
    assertEquals(41833 / 255.0, pixelSum(d, 9999), 1e-9);
  }

  @Test
  void trainingLabelsReadAloneMatchThePublishedCounts() {
    // the training set is kept as two shards of 30,000 (every file of the repository stays under 5 MiB)
    int[] first = IdxReader.readLabels(MNIST.resolve("train-labels-idx1-ubyte.part1.gz"));
    int[] second = IdxReader.readLabels(MNIST.resolve("train-labels-idx1-ubyte.part2.gz"));
    assertEquals(30_000, first.length);
    assertEquals(30_000, second.length);
    int[] labels = Arrays.copyOf(first, 60_000);
    System.arraycopy(second, 0, labels, 30_000, 30_000);
    assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(labels, 10));
    int[] counts = new int[10];
    for (int c : labels) {
      counts[c]++;
    }
    assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts);
  }

  @Test
  void theFirstTrainingImageHasItsPublishedPixelSum() {
    Dataset d = IdxReader.read(
        MNIST.resolve("train-images-idx3-ubyte.part1.gz"), MNIST.resolve("train-labels-idx1-ubyte.part1.gz"), 1);
    assertEquals(1, d.size());
    assertEquals(5, d.classOf(0));
    assertEquals(27525 / 255.0, pixelSum(d, 0), 1e-9);
  }

  @Test
  void shardsReadInOrderAsOneDataSetUpToTheLimit() {
    List<Path> images = List.of(MNIST.resolve("train-images-idx3-ubyte.part1.gz"),
        MNIST.resolve("train-images-idx3-ubyte.part2.gz"));
    List<Path> labels = List.of(MNIST.resolve("train-labels-idx1-ubyte.part1.gz"),
        MNIST.resolve("train-labels-idx1-ubyte.part2.gz"));
    // across the boundary: images 29,999 and 30,000 of the training set, the last of one shard, the first of the next
    Dataset d = IdxReader.read(images, labels, 30_001);
    assertEquals(30_001, d.size());
    Dataset second = IdxReader.read(images.get(1), labels.get(1), 1);
    assertEquals(second.classOf(0), d.classOf(30_000));
    assertEquals(pixelSum(second, 0), pixelSum(d, 30_000), 0.0);
    assertEquals(5, d.classOf(0));
    assertEquals(27525 / 255.0, pixelSum(d, 0), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> IdxReader.read(images, labels.subList(0, 1), 10));
  }

  private static double pixelSum(Dataset d, int row) {
    double s = 0;
    for (int j = 0; j < d.featureCount(); j++) {
      s += d.x(row, j);
    }
    return s;
  }

  // --- small files written here: 3 images of 2x3 pixels

  private static final byte[] PIXELS = {
    0, 51, (byte) 255, 102, 0, 0,
    (byte) 204, 0, 0, 0, 0, 1,
    0, 0, 0, 0, 0, 0
  };

  private static byte[] images(int magic, int n, int rows, int cols, byte[] pixels) {
    return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(n).putInt(rows).putInt(cols).put(pixels).array();
  }

  private static byte[] labels(int magic, byte... values) {
    return ByteBuffer.allocate(8 + values.length).putInt(magic).putInt(values.length).put(values).array();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private Path goodImages() throws IOException {
    return write("images", images(0x803, 3, 2, 3, PIXELS));
  }

  private Path goodLabels() throws IOException {
    return write("labels", labels(0x801, (byte) 3, (byte) 0, (byte) 9));
  }

  private static String failure(Path images, Path labels) {
    return assertThrows(DataException.class, () -> IdxReader.read(images, labels)).getMessage();
  }

  /** A header whose one image is larger than an array holds is a damaged file, not a count to lower. */
  @Test
  void imagesTooLargeForOneArrayAreADamagedHeader() throws IOException {
    Path images = write("huge", images(0x803, 3, 65535, 65535, PIXELS));
    assertEquals(images + ": its header gives images of 65535x65535 = 4294836225 pixels, more than one array"
        + " holds (2147483639); the file is damaged or not an IDX image file", failure(images, goodLabels()));
  }

  @Test
  void rawFilesAreReadAndPixelsDividedBy255() throws IOException {
    Dataset d = IdxReader.read(goodImages(), goodLabels());
    assertEquals(3, d.size());
    assertEquals(List.of("pixel_0_0", "pixel_0_1", "pixel_0_2", "pixel_1_0", "pixel_1_1", "pixel_1_2"), d.featureNames());
    assertArrayEquals(
        new double[] {0, 0.2, 1, 0.4, 0, 0, 0.8, 0, 0, 0, 0, 1 / 255.0, 0, 0, 0, 0, 0, 0}, d.copyX(), 1e-15);
    assertEquals(3, d.classOf(0));
    assertEquals(0, d.classOf(1));
    assertEquals(9, d.classOf(2));
  }

  @Test
  void gzipIsDetectedByItsMagicBytesNotTheFileName() throws IOException {
    Path img = write("images.idx", gzip(images(0x803, 3, 2, 3, PIXELS)));
    Path lab = write("labels.idx", gzip(labels(0x801, (byte) 3, (byte) 0, (byte) 9)));
    Dataset raw = IdxReader.read(goodImages(), goodLabels());
    Dataset zipped = IdxReader.read(img, lab);
    assertArrayEquals(raw.copyX(), zipped.copyX());
    assertArrayEquals(raw.copyY(), zipped.copyY());
  }

  @Test
  void aLimitReadsOnlyTheFirstImagesAndALargeLimitReadsAll() throws IOException {
    Dataset two = IdxReader.read(goodImages(), goodLabels(), 2);
    assertEquals(2, two.size());
    assertArrayEquals(Arrays.copyOf(IdxReader.read(goodImages(), goodLabels()).copyX(), 12), two.copyX());
    assertEquals(3, IdxReader.read(goodImages(), goodLabels(), 1000).size());
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    Path missing = dir.resolve("absent-images.gz");
    assertEquals(missing + ": no such file; expected an IDX file", failure(missing, goodLabels()));
  }

  @Test
  void aWrongMagicNumberShowsFoundAndExpected() throws IOException {
    Path labelsAsImages = goodLabels();
    assertEquals(
        labelsAsImages + ": wrong magic number 0x00000801, expected 0x00000803 (IDX images: unsigned bytes, 3 dimensions)"
            + "; it is an IDX label file, not an image file",
        failure(labelsAsImages, goodLabels()));
    // given the other way round: asked whether they are swapped
    assertEquals(
        labelsAsImages + ": wrong magic number 0x00000801, expected 0x00000803 (IDX images: unsigned bytes, 3 dimensions)"
            + "; it is an IDX label file, and the labels path names an image file: are the two paths swapped?",
        failure(labelsAsImages, goodImages()));
    Path imagesAsLabels = goodImages();
    assertEquals(
        imagesAsLabels + ": wrong magic number 0x00000803, expected 0x00000801 (IDX labels: unsigned bytes, 1 dimension)"
            + "; it is an IDX image file, not a label file",
        failure(goodImages(), imagesAsLabels));
    Path other = write("other", images(0x802, 3, 2, 3, PIXELS));
    assertEquals(
        other + ": wrong magic number 0x00000802, expected 0x00000803 (IDX images: unsigned bytes, 3 dimensions)",
        failure(other, goodLabels()));
  }

  @Test
  void aTruncatedFileNamesTheOffsetWhereDataRanOutAndTheExpectedLength() throws IOException {
    Path cut = write("cut", Arrays.copyOf(images(0x803, 3, 2, 3, PIXELS), 30));
    assertEquals(
        cut + ": truncated: data ends at byte 30, expected 34 bytes (16-byte header + 3 images of 2x3)",
        failure(cut, goodLabels()));
  }

  @Test
  void aTruncatedGzipFileCountsDecompressedBytes() throws IOException {
    Path shortContent = write("short.gz", gzip(Arrays.copyOf(images(0x803, 3, 2, 3, PIXELS), 30)));
    assertEquals(
        shortContent + ": truncated: data ends at byte 30 (after decompression), expected 34 bytes "
            + "(16-byte header + 3 images of 2x3)",
        failure(shortContent, goodLabels()));
    byte[] whole = gzip(images(0x803, 3, 2, 3, PIXELS));
    Path brokenStream = write("broken.gz", Arrays.copyOf(whole, whole.length - 12));
    String message = failure(brokenStream, goodLabels());
    assertTrue(
        message.matches(java.util.regex.Pattern.quote(brokenStream.toString())
            + ": truncated: data ends at byte \\d+ \\(after decompression\\), expected 34 bytes "
            + "\\(16-byte header \\+ 3 images of 2x3\\)"),
        message);
  }

  @Test
  void aTruncatedHeaderSaysHowLongAHeaderIs() throws IOException {
    Path stub = write("stub", new byte[] {0, 0, 8, 3, 0, 0});
    assertEquals(stub + ": truncated: data ends at byte 6, expected at least 16 bytes (the IDX header)",
        failure(stub, goodLabels()));
    Path empty = write("empty", new byte[0]);
    assertEquals(empty + ": truncated: data ends at byte 0, expected at least 8 bytes (the IDX header)",
        failure(goodImages(), empty));
  }

  @Test
  void imageAndLabelCountsMustAgree() throws IOException {
    Path twoLabels = write("two", labels(0x801, (byte) 1, (byte) 2));
    Path img = goodImages();
    assertEquals(
        "image count 3 in " + img + " differs from label count 2 in " + twoLabels, failure(img, twoLabels));
  }

  @Test
  void aLabelAboveNineNamesItsIndexAndOffset() throws IOException {
    Path bad = write("bad", labels(0x801, (byte) 1, (byte) 10, (byte) 2));
    assertEquals(bad + ": label 10 at index 1 (byte 9) is out of range; allowed 0..9 (10 classes); labels of more"
        + " classes, as EMNIST's, are read with the idx source's classes: K, here at least 11",
        failure(goodImages(), bad));
    Path unsigned = write("unsigned", labels(0x801, (byte) 1, (byte) 2, (byte) 200));
    assertEquals(
        unsigned + ": label 200 at index 2 (byte 10) is out of range; allowed 0..9 (10 classes); labels of more"
            + " classes, as EMNIST's, are read with the idx source's classes: K, here at least 201",
        assertThrows(DataException.class, () -> IdxReader.readLabels(unsigned)).getMessage());
  }

  /** EMNIST's balanced split labels 47 classes: told so, the reader takes labels up to 46, and every class is one. */
  @Test
  void labelsOfMoreThanTenClassesAreReadWhenTheReaderIsToldHowMany() throws IOException {
    Path lab = write("emnist", labels(0x801, (byte) 46, (byte) 0, (byte) 12));
    Dataset d = IdxReader.read(List.of(goodImages()), List.of(lab), Integer.MAX_VALUE, Precision.FLOAT64, 47);
    assertEquals(47, d.classLabels().size());
    assertEquals("46", d.classLabels().get(46));
    assertEquals(List.of(46, 0, 12), List.of(d.classOf(0), d.classOf(1), d.classOf(2)));
    assertEquals(47, d.targetCount(), "one-hot targets of 47 columns");
    Path twoShards = write("emnist2", labels(0x801, (byte) 46, (byte) 0, (byte) 47));
    assertEquals(twoShards + ": label 47 at index 2 (byte 10) is out of range; allowed 0..46 (47 classes); labels of"
        + " more classes, as EMNIST's, are read with the idx source's classes: K, here at least 48",
        assertThrows(DataException.class, () -> IdxReader.read(List.of(goodImages(), goodImages()),
            List.of(lab, twoShards), Integer.MAX_VALUE, Precision.FLOAT64, 47)).getMessage());
  }

  @Test
  void aFloat32RunReadsThePixelsStraightIntoFloats() throws IOException {
    Path img = goodImages();
    Path lab = goodLabels();
    Dataset doubles = IdxReader.read(img, lab);
    double[] expected = doubles.copyX();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (float) expected[i];
    }
    assertEquals(0.2, doubles.x(0, 1), "51 / 255");

    Dataset one = IdxReader.read(img, lab, 3, Precision.FLOAT32);
    Dataset shards = IdxReader.read(List.of(img, img), List.of(lab, lab), 5, Precision.FLOAT32);

    assertEquals(Precision.FLOAT32, one.inputPrecision());
    assertEquals(Precision.FLOAT32, shards.inputPrecision());
    assertArrayEquals(expected, one.copyX());
    assertEquals(0.2f, OwnedData.lend(one, (x, y, n, d, k) -> null, (x, y, n, d, k) -> x)[1], "51 / 255 as a float");
    assertArrayEquals(Arrays.copyOf(expected, 6), Arrays.copyOfRange(shards.copyX(), 18, 24), "row 3 is row 0 again");
    assertArrayEquals(doubles.copyY(), one.copyY());
    assertEquals(Precision.FLOAT64, IdxReader.read(List.of(img, img), List.of(lab, lab), 5).inputPrecision());
  }

  @Test
  void shardsAreReadIntoOneDataSetAndTheFirstFaultyShardInFileOrderIsNamed() throws IOException {
    Path img = goodImages();
    Path lab = goodLabels();
    Dataset one = IdxReader.read(img, lab);
    Dataset three = IdxReader.read(List.of(img, img, img), List.of(lab, lab, lab), 7);
    assertEquals(7, three.size());
    double[] x = one.copyX();
    double[] expected = new double[7 * 6];
    for (int r = 0; r < 7; r++) {
      System.arraycopy(x, r % 3 * 6, expected, r * 6, 6);
    }
    assertArrayEquals(expected, three.copyX());
    assertEquals(9, three.classOf(5));
    assertEquals(3, three.classOf(6));

    Path wrongMagic = write("wrong", images(0x801, 3, 2, 3, PIXELS));
    assertEquals(
        wrongMagic + ": wrong magic number 0x00000801, expected 0x00000803 (IDX images: unsigned bytes, 3 dimensions)"
            + "; it is an IDX label file, not an image file",
        assertThrows(DataException.class,
            () -> IdxReader.read(List.of(img, wrongMagic), List.of(lab, lab), 100)).getMessage());
    // a shard's data that ends early is found before a later shard's wrong header, as when read one by one
    Path cut = write("cut", Arrays.copyOf(images(0x803, 3, 2, 3, PIXELS), 30));
    assertEquals(
        cut + ": truncated: data ends at byte 30, expected 34 bytes (16-byte header + 3 images of 2x3)",
        assertThrows(DataException.class,
            () -> IdxReader.read(List.of(cut, wrongMagic), List.of(lab, lab), 100)).getMessage());
    Path wide = write("wide", images(0x803, 3, 1, 3, Arrays.copyOf(PIXELS, 9)));
    assertEquals(
        wide + ": images of 1x3 pixels, but " + img + " holds images of 2x3; the shards of one data set hold images"
            + " of one size",
        assertThrows(DataException.class,
            () -> IdxReader.read(List.of(img, wide), List.of(lab, lab), 100)).getMessage());
    // as many pixels in another shape: pixel_r_c would name another pixel
    Path turned = write("turned", images(0x803, 3, 3, 2, PIXELS));
    assertEquals(
        turned + ": images of 3x2 pixels, but " + img + " holds images of 2x3; the shards of one data set hold images"
            + " of one size",
        assertThrows(DataException.class,
            () -> IdxReader.read(List.of(img, turned), List.of(lab, lab), 100)).getMessage());
    // the limit is reached in the first shard: the second is not opened
    assertEquals(2, IdxReader.read(List.of(img, dir.resolve("absent")), List.of(lab, lab), 2).size());
  }
}
