package dev.nn.core.config;

import dev.nn.spi.ProblemId;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reports every node whose tag is not one of YAML's plain types, such as {@code !!java.io.File},
 * {@code !!timestamp}, {@code !!binary} or {@code !custom}. An unquoted date is a string ({@link YamlSource}), so a
 * timestamp tag is always one the file wrote. Nothing is ever constructed from a tag; rejected nodes are then skipped by the
 * schema walk so that each is reported once.
 */
final class TagCheck {
  private static final Set<Tag> ALLOWED =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP, Tag.MERGE);
  private static final String ALLOWED_TEXT = "no tag, or one of !!str, !!int, !!float, !!bool, !!null, !!seq, !!map";
  /** How YAML writes nothing, which !!null may tag. */
  private static final Set<String> NULL_TEXT = Set.of("", "~", "null", "Null", "NULL");

  private final NodeReader reader;
  private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  private TagCheck(NodeReader reader) {
    this.reader = reader;
  }

  /** Checks {@code root} and everything under it. */
  static void run(Node root, NodeReader reader) {
    if (root != null) {
      new TagCheck(reader).visit(root, "");
    }
  }

  private void visit(Node node, String path) {
    if (!seen.add(node)) {
      return; // an alias: already checked where its anchor was written
    }
    if (!ALLOWED.contains(node.getTag())) {
      reader.report(
          ProblemId.FORBIDDEN_TAG,
          path,
          node,
          "tag " + shown(node.getTag()) + " is not allowed; nn reads plain YAML and never creates objects from tags",
          ALLOWED_TEXT);
      reader.reject(node);
      return;
    }
    boolean nullText = node instanceof ScalarNode s && NULL_TEXT.contains(s.getValue().strip());
    if (Tag.NULL.equals(node.getTag()) && !nullText) {
      // !!null makes any text nothing: epochs: !!null 2 trained the default 20 epochs without a word
      reader.report(ProblemId.WRONG_TYPE, path, node, "tag !!null makes " + (node instanceof ScalarNode s
          ? dev.nn.core.text.Excerpt.of(s.getValue()) : node instanceof MappingNode ? "a mapping" : "a list")
          + " nothing, as if the key were"
          + " not written; drop the tag", "a value without the tag");
      reader.reject(node);
      return;
    }
    if (node instanceof SequenceNode) {
      int i = 0;
      for (Node item : ((SequenceNode) node).getValue()) {
        visit(item, path + "[" + i++ + "]");
      }
    } else if (node instanceof MappingNode) {
      for (NodeTuple t : ((MappingNode) node).getValue()) {
        Node k = t.getKeyNode();
        String key = k instanceof ScalarNode ? ((ScalarNode) k).getValue() : "?";
        String child = path.isEmpty() ? key : path + "." + key;
        visit(k, child);
        visit(t.getValueNode(), child);
      }
    }
  }

  private static String shown(Tag tag) {
    String v = tag.getValue();
    return v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v;
  }
}
