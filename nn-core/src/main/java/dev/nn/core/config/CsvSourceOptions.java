package dev.nn.core.config;

import dev.nn.core.data.CsvOptions;
import dev.nn.core.data.CsvReader;
import dev.nn.core.data.DataException;
import dev.nn.core.text.Counted;
import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Suggestions;
import dev.nn.spi.ProblemId;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The keys of a csv source beyond its file and target: {@code features} (a list of column names, or
 * {@code {ignore: [names]}}), {@code missing} ({@code error}, {@code drop} or {@code mean}),
 * {@code index-column} ({@code auto}, {@code true} or {@code false}), {@code separator} ({@code auto}, {@code ,},
 * {@code ;}, {@code tab} or {@code |}), {@code labels} ({@code indices} or {@code names}) and {@code weight} (the
 * column of the rows' weights). Feature names are checked against the
 * file's header when the file can be read now, so that {@code nn validate} places an unknown name at its line;
 * a file that cannot be read is left to the run, which reports it.
 */
final class CsvSourceOptions {
  private final NodeReader reader;

  CsvSourceOptions(NodeReader reader) {
    this.reader = reader;
  }

  /** The options {@code v} gives, or {@code null} after reporting a problem. */
  CsvOptions read(MapView v, PathRef path) {
    // taken first: a problem of another key returns early, and a key not taken would be reported as unknown
    Node wn = v.get("weight");
    Node mv = v.get("missing-values");
    Node m = v.get("missing");
    CsvOptions.Missing missing = m == null ? CsvOptions.Missing.ERROR
        : reader.choice(m, v.child("missing"), "missing value policy", CsvOptions.Missing.class,
            CsvOptions.Missing::label);
    Node i = v.get("index-column");
    CsvOptions.IndexColumn index = i == null ? CsvOptions.IndexColumn.AUTO
        : reader.choice(i, v.child("index-column"), "index column", CsvOptions.IndexColumn.class,
            CsvOptions.IndexColumn::label);
    Node sep = v.get("separator");
    Character separator = sep == null ? Character.valueOf(CsvOptions.AUTO_SEPARATOR) : separator(sep, v.child("separator"));
    Node l = v.get("labels");
    CsvOptions.Labels labels = l == null ? CsvOptions.Labels.INDICES
        : reader.choice(l, v.child("labels"), "class label reading", CsvOptions.Labels.class, CsvOptions.Labels::label);
    Node f = v.get("features");
    List<String> features = List.of();
    List<String> ignored = List.of();
    boolean ok = true;
    if (f != null) {
      Node namesNode = f;
      String namesPath = v.child("features");
      if (f instanceof MappingNode) {
        MapView fv = reader.mapping(f, v.child("features"));
        namesNode = fv.require("ignore", "a list of column names that are not features");
        namesPath = fv.child("ignore");
        ignored = namesNode == null ? null : names(namesNode, namesPath);
        fv.finish();
        ok = ignored != null;
      } else {
        features = names(f, namesPath);
        ok = features != null;
        if (features != null && features.isEmpty()) {
          reader.report(ProblemId.OUT_OF_RANGE, v.child("features"), f, "the list of feature columns is empty",
              "at least one column name, or {ignore: [names]} for every column but those", List.of());
          ok = false;
        }
      }
      if (ok && path != null && index != null && separator != null) {
        ok = knownColumns(namesNode, namesPath, path, index, separator, features.isEmpty() ? ignored : features);
      }
    }
    if (missing == null || index == null || separator == null || labels == null || !ok) {
      return null;
    }
    List<String> missingValues = mv == null ? List.of() : missingValues(mv, v.child("missing-values"));
    if (missingValues == null) {
      return null;
    }
    String weight = wn == null ? null : reader.string(wn, v.child("weight"), "the name of the column of the rows'"
        + " weights");
    if (wn != null && (weight == null || path != null && !knownWeight(wn, v.child("weight"), path, index, separator,
        weight))) {
      return null;
    }
    return new CsvOptions(features, ignored, missing, index, separator, labels, missingValues, weight);
  }

  /** Whether the weight column is in the file's header; a file that cannot be read now counts as yes. */
  private boolean knownWeight(Node node, String path, PathRef file, CsvOptions.IndexColumn index, char separator,
      String name) {
    List<String> header = header(file, index, separator);
    return header == null || knownColumn(node, path, file, index, separator, header, name);
  }

  /**
   * The {@code missing-values} list: values read as missing besides an empty field, NA and N/A; {@code null} after
   * reporting. A value that is a number would hide real data, and is refused.
   */
  private List<String> missingValues(Node node, String path) {
    List<Node> items = reader.sequence(node, path, "a list of values read as missing, such as [\"?\", \"-\"]");
    if (items == null) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      String value = reader.string(items.get(k), path + "[" + k + "]", "a value, such as \"?\"");
      if (value == null) {
        return null;
      }
      String stripped = value.strip();
      if (stripped.isEmpty() || CsvOptions.isNumber(stripped)) {
        reader.report(ProblemId.OUT_OF_RANGE, path + "[" + k + "]", items.get(k), "\"" + Excerpt.of(value)
            + "\" " + (stripped.isEmpty() ? "is empty, which is read as missing already"
                : "is a number, which would hide real values"), "a word or sign that is not a number, such as \"?\"",
            List.of());
        return null;
      }
      values.add(stripped);
    }
    return values;
  }

  /** The allowed separators as an experiment file writes them. */
  static final String SEPARATOR_WORDS = "auto, \",\", \";\", tab (or \"\\t\"), \"|\"";

  /** A {@code separator:}: {@code auto}, one of , ; | or a tab ({@code tab} or {@code "\t"}); {@code null} after reporting. */
  private Character separator(Node node, String path) {
    String text = reader.string(node, path, "a field separator: " + SEPARATOR_WORDS);
    if (text == null) {
      return null;
    }
    if (text.equals("auto")) {
      return CsvOptions.AUTO_SEPARATOR;
    }
    if (text.equals("tab")) {
      return '\t';
    }
    if (text.length() == 1 && CsvOptions.SEPARATORS.indexOf(text.charAt(0)) >= 0) {
      return text.charAt(0);
    }
    reader.report(ProblemId.OUT_OF_RANGE, path, node, "unknown field separator \"" + Excerpt.of(text.replace("\t", "\\t"))
        + "\"", SEPARATOR_WORDS, List.of());
    return null;
  }

  /** A list of distinct column names, or {@code null} after reporting. */
  private List<String> names(Node node, String path) {
    List<Node> items = reader.sequence(node, path, "a list of column names");
    if (items == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      String name = reader.string(items.get(k), path + "[" + k + "]", "a column name");
      if (name == null) {
        return null;
      }
      if (names.contains(name)) {
        reader.report(ProblemId.OUT_OF_RANGE, path + "[" + k + "]", items.get(k),
            "column \"" + Excerpt.of(name) + "\" is listed twice", "each column once", List.of());
        return null;
      }
      names.add(name);
    }
    return names;
  }

  /** Whether every name is a column of the file's header; a file that cannot be read now counts as yes. */
  boolean knownColumns(Node node, String path, PathRef file, CsvOptions.IndexColumn index, char separator,
      List<String> names) {
    List<String> header = header(file, index, separator);
    if (header == null) {
      return true;
    }
    List<Node> items = reader.sequence(node, path, "a list of column names");
    for (int k = 0; k < names.size(); k++) {
      if (!knownColumn(items.get(k), path + "[" + k + "]", file, index, separator, header, names.get(k))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The header names {@code source}'s targets pick in its own file ({@code last} → {@code species}), which a held-out
   * source that gives no target of its own must have; the selectors as written when the file cannot be read now.
   */
  static List<String> targetNames(SourceSpec.Csv source) {
    List<String> header = header(source.path(), source.options().indexColumn(), source.options().separator());
    return header == null ? source.targets() : source.targets().stream().map(t -> columnOf(t, header)).toList();
  }

  /**
   * Whether each target is a column of the file's header: by name, {@code last}, {@code first} or a 0-based index
   * inside it, as the reader takes them; the first that is not is reported at its item of {@code node} (a list),
   * or at {@code node} itself. A file that cannot be read now counts as yes.
   */
  boolean knownTargets(Node node, String path, PathRef file, CsvOptions options, List<String> targets) {
    List<String> header = header(file, options.indexColumn(), options.separator());
    if (header == null) {
      return true;
    }
    for (int k = 0; k < targets.size(); k++) {
      String target = targets.get(k);
      if (CsvReader.selectedColumn(target, header) >= 0) {
        continue;
      }
      boolean index = CsvReader.isIndex(target);
      boolean listed = node instanceof SequenceNode;
      Node at = listed ? ((SequenceNode) node).getValue().get(k) : node;
      String where = listed ? path + "[" + k + "]" : path;
      if (index) {
        reader.report(ProblemId.OUT_OF_RANGE, where, at, "target column index " + target + " is outside the header"
            + " of " + file.written() + ", which has " + Counted.of(header.size(), "column", "columns")
            + hint(file, options.indexColumn(), options.separator(), null),
            "an index in 0.." + (header.size() - 1) + ", or a column name", List.of());
        return false;
      }
      return knownColumn(at, where, file, options.indexColumn(), options.separator(), header, target);
    }
    // two selectors of one column (a name and last), as the reader refuses them, at the second
    int[] twice = CsvReader.repeatedTarget(targets, header);
    if (twice != null) {
      reader.report(ProblemId.OUT_OF_RANGE, path + "[" + twice[1] + "]", ((SequenceNode) node).getValue().get(twice[1]),
          CsvReader.repeatedTargetProblem(targets, header, twice), "each target column once", List.of());
      return false;
    }
    return true;
  }

  /**
   * Whether each of {@code oneHot}'s columns (all in the header) is a feature of the training file as its reader
   * takes them: not a target, not the weight column, listed in {@code features} or not ignored; the first that is
   * not is reported at its item of {@code node}. A file that cannot be read now counts as yes.
   */
  boolean oneHotAreFeatures(Node node, String path, PathRef file, CsvOptions options, List<String> targets,
      List<String> oneHot) {
    List<String> header = header(file, options.indexColumn(), options.separator());
    if (header == null) {
      return true;
    }
    List<String> targetNames = targets.stream().map(t -> columnOf(t, header)).toList();
    List<Node> items = ((SequenceNode) node).getValue();
    for (int k = 0; k < oneHot.size(); k++) {
      String name = oneHot.get(k);
      String why = targetNames.contains(name) ? "is the target column"
          : name.equals(options.weight()) ? "is the weight column"
          : !options.features().isEmpty() && !options.features().contains(name) ? "is not among data.train.features"
          : options.ignored().contains(name) ? "is ignored by data.train.features" : null;
      if (why != null) {
        reader.report(ProblemId.OUT_OF_RANGE, path + "[" + k + "]", items.get(k), "column \"" + Excerpt.of(name)
            + "\" " + why + "; one-hot encodes feature columns", "a feature column of " + file.written(), List.of());
        return false;
      }
    }
    return true;
  }

  /** The header's name of the column a target selector picks ({@link CsvReader#selectedColumn}); itself if none. */
  private static String columnOf(String target, List<String> header) {
    int c = CsvReader.selectedColumn(target, header);
    return c < 0 ? target : header.get(c);
  }

  /** The file's column names, or {@code null} when it cannot be read now (the run reports why). */
  private static List<String> header(PathRef file, CsvOptions.IndexColumn index, char separator) {
    if (!Files.isRegularFile(file.resolved())) {
      return null;
    }
    try {
      return CsvReader.columnNames(file.resolved(), index, separator);
    } catch (DataException e) {
      return null;
    }
  }

  /**
   * {@link CsvReader#columnNotFoundHint} for {@code wanted} as a sentence of its own (". The header was read …"), or
   * empty when there is none or the file cannot be read again now.
   */
  private static String hint(PathRef file, CsvOptions.IndexColumn index, char separator, String wanted) {
    try {
      String hint = CsvReader.columnNotFoundHint(file.resolved(), index, separator, wanted);
      return hint.isEmpty() ? "" : "." + hint;
    } catch (DataException e) {
      return "";
    }
  }

  /**
   * Whether {@code name}, written at {@code node}, is one of {@code header}'s columns; reports it if not, with what
   * to set when the header looks misread (another separator, a comment above it).
   */
  private boolean knownColumn(Node node, String path, PathRef file, CsvOptions.IndexColumn index, char separator,
      List<String> header, String name) {
    if (header.contains(name)) {
      return true;
    }
    reader.report(ProblemId.OUT_OF_RANGE, path, node,
        "column \"" + Excerpt.of(name) + "\" is not in the header of " + file.written()
            + hint(file, index, separator, name),
        "a column of " + file.written() + ": " + String.join(", ", header.stream().limit(12).map(Excerpt::of).toList())
            + (header.size() > 12 ? ", ..." : ""),
        Suggestions.closest(name, header));
    return false;
  }
}
