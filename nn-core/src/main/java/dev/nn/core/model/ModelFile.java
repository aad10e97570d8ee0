package dev.nn.core.model;

import dev.nn.core.io.ArchiveFormat;
import dev.nn.core.io.ArchiveReader;
import dev.nn.core.io.ArchiveWriter;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.LittleEndian;
import dev.nn.core.io.YamlFields;
import dev.nn.core.kernel.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model file format, version {@value #VERSION}: nn's archive ({@link ArchiveWriter}: a ZIP archive
 * whose last entry, {@code SHA256SUMS}, holds the SHA-256 of every other entry) holding
 * <ul>
 *   <li>{@code model.yaml} — format name and version, the nn version that wrote it, feature names, the
 *       scaler, targets, class labels, widths, the activation of every layer and the loss (each by name,
 *       version and settings), and the parameter count;
 *   <li>{@code weights.bin} — every free parameter in store order (for a dense network W(1), b(1), …,
 *       W(L+1), b(L+1), each W row-major n(l−1)×n(l)) as little-endian IEEE-754 float64;
 *   <li>{@code structure.bin}, only for a network with shared or absent edges — for every edge in that
 *       order, the index of its free parameter in {@code weights.bin}, or −1 for an absent edge, as
 *       little-endian int32.
 * </ul>
 * No Java serialization: every part is readable without nn. The archive's end record, its CRCs and the
 * SHA-256s catch truncation and corruption. Version 1 files, which kept the binary entries' SHA-256 in
 * {@code model.yaml} and had no {@code SHA256SUMS}, are still read.
 */
final class ModelFile {
  /** The format version this code writes. */
  public static final int VERSION = 2;
  static final String FORMAT = "nn-model";
  private static final String META = "model.yaml";
  private static final String WEIGHTS = "weights.bin";
  private static final String STRUCTURE = "structure.bin";
  private static final ArchiveFormat FILE_FORMAT = new ArchiveFormat(FORMAT, "model file", META,
      List.of(META, WEIGHTS), VERSION, ModelFormatException::new, "no such file");

  private ModelFile() {}

  /** Writes the model atomically. */
  public static void write(Path file, ModelSpec spec, double[] params, String nnVersion) {
    write(file, spec, params, nnVersion, Precision.FLOAT64);
  }

  /**
   * Writes a model trained in {@code precision}; a float32 model records it (its weights, exact float values,
   * are stored as doubles like any other), and loads into float32 kernels.
   */
  public static void write(Path file, ModelSpec spec, double[] params, String nnVersion, Precision precision) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("format-version", VERSION);
    meta.put("nn-version", nnVersion);
    if (precision != Precision.FLOAT64) {
      // left out for float64, so that files of earlier versions and of float64 runs read the same
      meta.put("precision", precision.yamlName());
    }
    meta.put("features", spec.features());
    if (spec.means() != null) {
      Map<String, Object> scaler = new LinkedHashMap<>();
      scaler.put("means", toList(spec.means()));
      scaler.put("scales", toList(spec.scales()));
      meta.put("scaler", scaler);
    }
    meta.put("targets", spec.targets());
    meta.put("classes", spec.classes());
    List<Integer> widths = new ArrayList<>();
    for (int w : spec.widths()) {
      widths.add(w);
    }
    meta.put("widths", widths);
    List<Object> acts = new ArrayList<>();
    for (PluginUse a : spec.activations()) {
      acts.add(plugin(a));
    }
    meta.put("activations", acts);
    meta.put("loss", plugin(spec.loss()));
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("count", params.length);
    w.put("encoding", "float64-le");
    meta.put("weights", w);
    if (spec.slotOf() != null) {
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("edges", spec.slotOf().length);
      st.put("encoding", "int32-le");
      meta.put("structure", st);
    }
    String yaml = YamlFields.dump(meta);
    AtomicFiles.write(file, out -> {
      try (ArchiveWriter archive = new ArchiveWriter(out)) {
        archive.put(META, yaml);
        archive.put(WEIGHTS, LittleEndian.encode(params));
        if (spec.slotOf() != null) {
          archive.put(STRUCTURE, LittleEndian.encode(spec.slotOf()));
        }
      }
    });
  }

  /** A model file's content. */
  record Contents(ModelSpec spec, double[] params, String nnVersion, Precision precision) {}

  /**
   * Reads a model file.
   *
   * @throws ModelFormatException naming the file and what is wrong with it
   */
  public static Contents read(Path file) {
    ArchiveFormat.Opened opened = FILE_FORMAT.open(file);
    ArchiveReader archive = opened.archive();
    YamlFields f = opened.header();
    if (opened.isUnsealed()) {
      checkUnsealed(archive, f);
    }
    byte[] weights = archive.bytes(WEIGHTS);
    int count = f.fields("weights").integer("count", 0, Integer.MAX_VALUE);
    if (weights.length != 8L * count) {
      throw new ModelFormatException(file, WEIGHTS + " holds " + weights.length + " bytes, expected " + 8L * count
          + " for " + count + " parameters (truncated or corrupted)");
    }
    int[] slotOf = null;
    if (!f.isNull("structure")) {
      int edges = f.fields("structure").integer("edges", 0, Integer.MAX_VALUE);
      if (!archive.has(STRUCTURE) || archive.bytes(STRUCTURE).length != 4L * edges) {
        throw new ModelFormatException(file, STRUCTURE + " is missing or does not hold " + edges
            + " edges (truncated or corrupted)");
      }
      slotOf = LittleEndian.ints(archive.bytes(STRUCTURE));
    }
    double[] means = null;
    double[] scales = null;
    if (!f.isNull("scaler")) {
      YamlFields s = f.fields("scaler");
      means = s.reals("means");
      scales = s.reals("scales");
    }
    List<PluginUse> activations = new ArrayList<>();
    for (YamlFields a : f.fieldsList("activations")) {
      activations.add(pluginUse(a));
    }
    try {
      ModelSpec spec = new ModelSpec(f.strings("features"), means, scales, f.strings("targets"), f.strings("classes"),
          f.integers("widths", 0, Integer.MAX_VALUE), activations, pluginUse(f.fields("loss")), slotOf);
      Precision precision = !f.isNull("precision") ? Precision.named(f.string("precision")) : Precision.FLOAT64;
      return new Contents(spec, LittleEndian.doubles(weights), f.string("nn-version"), precision);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, META + " is inconsistent: " + e.getMessage());
    }
  }

  /** A version 1 file, before the archive carried the digests: its binary entries' SHA-256 are in model.yaml. */
  private static void checkUnsealed(ArchiveReader archive, YamlFields f) {
    archive.requireSha256(WEIGHTS, f.fields("weights").string("sha256"));
    if (!f.isNull("structure")) {
      archive.requireSha256(STRUCTURE, f.fields("structure").string("sha256"));
    }
  }

  private static Map<String, Object> plugin(PluginUse p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("version", p.version());
    m.put("settings", new LinkedHashMap<>(new TreeMap<>(p.settings())));
    return m;
  }

  private static PluginUse pluginUse(YamlFields p) {
    return new PluginUse(p.string("name"), p.string("version"), p.settings("settings"));
  }

  private static List<Double> toList(double[] a) {
    List<Double> l = new ArrayList<>(a.length);
    for (double v : a) {
      l.add(v);
    }
    return l;
  }
}
