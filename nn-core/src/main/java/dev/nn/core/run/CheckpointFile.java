package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainerState;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Encodes and decodes one checkpoint file (the format is described on {@link Checkpoints}). Blocks are
 * streamed into the archive while their SHA-256 is computed, so writing needs no second copy of the
 * parameters; the header, which holds those digests, is therefore the archive's last entry.
 */
final class CheckpointFile {
  static final String FORMAT = "nn-checkpoint";
  static final int VERSION = 1;
  static final String HEADER = "checkpoint.yaml";
  static final String HISTORY = "history.csv";
  static final String PARAMS = "params.bin";
  static final String OPTIMIZER = "optimizer.bin";
  static final String BEST = "best-params.bin";

  /** The ZIP end-of-central-directory record: signature, then sizes; 22 bytes without a comment. */
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int END_LENGTH = 22;

  private CheckpointFile() {}

  static void write(Path file, TrainerState s) {
    AtomicFiles.write(file, out -> {
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        String paramsSha = putDoubles(zip, PARAMS, s.params());
        String optimizerSha = putDoubles(zip, OPTIMIZER, s.optimizerState());
        String bestSha = s.bestParams() == null ? null : putDoubles(zip, BEST, s.bestParams());
        put(zip, HISTORY, HistoryCsv.write(s.history()));
        put(zip, HEADER, YamlFields.dumper().dump(header(s, paramsSha, optimizerSha, bestSha)));
      }
    });
  }

  private static Map<String, Object> header(TrainerState s, String paramsSha, String optimizerSha, String bestSha) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("format", FORMAT);
    h.put("format-version", VERSION);
    h.put("epoch", s.epoch());
    h.put("updates", s.updates());
    h.put("best-epoch", s.bestEpoch());
    h.put("best-value", YamlFields.real(s.bestValue()));
    h.put("epochs-without-improvement", s.epochsWithoutImprovement());
    h.put("encoding", "float64-le");
    h.put("params", block(s.params().length, paramsSha));
    List<Integer> sizes = new ArrayList<>();
    for (double[] b : s.optimizerState()) {
      sizes.add(b.length);
    }
    Map<String, Object> optimizer = new LinkedHashMap<>();
    optimizer.put("block-sizes", sizes);
    optimizer.put("sha256", optimizerSha);
    h.put("optimizer-state", optimizer);
    h.put("best-params", s.bestParams() == null ? null : block(s.bestParams().length, bestSha));
    h.put("history-epochs", s.history().size());
    return h;
  }

  private static Map<String, Object> block(int count, String sha) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("sha256", sha);
    return m;
  }

  static TrainerState read(Path file) {
    try {
      requireEndRecord(file);
      Map<String, byte[]> entries = entries(file);
      YamlFields h = YamlFields.parse(file, HEADER, text(file, entries, HEADER));
      if (!FORMAT.equals(h.map().get("format"))) {
        throw new RunFileException(file, "not an nn checkpoint (format is \"" + h.map().get("format") + "\")");
      }
      int version = h.integer("format-version", 0, Integer.MAX_VALUE);
      if (version != VERSION) {
        throw new RunFileException(file, "checkpoint format version " + version + " is not supported; this nn reads "
            + "version " + VERSION);
      }
      YamlFields p = h.fields("params");
      double[] params = decode(file, entries, PARAMS, new int[] {p.integer("count", 0, Integer.MAX_VALUE)},
          p.string("sha256"))[0];
      YamlFields o = h.fields("optimizer-state");
      long[] sizes = o.integers("block-sizes", o.list("block-sizes"));
      int[] lengths = new int[sizes.length];
      for (int b = 0; b < sizes.length; b++) {
        if (sizes[b] < 0 || sizes[b] > Integer.MAX_VALUE) {
          throw h.fail("optimizer block size " + sizes[b] + " is out of range");
        }
        lengths[b] = (int) sizes[b];
      }
      double[][] optimizer = decode(file, entries, OPTIMIZER, lengths, o.string("sha256"));
      double[] best = null;
      if (!h.isNull("best-params")) {
        YamlFields b = h.fields("best-params");
        best = decode(file, entries, BEST, new int[] {b.integer("count", 0, Integer.MAX_VALUE)}, b.string("sha256"))[0];
      }
      List<EpochReport> history = HistoryCsv.read(file, HISTORY, text(file, entries, HISTORY));
      int expected = h.integer("history-epochs", 0, Integer.MAX_VALUE);
      if (history.size() != expected) {
        throw new RunFileException(file, HISTORY + " holds " + history.size() + " epochs, the header says " + expected
            + " (corrupted)");
      }
      return new TrainerState(h.integer("epoch", 0, Integer.MAX_VALUE), h.integer("updates"), params, optimizer, best,
          h.integer("best-epoch", 0, Integer.MAX_VALUE), h.real("best-value"),
          h.integer("epochs-without-improvement", 0, Integer.MAX_VALUE), List.copyOf(history));
    } catch (RunFileException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new RunFileException(file, "no such checkpoint file");
    } catch (ZipException | EOFException e) {
      throw new RunFileException(file, "not a readable checkpoint (truncated or corrupted: " + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new RunFileException(file, "cannot read: " + e.getMessage(), e);
    } catch (YAMLException | IllegalArgumentException | IllegalStateException e) {
      // ZipInputStream reports some damaged headers this way (a name that is not valid UTF-8, say)
      throw new RunFileException(file, "not a readable checkpoint (corrupted: " + e.getMessage() + ")", e);
    }
  }

  /**
   * Entries are read front to back and would look complete if only the archive's tail were cut off, so the
   * end record is checked first: it must be the last 22 bytes and point just before itself.
   */
  private static void requireEndRecord(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < END_LENGTH) {
        throw new RunFileException(file, "not a readable checkpoint (truncated: " + size + " bytes)");
      }
      ByteBuffer end = ByteBuffer.allocate(END_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
      while (end.hasRemaining()) {
        if (ch.read(end, size - END_LENGTH + end.position()) < 0) {
          throw new EOFException("file shrank while being read");
        }
      }
      long directorySize = Integer.toUnsignedLong(end.getInt(12));
      long directoryOffset = Integer.toUnsignedLong(end.getInt(16));
      boolean zip64 = directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL;
      if (end.getInt(0) != END_SIGNATURE || (!zip64 && directoryOffset + directorySize != size - END_LENGTH)) {
        throw new RunFileException(file, "not a readable checkpoint (truncated or corrupted: the archive's end "
            + "record is missing or does not match its size)");
      }
    }
  }

  private static Map<String, byte[]> entries(Path file) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (entries.put(e.getName(), readAll(zip)) != null) {
          throw new RunFileException(file, "holds " + e.getName() + " twice (corrupted)");
        }
      }
    }
    return entries;
  }

  private static byte[] entry(Path file, Map<String, byte[]> entries, String name) {
    byte[] data = entries.get(name);
    if (data == null) {
      throw new RunFileException(file, "not a complete checkpoint: " + name + " is missing (truncated or corrupted)");
    }
    return data;
  }

  private static String text(Path file, Map<String, byte[]> entries, String name) {
    return new String(entry(file, entries, name), StandardCharsets.UTF_8);
  }

  /** Splits a float64-le entry into blocks of the given lengths, checking its size and SHA-256. */
  private static double[][] decode(Path file, Map<String, byte[]> entries, String name, int[] lengths, String sha) {
    byte[] data = entry(file, entries, name);
    long total = 0;
    for (int n : lengths) {
      total += n;
    }
    if (data.length != 8 * total) {
      throw new RunFileException(file, name + " holds " + data.length + " bytes, expected " + 8 * total + " for "
          + total + " values (truncated or corrupted)");
    }
    if (!sha256(data).equals(sha)) {
      throw new RunFileException(file, name + " does not match its SHA-256 (corrupted)");
    }
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    double[][] out = new double[lengths.length][];
    for (int b = 0; b < lengths.length; b++) {
      out[b] = new double[lengths[b]];
      in.asDoubleBuffer().get(out[b]);
      in.position(in.position() + 8 * lengths[b]);
    }
    return out;
  }

  /** Writes the blocks one after another as float64-le; returns the entry's SHA-256. */
  private static String putDoubles(ZipOutputStream zip, String name, double[]... blocks) throws IOException {
    MessageDigest md = sha256();
    zip.putNextEntry(entry(name));
    ByteBuffer buf = ByteBuffer.allocate(1 << 13).order(ByteOrder.LITTLE_ENDIAN);
    for (double[] block : blocks) {
      for (double v : block) {
        if (!buf.hasRemaining()) {
          flush(zip, md, buf);
        }
        buf.putDouble(v);
      }
    }
    flush(zip, md, buf);
    zip.closeEntry();
    return HexFormat.of().formatHex(md.digest());
  }

  private static void flush(ZipOutputStream zip, MessageDigest md, ByteBuffer buf) throws IOException {
    zip.write(buf.array(), 0, buf.position());
    md.update(buf.array(), 0, buf.position());
    buf.clear();
  }

  private static void put(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(entry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static ZipEntry entry(String name) {
    ZipEntry e = new ZipEntry(name);
    e.setTime(0L); // the same state always writes the same bytes
    return e;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  private static String sha256(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
