package dev.nn.core.config;

import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Suggestions;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of composed YAML nodes and collects every problem found on the way, each
 * placed at its node's line and column. A getter that finds a problem reports it and returns
 * {@code null}, so that reading goes on and all problems are reported together.
 */
final class NodeReader {

  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Map<Node, String> overrides = new IdentityHashMap<>();
  private final Set<Node> rejected = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Path fileDirectory;
  private final Path workingDirectory;

  /**
   * @param fileDirectory what relative paths in the file resolve against
   * @param workingDirectory what relative paths in {@code --set} overrides resolve against
   */
  NodeReader(Path fileDirectory, Path workingDirectory) {
    this.fileDirectory = fileDirectory;
    this.workingDirectory = workingDirectory;
  }

  /** Records that {@code node} was written by the override {@code text} rather than in the file. */
  void markOverride(Node node, String text) {
    overrides.put(node, text);
  }

  /** The override that wrote {@code node}, or {@code null} when the file did. */
  String overrideOf(Node node) {
    return node == null ? null : overrides.get(node);
  }

  /**
   * For a key that holds a letter outside ASCII (every key nn reads is ASCII): which letter, by its Unicode name, so
   * that "unknown key "еpochs", did you mean epochs" does not read as the same word twice (a Cyrillic е).
   */
  static String lookalike(String key) {
    for (int i = 0; i < key.length(); ) {
      int cp = key.codePointAt(i);
      if (isInvisible(cp)) {
        return " (it holds U+" + String.format("%04X", cp) + " " + Character.getName(cp) + ", which looks like a"
            + " space or nothing but is not one YAML indents or separates with: it is read as part of the key; write"
            + " plain spaces)";
      }
      if (cp > 0x7F && Character.isLetter(cp)) {
        return " (its \"" + new String(Character.toChars(cp)) + "\" is U+" + String.format("%04X", cp) + " "
            + Character.getName(cp) + ", not an ASCII letter)";
      }
      i += Character.charCount(cp);
    }
    return "";
  }

  /** A space other than ASCII's (a no-break space, an em space) or an invisible format character (a zero-width space). */
  private static boolean isInvisible(int cp) {
    return cp > 0x7F && (Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT);
  }

  /** {@code key} without the characters {@link #isInvisible} finds, and stripped: what the user sees of it. */
  private static String visible(String key) {
    StringBuilder b = new StringBuilder();
    key.codePoints().filter(cp -> !isInvisible(cp)).forEach(b::appendCodePoint);
    return b.toString().strip();
  }

  /** Records that {@code node} carries a forbidden tag (already reported): getters skip it silently. */
  void reject(Node node) {
    rejected.add(node);
  }

  /** Whether {@code node} carries a forbidden tag. */
  boolean isRejected(Node node) {
    return rejected.contains(node);
  }

  /** Where each key was read, by its name: the mappings' paths, for an unknown key that another mapping takes. */
  private final java.util.Map<String, java.util.Set<String>> keyPlaces = new java.util.HashMap<>();

  /** Notes that the mapping at {@code path} takes {@code keys}. */
  void keysOf(String path, Collection<String> keys) {
    for (String key : keys) {
      keyPlaces.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(anyIndex(path));
    }
  }

  /** A reader of the same folders with no problems and no keys yet, to read a mapping aside. */
  NodeReader scratch() {
    return new NodeReader(fileDirectory, workingDirectory);
  }

  /** Notes the keys {@code other} read as keys this reader's experiment takes too. */
  void learnKeysFrom(NodeReader other) {
    other.keyPlaces.forEach((key, places) -> keyPlaces.computeIfAbsent(key, k -> new java.util.TreeSet<>())
        .addAll(places));
  }

  /** {@code path} with its list indices as "[n]": every layer takes the keys one does. */
  private static String anyIndex(String path) {
    return path.replaceAll("\\[\\d+\\]", "[n]");
  }

  /** The problems found so far, in the order found. */
  List<ConfigProblem> problems() {
    return problems;
  }

  /**
   * The problems found, once every mapping was read: an unknown key that another mapping of the experiment takes says
   * where it belongs ({@code standardize-targets} on a source, which is a key of {@code data}): the list of the
   * mapping's own keys gave no hint.
   */
  List<ConfigProblem> problemsPlaced() {
    for (int i = 0; i < problems.size(); i++) {
      ConfigProblem p = problems.get(i);
      // a list or mapping under a plugin that does not name the key as its setting is refused for its type, though
      // the key is one another section takes (class-weights under loss): placed as an unknown key is
      boolean unknown = p.id() == ProblemId.UNKNOWN_KEY || p.id() == ProblemId.UNKNOWN_SETTING
          || p.id() == ProblemId.BAD_OVERRIDE && (p.message().contains(": unknown key \"")
              || p.message().contains(": unknown setting \""))
          || p.id() == ProblemId.WRONG_TYPE && p.message().startsWith(PluginRefs.NOT_A_SETTING_VALUE);
      if (!unknown) {
        continue;
      }
      int dot = p.path().lastIndexOf('.');
      String key = p.path().substring(dot + 1);
      String parent = anyIndex(dot < 0 ? "" : p.path().substring(0, dot));
      java.util.Set<String> places = keyPlaces.getOrDefault(key, java.util.Set.of());
      List<String> elsewhere = places.stream().filter(place -> !place.equals(parent))
          .map(place -> place.isEmpty() ? "the experiment's top level" : place).toList();
      String hint = "; \"" + key + "\" is a key of " + String.join(" and of ", elsewhere);
      // a name many mappings take (name, path) places nothing
      if (!elsewhere.isEmpty() && elsewhere.size() <= 2 && !p.message().contains(hint)) {
        problems.set(i, new ConfigProblem(p.id(), p.path(), p.line(), p.column(), p.message() + hint, p.allowed(),
            p.suggestions()));
      }
    }
    return problems;
  }

  /** The first exception a plugin's own code threw behind a problem (its create()), or {@code null}. */
  private Throwable cause;

  /** Keeps {@code thrown}, the first one only: what {@code --debug} shows of the problems' origin. */
  void causedBy(Throwable thrown) {
    if (cause == null) {
      cause = thrown;
    }
  }

  /** {@link #causedBy}'s exception, or {@code null}. */
  Throwable cause() {
    return cause;
  }

  /** Where {@code node} was written, for records: 1-based, or 0 and 0 for overrides and defaults. */
  Position position(String path, Node node) {
    if (node == null) {
      return Position.unknown(path);
    }
    String override = overrideOf(node);
    if (override != null) {
      // a problem found after reading says which --set gave the value ({@link Position#place})
      return new Position(path, 0, 0, quotedOverride(override));
    }
    return new Position(path, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }

  void report(ProblemId id, String path, Node at, String message) {
    report(id, path, at, message, "", List.of());
  }

  void report(ProblemId id, String path, Node at, String message, String allowed) {
    report(id, path, at, message, allowed, List.of());
  }

  /** Reports a problem at {@code at}'s line and column, naming the override when one wrote it. */
  void report(ProblemId id, String path, Node at, String message, String allowed, List<String> suggestions) {
    Position p = position(path, at);
    String override = overrideOf(at);
    String text = override == null ? message : message + " (from --set " + quotedOverride(override) + ")";
    problems.add(new ConfigProblem(id, path, p.line(), p.column(), text, allowed, suggestions));
  }

  /** Adds problems found elsewhere, already placed. */
  void addAll(Collection<ConfigProblem> found) {
    problems.addAll(found);
  }

  /**
   * Reports a key nobody asked for, with "did you mean" among {@code candidates}. A key written by an
   * override is a bad override rather than an unknown key in the file.
   *
   * @param message e.g. {@code unknown key "lerning-rate"}
   */
  void unknownKey(String path, Node keyNode, String key, String message, String allowed, Collection<String> candidates) {
    List<String> suggestions = Suggestions.closest(visible(key), candidates);
    message += lookalike(key);
    String override = overrideOf(keyNode);
    if (override != null) {
      problems.add(
          new ConfigProblem(ProblemId.BAD_OVERRIDE, path, 0, 0, "--set " + Excerpt.of(override, 200) + ": " + message,
              allowed, suggestions));
    } else {
      report(ProblemId.UNKNOWN_KEY, path, keyNode, message, allowed, suggestions);
    }
  }

  /** Whether {@code node} is absent or YAML's null ({@code ~}, {@code null} or nothing). */
  static boolean isNull(Node node) {
    return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
  }

  /** "found" text for messages: {@code "abc"}, {@code -0.001}, {@code a list}, {@code nothing}. */
  static String describe(Node node) {
    if (isNull(node)) {
      return "nothing";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) node;
    if (Tag.STR.equals(s.getTag())) {
      return "\"" + Excerpt.of(s.getValue()) + "\"";
    }
    // a tag that makes the text another type than it reads as (epochs: !!float 1): "found 1" alone contradicted
    // "expected an integer"
    Tag plain = IMPLICIT.resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, s.getValue(), true);
    return Excerpt.of(s.getValue()) + (plain.equals(s.getTag()) ? "" : " tagged " + s.getTag().getValue()
        .replace(Tag.PREFIX, "!!") + " (drop the tag)");
  }

  /** How YAML reads a plain scalar's type from its text alone. */
  private static final org.yaml.snakeyaml.resolver.Resolver IMPLICIT = new YamlSource.PlainResolver();

  private void wrongType(String path, Node node, String expected) {
    report(ProblemId.WRONG_TYPE, path, node, "expected " + expected + ", found " + describe(node), expected);
  }

  /**
   * Whether {@code node} is a number with a leading zero ({@link Scalars#isZeroPadded}), reported: read as YAML
   * 1.1 has it, {@code epochs: 010} would train 8 epochs without a word.
   */
  private boolean zeroPadded(Node node, String path) {
    if (!(node instanceof ScalarNode s) || !Scalars.isZeroPadded(s)) {
      return false;
    }
    String text = s.getValue().trim();
    BigInteger octal = Scalars.parseInteger(s);
    String decimal = text.replaceFirst("^([-+]?)[0_]+(?=\\d)", "$1");
    report(ProblemId.WRONG_TYPE, path, node, Excerpt.of(text) + " has a leading zero, which YAML 1.1 reads as the"
        + " octal number " + octal + " and YAML 1.2 as " + decimal + "; write the number without it",
        "a number without leading zeros (" + decimal + ")");
    return true;
  }

  /** A mapping, or {@code null} after reporting. */
  MapView mapping(Node node, String path) {
    if (isRejected(node)) {
      return null;
    }
    if (!(node instanceof MappingNode)) {
      wrongType(path, node, "a mapping");
      return null;
    }
    return new MapView(this, (MappingNode) node, path);
  }

  /** The entries of a list, or {@code null} after reporting. */
  List<Node> sequence(Node node, String path, String expected) {
    if (isRejected(node)) {
      return null;
    }
    if (!(node instanceof SequenceNode)) {
      wrongType(path, node, expected);
      return null;
    }
    return ((SequenceNode) node).getValue();
  }

  /** A scalar's text, or {@code null} after reporting. */
  String string(Node node, String path, String expected) {
    if (isRejected(node)) {
      return null;
    }
    if (!(node instanceof ScalarNode) || isNull(node)) {
      wrongType(path, node, expected);
      return null;
    }
    return ((ScalarNode) node).getValue();
  }

  /** Whether {@code node} is the plain word {@code word}, as in {@code units: auto}. */
  static boolean isWord(Node node, String word) {
    return node instanceof ScalarNode && Tag.STR.equals(node.getTag()) && word.equals(((ScalarNode) node).getValue());
  }

  /** An integer in [min, max], or {@code null} after reporting. */
  Long integer(Node node, String path, long min, long max, String expected) {
    if (isRejected(node) || zeroPadded(node, path)) {
      return null;
    }
    BigInteger v = node instanceof ScalarNode ? Scalars.parseInteger((ScalarNode) node) : null;
    if (v == null) {
      wrongType(path, node, expected);
      return null;
    }
    String text = ((ScalarNode) node).getValue();
    if (v.compareTo(BigInteger.valueOf(min)) < 0) {
      report(ProblemId.OUT_OF_RANGE, path, node, "must be >= " + min + ", found " + Excerpt.of(text),
          withRange(expected, min, max));
      return null;
    }
    if (v.compareTo(BigInteger.valueOf(max)) > 0) {
      report(ProblemId.OUT_OF_RANGE, path, node, "must be <= " + max + ", found " + Excerpt.of(text),
          withRange(expected, min, max));
      return null;
    }
    return v.longValue();
  }

  /**
   * {@code expected} stating the whole range [min, max] where it says only "an integer" or "an integer >= min":
   * a value refused for being out of range is told both bounds, so the allowed text never admits it.
   */
  static String withRange(String expected, long min, long max) {
    String range = "an integer from " + min + " to " + max;
    String atLeast = "an integer >= " + min;
    int at = expected.indexOf(atLeast);
    if (at >= 0 && !Character.isDigit(charAt(expected, at + atLeast.length()))) {
      return expected.substring(0, at) + range + expected.substring(at + atLeast.length());
    }
    at = expected.indexOf("an integer");
    int after = at + "an integer".length();
    if (at >= 0 && (after == expected.length() || !Character.isLetterOrDigit(expected.charAt(after))
        && expected.charAt(after) != ' ')) {
      return expected.substring(0, at) + range + expected.substring(after);
    }
    return expected;
  }

  private static char charAt(String s, int i) {
    return i < s.length() ? s.charAt(i) : ' ';
  }

  /** An int in [min, {@link Integer#MAX_VALUE}], or {@code null} after reporting. */
  Integer count(Node node, String path, int min) {
    Long v = integer(node, path, min, Integer.MAX_VALUE, "an integer >= " + min);
    return v == null ? null : v.intValue();
  }

  /** A number in {@code range}, or {@code null} after reporting. */
  Double number(Node node, String path, dev.nn.spi.Range range) {
    return number(node, path, range, range.describe());
  }

  /**
   * {@link #number(Node, String, dev.nn.spi.Range)} of a key that also takes a word, which {@code allowed} names
   * with the range ("off, or a number of minutes > 0"): a number out of range is told both.
   */
  Double number(Node node, String path, dev.nn.spi.Range range, String allowed) {
    if (isRejected(node) || zeroPadded(node, path)) {
      return null;
    }
    Double v = node instanceof ScalarNode ? Scalars.parseNumber((ScalarNode) node) : null;
    if (v == null) {
      wrongType(path, node, "a number " + range.describe());
      return null;
    }
    if (underflows((ScalarNode) node, v, path, range.describe())) {
      return null;
    }
    if (!range.contains(v)) {

      report(
          ProblemId.OUT_OF_RANGE,
          path,
          node,
          // .inf is >= 0, and still out of range: say what is
          // a word beside the range (off) is no number: "a finite number off" would say nothing
          "must be " + (Double.isFinite(v) || !allowed.equals(range.describe()) ? "" : "a finite number ") + allowed
              + ", found "
              + Excerpt.of(((ScalarNode) node).getValue()),
          allowed);
      return null;
    }
    return v;
  }

  /** {@code true} or {@code false}, or {@code null} after reporting. */
  Boolean bool(Node node, String path) {
    if (isRejected(node)) {
      return null;
    }
    if (node instanceof ScalarNode && Tag.BOOL.equals(node.getTag())) {
      String s = ((ScalarNode) node).getValue().toLowerCase(Locale.ROOT);
      return s.equals("true") || s.equals("yes") || s.equals("on");
    }
    wrongType(path, node, "true or false");
    return null;
  }

  /** One of an enum's YAML words, or {@code null} after reporting with "did you mean". */
  <E extends Enum<E> & YamlName> E choice(Node node, String path, String what, Class<E> type) {
    return choice(node, path, what, type, YamlName::yamlName);
  }

  /**
   * One of an enum's words, as {@code word} spells each constant, or {@code null} after reporting with
   * "did you mean": for enums of lower layers (such as {@code data.Task}) that cannot implement
   * {@link YamlName}.
   */
  <E extends Enum<E>> E choice(Node node, String path, String what, Class<E> type, Function<E, String> word) {
    List<String> words = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      words.add(word.apply(e));
    }
    String s = string(node, path, "one of " + String.join(", ", words));
    if (s == null) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (word.apply(e).equals(s)) {
        return e;
      }
    }
    report(
        ProblemId.OUT_OF_RANGE,
        path,
        node,
        "unknown " + what + " \"" + Excerpt.of(s) + "\"",
        String.join(", ", words),
        Suggestions.closest(s, words));
    return null;
  }

  /**
   * A plugin setting's value: a Boolean, an Integer or Long, a Double, or a String. Returns {@code null}
   * after reporting anything else.
   */
  Object settingValue(Node node, String path) {
    if (isRejected(node) || zeroPadded(node, path)) {
      return null;
    }
    if (!(node instanceof ScalarNode)) {
      wrongType(path, node, "a number, a word or true/false");
      return null;
    }
    ScalarNode s = (ScalarNode) node;
    if (Tag.BOOL.equals(s.getTag())) {
      return bool(s, path);
    }
    if (Tag.INT.equals(s.getTag())) {
      BigInteger v = Scalars.parseInteger(s);
      if (v == null) {
        report(ProblemId.OUT_OF_RANGE, path, node, "integer too large: " + s.getValue(), "a 64-bit integer");
        return null;
      }
      if (v.bitLength() > 63) {
        // a number setting may be that large (threshold: 100000000000000000000, as 1e20 is); the plugin's getter
        // refuses it where it wants an integer
        return v.doubleValue();
      }
      long l = v.longValue();
      return l == (int) l ? (Object) (int) l : (Object) l;
    }
    if (Tag.FLOAT.equals(s.getTag())) {
      Double v = Scalars.parseNumber(s);
      return v == null || underflows(s, v, path, "a number of at least 4.9e-324 in size, or 0") ? null : v;
    }
    return s.getValue();
  }

  /**
   * Whether {@code s}, read as {@code v}, is a number other than 0 too small for float64 ({@code 1e-400}), which
   * would be taken as 0 without a word; reports it, with what the key allows.
   */
  private boolean underflows(ScalarNode s, double v, String path, String allowed) {
    if (v != 0.0) {
      return false;
    }
    java.math.BigDecimal written;
    try {
      written = new java.math.BigDecimal(s.getValue().strip().replace("_", ""));
    } catch (NumberFormatException notDecimal) {
      return false;
    }
    if (written.signum() == 0) {
      return false;
    }
    report(ProblemId.OUT_OF_RANGE, path, s, "found " + Excerpt.of(s.getValue().strip()) + ", below the smallest"
        + " float64 number (about 4.9e-324), which reads as 0", allowed);
    return true;
  }

  /** A path resolved against the file's directory, or the working directory for overrides. */
  PathRef path(Node node, String path) {
    String written = string(node, path, "a path");
    if (written == null) {
      return null;
    }
    if (written.isBlank()) {
      // resolved, it would be the file's folder, and be reported as a directory that is no file
      report(ProblemId.WRONG_TYPE, path, node, "the path is empty", "a path");
      return null;
    }
    try {
      Path p = Path.of(written);
      Path base = overrideOf(node) != null ? workingDirectory : fileDirectory;
      return new PathRef(written, base.resolve(p).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      report(ProblemId.WRONG_TYPE, path, node, "not a valid path: " + e.getReason() + ", found \"" + Excerpt.of(written) + "\"", "a path");
      return null;
    }
  }

  /** A default path, resolved against the file's directory. */
  PathRef defaultPath(String written) {
    return new PathRef(written, fileDirectory.resolve(written).toAbsolutePath().normalize());
  }

  /**
   * An override as a message quotes it: its key path whole, its value as every long value is ({@link Excerpt}). Cut
   * at 40 characters as one text, a long key path left no room for the value that was given.
   */
  static String quotedOverride(String override) {
    int eq = override.indexOf('=');
    return eq < 0 ? Excerpt.of(override) : override.substring(0, eq + 1) + Excerpt.of(override.substring(eq + 1));
  }
}
