package dev.nn.core.run;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Typed access to one YAML mapping of a run file, failing with the file, the part and the key. Also how run
 * files write YAML, and how they write a double so that it reads back bit for bit.
 */
final class YamlFields {
  private final Path file;
  private final String part;
  private final Map<?, ?> map;

  YamlFields(Path file, String part, Map<?, ?> map) {
    this.file = file;
    this.part = part;
    this.map = map;
  }

  /** A block-style dumper. */
  static Yaml dumper() {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setWidth(120);
    return new Yaml(new Representer(o), o);
  }

  /** Parses {@code text}, which must be one mapping, with the safe loader (no YAML tag creates a class). */
  static YamlFields parse(Path file, String part, String text) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new RunFileException(file, part + " is corrupted: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(doc instanceof Map)) {
      throw new RunFileException(file, part + " is not a YAML mapping");
    }
    return new YamlFields(file, part, (Map<?, ?>) doc);
  }

  /**
   * A double as YAML writes it: SnakeYAML prints {@link Double#toString}, which reads back exactly, and
   * {@code .NaN} for NaN; a NaN with other bits, whose bits {@code .NaN} would lose, is kept as a string of
   * its bits.
   */
  static Object real(double v) {
    return Double.isNaN(v) && Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(Double.NaN)
        ? HistoryCsv.text(v) : (Object) v;
  }

  /** The mapping. */
  Map<?, ?> map() {
    return map;
  }

  private Object get(String key) {
    Object v = map.get(key);
    if (v == null) {
      throw fail("has no \"" + key + "\"");
    }
    return v;
  }

  /** Whether {@code key} is absent or null. */
  boolean isNull(String key) {
    return map.get(key) == null;
  }

  RunFileException fail(String problem) {
    return new RunFileException(file, part + " " + problem + " (corrupted, or written by another program)");
  }

  String string(String key) {
    Object v = get(key);
    if (!(v instanceof String)) {
      throw fail("\"" + key + "\" must be text, found " + v);
    }
    return (String) v;
  }

  long integer(String key) {
    return integer(key, get(key));
  }

  private long integer(String key, Object v) {
    if (!(v instanceof Integer || v instanceof Long)) {
      throw fail("\"" + key + "\" must be a whole number, found " + v
          + (v instanceof BigInteger ? " (too large)" : ""));
    }
    return ((Number) v).longValue();
  }

  /** A whole number in {@code [min, max]}. */
  int integer(String key, int min, int max) {
    long v = integer(key);
    if (v < min || v > max) {
      throw fail("\"" + key + "\" must be in [" + min + ", " + max + "], found " + v);
    }
    return (int) v;
  }

  double real(String key) {
    return real(key, get(key));
  }

  private double real(String key, Object v) {
    if (v instanceof Double || v instanceof Integer || v instanceof Long) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String && ((String) v).startsWith("nan-bits:")) {
      try {
        return HistoryCsv.real((String) v);
      } catch (NumberFormatException e) {
        throw fail("\"" + key + "\" has bad NaN bits: " + v);
      }
    }
    throw fail("\"" + key + "\" must be a number, found " + v);
  }

  YamlFields fields(String key) {
    Object v = get(key);
    if (!(v instanceof Map)) {
      throw fail("\"" + key + "\" must be a mapping, found " + v);
    }
    return new YamlFields(file, part, (Map<?, ?>) v);
  }

  List<?> list(String key) {
    Object v = get(key);
    if (!(v instanceof List)) {
      throw fail("\"" + key + "\" must be a list, found " + v);
    }
    return (List<?>) v;
  }

  /** A list of whole numbers. */
  long[] integers(String key, Object list) {
    if (!(list instanceof List)) {
      throw fail("\"" + key + "\" must be a list of whole numbers, found " + list);
    }
    List<?> l = (List<?>) list;
    long[] out = new long[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = integer(key, l.get(i));
    }
    return out;
  }
}
