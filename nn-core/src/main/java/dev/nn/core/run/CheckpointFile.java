package dev.nn.core.run;

import dev.nn.core.io.ArchiveFormat;
import dev.nn.core.io.ArchiveReader;
import dev.nn.core.io.ArchiveWriter;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.LittleEndian;
import dev.nn.core.io.Printable;
import dev.nn.core.io.YamlFields;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes one checkpoint file (the format is described on {@link Checkpoints}): what the
 * trainer's state means entry by entry. The container, its checksums and its integrity checks are
 * {@link ArchiveWriter} and {@link ArchiveReader}'s.
 */
final class CheckpointFile {
  static final String FORMAT = "nn-checkpoint";
  static final int VERSION = 2;
  static final String HEADER = "checkpoint.yaml";
  static final String HISTORY = "history.csv";
  static final String PARAMS = "params.bin";
  static final String OPTIMIZER = "optimizer.bin";
  static final String BEST = "best-params.bin";
  /** How the binary entries hold their doubles. */
  static final String ENCODING = "float64-le";
  private static final ArchiveFormat FILE_FORMAT = new ArchiveFormat(FORMAT, "checkpoint", HEADER,
      List.of(HEADER, PARAMS, OPTIMIZER, HISTORY), VERSION, RunFileException::new, "no such checkpoint file");

  private CheckpointFile() {}

  static void write(Path file, TrainerState s) {
    AtomicFiles.write(file, out -> {
      // written every epoch: stored, not deflated, as its parameters would shrink by a few percent at most
      try (ArchiveWriter archive = new ArchiveWriter(out, false)) {
        archive.put(HEADER, YamlFields.dump(header(s)));
        archive.put(PARAMS, o -> LittleEndian.write(o, s.params()));
        archive.put(OPTIMIZER, o -> LittleEndian.write(o, s.optimizerState()));
        if (s.bestParams() != null) {
          archive.put(BEST, o -> LittleEndian.write(o, s.bestParams()));
        }
        archive.put(HISTORY, EpochCsv.HISTORY.render(s.history()));
      }
    });
  }

  private static Map<String, Object> header(TrainerState s) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("format", FORMAT);
    h.put("format-version", VERSION);
    h.put("epoch", s.epoch());
    h.put("updates", s.updates());
    h.put("best-epoch", s.bestEpoch());
    h.put("best-value", YamlFields.real(s.bestValue()));
    h.put("epochs-without-improvement", s.epochsWithoutImprovement());
    h.put("end", endName(s.end()));
    h.put("encoding", ENCODING);
    h.put("params", Map.of("count", s.params().length));
    List<Integer> sizes = new ArrayList<>();
    for (double[] b : s.optimizerState()) {
      sizes.add(b.length);
    }
    h.put("optimizer-state", Map.of("block-sizes", sizes));
    h.put("best-params", s.bestParams() == null ? null : Map.of("count", s.bestParams().length));
    h.put("history-epochs", s.history().size());
    if (s.within() != null) {
      TrainerState.Within w = s.within();
      Map<String, Object> within = new LinkedHashMap<>();
      within.put("batches", w.batches());
      within.put("batch-size", w.batchSize());
      within.put("rows", w.rows());
      within.put("loss-sum", YamlFields.real(w.lossSum()));
      within.put("seconds", YamlFields.real(w.seconds()));
      within.put("first-batch-loss", YamlFields.real(w.firstBatchLoss()));
      h.put("within-epoch", within);
    }
    return h;
  }

  static TrainerState read(Path file) {
    ArchiveFormat.Opened opened = FILE_FORMAT.open(file);
    ArchiveReader archive = opened.archive();
    YamlFields h = opened.header();
    if (opened.isUnsealed()) {
      checkUnsealed(archive, h);
    }
    requireEncoding(file, h);
    double[] params = doubles(file, archive, PARAMS, h.fields("params").integer("count", 0, Integer.MAX_VALUE))[0];
    double[][] optimizer = doubles(file, archive, OPTIMIZER,
        h.fields("optimizer-state").integers("block-sizes", 0, Integer.MAX_VALUE));
    double[] best = h.isNull("best-params") ? null
        : doubles(file, archive, BEST, h.fields("best-params").integer("count", 0, Integer.MAX_VALUE))[0];
    List<EpochReport> history = EpochCsv.read(file, HISTORY, archive.text(HISTORY));
    int expected = h.integer("history-epochs", 0, Integer.MAX_VALUE);
    if (history.size() != expected) {
      throw new RunFileException(file, HISTORY + " holds " + history.size() + " epochs, the header says " + expected
          + " (corrupted)");
    }
    TrainerState.End end = end(file, h);
    TrainerState.Within within = within(file, h);
    if (within != null && end != TrainerState.End.RUNNING) {
      throw new RunFileException(file, HEADER + ": a checkpoint within an epoch has \"end: " + endName(end) + "\""
          + " (corrupted)");
    }
    TrainerState state = new TrainerState(h.integer("epoch", 0, Integer.MAX_VALUE), h.integer("updates"), params,
        optimizer, best, h.integer("best-epoch", 0, Integer.MAX_VALUE), h.real("best-value"),
        h.integer("epochs-without-improvement", 0, Integer.MAX_VALUE), List.copyOf(history), end, within);
    CheckpointChecks.check(file, state);
    return state;
  }

  /** The binary entries' encoding, when the header gives one (every version does): nn writes no other. */
  private static void requireEncoding(Path file, YamlFields h) {
    if (!h.isNull("encoding") && !h.string("encoding").equals(ENCODING)) {
      throw new RunFileException(file, HEADER + " gives \"encoding\" \"" + Printable.of(h.string("encoding"))
          + "\"; nn reads " + ENCODING + " (corrupted, or written by another program)");
    }
  }

  /** How far into its epoch a checkpoint within an epoch was taken; {@code null} for one at an epoch's end. */
  private static TrainerState.Within within(Path file, YamlFields h) {
    if (h.isNull("within-epoch")) {
      return null;
    }
    YamlFields w = h.fields("within-epoch");
    try {
      return new TrainerState.Within(w.integer("batches", 1, Integer.MAX_VALUE),
          w.integer("batch-size", 1, Integer.MAX_VALUE), w.integer("rows", 1, Integer.MAX_VALUE), w.real("loss-sum"),
          w.real("seconds"), w.real("first-batch-loss"));
    } catch (IllegalArgumentException e) {
      throw new RunFileException(file, HEADER + ": within-epoch: " + e.getMessage() + " (corrupted)");
    }
  }

  /** How the header names an end: {@code running}, {@code finished} or {@code stopped-early}. */
  static String endName(TrainerState.End end) {
    return end.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The end the header records; a checkpoint written before nn recorded it has epochs to go. */
  private static TrainerState.End end(Path file, YamlFields h) {
    if (h.isNull("end")) {
      return TrainerState.End.RUNNING;
    }
    String name = h.string("end");
    for (TrainerState.End e : TrainerState.End.values()) {
      if (endName(e).equals(name)) {
        return e;
      }
    }
    throw new RunFileException(file, HEADER + ": \"end\" must be running, finished or stopped-early, found \""
        + name + "\" (corrupted)");
  }

  /** A version 1 checkpoint, before the archive carried the digests: its binary entries' SHA-256 are in the header. */
  private static void checkUnsealed(ArchiveReader archive, YamlFields h) {
    archive.requireSha256(PARAMS, h.fields("params").string("sha256"));
    archive.requireSha256(OPTIMIZER, h.fields("optimizer-state").string("sha256"));
    if (!h.isNull("best-params")) {
      archive.requireSha256(BEST, h.fields("best-params").string("sha256"));
    }
  }

  /** Splits a float64-le entry into blocks of the given lengths, checking its size. */
  private static double[][] doubles(Path file, ArchiveReader archive, String name, int... lengths) {
    byte[] data = archive.bytes(name);
    long total = 0;
    for (int n : lengths) {
      total += n;
    }
    if (data.length != 8 * total) {
      throw new RunFileException(file, name + " holds " + data.length + " bytes, expected " + 8 * total + " for "
          + total + " values (truncated or corrupted)");
    }
    return LittleEndian.blocks(data, lengths);
  }
}
