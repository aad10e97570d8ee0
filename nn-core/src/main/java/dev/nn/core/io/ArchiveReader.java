package dev.nn.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads an archive that {@link ArchiveWriter} wrote, checking it whole before anyone uses a byte of it:
 * the ZIP end record (entries are read front to back, so an archive cut after its last entry would
 * otherwise look complete), the CRCs (through {@link ZipInputStream}), each entry's SHA-256 against
 * {@value ArchiveWriter#CHECKSUMS}, and that no entry appears twice. Every problem is reported as one line
 * naming the file, in the caller's exception type.
 *
 * <p>Archives written before {@value ArchiveWriter#CHECKSUMS} existed carry their digests in their own
 * header instead; {@link #isSealed()} tells them apart and {@link #requireSha256} checks such a digest.
 *
 * <p>Nothing in the file decides how much is read: only a regular file is opened (a pipe would block and a
 * device never end), an archive holds at most {@value #MAX_ENTRIES} entries, and every entry is inflated only
 * up to what its format allows ({@link EntryLimits}), so a small file that inflates to gigabytes is refused
 * after the allowed bytes instead of filling the heap.
 */
public final class ArchiveReader {
  /** A ZIP file starts with a local file header, "PK\3\4". */
  private static final int LOCAL_SIGNATURE = 0x04034b50;
  /** The end-of-central-directory record: signature, then sizes; 22 bytes without a comment. */
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int END_LENGTH = 22;
  private static final Pattern SUM_LINE = Pattern.compile("([0-9a-f]{64})  (.+)");
  /** More entries than any of nn's archives has; more is not an nn archive, however it was made. */
  static final int MAX_ENTRIES = 64;
  /** The checksum list: at most {@value #MAX_ENTRIES} lines, each a digest and an entry name. */
  static final long MAX_CHECKSUMS_BYTES = 64 * 1024;

  private final Path file;
  private final String kind;
  private final FileProblem problem;
  private final Map<String, byte[]> entries;
  private final boolean sealed;

  private ArchiveReader(Path file, String kind, FileProblem problem, Map<String, byte[]> entries, boolean sealed) {
    this.file = file;
    this.kind = kind;
    this.problem = problem;
    this.entries = entries;
    this.sealed = sealed;
  }

  /**
   * Reads and checks the archive {@code file}.
   *
   * @param kind what the file is, for messages: "model file", "checkpoint"
   * @param required the entries without which the file is not a {@code kind} at all
   * @param problem how to report a bad file
   * @throws java.nio.file.NoSuchFileException when there is no such file, and other {@link IOException}s
   *     when it cannot be read, for the caller to word
   */
  static ArchiveReader read(Path file, String kind, List<String> required, FileProblem problem)
      throws IOException {
    return read(file, kind, required, problem, EntryLimits.ANY_SIZE);
  }

  /**
   * Reads and checks the archive {@code file}, inflating no entry beyond what {@code limits} allows it.
   *
   * @see #read(Path, String, List, FileProblem)
   */
  static ArchiveReader read(Path file, String kind, List<String> required, FileProblem problem, EntryLimits limits)
      throws IOException {
    if (Files.notExists(file)) {
      // a missing file is the caller's to name ("no such checkpoint file", "no such file or directory")
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    InputFiles.requireRegularFile(file, "an nn " + kind, problem);
    try {
      if (!requireEndRecord(file, kind, problem)) {
        throw problem.at(file, notAnArchive(file, kind, required));
      }
      Map<String, byte[]> entries = entries(file, kind, problem, limits);
      requireDirectoryMatches(file, kind, problem, entries);
      if (!entries.keySet().containsAll(required)) {
        // a file of another of nn's kinds (a model copied in as a checkpoint) is told as what it is
        java.util.Optional<String> other = ArchiveFormat.otherKind(entries.keySet(), kind, required);
        if (other.isPresent()) {
          throw problem.at(file, other.get());
        }
        throw problem.at(file, "not an nn " + kind + ": a ZIP archive, but without "
            + names(required.stream().filter(n -> !entries.containsKey(n)).toList()) + ", which an nn " + kind
            + " holds");
      }
      byte[] sums = entries.remove(ArchiveWriter.CHECKSUMS);
      ArchiveReader reader = new ArchiveReader(file, kind, problem, entries, sums != null);
      if (sums != null) {
        reader.verify(new String(sums, StandardCharsets.UTF_8));
      }
      return reader;
    } catch (ZipException | EOFException e) {
      // the library's words ("invalid distance too far back") are kept beside it, for --debug's stack trace, not as
      // its cause, whose reason a command would print; the sentence says what they mean
      RuntimeException damaged = problem.at(file, "not a readable " + kind + " (truncated or corrupted: an entry's ZIP"
          + " header or its compressed data is damaged)");
      damaged.addSuppressed(e);
      throw damaged;
    } catch (IllegalArgumentException | IllegalStateException e) {
      // ZipInputStream reports a name that is not valid UTF-8 this way ("malformed input off : 21, length : 1")
      throw problem.at(file, "not a readable " + kind + " (corrupted: an entry's name is not UTF-8 text)", e);
    }
  }

  /** A local header's fixed length, and the signature of the data descriptor that may follow an entry's data. */
  private static final int LOCAL_LENGTH = 30;
  private static final int DESCRIPTOR_SIGNATURE = 0x08074b50;

  /**
   * Whether a local header at {@code offset} names {@code name}, with the directory's version needed to extract, flags
   * and method, and an extra field of well-formed blocks.
   */
  private static boolean localHeaderMatches(FileChannel ch, long offset, byte[] name, short version, short flags,
      short method) throws IOException {
    if (offset + LOCAL_LENGTH + name.length > ch.size()) {
      return false;
    }
    ByteBuffer header = read(ch, offset, LOCAL_LENGTH + name.length);
    byte[] local = new byte[name.length];
    header.get(LOCAL_LENGTH, local);
    int extra = Short.toUnsignedInt(header.getShort(28));
    if (header.getInt(0) != LOCAL_SIGNATURE || header.getShort(4) != version || header.getShort(6) != flags
        || header.getShort(8) != method || Short.toUnsignedInt(header.getShort(26)) != name.length
        || !java.util.Arrays.equals(local, name) || offset + LOCAL_LENGTH + name.length + extra > ch.size()) {
      return false;
    }
    return wellFormedExtra(read(ch, offset + LOCAL_LENGTH + name.length, extra), 0, extra);
  }

  /**
   * Whether the {@code length} bytes at {@code at} are whole extra-field blocks (each an id, a length and that many
   * bytes), as ZIP readers that walk them expect.
   */
  private static boolean wellFormedExtra(ByteBuffer b, int at, int length) {
    int end = at + length;
    while (at < end) {
      if (at + 4 > end) {
        return false;
      }
      at += 4 + Short.toUnsignedInt(b.getShort(at + 2));
    }
    return at == end;
  }

  /** Where the entry whose local header is at {@code offset} ends: after its data and any data descriptor. */
  private static long endOfEntry(FileChannel ch, long offset, long compressed) throws IOException {
    ByteBuffer header = read(ch, offset, LOCAL_LENGTH);
    long data = offset + LOCAL_LENGTH + Short.toUnsignedInt(header.getShort(26))
        + Short.toUnsignedInt(header.getShort(28));
    long end = data + compressed;
    if ((header.getShort(6) & 8) == 0) {
      return end;
    }
    // a data descriptor: CRC and sizes, with or without its signature
    return end + (end + 4 <= ch.size() && read(ch, end, 4).getInt(0) == DESCRIPTOR_SIGNATURE ? 16 : 12);
  }

  /** The central directory's file header, "PK\1\2", and its fixed length. */
  private static final int CENTRAL_SIGNATURE = 0x02014b50;
  private static final int CENTRAL_LENGTH = 46;

  /**
   * Checks the central directory (the index at the end, which other ZIP tools read) against the entries read front
   * to back: as many entries, the same names in the same order, and each one's CRC-32 and size those of the data
   * read. The entries alone would pass an archive whose index is damaged, which {@code unzip -t} refuses.
   * Archives in ZIP64 form (never written for nn's sizes) are not checked here.
   */
  private static void requireDirectoryMatches(Path file, String kind, FileProblem problem,
      Map<String, byte[]> entries) throws IOException {
    String damaged = "not a readable " + kind + " (corrupted: the ZIP archive's central directory ";
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer end = read(ch, size - END_LENGTH, END_LENGTH);
      long directorySize = Integer.toUnsignedLong(end.getInt(12));
      long directoryOffset = Integer.toUnsignedLong(end.getInt(16));
      if (directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
        return;
      }
      int count = Short.toUnsignedInt(end.getShort(10));
      if (end.getShort(4) != 0 || end.getShort(6) != 0 || Short.toUnsignedInt(end.getShort(8)) != count
          || end.getShort(20) != 0 || count != entries.size() || directorySize > Integer.MAX_VALUE) {
        throw problem.at(file, damaged + "end record does not match its " + entries.size() + " entries)");
      }
      ByteBuffer directory = read(ch, directoryOffset, (int) directorySize);
      java.util.Iterator<Map.Entry<String, byte[]>> inOrder = entries.entrySet().iterator();
      int at = 0;
      long next = 0;
      for (int i = 0; i < count; i++) {
        if (at + CENTRAL_LENGTH > directorySize || directory.getInt(at) != CENTRAL_SIGNATURE) {
          throw problem.at(file, damaged + "is damaged at entry " + (i + 1) + ")");
        }
        long crc = Integer.toUnsignedLong(directory.getInt(at + 16));
        long length = Integer.toUnsignedLong(directory.getInt(at + 24));
        int nameLength = Short.toUnsignedInt(directory.getShort(at + 28));
        int extra = Short.toUnsignedInt(directory.getShort(at + 30));
        int comment = Short.toUnsignedInt(directory.getShort(at + 32));
        if (at + CENTRAL_LENGTH + nameLength + extra + comment > directorySize) {
          throw problem.at(file, damaged + "is damaged at entry " + (i + 1) + ")");
        }
        byte[] name = new byte[nameLength];
        directory.get(at + CENTRAL_LENGTH, name);
        Map.Entry<String, byte[]> read = inOrder.next();
        java.util.zip.CRC32 actual = new java.util.zip.CRC32();
        actual.update(read.getValue());
        // where the entry's local header is, and where the data it compresses to ends: the next entry, or the index
        long local = Integer.toUnsignedLong(directory.getInt(at + 42));
        long compressed = Integer.toUnsignedLong(directory.getInt(at + 20));
        if (!java.util.Arrays.equals(name, read.getKey().getBytes(StandardCharsets.UTF_8))
            || crc != actual.getValue() || length != read.getValue().length || directory.getShort(at + 34) != 0
            || local != next || !localHeaderMatches(ch, local, name, directory.getShort(at + 6),
                directory.getShort(at + 8), directory.getShort(at + 10))
            || !wellFormedExtra(directory, at + CENTRAL_LENGTH + nameLength, extra)) {
          throw problem.at(file, damaged + "does not match entry " + (i + 1) + ", " + Printable.name(read.getKey())
              + ": its name, place, CRC or size differs)");
        }
        next = endOfEntry(ch, local, compressed);
        at += CENTRAL_LENGTH + nameLength + extra + comment;
      }
      if (at != directorySize || next != directoryOffset) {
        throw problem.at(file, damaged + "does not match its " + count + " entries)");
      }
    }
  }

  /** A file that does not begin as a ZIP archive: said so, with its first line when it is text (a YAML file, say). */
  private static String notAnArchive(Path file, String kind, List<String> required) throws IOException {
    String start;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      start = new String(in.readNBytes(60), StandardCharsets.UTF_8);
    }
    String line = start.lines().findFirst().orElse("").strip();
    boolean text = !line.isEmpty() && line.chars().allMatch(c -> c >= 0x20 && c != 0x7F && c != 0xFFFD);
    return "not an nn " + kind + ": an nn " + kind + " is a ZIP archive holding " + names(required)
        + ", and this file is none" + (text ? " (it begins as text: \"" + (line.length() > 40
            ? line.substring(0, 40) + "…" : line) + "\")" : "");
  }

  private static String names(List<String> list) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < list.size(); i++) {
      names.append(i == 0 ? "" : i == list.size() - 1 ? " and " : ", ").append(list.get(i));
    }
    return names.toString();
  }

  /**
   * Checks that the end record is the last 22 bytes and points just before itself.
   *
   * @return false when the file does not even start like a ZIP archive
   */
  private static boolean requireEndRecord(Path file, String kind, FileProblem problem) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size >= 4 && read(ch, 0, 4).getInt(0) != LOCAL_SIGNATURE) {
        return false;
      }
      if (size < END_LENGTH) {
        throw problem.at(file, "not a readable " + kind + " (truncated: " + size + " bytes)");
      }
      ByteBuffer end = read(ch, size - END_LENGTH, END_LENGTH);
      long directorySize = Integer.toUnsignedLong(end.getInt(12));
      long directoryOffset = Integer.toUnsignedLong(end.getInt(16));
      boolean zip64 = directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL;
      if (end.getInt(0) != END_SIGNATURE || (!zip64 && directoryOffset + directorySize != size - END_LENGTH)) {
        throw problem.at(file, "not a readable " + kind + " (truncated or corrupted: the archive's end record is "
            + "missing or does not match its size)");
      }
      return true;
    }
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new EOFException("file shrank while being read");
      }
    }
    return b;
  }

  private static Map<String, byte[]> entries(Path file, String kind, FileProblem problem, EntryLimits limits)
      throws IOException {
    // in the order of the archive, which its central directory follows
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    Function<String, byte[]> before = entries::get;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String name = e.getName();
        if (entries.size() == MAX_ENTRIES) {
          throw problem.at(file, "holds more than " + MAX_ENTRIES + " entries, more than any nn " + kind
              + " (corrupted, or not written by nn)");
        }
        if (entries.containsKey(name)) {
          throw problem.at(file, "holds " + Printable.name(name) + " twice (corrupted)");
        }
        long limit = name.equals(ArchiveWriter.CHECKSUMS) ? MAX_CHECKSUMS_BYTES : limits.maxBytes(name, before);
        limit = Math.min(limit, EntryLimits.MAX_BYTES);
        // one byte more than allowed is enough to know it is too much; an entry is never inflated further
        byte[] data = zip.readNBytes((int) limit + 1);
        if (data.length > limit) {
          throw problem.at(file, Printable.name(name) + " inflates to more than " + limit + " bytes, more than an nn "
              + kind + " allows there (corrupted)");
        }
        entries.put(name, data);
      }
    }
    return entries;
  }

  /** Checks every entry against the checksum list, and that the list names every entry exactly once. */
  private void verify(String sums) {
    String[] lines = sums.split("\n", -1);
    if (!lines[lines.length - 1].isEmpty()) {
      throw problem.at(file, ArchiveWriter.CHECKSUMS + " is not complete (corrupted)");
    }
    Set<String> listed = new HashSet<>();
    for (int i = 0; i < lines.length - 1; i++) {
      Matcher m = SUM_LINE.matcher(lines[i]);
      if (!m.matches() || !listed.add(m.group(2))) {
        throw problem.at(file, ArchiveWriter.CHECKSUMS + " line " + (i + 1) + " is corrupted");
      }
      requireSha256(m.group(2), m.group(1));
    }
    for (String name : entries.keySet()) {
      if (!listed.contains(name)) {
        throw problem.at(file, Printable.name(name) + " has no SHA-256 in " + ArchiveWriter.CHECKSUMS + " (corrupted)");
      }
    }
  }

  /** Whether the archive carried {@value ArchiveWriter#CHECKSUMS} (and so passed it). */
  boolean isSealed() {
    return sealed;
  }

  /** Fails unless the archive carried {@value ArchiveWriter#CHECKSUMS}, which its format version promises. */
  void requireSealed() {
    if (!sealed) {
      throw missing(ArchiveWriter.CHECKSUMS);
    }
  }

  /** Checks entry {@code name} against a SHA-256 recorded elsewhere (in an archive that is not sealed). */
  public void requireSha256(String name, String sha256) {
    if (!Sha256.of(bytes(name)).equals(sha256)) {
      throw problem.at(file, name + " does not match its SHA-256 (corrupted)");
    }
  }

  /** Whether the archive holds entry {@code name}. */
  public boolean has(String name) {
    return entries.containsKey(name);
  }

  /** The content of entry {@code name}, which must be present. */
  public byte[] bytes(String name) {
    byte[] data = entries.get(name);
    if (data == null) {
      throw missing(name);
    }
    return data;
  }

  /** The content of entry {@code name}, UTF-8 text. */
  public String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private RuntimeException missing(String name) {
    return problem.at(file, "not a complete " + kind + ": " + name + " is missing (truncated or corrupted)");
  }
}
