package dev.nn.core.io;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Typed access to one YAML mapping that nn wrote into a file (a model's {@code model.yaml}, a checkpoint's
 * header), failing with one line that names the file, the part and the key. Also how those files write
 * YAML, and how they write a double so that it reads back bit for bit.
 *
 * <p>A key that appears twice is refused: SnakeYAML would otherwise keep the last one silently, and a file
 * whose two values disagree is corrupted or hand-edited, not something to guess about. The loader's limits
 * (size, aliases, nesting) keep a hostile header from costing more than a moment; a value quoted in a
 * message is cut to one short line.
 */
public final class YamlFields {
  private final Path file;
  private final String part;
  private final Map<?, ?> map;
  private final FileProblem problem;
  /** Nesting of lists and mappings: nn's headers nest four deep at most. */
  private static final int MAX_DEPTH = 20;
  /** Aliases to lists or mappings: nn writes none; a few are harmless, many expand without bound. */
  private static final int MAX_ALIASES = 10;
  /** The longest line a header may have: far above any nn writes (a feature name is one line). */
  static final int MAX_LINE_CHARS = 16 * 1024;

  private YamlFields(Path file, String part, Map<?, ?> map, FileProblem problem) {
    this.file = file;
    this.part = part;
    this.map = map;
    this.problem = problem;
  }

  /** The text of {@code map} as block-style YAML, the style of every YAML file nn writes. */
  public static String dump(Map<String, ?> map) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setWidth(120);
    return new Yaml(new Representer(o), o).dump(map);
  }

  /**
   * Reads the file {@code file}, which nn wrote, as one mapping; see {@link #parse}.
   *
   * @throws RuntimeException of {@code problem}'s type when the file cannot be read or is not such a mapping
   */
  public static YamlFields read(Path file, FileProblem problem) {
    String text;
    try {
      text = TextFiles.read(file);
    } catch (java.io.IOException e) {
      throw problem.at(file, "cannot be read: " + SystemReason.message(e), e);
    }
    return parse(file, file.getFileName().toString(), text, problem);
  }

  /**
   * Parses {@code text}, which must be one mapping without repeated keys, with the safe loader (no YAML tag
   * creates a class).
   *
   * @param part the entry the text came from, for messages: "model.yaml"
   */
  public static YamlFields parse(Path file, String part, String text, FileProblem problem) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(ArchiveFormat.MAX_HEADER_BYTES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    if (text.length() > ArchiveFormat.MAX_HEADER_BYTES) {
      throw problem.at(file, part + " holds more than " + ArchiveFormat.MAX_HEADER_BYTES + " characters (corrupted)");
    }
    requireShortLines(file, part, text, problem);
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(options)).load(text);
    } catch (DuplicateKeyException e) {
      String key = e.getProblem().replaceFirst("^found duplicate key ", "");
      throw problem.at(file, part + " has the key \"" + Printable.of(key) + "\" twice (line " + (e.getProblemMark().getLine() + 1)
          + "; corrupted, or written by another program)");
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      // the parser's own problem and where: "expected ',' or '}', but got <stream end> (line 3, column 1)"
      throw problem.at(file, part + " is corrupted: " + Printable.of(String.valueOf(e.getProblem())) + " (line "
          + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1) + ")");
    } catch (YAMLException e) {
      String message = String.valueOf(e.getMessage());
      throw problem.at(file, part + " is corrupted: " + (message.startsWith("Number of aliases")
          ? "it repeats lists or mappings through more than " + MAX_ALIASES + " aliases"
          : Printable.of(message.lines().findFirst().orElse(""))));
    }
    if (!(doc instanceof Map)) {
      throw problem.at(file, part + " is not a YAML mapping");
    }
    return new YamlFields(file, part, (Map<?, ?>) doc, problem);
  }

  /**
   * Refuses a line longer than {@value #MAX_LINE_CHARS} characters before the parser sees it: nn writes lines of
   * about 120 characters, and SnakeYAML takes seconds over one plain scalar of a megabyte, while the same
   * megabyte in short lines parses at once.
   */
  private static void requireShortLines(Path file, String part, String text, FileProblem problem) {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > MAX_LINE_CHARS) {
          throw problem.at(file, part + " line " + line + " holds " + (i - start) + " characters, more than the "
              + MAX_LINE_CHARS + " a line may hold (corrupted, or not written by nn)");
        }
        line++;
        start = i + 1;
      }
    }
  }

  /**
   * A double as YAML should hold it: SnakeYAML prints {@link Double#toString}, which reads back exactly, and
   * {@code .NaN} for NaN; a NaN with other bits, whose bits {@code .NaN} would lose, is kept as the text of
   * {@link DoubleText}.
   */
  public static Object real(double v) {
    return Double.isNaN(v) && !DoubleText.isPlainNaN(v) ? DoubleText.format(v) : (Object) v;
  }

  /** A problem with this mapping, naming the file and the part. */
  RuntimeException fail(String what) {
    return problem.at(file, part + " " + what + " (corrupted, or written by another program)");
  }

  private Object get(String key) {
    Object v = map.get(key);
    if (v == null) {
      throw fail("has no \"" + key + "\"");
    }
    return v;
  }

  /** Whether {@code key} is absent or null. */
  public boolean isNull(String key) {
    return map.get(key) == null;
  }

  /** The value of {@code key} as it was read, or null, for a message about an unexpected value. */
  Object raw(String key) {
    return map.get(key);
  }

  /** A text value. */
  public String string(String key) {
    Object v = get(key);
    if (!(v instanceof String)) {
      throw fail("\"" + key + "\" must be text, found " + shown(v));
    }
    return (String) v;
  }

  /** A value as a message shows it; text that reads as a number is quoted, so that the text "2" is not the number 2. */
  private static String shown(Object v) {
    return v instanceof String text && text.length() <= 40 && text.matches("[-+]?[0-9][0-9._eE+-]*")
        ? "the text \"" + text + "\"" : Printable.of(v);
  }

  /** A whole number. */
  public long integer(String key) {
    return integer(key, get(key));
  }

  private long integer(String key, Object v) {
    if (!(v instanceof Integer || v instanceof Long)) {
      throw fail("\"" + key + "\" must be a whole number, found " + shown(v) + (v instanceof BigInteger ? " (too large)" : ""));
    }
    return ((Number) v).longValue();
  }

  /** A whole number in {@code [min, max]}. */
  public int integer(String key, int min, int max) {
    long v = integer(key);
    if (v < min || v > max) {
      throw fail("\"" + key + "\" must be in [" + min + ", " + max + "], found " + v);
    }
    return (int) v;
  }

  /** A number, read bit for bit as {@link #real(double)} wrote it. */
  public double real(String key) {
    return real(key, get(key));
  }

  private double real(String key, Object v) {
    if (v instanceof Double || v instanceof Integer || v instanceof Long) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String && DoubleText.isNanBits((String) v)) {
      try {
        return DoubleText.parse((String) v);
      } catch (NumberFormatException e) {
        throw fail("\"" + key + "\" has bad NaN bits: " + Printable.of(v));
      }
    }
    throw fail("\"" + key + "\" must be a number, found " + shown(v));
  }

  /** A nested mapping. */
  public YamlFields fields(String key) {
    Object v = get(key);
    if (!(v instanceof Map)) {
      throw fail("\"" + key + "\" must be a mapping, found " + shown(v));
    }
    return new YamlFields(file, part, (Map<?, ?>) v, problem);
  }

  /** A list of anything. */
  List<?> list(String key) {
    Object v = get(key);
    if (!(v instanceof List)) {
      throw fail("\"" + key + "\" must be a list, found " + shown(v));
    }
    return (List<?>) v;
  }

  /** A list of nested mappings. */
  public List<YamlFields> fieldsList(String key) {
    List<YamlFields> out = new ArrayList<>();
    for (Object o : list(key)) {
      if (!(o instanceof Map)) {
        throw fail("\"" + key + "\" must hold mappings, found " + Printable.of(o));
      }
      out.add(new YamlFields(file, part, (Map<?, ?>) o, problem));
    }
    return out;
  }

  /** A list of values, each as its text (a feature name that YAML read as a number stays that name). */
  public List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (Object o : list(key)) {
      if (o == null || o instanceof Map || o instanceof List) {
        throw fail("\"" + key + "\" must hold names, found " + Printable.of(o));
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  /** A list of whole numbers. */
  public long[] integers(String key) {
    List<?> l = list(key);
    long[] out = new long[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = integer(key, l.get(i));
    }
    return out;
  }

  /** A list of whole numbers in {@code [min, max]}. */
  public int[] integers(String key, int min, int max) {
    long[] l = integers(key);
    int[] out = new int[l.length];
    for (int i = 0; i < out.length; i++) {
      if (l[i] < min || l[i] > max) {
        throw fail("\"" + key + "\" must hold numbers in [" + min + ", " + max + "], found " + l[i]);
      }
      out[i] = (int) l[i];
    }
    return out;
  }

  /** A list of numbers. */
  public double[] reals(String key) {
    List<?> l = list(key);
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = real(key, l.get(i));
    }
    return out;
  }

  /**
   * A mapping whose values are kept as YAML read them (a plugin's settings), keys as text; empty when
   * {@code key} is absent.
   */
  public Map<String, Object> settings(String key) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    Object v = map.get(key);
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map)) {
      throw fail("\"" + key + "\" must be a mapping, found " + shown(v));
    }
    for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
      out.put(String.valueOf(e.getKey()), e.getValue());
    }
    return out;
  }
}
