package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.Gzips;
import dev.nn.core.io.SpecialFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MNIST test labels, damaged the ways files get damaged, each read as the labels of the first 100 test
 * images: every damage is found, although only 100 of the 10,000 labels are kept.
 */
class IdxDamageTests {
  private static final Path MNIST = Path.of("../examples/data/mnist");
  private static final Path IMAGES = MNIST.resolve("t10k-images-idx3-ubyte.gz");
  private static final Path LABELS = MNIST.resolve("t10k-labels-idx1-ubyte.gz");
  /** The labels file's declared length: an 8-byte header and 10,000 labels. */
  private static final int LENGTH = 10_008;
  private static final String LAYOUT = "(8-byte header + 10000 labels)";

  @TempDir Path dir;
  private byte[] gz;
  private byte[] raw;

  @BeforeEach
  void readTheRealFile() throws IOException {
    gz = Files.readAllBytes(LABELS);
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      raw = in.readAllBytes();
    }
    assertEquals(LENGTH, raw.length);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static String failure(Path labels) {
    return assertThrows(DataException.class, () -> IdxReader.read(IMAGES, labels, 100)).getMessage();
  }

  /**
   * A header of a few bytes that declares gigabytes of images is found truncated from the file's size before any
   * array is sized from it (it once took seconds and gigabytes to say so, or advised a limit or more memory).
   */
  @Test
  void aTinyFileWhoseHeaderDeclaresHugeImagesIsTruncatedBeforeAnythingIsAllocated() throws IOException {
    java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + 20).putInt(0x00000801).putInt(20);
    Path twentyLabels = write("labels-20.idx", labels.array());
    for (int side : new int[] {3000, 30000}) {
      java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(116).putInt(0x00000803).putInt(20).putInt(side)
          .putInt(side);
      Path images = write("images-" + side + ".idx", header.array());
      long declared = 16 + 20L * side * side;
      String layout = "(16-byte header + 20 images of " + side + "x" + side + ")";
      assertEquals(images + ": truncated: data ends at byte 116, expected " + declared + " bytes " + layout,
          assertThrows(DataException.class, () -> IdxReader.read(images, twentyLabels, 2)).getMessage());
      Path gzipped = write("images-" + side + ".idx.gz", Gzips.gzip(header.array()));
      long size = Files.size(gzipped);
      assertEquals(gzipped + ": truncated: " + size + " bytes of gzip data decompress to at most " + size * 1032
          + " bytes, and the header declares " + declared + " " + layout,
          assertThrows(DataException.class, () -> IdxReader.read(gzipped, twentyLabels, 2)).getMessage());
    }
  }

  @Test
  void theUndamagedFileAndItsDataSplitIntoTwoMembersAreRead() throws IOException {
    int[] expected = Arrays.copyOf(IdxReader.readLabels(LABELS), 100);
    Dataset d = IdxReader.read(IMAGES, write("copy.gz", gz), 100);
    Path twoMembers = write("two-members.gz",
        Gzips.concat(Gzips.gzip(Arrays.copyOf(raw, 5000)), Gzips.gzip(Arrays.copyOfRange(raw, 5000, LENGTH))));
    Dataset fromMembers = IdxReader.read(IMAGES, twoMembers, 100);
    for (int i = 0; i < 100; i++) {
      assertEquals(expected[i], d.classOf(i));
      assertEquals(expected[i], fromMembers.classOf(i));
    }
    assertEquals(10_000, IdxReader.readLabels(write("raw", raw)).length);
  }

  @Test
  void aCutTrailerIsTruncation() throws IOException {
    Path cut = write("cut.gz", Gzips.cut(gz, 4));
    assertEquals(cut + ": truncated: the gzip data end at byte " + (gz.length - 4) + ", inside the 8-byte trailer "
        + "(CRC-32 and size) that starts at byte " + (gz.length - 8), failure(cut));
  }

  @Test
  void aWrongCrcOrSizeInTheTrailerIsCorruption() throws IOException {
    Path crc = write("crc.gz", Gzips.flip(gz, -8, 0x01));
    assertTrue(failure(crc).startsWith(crc + ": corrupt gzip data: CRC-32 mismatch: the gzip trailer at byte "
        + (gz.length - 8) + " says "), failure(crc));
    Path size = write("size.gz", Gzips.flip(gz, -4, 0x01));
    assertEquals(size + ": corrupt gzip data: size mismatch: the gzip trailer at byte " + (gz.length - 8) + " says "
        + (LENGTH ^ 1) + " bytes (mod 2^32), the decompressed data are " + LENGTH, failure(size));
  }

  @Test
  void dataChangedInsideTheDeflateStreamAreCaughtByTheCrc() throws IOException {
    // stored (level 0) blocks decompress whatever their bytes: label 0 (a 7) becomes a 6, which reads as a label
    byte[] stored = Gzips.gzip(raw, 0);
    int at = indexOf(stored, Arrays.copyOf(raw, 16)) + 8;
    assertEquals(7, stored[at]);
    Path changed = write("changed.gz", Gzips.flip(stored, at, 0x01));
    String message = failure(changed);
    assertTrue(message.startsWith(changed + ": corrupt gzip data: CRC-32 mismatch: "), message);
    // and in the real, compressed file, a changed byte in the middle of the deflate data is refused too
    Path flipped = write("flipped.gz", Gzips.flip(gz, gz.length / 2, 0x10));
    assertTrue(failure(flipped).startsWith(flipped + ": corrupt gzip data"), failure(flipped));
  }

  private static int indexOf(byte[] in, byte[] part) {
    for (int i = 0; i + part.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void bytesAfterTheGzipDataAreRefused() throws IOException {
    Path trailing = write("trailing.gz", Gzips.concat(gz, new byte[] {0, 0, 0, 0}));
    assertEquals(trailing + ": corrupt gzip data: data that are not gzip follow the end of the gzip data at byte "
        + gz.length + "; nothing may follow a gzip file's last member", failure(trailing));
  }

  @Test
  void bytesAfterTheDeclaredDataAreRefusedRawOrGzipped() throws IOException {
    byte[] longer = Gzips.concat(raw, new byte[] {1, 2, 3});
    Path gzipped = write("longer.gz", Gzips.gzip(longer));
    assertEquals(gzipped + ": more data follow the " + LENGTH + " bytes (after decompression) that the header declares "
        + LAYOUT, failure(gzipped));
    Path plain = write("longer", longer);
    assertEquals(plain + ": 3 bytes follow the " + LENGTH + " bytes that the header declares " + LAYOUT
        + "; the file is longer than an IDX file of that size", failure(plain));
    Path shorter = write("shorter", Arrays.copyOf(raw, LENGTH - 1));
    assertEquals(shorter + ": truncated: data ends at byte " + (LENGTH - 1) + ", expected " + LENGTH + " bytes "
        + LAYOUT, failure(shorter));
  }

  @Test
  void aGzipBombAfterTheDataIsRefusedWithoutInflatingIt() throws IOException {
    // a second member of 2 GiB of zeros, 2 MB on disk: inflated, it would take seconds and, kept, 2 GiB
    Path bomb = write("bomb.gz", Gzips.concat(gz, Gzips.zeroBomb(2048)));
    assertEquals(bomb + ": more data follow the " + LENGTH + " bytes (after decompression) that the header declares "
        + LAYOUT, failure(bomb));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aNamedPipeOrADeviceIsRefusedRatherThanOpened() throws Exception {
    Path fifo = SpecialFiles.fifo(dir, "labels.gz");
    assertEquals(fifo + ": is a named pipe (FIFO), not a regular file; expected an IDX file", failure(fifo));
    assertEquals(fifo + ": is a named pipe (FIFO), not a regular file; expected an IDX file",
        assertThrows(DataException.class, () -> IdxReader.read(fifo, LABELS)).getMessage());
    Path zero = SpecialFiles.device("/dev/zero");
    assertEquals("/dev/zero: is a character device, not a regular file; expected an IDX file", failure(zero));
  }
}
