package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class StrictGzipInputStreamTests {
  /** 100 KB that compress a little: a few member buffers' worth of input and output. */
  private static final byte[] DATA = data(100_000);

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    Random random = new Random(7);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (random.nextInt(16) + 'a');
    }
    return b;
  }

  private static byte[] readAll(byte[] gz) throws IOException {
    try (InputStream in = new StrictGzipInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static String failure(Class<? extends IOException> type, byte[] gz) {
    return assertThrows(type, () -> readAll(gz)).getMessage();
  }

  @Test
  void validDataDecompressAsTheJdkDecompressesThem() throws IOException {
    assertArrayEquals(DATA, readAll(Gzips.gzip(DATA)));
    assertArrayEquals(DATA, readAll(Gzips.gzip(DATA, 0)));
    assertArrayEquals(new byte[0], readAll(Gzips.gzip(new byte[0])));
  }

  @Test
  void concatenatedMembersAreOneStreamAndEachIsChecked() throws IOException {
    byte[] first = Gzips.gzip(new byte[] {1, 2, 3});
    byte[] second = Gzips.gzip(new byte[] {4, 5});
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, readAll(Gzips.concat(first, second)));
    assertTrue(failure(ZipException.class, Gzips.concat(first, Gzips.flip(second, -8, 1))).startsWith("CRC-32 mismatch"));
  }

  @Test
  void optionalHeaderFieldsAreSkippedAndTheHeaderChecksumChecked() throws IOException {
    byte[] member = Gzips.gzip(DATA);
    // FEXTRA, FNAME, FCOMMENT and FHCRC, as RFC 1952 lays them out, in front of the member's deflate data
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
    header.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'});
    header.writeBytes(new byte[] {'d', '.', 'i', 'd', 'x', 0});
    header.writeBytes(new byte[] {'h', 'i', 0});
    CRC32 crc = new CRC32();
    crc.update(header.toByteArray());
    ByteArrayOutputStream full = new ByteArrayOutputStream();
    full.writeBytes(header.toByteArray());
    full.write((int) crc.getValue() & 0xff);
    full.write((int) (crc.getValue() >>> 8) & 0xff);
    full.write(member, 10, member.length - 10);
    byte[] withFields = full.toByteArray();
    assertArrayEquals(DATA, readAll(withFields));
    try (InputStream jdk = new GZIPInputStream(new ByteArrayInputStream(withFields))) {
      assertArrayEquals(DATA, jdk.readAllBytes()); // the layout is the one the JDK reads too
    }
    assertEquals("the gzip header's checksum does not match the header at byte 0",
        failure(ZipException.class, Gzips.flip(withFields, 12, 1)));
    assertEquals("reserved flag bits set in the gzip header at byte 0",
        failure(ZipException.class, Gzips.flip(member, 3, 0x80)));
    assertEquals("unsupported compression method 7 in the gzip header at byte 0; gzip uses 8 (deflate)",
        failure(ZipException.class, Gzips.flip(member, 2, 0x0f)));
  }

  @Test
  void aChangedByteOfDataThatStillDecompressesFailsTheCrc() throws IOException {
    byte[] stored = Gzips.gzip(DATA, 0);
    byte[] changed = Gzips.flip(stored, stored.length / 2, 0x01);
    // the JDK's reader, stopped where the data end, returns the changed bytes without a word
    try (InputStream jdk = new GZIPInputStream(new ByteArrayInputStream(changed))) {
      assertEquals(DATA.length, jdk.readNBytes(DATA.length).length);
    }
    String message = failure(ZipException.class, changed);
    assertTrue(message.matches("CRC-32 mismatch: the gzip trailer at byte \\d+ says [0-9a-f]{8}, the decompressed data "
        + "give [0-9a-f]{8}; the data are corrupt"), message);
  }

  @Test
  void aWrongSizeInTheTrailerIsRefused() throws IOException {
    byte[] gz = Gzips.flip(Gzips.gzip(DATA), -1, 0x10);
    String message = failure(ZipException.class, gz);
    assertEquals("size mismatch: the gzip trailer at byte " + (gz.length - 8) + " says " + (DATA.length + (0x10 << 24))
        + " bytes (mod 2^32), the decompressed data are " + DATA.length, message);
  }

  @Test
  void dataThatEndEarlySayWhere() throws IOException {
    byte[] gz = Gzips.gzip(DATA);
    assertEquals("the gzip data end at byte " + (gz.length - 3) + ", inside the 8-byte trailer (CRC-32 and size) that "
        + "starts at byte " + (gz.length - 8), failure(EOFException.class, Gzips.cut(gz, 3)));
    assertEquals("the gzip data end at byte " + (gz.length - 100) + ", inside compressed data",
        failure(EOFException.class, Gzips.cut(gz, 100)));
    assertEquals("the gzip data end at byte 5, inside a gzip header",
        failure(EOFException.class, java.util.Arrays.copyOf(gz, 5)));
    assertEquals("the file is empty", failure(EOFException.class, new byte[0]));
  }

  @Test
  void invalidDeflateDataAreRefused() throws IOException {
    // a block type of 3 is reserved in deflate: the first block header after the 10-byte gzip header
    byte[] gz = Gzips.gzip(DATA);
    byte[] bad = gz.clone();
    bad[10] |= 0b110;
    assertTrue(failure(ZipException.class, bad).startsWith("invalid deflate data"));
  }

  @Test
  void bytesAfterTheLastMemberAreRefused() throws IOException {
    byte[] gz = Gzips.gzip(DATA);
    assertEquals("data that are not gzip follow the end of the gzip data at byte " + gz.length
        + "; nothing may follow a gzip file's last member",
        failure(ZipException.class, Gzips.concat(gz, new byte[] {0})));
    assertEquals("data that are not gzip follow the end of the gzip data at byte " + gz.length
        + "; nothing may follow a gzip file's last member",
        failure(ZipException.class, Gzips.concat(gz, "trailing text".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    // the JDK's reader ignores them
    try (InputStream jdk = new GZIPInputStream(new ByteArrayInputStream(Gzips.concat(gz, new byte[] {0, 0, 0})))) {
      assertArrayEquals(DATA, jdk.readAllBytes());
    }
  }

  @Test
  void nothingIsDecompressedBeyondWhatIsRead() throws IOException {
    byte[] bomb = Gzips.zeroBomb(3);
    try (InputStream jdk = new GZIPInputStream(new ByteArrayInputStream(bomb))) {
      assertEquals(3 << 20, jdk.readAllBytes().length); // a valid member, checked by the JDK's reader
    }
    try (InputStream in = new StrictGzipInputStream(new ByteArrayInputStream(Gzips.concat(Gzips.gzip(DATA), bomb)))) {
      assertEquals(DATA.length, in.readNBytes(DATA.length).length);
      byte[] next = new byte[10];
      assertEquals(10, in.readNBytes(next, 0, 10)); // the bomb's first bytes, decompressed on demand
      assertArrayEquals(new byte[10], next);
    }
  }
}
