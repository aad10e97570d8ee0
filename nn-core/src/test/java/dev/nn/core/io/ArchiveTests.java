package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTests {
  /** Stands for a caller's exception type. */
  static final class Bad extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Bad(Path file, String problem, Throwable cause) {
      super(file + ": " + problem, cause);
    }
  }

  private static final List<String> REQUIRED = List.of("a.txt", "b.bin");

  @TempDir
  Path dir;

  private Path written() throws IOException {
    Path file = dir.resolve("x.arc");
    try (ArchiveWriter out = new ArchiveWriter(Files.newOutputStream(file))) {
      out.put("a.txt", "hello\n");
      out.put("b.bin", o -> LittleEndian.write(o, new double[] {1.5, -0.0}, new double[] {Double.MIN_VALUE}));
    }
    return file;
  }

  private ArchiveReader read(Path file) throws IOException {
    return ArchiveReader.read(file, "test archive", REQUIRED, Bad::new);
  }

  /**
   * One bit flipped at every byte of an archive in turn: the archive is refused, with a message in words (no "null",
   * no decoder's "malformed input off : 19"), or it reads back whole and the same; and within the central directory
   * and end record (the index other ZIP tools read, which was not checked) only a field no reader needs may change
   * unseen: the version that made it, the time and date, the attributes, the extra field's time stamp. Before, every
   * flip there was accepted.
   */
  @Test
  void everyFlippedBitIsRefusedInWordsOrChangesNothingTheIndexIncluded() throws Exception {
    byte[] original = Files.readAllBytes(written());
    java.nio.ByteBuffer end = java.nio.ByteBuffer.wrap(original, original.length - 22, 22)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int directory = end.getInt(original.length - 22 + 16);
    java.util.Set<Integer> unread = new java.util.HashSet<>();
    java.nio.ByteBuffer all = java.nio.ByteBuffer.wrap(original).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int at = directory; all.getInt(at) == 0x02014b50; ) {
      int name = Short.toUnsignedInt(all.getShort(at + 28));
      int extra = Short.toUnsignedInt(all.getShort(at + 30));
      // version made by, time and date, attributes, and the extra field's block id and data (a time stamp); not the
      // version needed to extract, nor any length
      for (int[] field : new int[][] {{4, 2}, {12, 4}, {36, 6}, {46 + name, 2}, {46 + name + 4, extra - 4}}) {
        for (int k = 0; k < field[1]; k++) {
          unread.add(at + field[0] + k);
        }
      }
      at += 46 + name + extra + Short.toUnsignedInt(all.getShort(at + 32));
    }
    int refused = 0;
    Path file = dir.resolve("flipped.arc");
    for (int i = 0; i < original.length; i++) {
      byte[] flipped = original.clone();
      flipped[i] ^= 1;
      Files.write(file, flipped);
      try {
        ArchiveReader in = read(file);
        assertEquals("hello\n", in.text("a.txt"), "offset " + i);
        assertArrayEquals(Arrays.copyOf(read(written()).bytes("b.bin"), 24), in.bytes("b.bin"), "offset " + i);
        assertTrue(i < directory || unread.contains(i), "offset " + i + " of the index was accepted");
      } catch (Bad e) {
        refused++;
        String m = e.getMessage();
        assertFalse(m.contains("null") || m.contains("malformed input") || m.contains("\n"), m);
        assertTrue(m.startsWith(file + ": "), m);
      }
    }
    assertTrue(refused > original.length / 2, refused + " of " + original.length + " refused");
  }

  @Test
  void whatIsWrittenReadsBackWithEveryEntryChecksummed() throws Exception {
    ArchiveReader in = read(written());
    assertTrue(in.isSealed());
    assertEquals("hello\n", in.text("a.txt"));
    assertArrayEquals(new double[][] {{1.5, -0.0}, {Double.MIN_VALUE}},
        LittleEndian.blocks(in.bytes("b.bin"), new int[] {2, 1}));
    assertFalse(in.has("SHA256SUMS"), "the checksums are the container's, not an entry for the format");
  }

  @Test
  void theChecksumsAreInTheLayoutOfSha256sum() throws Exception {
    String sums = Zips.entries(Files.readAllBytes(written())).get("SHA256SUMS");
    assertEquals(Sha256.of("hello\n".getBytes(StandardCharsets.UTF_8)) + "  a.txt\n"
        + Sha256.of(LittleEndian.encode(new double[] {1.5, -0.0, Double.MIN_VALUE})) + "  b.bin\n", sums);
  }

  @Test
  void theSameContentAlwaysWritesTheSameBytes() throws Exception {
    byte[] first = Files.readAllBytes(written());
    assertArrayEquals(first, Files.readAllBytes(written()));
  }

  @Test
  void anEntryWhoseChecksumDoesNotMatchIsNamed() throws Exception {
    Path file = written();
    Zips.rewrite(file, "a.txt", "hellO\n");
    Bad e = assertThrows(Bad.class, () -> read(file));
    assertEquals(file + ": a.txt does not match its SHA-256 (corrupted)", e.getMessage());
  }

  @Test
  void anEntryMissingFromTheChecksumsIsNamed() throws Exception {
    Path file = written();
    Zips.rewrite(file, "c.txt", "extra");
    Bad e = assertThrows(Bad.class, () -> read(file));
    assertEquals(file + ": c.txt has no SHA-256 in SHA256SUMS (corrupted)", e.getMessage());
  }

  @Test
  void anArchiveCutAfterAnyEntryIsCaughtByItsEndRecord() throws Exception {
    Path file = written();
    byte[] all = Files.readAllBytes(file);
    int directory = Zips.centralDirectoryOffset(all);
    Files.write(file, Arrays.copyOf(all, directory));
    Bad e = assertThrows(Bad.class, () -> read(file));
    assertEquals(file + ": not a readable test archive (truncated or corrupted: the archive's end record is missing "
        + "or does not match its size)", e.getMessage());
    Files.write(file, Arrays.copyOf(all, 10));
    e = assertThrows(Bad.class, () -> read(file));
    assertEquals(file + ": not a readable test archive (truncated: 10 bytes)", e.getMessage());
  }

  @Test
  void bytesAfterTheEndRecordAreCaught() throws Exception {
    Path file = written();
    byte[] all = Files.readAllBytes(file);
    byte[] longer = Arrays.copyOf(all, all.length + 100);
    Files.write(file, longer);
    Bad e = assertThrows(Bad.class, () -> read(file));
    assertTrue(e.getMessage().contains("end record is missing"), e.getMessage());
  }

  @Test
  void everyCutIsReportedAsTruncation() throws Exception {
    byte[] all = Files.readAllBytes(written());
    Path cut = dir.resolve("cut.arc");
    for (int n = 0; n < all.length; n++) {
      Files.write(cut, Arrays.copyOf(all, n));
      Bad e = assertThrows(Bad.class, () -> read(cut), "cut at " + n);
      assertTrue(e.getMessage().startsWith(cut + ": ") && e.getMessage().contains("truncated"),
          "cut at " + n + ": " + e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
  }

  @Test
  void anEntryHeldTwiceIsRefused() throws Exception {
    Path file = dir.resolve("twice.arc");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      // ZipOutputStream refuses a repeated name, so the third entry is renamed in the bytes below
      for (String name : List.of("a.txt", "b.bin", "a.tx2")) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(1);
        zip.closeEntry();
      }
    }
    String latin = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).replace("a.tx2", "a.txt");
    Files.write(file, latin.getBytes(StandardCharsets.ISO_8859_1));
    Bad e = assertThrows(Bad.class, () -> read(file));
    assertEquals(file + ": holds a.txt twice (corrupted)", e.getMessage());
  }

  @Test
  void aFileThatIsNotAnArchiveOrLacksTheRequiredEntriesSaysWhatWasExpected() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "just some notes, long enough to hold an end record");
    Bad e = assertThrows(Bad.class, () -> read(text));
    assertEquals(text + ": not an nn test archive: an nn test archive is a ZIP archive holding a.txt and b.bin, and"
        + " this file is none (it begins as text: \"just some notes, long enough to hold an …\")", e.getMessage());
    Path other = dir.resolve("other.arc");
    try (ArchiveWriter out = new ArchiveWriter(Files.newOutputStream(other))) {
      out.put("a.txt", "only this");
    }
    e = assertThrows(Bad.class, () -> read(other));
    assertEquals(other + ": not an nn test archive: a ZIP archive, but without b.bin, which an nn test archive holds",
        e.getMessage());
    assertThrows(NoSuchFileException.class, () -> read(dir.resolve("absent.arc")));
  }

  @Test
  void anArchiveWithoutChecksumsIsReadAndCheckedAgainstDigestsKeptElsewhere() throws Exception {
    Path file = dir.resolve("old.arc");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (String name : REQUIRED) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(name.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    ArchiveReader in = read(file);
    assertFalse(in.isSealed());
    in.requireSha256("b.bin", Sha256.of("b.bin".getBytes(StandardCharsets.UTF_8)));
    Bad wrong = assertThrows(Bad.class, () -> in.requireSha256("a.txt", Sha256.of(new byte[0])));
    assertEquals(file + ": a.txt does not match its SHA-256 (corrupted)", wrong.getMessage());
    Bad unsealed = assertThrows(Bad.class, in::requireSealed);
    assertEquals(file + ": not a complete test archive: SHA256SUMS is missing (truncated or corrupted)",
        unsealed.getMessage());
  }

  @Test
  void theChecksumListCannotBeWrittenAsAnEntry() {
    assertThrows(IllegalArgumentException.class,
        () -> new ArchiveWriter(new ByteArrayOutputStream()).put("SHA256SUMS", "mine"));
  }
}
