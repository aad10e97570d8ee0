package dev.nn.core.config;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes YAML text into nodes, never into objects, with limits that refuse hostile documents before
 * they cost time or memory: few aliases to collections (billion laughs), shallow nesting, a bounded
 * size.
 */
final class YamlSource {
  /** Aliases to lists or mappings per document. */
  static final int MAX_ALIASES = 50;
  /** Nesting depth of lists and mappings. */
  static final int MAX_DEPTH = 50;
  /** Code points per document: 1 MiB. */
  static final int MAX_CODE_POINTS = 1 << 20;
  /**
   * Bytes of a file read at most: the most that {@link #MAX_CODE_POINTS} code points of UTF-8 (4 bytes each
   * at most) and a byte order mark take. A longer file is longer than the limit whatever it holds.
   */
  static final int MAX_BYTES = 4 * MAX_CODE_POINTS + 3;

  private YamlSource() {}

  static LoaderOptions options() {
    LoaderOptions o = new LoaderOptions();
    o.setAllowDuplicateKeys(false);
    o.setMaxAliasesForCollections(MAX_ALIASES);
    o.setNestingDepthLimit(MAX_DEPTH);
    o.setCodePointLimit(MAX_CODE_POINTS);
    o.setAllowRecursiveKeys(false);
    o.setMergeOnCompose(true);
    // Composition only builds nodes and never constructs objects, whatever the tags say; every tag
    // outside the standard set is then reported by TagCheck, all of them rather than the first.
    o.setTagInspector(tag -> true);
    return o;
  }

  /**
   * The document's root node, or {@code null} for an empty document.
   *
   * @throws ConfigException with one {@code nn/YamlSyntax} or {@code nn/TooLarge} problem
   */
  static Node compose(String text) {
    // Refused here first: SnakeYAML's own limit applies only after it has scanned that far, which for
    // one long scalar takes seconds.
    if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      throw new ConfigException(tooLong());
    }
    try {
      LoaderOptions o = options();
      DumperOptions d = new DumperOptions();
      return new Yaml(new SafeConstructor(o), new Representer(d), d, o, new PlainResolver())
          .compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Mark c = e.getContextMark();
      String context = e.getContext() == null ? "" : e.getContext();
      if (!context.isEmpty() && c != null && c != m) {
        context += " that starts at line " + (c.getLine() + 1) + ", col " + (c.getColumn() + 1);
      }
      String problem = e.getProblem() == null ? "" : e.getProblem().strip();
      String words = YamlSyntaxWords.of(e.getContext() == null ? "" : e.getContext(), c, problem, m);
      String message = "not valid YAML: " + (words != null ? words
          : context.isEmpty() ? problem : problem.isEmpty() ? context : context + ": " + problem);
      String allowed = "";
      if (isOverlongKey(c, m, problem)) {
        // the ':' is there; YAML gives up looking for it after 1,024 characters of a key
        String key = text.lines().skip(c.getLine()).findFirst().orElse("").substring(c.getColumn()).strip();
        key = key.indexOf(": ") > 0 ? key.substring(0, key.indexOf(": ")) : key.replaceFirst(":$", "");
        message = "not valid YAML: the key that starts at line " + (c.getLine() + 1) + ", col " + (c.getColumn() + 1)
            + " (\"" + dev.nn.core.text.Excerpt.of(key) + "\") is " + (m.getColumn() - c.getColumn()) + " characters"
            + " long; YAML reads a key of at most 1,024 characters";
        allowed = "a key of at most 1,024 characters on its line (an experiment's keys are short words)";
      }
      int line = m == null ? 0 : m.getLine() + 1;
      int column = m == null ? 0 : m.getColumn() + 1;
      throw new ConfigException(new ConfigProblem(ProblemId.YAML_SYNTAX, "", line, column, message, allowed,
          List.of()));
    } catch (ReaderException e) {
      throw new ConfigException(unreadable(text, e.getPosition(), e.getCodePoint()));
    } catch (YAMLException e) {
      throw new ConfigException(placed(limitProblem(String.valueOf(e.getMessage())), text));
    }
  }

  /** Whether the scanner gave up on a key because it runs past YAML's 1,024 characters on one line. */
  private static boolean isOverlongKey(Mark context, Mark problem, String text) {
    return context != null && problem != null && text.equals("could not find expected ':'")
        && context.getLine() == problem.getLine() && problem.getColumn() - context.getColumn() > 1024;
  }

  /**
   * A character YAML does not allow in a document (a control character such as NUL), at code point
   * {@code position} of {@code text}: placed at its line and column, and named by its code.
   */
  private static ConfigProblem unreadable(String text, int position, int codePoint) {
    int line = 1;
    int column = 1;
    int i = 0;
    for (int k = 0; k < position && i < text.length(); k++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    String name = codePoint == 0 ? "NUL" : Character.getName(codePoint);
    return new ConfigProblem(ProblemId.YAML_SYNTAX, "", line, column, "not valid YAML: the character "
        + String.format(java.util.Locale.ROOT, "U+%04X", codePoint) + (name == null ? "" : " (" + name + ")")
        + " is not allowed in a YAML document" + (codePoint == 0 ? nulAdvice(text, i) : ""),
        "printable characters, tabs and line breaks", List.of());
  }

  /**
   * What NULs at {@code at} of {@code text} most likely are: only NULs to the end, the zeros a file is padded with
   * after a crash; every other character one, UTF-16 text; else bytes of binary data.
   */
  private static String nulAdvice(String text, int at) {
    if (text.substring(at).chars().allMatch(c -> c == 0 || c == '\n' || c == '\r')) {
      return "; the file ends in NUL bytes (as a file padded with zeros after a crash does): remove them";
    }
    boolean alternating = at + 3 < text.length() && text.charAt(at + 1) != 0 && text.charAt(at + 2) == 0;
    return alternating ? "; NULs between the characters are UTF-16 text: save the file as UTF-8"
        : "; a NUL byte is binary data, not text";
  }

  /**
   * {@code problem}, a limit's, placed where the document crosses it: SnakeYAML's limits say no place. Found by
   * reading the document's events again, which neither nest nor expand anything.
   */
  private static ConfigProblem placed(ConfigProblem problem, String text) {
    if (problem.id() != ProblemId.TOO_LARGE || problem.message().startsWith("the document")) {
      return problem;
    }
    boolean aliases = problem.message().contains("aliases");
    java.util.Set<String> collections = new java.util.HashSet<>();
    int depth = 0;
    int count = 0;
    try {
      for (org.yaml.snakeyaml.events.Event e : new Yaml(new SafeConstructor(options())).parse(new StringReader(text))) {
        if (e instanceof org.yaml.snakeyaml.events.CollectionStartEvent start) {
          depth++;
          if (start.getAnchor() != null) {
            collections.add(start.getAnchor());
          }
        } else if (e instanceof org.yaml.snakeyaml.events.CollectionEndEvent) {
          depth--;
        } else if (e instanceof org.yaml.snakeyaml.events.AliasEvent alias && collections.contains(alias.getAnchor())) {
          count++;
        }
        if (aliases ? count > MAX_ALIASES : depth > MAX_DEPTH) {
          Mark m = e.getStartMark();
          return new ConfigProblem(problem.id(), "", m.getLine() + 1, m.getColumn() + 1, problem.message(),
              problem.allowed(), List.of());
        }
      }
    } catch (YAMLException e) {
      // another problem before the place: the limit is said without it
    }
    return problem;
  }

  private static ConfigProblem limitProblem(String message) {
    if (message.contains("aliases")) {
      return ConfigProblem.of(
          ProblemId.TOO_LARGE,
          "",
          "more than " + MAX_ALIASES + " aliases to lists or mappings; the document would expand too far",
          "at most " + MAX_ALIASES + " such aliases");
    }
    if (message.contains("Nesting Depth")) {
      return ConfigProblem.of(
          ProblemId.TOO_LARGE,
          "",
          "lists and mappings nested more than " + MAX_DEPTH + " deep",
          "nesting at most " + MAX_DEPTH + " deep");
    }
    if (message.contains("code points")) {
      return tooLong();
    }
    return ConfigProblem.of(ProblemId.YAML_SYNTAX, "", "not valid YAML: " + message, "");
  }

  /**
   * YAML 1.1's implicit types without the timestamp: an unquoted date ({@code name: 2001-12-14}) is a string, as
   * in YAML 1.2, so that a node tagged {@code !!timestamp} is one the file tagged itself, which {@link TagCheck}
   * refuses like every other tag outside the plain ones.
   */
  static final class PlainResolver extends Resolver {
    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      Tag tag = super.resolve(kind, value, implicit);
      return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
    }
  }

  /** The problem of a document longer than {@link #MAX_CODE_POINTS}. */
  static ConfigProblem tooLong() {
    return ConfigProblem.of(
        ProblemId.TOO_LARGE,
        "",
        "the document is longer than " + MAX_CODE_POINTS + " characters",
        "at most " + MAX_CODE_POINTS + " characters (1 MiB)");
  }
}
