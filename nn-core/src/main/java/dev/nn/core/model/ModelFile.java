package dev.nn.core.model;

import dev.nn.core.data.OneHot;
import dev.nn.core.io.ArchiveFormat;
import dev.nn.core.io.ArchiveReader;
import dev.nn.core.io.ArchiveWriter;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.EntryLimits;
import dev.nn.core.io.LittleEndian;
import dev.nn.core.io.Printable;
import dev.nn.core.io.YamlFields;
import dev.nn.core.kernel.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model file format, version {@value #VERSION}: nn's archive ({@link ArchiveWriter}: a ZIP archive
 * whose last entry, {@code SHA256SUMS}, holds the SHA-256 of every other entry) holding
 * <ul>
 *   <li>{@code model.yaml} — format name and version, the nn version that wrote it, the input columns and
 *       their one-hot encoding (if any), feature names, the scaler, targets, class labels, widths, the activation of every layer and the loss (each by name,
 *       version and settings), and the parameter count;
 *   <li>{@code weights.bin} — every free parameter in store order (for a dense network W(1), b(1), …,
 *       W(L+1), b(L+1), each W row-major n(l−1)×n(l)) as little-endian IEEE-754 float64;
 *   <li>{@code structure.bin}, only for a network with shared or absent edges — for every edge in that
 *       order, the index of its free parameter in {@code weights.bin}, or −1 for an absent edge, as
 *       little-endian int32.
 * </ul>
 * No Java serialization: every part is readable without nn. The archive's end record, its CRCs and the
 * SHA-256s catch truncation and corruption. {@code model.yaml} comes first and holds at most 1 MiB; the
 * other entries are read no further than the sizes it declares, and what it declares is checked field
 * against field (widths, parameter count, structure, features, scaler, targets, classes) and the weights
 * must be finite, so that a file that says something impossible is refused rather than predicting wrongly. Version 1 files, which kept the binary entries' SHA-256 in
 * {@code model.yaml} and had no {@code SHA256SUMS}, are still read.
 */
final class ModelFile {
  /**
   * The latest format version this code writes: 4 for a model with a one-hot encoding, which an nn that reads only
   * versions 1 to 3 must refuse rather than look for its 0/1 columns in the input; 3 for a model with a target
   * scaler, which an nn that reads only versions 1 and 2 must refuse rather than predict in standardised units; any
   * other model is written as version 2, which such an nn reads.
   */
  public static final int VERSION = 4;
  /** The version of a model with a target scaler and no one-hot encoding. */
  static final int TARGET_SCALER_VERSION = 3;
  /** The version of a model without a target scaler or a one-hot encoding. */
  static final int PLAIN_VERSION = 2;
  static final String FORMAT = "nn-model";
  private static final String META = "model.yaml";
  private static final String WEIGHTS = "weights.bin";
  private static final String STRUCTURE = "structure.bin";
  private static final ArchiveFormat FILE_FORMAT = new ArchiveFormat(FORMAT, "model file", META,
      List.of(META, WEIGHTS), VERSION, ModelFormatException::new,
      "no such file; expected an nn model file (model.nnm in a run directory)", ModelFile::entrySizes);
  /** The most edges (weights and biases) a model may have: weights.bin must fit in one array. */
  static final long MAX_EDGES = EntryLimits.MAX_BYTES / Double.BYTES;

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
    meta.put("format-version", spec.oneHot() != null ? VERSION
        : spec.targetMeans() != null ? TARGET_SCALER_VERSION : PLAIN_VERSION);
    meta.put("nn-version", nnVersion);
    if (precision != Precision.FLOAT64) {
      // left out for float64, so that files of earlier versions and of float64 runs read the same
      meta.put("precision", precision.yamlName());
    }
    if (spec.oneHot() != null) {
      meta.put("inputs", spec.oneHot().inputs());
      List<Object> encoded = new ArrayList<>();
      Map<String, List<String>> words = spec.oneHot().words();
      spec.oneHot().categories().forEach((column, categories) -> {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("column", column);
        c.put("categories", toList(categories));
        if (words.containsKey(column)) {
          c.put("words", words.get(column));
        }
        encoded.add(c);
      });
      meta.put("one-hot", encoded);
    }
    meta.put("features", spec.features());
    if (spec.means() != null) {
      Map<String, Object> scaler = new LinkedHashMap<>();
      scaler.put("means", toList(spec.means()));
      scaler.put("scales", toList(spec.scales()));
      meta.put("scaler", scaler);
    }
    meta.put("targets", spec.targets());
    if (spec.targetMeans() != null) {
      Map<String, Object> targetScaler = new LinkedHashMap<>();
      targetScaler.put("means", toList(spec.targetMeans()));
      targetScaler.put("scales", toList(spec.targetScales()));
      meta.put("target-scaler", targetScaler);
    }
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
    Path inRun = file.resolve("model.nnm");
    if (java.nio.file.Files.isDirectory(file) && java.nio.file.Files.isRegularFile(inRun)) {
      // a run directory, given where its model is meant: the one file it could be is named
      throw new ModelFormatException(file, "is a directory, expected an nn model file; did you mean " + inRun + "?");
    }
    ArchiveFormat.Opened opened = FILE_FORMAT.open(file);
    ArchiveReader archive = opened.archive();
    YamlFields f = opened.header();
    if (opened.isUnsealed()) {
      checkUnsealed(archive, f);
    }
    byte[] weights = archive.bytes(WEIGHTS);
    int count = f.fields("weights").integer("count", 0, Integer.MAX_VALUE);
    requireEncoding(file, f.fields("weights"), "weights", "float64-le");
    if (weights.length != 8L * count) {
      throw new ModelFormatException(file, WEIGHTS + " holds " + weights.length + " bytes, expected " + 8L * count
          + " for " + count + " parameters (truncated or corrupted)");
    }
    double[] params = LittleEndian.doubles(weights);
    for (int i = 0; i < params.length; i++) {
      if (!Double.isFinite(params[i])) {
        throw new ModelFormatException(file, WEIGHTS + " holds " + params[i] + " at parameter " + i
            + "; a model's weights are finite numbers (corrupted, or saved from a network that diverged)");
      }
    }
    int[] slotOf = null;
    if (!f.isNull("structure")) {
      int edges = f.fields("structure").integer("edges", 0, Integer.MAX_VALUE);
      requireEncoding(file, f.fields("structure"), "structure", "int32-le");
      if (!archive.has(STRUCTURE) || archive.bytes(STRUCTURE).length != 4L * edges) {
        throw new ModelFormatException(file, STRUCTURE + " is missing or does not hold " + edges
            + " edges (truncated or corrupted)");
      }
      slotOf = LittleEndian.ints(archive.bytes(STRUCTURE));
      for (int e = 0; e < slotOf.length; e++) {
        if (slotOf[e] < -1 || slotOf[e] >= count) {
          throw new ModelFormatException(file, STRUCTURE + " gives edge " + e + " the parameter " + slotOf[e]
              + "; each must be one of the " + count + " parameters (0.." + (count - 1) + ") or -1 (absent)");
        }
      }
    } else if (archive.has(STRUCTURE)) {
      throw new ModelFormatException(file, "holds " + STRUCTURE + ", but " + META + " declares no structure (corrupted)");
    }
    double[] means = null;
    double[] scales = null;
    if (!f.isNull("scaler")) {
      YamlFields s = f.fields("scaler");
      means = s.reals("means");
      scales = s.reals("scales");
    }
    double[] targetMeans = null;
    double[] targetScales = null;
    if (!f.isNull("target-scaler")) {
      requireVersion(file, opened, TARGET_SCALER_VERSION, "a target-scaler");
      YamlFields s = f.fields("target-scaler");
      targetMeans = s.reals("means");
      targetScales = s.reals("scales");
    }
    OneHot oneHot = null;
    if (!f.isNull("one-hot")) {
      requireVersion(file, opened, VERSION, "a one-hot encoding");
      Map<String, double[]> categories = new LinkedHashMap<>();
      Map<String, List<String>> words = new LinkedHashMap<>();
      for (YamlFields c : f.fieldsList("one-hot")) {
        String column = c.string("column");
        if (categories.put(column, c.reals("categories")) != null) {
          throw new ModelFormatException(file, META + " is inconsistent: one-hot names the column \""
              + Printable.of(column) + "\" twice");
        }
        if (!c.isNull("words")) {
          words.put(column, c.strings("words"));
        }
      }
      try {
        oneHot = OneHot.of(f.strings("inputs"), categories, words);
      } catch (IllegalArgumentException e) {
        throw new ModelFormatException(file, META + " is inconsistent: " + e.getMessage());
      }
    } else if (!f.isNull("inputs")) {
      throw new ModelFormatException(file, META + " names inputs, but no one-hot encoding of them (corrupted)");
    }
    List<PluginUse> activations = new ArrayList<>();
    for (YamlFields a : f.fieldsList("activations")) {
      activations.add(pluginUse(a));
    }
    PluginUse loss = pluginUse(f.fields("loss"));
    String nnVersion = f.string("nn-version");
    String precisionName = f.isNull("precision") ? null : f.string("precision");
    try {
      ModelSpec spec = new ModelSpec(f.strings("features"), means, scales, f.strings("targets"), f.strings("classes"),
          f.integers("widths", 1, Integer.MAX_VALUE), activations, loss, slotOf, targetMeans, targetScales, oneHot);
      return new Contents(spec, params, nnVersion, precision(file, precisionName));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, META + " is inconsistent: " + e.getMessage());
    }
  }

  /**
   * A section's {@code encoding}, when it gives one, must be the one nn writes: another (say {@code float64-be})
   * would be read as little-endian doubles all the same and give wrong weights without a word.
   */
  private static void requireEncoding(Path file, YamlFields section, String name, String written) {
    if (!section.isNull("encoding") && !section.string("encoding").equals(written)) {
      throw new ModelFormatException(file, META + " gives " + name + ".encoding \""
          + Printable.of(section.string("encoding")) + "\"; nn reads " + written + " (corrupted, or written by"
          + " another program)");
    }
  }

  /**
   * The exact size of every entry besides model.yaml, as model.yaml declares it, checked against the widths
   * before any of those bytes is inflated: a dense network has one parameter per edge, a structured one at
   * most that many.
   */
  private static Map<String, Long> entrySizes(Path file, YamlFields f) {
    int[] widths = f.integers("widths", 1, Integer.MAX_VALUE);
    if (widths.length < 2) {
      throw new ModelFormatException(file, META + " is inconsistent: widths must name an input and an output layer,"
          + " found " + widths.length + " width" + (widths.length == 1 ? "" : "s"));
    }
    long edges = 0;
    for (int l = 1; l < widths.length && edges <= MAX_EDGES; l++) {
      edges += ((long) widths[l - 1] + 1) * widths[l]; // below 2^63: each term is below 2^62, and the sum stops early
    }
    if (edges > MAX_EDGES) {
      throw new ModelFormatException(file, META + " is inconsistent: widths " + Printable.of(Arrays.toString(widths))
          + " need more than " + MAX_EDGES + " weights and biases, more than a model file holds");
    }
    int count = f.fields("weights").integer("count", 0, Integer.MAX_VALUE);
    requireEncoding(file, f.fields("weights"), "weights", "float64-le");
    Map<String, Long> sizes = new HashMap<>();
    sizes.put(WEIGHTS, 8L * count);
    if (f.isNull("structure")) {
      if (count != edges) {
        throw new ModelFormatException(file, META + " is inconsistent: weights.count is " + count + ", but widths "
            + Printable.of(Arrays.toString(widths)) + " need " + edges + " weights and biases");
      }
    } else {
      int declared = f.fields("structure").integer("edges", 0, Integer.MAX_VALUE);
      if (declared != edges || count > edges) {
        throw new ModelFormatException(file, META + " is inconsistent: structure.edges is " + declared
            + " and weights.count " + count + ", but widths " + Printable.of(Arrays.toString(widths)) + " have "
            + edges + " edges (a structure has one entry per edge, and at most one parameter per edge)");
      }
      sizes.put(STRUCTURE, 4L * edges);
    }
    requireRoom(file, count, edges, Runtime.getRuntime().maxMemory());
    return sizes;
  }

  /**
   * Refuses a model too large for this JVM before reading it, rather than running out of memory half-way: 23 bytes
   * a parameter and 23 an edge, as measured (a 9.2-million-parameter model loaded and predicted with 420 MB of heap
   * and ran out at 400 MB; 16 and 16 had been counted, which passed it at 300 MB). The bytes read, the values, the
   * network's edges and their gradient, and the room the heap needs to place such arrays whole.
   */
  static void requireRoom(Path file, long count, long edges, long maxMemory) {
    long needed = 23 * count + 23 * edges;
    if (needed > maxMemory) {
      long suggested = ((needed + needed / 4 >> 20) / 100 + 1) * 100;
      throw new ModelFormatException(file, "needs about " + (needed >> 20) + " MiB to load its "
          + dev.nn.core.text.Grouped.of(count) + " parameters, more than the " + (maxMemory >> 20) + " MiB this JVM may"
          + " use (raise -Xmx, e.g. NN_JAVA_OPTS=-Xmx" + suggested + "m)");
    }
  }

  /** Refuses a part that the file's format version does not have. */
  private static void requireVersion(Path file, ArchiveFormat.Opened opened, int since, String part) {
    if (opened.version() < since) {
      throw new ModelFormatException(file, META + " holds " + part + ", which format version " + opened.version()
          + " does not have (corrupted, or written by another program)");
    }
  }

  /** The precision the model was trained in: float64 when model.yaml does not say. */
  private static Precision precision(Path file, String name) {
    if (name == null) {
      return Precision.FLOAT64;
    }
    try {
      return Precision.named(name);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, META + " \"precision\" must be float64 or float32, found \""
          + Printable.of(name) + "\"");
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
