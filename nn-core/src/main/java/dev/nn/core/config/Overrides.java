package dev.nn.core.config;

import dev.nn.core.text.Counted;
import dev.nn.core.text.Excerpt;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Applies {@code --set key.path=value} overrides to the composed document before it is checked, so an
 * override is checked exactly like the file and wins over it. The value is YAML ({@code 0.1},
 * {@code relu}, {@code {name: huber, delta: 2}}), read with the same limits as the file. A path may
 * name a key the file does not write; it is then added, and the schema walk reports it if the schema
 * does not know it either.
 */
final class Overrides {
  // any letter, not only ASCII: a key with a look-alike letter is then an unknown key, named and matched as in a file
  private static final Pattern SEGMENT = Pattern.compile("([\\p{L}\\p{N}_-]+)((?:\\[\\d+\\])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");
  private static final Mark NOWHERE = new Mark("--set", 0, 0, 0, new int[0], 0);

  private final NodeReader reader;

  private Overrides(NodeReader reader) {
    this.reader = reader;
  }

  /** Returns the root after applying every override in order; later overrides of one key win. */
  static Node apply(Node root, List<String> overrides, NodeReader reader) {
    if (overrides.isEmpty() || (root != null && !(root instanceof MappingNode))) {
      return root;
    }
    Overrides o = new Overrides(reader);
    Node[] holder = {root == null ? o.emptyMapping("") : root};
    for (String text : overrides) {
      o.applyOne(holder, text);
    }
    return holder[0];
  }

  /** A place a node can be read from and written to. */
  private interface Slot {
    Node get();

    void set(Node node);
  }

  private void applyOne(Node[] root, String text) {
    int eq = text.indexOf('=');
    String keyPath = eq < 0 ? text.strip() : text.substring(0, eq).strip();
    List<Object> steps = eq < 0 ? null : steps(keyPath);
    if (steps == null) {
      bad(keyPath, text, unreadable(keyPath, eq >= 0) + "expected key.path=value, e.g. optimizer.learning-rate=0.1 or"
          + " network.layers[1].units=32");
      return;
    }
    Node value;
    try {
      value = YamlSource.compose(text.substring(eq + 1));
    } catch (ConfigException e) {
      bad(keyPath, text, "the value is " + e.problems().get(0).message());
      return;
    }
    if (value == null) {
      value = new ScalarNode(Tag.NULL, "", NOWHERE, NOWHERE, DumperOptions.ScalarStyle.PLAIN);
    }
    markAll(value, text);
    if (steps.get(0) instanceof String first && first.startsWith(ExperimentParser.OWN_KEYS)
        && !(root[0] instanceof MappingNode m && m.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k
            && k.getValue().equals(first)))) {
      // a key the file keeps for its anchors is read by nothing: one it does not write would change nothing, silently
      bad(keyPath, text, "the experiment has no key \"" + first + "\"; an " + ExperimentParser.OWN_KEYS + "… key is"
          + " the file's own, holding what its anchors name, and an override of one changes something only where the"
          + " file writes it");
      return;
    }
    Slot slot =
        new Slot() {
          @Override
          public Node get() {
            return root[0];
          }

          @Override
          public void set(Node node) {
            root[0] = node;
          }
        };
    StringBuilder at = new StringBuilder();
    for (Object step : steps) {
      Node current = slot.get();
      String where = at.length() == 0 ? "the experiment" : at.toString();
      if (step instanceof String) {
        MappingNode m = asMapping(slot, current, text);
        if (m == null) {
          bad(
              keyPath,
              text,
              current instanceof SequenceNode
                  ? where + " is a list; index it, e.g. " + where + "[0]"
                  : where + " is " + NodeReader.describe(current) + ", which has no keys");
          return;
        }
        slot = entry(m, (String) step, text);
        at.append(at.length() == 0 ? "" : ".").append(step);
      } else {
        int index = (Integer) step;
        if (!(current instanceof SequenceNode)) {
          bad(keyPath, text, where + " is not a list, found " + NodeReader.describe(current));
          return;
        }
        List<Node> items = ((SequenceNode) current).getValue();
        if (index >= items.size()) {
          bad(keyPath, text, where + " has " + Counted.of(items.size(), "entry", "entries") + ", so an index must be < " + items.size());
          return;
        }
        slot = element(items, index);
        at.append('[').append(index).append(']');
      }
    }
    if (steps.size() == 1 && steps.get(0) instanceof String first && first.startsWith(ExperimentParser.OWN_KEYS)) {
      // the whole of a value the file keeps for its anchors: its aliases hold the node itself, so it changes in
      // place (a new node there would leave every alias as it was, and change nothing)
      Node old = slot.get();
      if (old instanceof MappingNode held && value instanceof MappingNode given) {
        held.setValue(given.getValue());
        return;
      }
      if (old instanceof SequenceNode held && value instanceof SequenceNode given) {
        held.getValue().clear();
        held.getValue().addAll(given.getValue());
        return;
      }
      bad(keyPath, text, first + " is " + NodeReader.describe(old) + ", which its aliases share: an override gives it "
          + "one of its kind" + (old instanceof MappingNode ? " ({…}), or sets a key inside it (" + first + ".KEY=…)"
              : old instanceof SequenceNode ? " ([…])" : "; write the value where the file uses it instead"));
      return;
    }
    slot.set(value);
  }

  private static final Pattern BAD_INDEX = Pattern.compile("\\[([^\\]]*)\\]");

  /** What is wrong with a key path {@link #steps} cannot read, and a semicolon; empty when nothing more is known. */
  private static String unreadable(String keyPath, boolean hasValue) {
    if (!hasValue) {
      return "no '=value' after the key; ";
    }
    if (keyPath.isEmpty()) {
      return "no key before '='; ";
    }
    String[] parts = keyPath.split("\\.", -1);
    for (int k = 0; k < parts.length; k++) {
      String part = parts[k];
      if (part.isEmpty()) {
        return (k == 0 ? "the key path starts with a dot" : k == parts.length - 1 ? "the key path ends with a dot"
            : "two dots with no key between them") + "; ";
      }
      Matcher index = BAD_INDEX.matcher(part);
      while (index.find()) {
        String i = index.group(1);
        if (!i.matches("\\d+")) {
          return "the index [" + Excerpt.of(i) + "] is not a whole number from 0 (a list's first entry is [0]); ";
        }
      }
      if (!SEGMENT.matcher(part).matches()) {
        int bad = part.codePoints().filter(cp -> !(Character.isLetterOrDigit(cp) || cp == '_' || cp == '-'
            || cp == '[' || cp == ']')).findFirst().orElse(-1);
        if (bad >= 0) {
          // a character beyond ASCII may look like a space or like nothing: named by its code and Unicode name
          String which = bad > 0x7E || bad < 0x21 ? "U+" + String.format("%04X", bad) + " "
              + Character.getName(bad) : "'" + new String(Character.toChars(bad)) + "'";
          return "the key \"" + Excerpt.of(part) + "\" holds " + which + ", and a key holds letters, digits, '-' and"
              + " '_'; ";
        }
      }
    }
    return "";
  }

  /** Key names and list indices, or {@code null} when the path cannot be read. */
  private static List<Object> steps(String keyPath) {
    List<Object> steps = new ArrayList<>();
    for (String part : keyPath.split("\\.", -1)) {
      Matcher m = SEGMENT.matcher(part);
      if (!m.matches()) {
        return null;
      }
      steps.add(m.group(1));
      Matcher i = INDEX.matcher(m.group(2));
      while (i.find()) {
        try {
          steps.add(Integer.parseInt(i.group(1)));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return steps;
  }

  /**
   * The mapping at {@code slot}, made one when needed: nothing or {@code false} becomes an empty mapping
   * ({@code training.early-stopping.patience=5} switches early stopping on), and a plain word becomes
   * {@code {name: word}} ({@code optimizer.momentum=0.9} on {@code optimizer: sgd}). {@code null} for a
   * list, a number or another value that has no keys.
   */
  private MappingNode asMapping(Slot slot, Node current, String text) {
    if (current instanceof MappingNode) {
      return (MappingNode) current;
    }
    if (current instanceof SequenceNode) {
      return null;
    }
    boolean word = current instanceof ScalarNode && Tag.STR.equals(current.getTag());
    boolean off = NodeReader.isNull(current) || Tag.BOOL.equals(current.getTag());
    if (!word && !off) {
      return null;
    }
    MappingNode m = emptyMapping(text);
    if (word) {
      m.getValue().add(new NodeTuple(scalar("name", text), current));
    }
    slot.set(m);
    return m;
  }

  private Slot entry(MappingNode m, String key, String text) {
    List<NodeTuple> tuples = m.getValue();
    int found = -1;
    for (int k = 0; k < tuples.size() && found < 0; k++) {
      Node kn = tuples.get(k).getKeyNode();
      if (kn instanceof ScalarNode && key.equals(((ScalarNode) kn).getValue())) {
        found = k;
      }
    }
    if (found < 0) {
      tuples.add(new NodeTuple(scalar(key, text), scalarNull(text)));
      found = tuples.size() - 1;
    }
    int index = found;
    return new Slot() {
      @Override
      public Node get() {
        return tuples.get(index).getValueNode();
      }

      @Override
      public void set(Node node) {
        tuples.set(index, new NodeTuple(tuples.get(index).getKeyNode(), node));
      }
    };
  }

  private static Slot element(List<Node> items, int index) {
    return new Slot() {
      @Override
      public Node get() {
        return items.get(index);
      }

      @Override
      public void set(Node node) {
        items.set(index, node);
      }
    };
  }

  private MappingNode emptyMapping(String text) {
    MappingNode m = new MappingNode(Tag.MAP, true, new ArrayList<>(), NOWHERE, NOWHERE, DumperOptions.FlowStyle.AUTO);
    if (!text.isEmpty()) {
      reader.markOverride(m, text);
    }
    return m;
  }

  private ScalarNode scalar(String value, String text) {
    ScalarNode s = new ScalarNode(Tag.STR, value, NOWHERE, NOWHERE, DumperOptions.ScalarStyle.PLAIN);
    reader.markOverride(s, text);
    return s;
  }

  private ScalarNode scalarNull(String text) {
    ScalarNode s = new ScalarNode(Tag.NULL, "", NOWHERE, NOWHERE, DumperOptions.ScalarStyle.PLAIN);
    reader.markOverride(s, text);
    return s;
  }

  private void markAll(Node value, String text) {
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Node> todo = new ArrayList<>(List.of(value));
    while (!todo.isEmpty()) {
      Node n = todo.remove(todo.size() - 1);
      if (!seen.add(n)) {
        continue;
      }
      reader.markOverride(n, text);
      if (n instanceof SequenceNode) {
        todo.addAll(((SequenceNode) n).getValue());
      } else if (n instanceof MappingNode) {
        for (NodeTuple t : ((MappingNode) n).getValue()) {
          todo.add(t.getKeyNode());
          todo.add(t.getValueNode());
        }
      }
    }
  }

  private void bad(String keyPath, String text, String reason) {
    reader.addAll(
        List.of(
            new ConfigProblem(
                ProblemId.BAD_OVERRIDE,
                keyPath,
                0,
                0,
                "cannot apply --set " + text + ": " + reason,
                "--set key.path=value with a path the experiment allows",
                List.of())));
  }
}
