package dev.nn.core.config;

import dev.nn.core.text.Excerpt;
import dev.nn.spi.ProblemId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One YAML mapping being read: its keys once each (duplicates are reported on construction), and the
 * keys the schema asked for, so that {@link #finish()} can report every other key as unknown.
 */
final class MapView {
  private final NodeReader reader;
  private final MappingNode node;
  private final String path;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> asked = new LinkedHashSet<>();
  /** Keys that start so are the file's own, which nothing reads and {@link #finish()} does not report. */
  private String ownPrefix;

  MapView(NodeReader reader, MappingNode node, String path) {
    this.reader = reader;
    this.node = node;
    this.path = path;
    for (NodeTuple t : node.getValue()) {
      Node k = t.getKeyNode();
      if (reader.isRejected(k)) {
        continue;
      }
      if (!(k instanceof ScalarNode) || NodeReader.isNull(k)) {
        reader.report(ProblemId.WRONG_TYPE, path, k, "expected a key word, found " + NodeReader.describe(k), "a word");
        continue;
      }
      String key = ((ScalarNode) k).getValue();
      NodeTuple first = entries.get(key);
      if (first == null) {
        entries.put(key, t);
        continue;
      }
      Position p = reader.position(child(key), first.getKeyNode());
      reader.report(
          ProblemId.DUPLICATE_KEY,
          child(key),
          k,
          // a key written by a --set has no line of the file: "line 0, col 0" placed it nowhere
          "duplicate key \"" + key + "\"; first written " + (p.line() > 0 ? "at line " + p.line() + ", col "
              + p.column() : "before it in the same --set value"),
          "each key once per mapping");
    }
  }

  /** The mapping node itself. */
  MappingNode node() {
    return node;
  }

  /** This mapping's key path. */
  String path() {
    return path;
  }

  /** The key path of {@code key} in this mapping. */
  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The value of {@code key}, or {@code null} when absent or written as YAML null. */
  Node get(String key) {
    asked.add(key);
    NodeTuple t = entries.get(key);
    return t == null || NodeReader.isNull(t.getValueNode()) ? null : t.getValueNode();
  }

  /** The value of {@code key}, or {@code null} after reporting it missing. */
  Node require(String key, String allowed) {
    Node v = get(key);
    if (v == null) {
      NodeTuple t = entries.get(key);
      if (t == null) {
        reader.report(ProblemId.MISSING_KEY, child(key), node, "missing key \"" + key + "\"", allowed);
      } else if (!reader.isRejected(t.getValueNode())) {
        // (a value already refused, as a !!null tag on text is, is said once)
        // emptied by an override (--set key=) is reported as the override's, not at the file's line
        Node at = reader.overrideOf(t.getValueNode()) != null ? t.getValueNode() : t.getKeyNode();
        reader.report(ProblemId.MISSING_KEY, child(key), at, "key \"" + key + "\" has no value", allowed);
      }
    }
    return v;
  }

  /** Whether {@code key} is written at all, with a value or emptied. */
  boolean mentions(String key) {
    return entries.containsKey(key);
  }

  /** Whether {@code key} is written with a value other than null. */
  boolean has(String key) {
    NodeTuple t = entries.get(key);
    return t != null && !NodeReader.isNull(t.getValueNode());
  }

  /** The key node of {@code key}, or {@code null} when absent. */
  Node keyNode(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? null : t.getKeyNode();
  }

  /** The entries nobody asked for yet, in order; they count as asked from now on. */
  List<NodeTuple> rest() {
    List<NodeTuple> rest = new ArrayList<>();
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (asked.add(e.getKey())) {
        rest.add(e.getValue());
      }
    }
    return rest;
  }

  /** The keys asked for, in the order asked: the keys this mapping allows. */
  Set<String> asked() {
    return asked;
  }

  /**
   * Leaves the keys that start with {@code prefix} to the file: nothing reads them, and they are not unknown (an
   * experiment's {@code x-…} keys, which hold the values its anchors name).
   */
  void leavingToTheFile(String prefix) {
    ownPrefix = prefix;
  }

  /** Reports every key nobody asked for, with "did you mean" among the keys asked for. */
  void finish() {
    reader.keysOf(path, asked);
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (!asked.contains(e.getKey()) && !(ownPrefix != null && e.getKey().startsWith(ownPrefix)
          && e.getKey().length() > ownPrefix.length())) {
        reader.unknownKey(
            child(e.getKey()),
            e.getValue().getKeyNode(),
            e.getKey(),
            "unknown key \"" + Excerpt.of(e.getKey()) + "\"",
            String.join(", ", asked),
            asked);
      }
    }
  }
}
