package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nn.core.io.ArchiveTests.Bad;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the file cannot make the reader do: open a pipe, inflate an entry beyond what the format allows,
 * hold endless entries, or print a damaged name as it is.
 */
class ArchiveLimitsTests {
  private static final List<String> REQUIRED = List.of("a.txt", "b.bin");

  @TempDir
  Path dir;

  private ArchiveReader read(Path file, EntryLimits limits) throws IOException {
    return ArchiveReader.read(file, "test archive", REQUIRED, Bad::new, limits);
  }

  /** A plain ZIP archive of the given entries, each deflated, without checksums. */
  private Path zip(String name, Map<String, byte[]> entries) throws IOException {
    Path file = dir.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  @Test
  void aPipeIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("model.nnm");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo is not available here");
    // the limit guards against a hang, the failure this test is about; it measures nothing
    Bad e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(Bad.class, () -> read(fifo, EntryLimits.ANY_SIZE)));
    assertEquals(fifo + ": is a named pipe (FIFO), not a regular file; expected an nn test archive", e.getMessage());
  }

  @Test
  void aDirectoryIsRefusedByName() {
    Bad e = assertThrows(Bad.class, () -> read(dir, EntryLimits.ANY_SIZE));
    assertEquals(dir + ": is a directory, expected an nn test archive", e.getMessage());
  }

  @Test
  void anEntryThatInflatesBeyondItsLimitIsRefusedAtTheLimit() throws Exception {
    // 16 MiB of zeros deflate to about 16 KiB: a small file that claims far more room than allowed
    Path bomb = zip("bomb.arc", Map.of("a.txt", "hi".getBytes(StandardCharsets.UTF_8), "b.bin", new byte[16 << 20]));
    assertTrue(Files.size(bomb) < 100_000);
    Bad e = assertThrows(Bad.class, () -> read(bomb, (name, before) -> name.equals("b.bin") ? 1000 : 10));
    assertEquals(bomb + ": b.bin inflates to more than 1000 bytes, more than an nn test archive allows there "
        + "(corrupted)", e.getMessage());
  }

  @Test
  void theChecksumListHasItsOwnLimit() throws Exception {
    Path file = zip("sums.arc", Map.of("a.txt", new byte[1], "b.bin", new byte[1],
        "SHA256SUMS", new byte[(int) ArchiveReader.MAX_CHECKSUMS_BYTES + 1]));
    Bad e = assertThrows(Bad.class, () -> read(file, EntryLimits.ANY_SIZE));
    assertEquals(file + ": SHA256SUMS inflates to more than " + ArchiveReader.MAX_CHECKSUMS_BYTES + " bytes, more "
        + "than an nn test archive allows there (corrupted)", e.getMessage());
  }

  @Test
  void moreEntriesThanAnyArchiveOfNnHoldsAreRefused() throws Exception {
    Map<String, byte[]> many = new java.util.LinkedHashMap<>();
    for (int i = 0; i <= ArchiveReader.MAX_ENTRIES; i++) {
      many.put("e" + i, new byte[0]);
    }
    Path file = zip("many.arc", many);
    Bad e = assertThrows(Bad.class, () -> read(file, EntryLimits.ANY_SIZE));
    assertEquals(file + ": holds more than 64 entries, more than any nn test archive (corrupted, or not written by nn)",
        e.getMessage());
  }

  @Test
  void anEntryNameThatIsNotUtf8IsReportedAsCorruption() throws Exception {
    Path file = zip("names.arc", Map.of("a.txt", new byte[1], "b.bin", new byte[1]));
    byte[] all = Files.readAllBytes(file);
    String latin = new String(all, StandardCharsets.ISO_8859_1);
    // both the local header's name and the central directory's: 0xFF never occurs in UTF-8
    for (int at = latin.indexOf("a.txt"); at >= 0; at = latin.indexOf("a.txt", at + 1)) {
      all[at] = (byte) 0xFF;
    }
    Files.write(file, all);
    Bad e = assertThrows(Bad.class, () -> read(file, EntryLimits.ANY_SIZE));
    assertTrue(e.getMessage().startsWith(file + ": not a readable test archive (corrupted: "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void aNameWithALineBreakIsPrintedOnOneLine() throws Exception {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("a.txt", new byte[1]);
    entries.put("b.bin", new byte[1]);
    entries.put("x\ny", new byte[1]);
    entries.put("SHA256SUMS", (Sha256.of(new byte[1]) + "  a.txt\n" + Sha256.of(new byte[1]) + "  b.bin\n")
        .getBytes(StandardCharsets.UTF_8));
    Path file = zip("odd.arc", entries);
    Bad e = assertThrows(Bad.class, () -> read(file, EntryLimits.ANY_SIZE));
    assertEquals(file + ": \"x\\u000ay\" has no SHA-256 in SHA256SUMS (corrupted)", e.getMessage());
  }

  @Test
  void longTextInAMessageIsCutAndItsLengthSaid() {
    String cut = Printable.of("x".repeat(100_000));
    assertEquals("x".repeat(60) + "… (100000 characters)", cut);
  }
}
