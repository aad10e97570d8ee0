package dev.nn.core.config;

import dev.nn.core.data.CsvOptions;
import dev.nn.core.data.CsvReader;
import dev.nn.core.data.DataException;
import dev.nn.core.text.Excerpt;
import dev.nn.core.text.Suggestions;
import dev.nn.spi.ProblemId;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The keys of a csv source beyond its file and target: {@code features} (a list of column names, or
 * {@code {ignore: [names]}}), {@code missing} ({@code error}, {@code drop} or {@code mean}) and
 * {@code index-column} ({@code auto}, {@code true} or {@code false}). Feature names are checked against the
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
    Node m = v.get("missing");
    CsvOptions.Missing missing = m == null ? CsvOptions.Missing.ERROR
        : reader.choice(m, v.child("missing"), "missing value policy", CsvOptions.Missing.class,
            CsvOptions.Missing::label);
    Node i = v.get("index-column");
    CsvOptions.IndexColumn index = i == null ? CsvOptions.IndexColumn.AUTO
        : reader.choice(i, v.child("index-column"), "index column", CsvOptions.IndexColumn.class,
            CsvOptions.IndexColumn::label);
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
      if (ok && path != null && index != null) {
        ok = knownColumns(namesNode, namesPath, path, index, features.isEmpty() ? ignored : features);
      }
    }
    if (missing == null || index == null || !ok) {
      return null;
    }
    return new CsvOptions(features, ignored, missing, index);
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
  boolean knownColumns(Node node, String path, PathRef file, CsvOptions.IndexColumn index,
      List<String> names) {
    if (!Files.isRegularFile(file.resolved())) {
      return true;
    }
    List<String> header;
    try {
      header = CsvReader.columnNames(file.resolved(), index);
    } catch (DataException e) {
      return true;
    }
    List<Node> items = reader.sequence(node, path, "a list of column names");
    for (int k = 0; k < names.size(); k++) {
      if (!header.contains(names.get(k))) {
        reader.report(ProblemId.OUT_OF_RANGE, path + "[" + k + "]", items.get(k),
            "column \"" + Excerpt.of(names.get(k)) + "\" is not in the header of " + file.written(),
            "a column of " + file.written() + ": " + String.join(", ", header.stream().limit(12).map(Excerpt::of).toList())
                + (header.size() > 12 ? ", ..." : ""),
            Suggestions.closest(names.get(k), header));
        return false;
      }
    }
    return true;
  }
}
