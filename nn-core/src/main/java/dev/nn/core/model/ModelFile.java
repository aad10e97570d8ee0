package dev.nn.core.model;

import dev.nn.core.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The model file format, version {@value #VERSION}: a ZIP archive holding
 * <ul>
 *   <li>{@code model.yaml} — format name and version, the nn version that wrote it, feature names, the
 *       scaler, targets, class labels, widths, the activation of every layer and the loss (each by name,
 *       version and settings), and the parameter count and SHA-256 of the weights;
 *   <li>{@code weights.bin} — every free parameter in store order (for a dense network W(1), b(1), …,
 *       W(L+1), b(L+1), each W row-major n(l−1)×n(l)) as little-endian IEEE-754 float64;
 *   <li>{@code structure.bin}, only for a network with shared or absent edges — for every edge in that
 *       order, the index of its free parameter in {@code weights.bin}, or −1 for an absent edge, as
 *       little-endian int32.
 * </ul>
 * No Java serialization: both parts are readable without nn. The archive's CRCs and the weights' SHA-256
 * catch truncation and corruption.
 */
public final class ModelFile {
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;
  static final String FORMAT = "nn-model";

  private ModelFile() {}

  /** Writes the model atomically. */
  public static void write(Path file, ModelSpec spec, double[] params, String nnVersion) {
    byte[] weights = encode(params);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("format-version", VERSION);
    meta.put("nn-version", nnVersion);
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
    w.put("sha256", sha256(weights));
    meta.put("weights", w);
    byte[] structure = spec.slotOf() == null ? null : encode(spec.slotOf());
    if (structure != null) {
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("edges", spec.slotOf().length);
      st.put("encoding", "int32-le");
      st.put("sha256", sha256(structure));
      meta.put("structure", st);
    }
    byte[] yaml = yaml().dump(meta).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> {
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        put(zip, "model.yaml", yaml);
        put(zip, "weights.bin", weights);
        if (structure != null) {
          put(zip, "structure.bin", structure);
        }
      }
    });
  }

  /** A model file's content. */
  public record Contents(ModelSpec spec, double[] params, String nnVersion) {}

  /**
   * Reads a model file.
   *
   * @throws ModelFormatException naming the file and what is wrong with it
   */
  public static Contents read(Path file) {
    byte[] yaml = null;
    byte[] weights = null;
    byte[] structure = null;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals("model.yaml")) {
          yaml = readAll(zip);
        } else if (e.getName().equals("weights.bin")) {
          weights = readAll(zip);
        } else if (e.getName().equals("structure.bin")) {
          structure = readAll(zip);
        }
      }
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(file, "no such file");
    } catch (ZipException | EOFException e) {
      throw new ModelFormatException(file, "not a readable model file (truncated or corrupted: " + e.getMessage() + ")");
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot read: " + e.getMessage());
    }
    if (yaml == null || weights == null) {
      throw new ModelFormatException(file, "not an nn model file (expected model.yaml and weights.bin inside; "
          + "it may be truncated)");
    }
    Map<?, ?> meta;
    try {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(yaml, StandardCharsets.UTF_8));
      if (!(doc instanceof Map)) {
        throw new ModelFormatException(file, "model.yaml is not a mapping");
      }
      meta = (Map<?, ?>) doc;
    } catch (YAMLException e) {
      throw new ModelFormatException(file, "model.yaml is corrupted: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Fields f = new Fields(file, meta);
    if (!FORMAT.equals(f.string("format"))) {
      throw new ModelFormatException(file, "not an nn model file (format is \"" + meta.get("format") + "\")");
    }
    int version = f.integer("format-version");
    if (version != VERSION) {
      throw new ModelFormatException(file, "format version " + version + " is not supported; this nn reads version "
          + VERSION);
    }
    Map<?, ?> w = f.map("weights");
    Fields wf = new Fields(file, w);
    int count = wf.integer("count");
    if (weights.length != 8L * count) {
      throw new ModelFormatException(file, "weights.bin holds " + weights.length + " bytes, expected " + 8L * count
          + " for " + count + " parameters (truncated or corrupted)");
    }
    if (!sha256(weights).equals(wf.string("sha256"))) {
      throw new ModelFormatException(file, "weights.bin does not match its SHA-256 (corrupted)");
    }
    int[] slotOf = null;
    if (meta.get("structure") != null) {
      Fields sf = new Fields(file, f.map("structure"));
      int edges = sf.integer("edges");
      if (structure == null || structure.length != 4L * edges) {
        throw new ModelFormatException(file, "structure.bin is missing or does not hold " + edges
            + " edges (truncated or corrupted)");
      }
      if (!sha256(structure).equals(sf.string("sha256"))) {
        throw new ModelFormatException(file, "structure.bin does not match its SHA-256 (corrupted)");
      }
      slotOf = decodeInts(structure);
    }
    double[] means = null;
    double[] scales = null;
    if (meta.get("scaler") != null) {
      Fields s = new Fields(file, f.map("scaler"));
      means = s.doubles("means");
      scales = s.doubles("scales");
    }
    List<PluginUse> activations = new ArrayList<>();
    for (Object a : f.list("activations")) {
      activations.add(pluginUse(file, a));
    }
    List<Object> widthList = f.list("widths");
    int[] widths = new int[widthList.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = ((Number) widthList.get(i)).intValue();
    }
    try {
      ModelSpec spec = new ModelSpec(f.strings("features"), means, scales, f.strings("targets"), f.strings("classes"),
          widths, activations, pluginUse(file, meta.get("loss")), slotOf);
      return new Contents(spec, decode(weights), f.string("nn-version"));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new ModelFormatException(file, "model.yaml is inconsistent: " + e.getMessage());
    }
  }

  private static Map<String, Object> plugin(PluginUse p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("version", p.version());
    m.put("settings", new LinkedHashMap<>(new java.util.TreeMap<>(p.settings())));
    return m;
  }

  private static PluginUse pluginUse(Path file, Object o) {
    if (!(o instanceof Map)) {
      throw new ModelFormatException(file, "model.yaml: a plugin entry is not a mapping: " + o);
    }
    Fields p = new Fields(file, (Map<?, ?>) o);
    Map<String, Object> settings = new LinkedHashMap<>();
    Object s = ((Map<?, ?>) o).get("settings");
    if (s instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) s).entrySet()) {
        settings.put(String.valueOf(e.getKey()), e.getValue());
      }
    }
    return new PluginUse(p.string("name"), p.string("version"), settings);
  }

  private static List<Double> toList(double[] a) {
    List<Double> l = new ArrayList<>(a.length);
    for (double v : a) {
      l.add(v);
    }
    return l;
  }

  private static Yaml yaml() {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setWidth(120);
    return new Yaml(new Representer(o), o);
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(0L); // reproducible bytes: the same model always writes the same file
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  static byte[] encode(double[] params) {
    ByteBuffer b = ByteBuffer.allocate(8 * params.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(params);
    return b.array();
  }

  static byte[] encode(int[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    return b.array();
  }

  static int[] decodeInts(byte[] bytes) {
    int[] out = new int[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }

  static double[] decode(byte[] bytes) {
    double[] out = new double[bytes.length / 8];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Typed access to model.yaml's fields, failing with the file and key. */
  private static final class Fields {
    private final Path file;
    private final Map<?, ?> map;

    Fields(Path file, Map<?, ?> map) {
      this.file = file;
      this.map = map;
    }

    private Object get(String key) {
      Object v = map.get(key);
      if (v == null) {
        throw new ModelFormatException(file, "model.yaml has no \"" + key + "\"");
      }
      return v;
    }

    String string(String key) {
      return String.valueOf(get(key));
    }

    int integer(String key) {
      Object v = get(key);
      if (!(v instanceof Integer)) {
        throw new ModelFormatException(file, "model.yaml: \"" + key + "\" must be an integer, found " + v);
      }
      return (Integer) v;
    }

    Map<?, ?> map(String key) {
      Object v = get(key);
      if (!(v instanceof Map)) {
        throw new ModelFormatException(file, "model.yaml: \"" + key + "\" must be a mapping");
      }
      return (Map<?, ?>) v;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String key) {
      Object v = get(key);
      if (!(v instanceof List)) {
        throw new ModelFormatException(file, "model.yaml: \"" + key + "\" must be a list");
      }
      return (List<Object>) v;
    }

    List<String> strings(String key) {
      List<String> out = new ArrayList<>();
      for (Object o : list(key)) {
        out.add(String.valueOf(o));
      }
      return out;
    }

    double[] doubles(String key) {
      List<Object> l = list(key);
      double[] out = new double[l.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(l.get(i) instanceof Number)) {
          throw new ModelFormatException(file, "model.yaml: \"" + key + "\" must hold numbers, found " + l.get(i));
        }
        out[i] = ((Number) l.get(i)).doubleValue();
      }
      return out;
    }
  }
}
