package dev.nn.core.config;

import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.text.Excerpt;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads plugin references, {@code relu} or {@code {name: leaky-relu, slope: 0.1}}, and checks them
 * against the installed plugins: the name must exist, the provider must accept the settings, and every
 * setting must be one the provider read.
 */
final class PluginRefs {
  private final NodeReader reader;
  private final PluginRegistry registry;

  PluginRefs(NodeReader reader, PluginRegistry registry) {
    this.reader = reader;
    this.registry = registry;
  }

  /** These plugins' references read with {@code other}: a mapping read aside reports there. */
  PluginRefs readingWith(NodeReader other) {
    return new PluginRefs(other, registry);
  }

  /**
   * A reference as read, with the nodes that problems found later point at.
   *
   * @param ref the reference
   * @param view the mapping, when it was written as one; the caller reads its core keys from it
   * @param nameNode the node holding the name
   * @param keyNodes setting name to its key node
   * @param valueNodes setting name to its value node
   * @param complete whether every setting could be read; the provider still checks those that could
   */
  record Parsed(
      PluginRef ref,
      MapView view,
      Node nameNode,
      Map<String, Node> keyNodes,
      Map<String, Node> valueNodes,
      boolean complete) {}

  /**
   * Reads a name or a mapping with {@code name} and settings.
   *
   * @param coreKeys keys of the mapping that the core reads itself and the plugin never sees
   * @return the reference, or {@code null} after reporting
   */
  Parsed parse(Node node, String path, String kind, Collection<String> coreKeys) {
    return parse(node, path, kind, coreKeys, null);
  }

  /**
   * {@link #parse(Node, String, String, Collection)} of a reference with a default plugin: a mapping without a
   * {@code name} names {@code defaultName}, as an absent reference does, so that {@code --set
   * optimizer.learning-rate=…} (or {@code optimizer: {learning-rate: 0.1}}) sets a key of the default optimizer.
   *
   * @param defaultName the plugin an absent reference names, or {@code null} when a name is required
   */
  Parsed parse(Node node, String path, String kind, Collection<String> coreKeys, String defaultName) {
    if (reader.isRejected(node)) {
      return null;
    }
    if (node instanceof ScalarNode) {
      String name = reader.string(node, path, "a " + kind + " name or {name: ..., settings}");
      if (name == null) {
        return null;
      }
      PluginRef ref = PluginRef.named(name, reader.position(path, node));
      return new Parsed(ref, null, node, Map.of(), Map.of(), true);
    }
    MapView view = reader.mapping(node, path);
    return view == null ? null : parse(view, kind, coreKeys, defaultName);
  }

  /** Reads a reference written as a mapping; {@code null} after reporting. */
  Parsed parse(MapView view, String kind, Collection<String> coreKeys) {
    return parse(view, kind, coreKeys, null);
  }

  private Parsed parse(MapView view, String kind, Collection<String> coreKeys, String defaultName) {
    String path = view.path();
    Node node = view.node();
    // an emptied name (--set optimizer.name=) is still reported as missing: only a mapping that never names one
    boolean defaulted = defaultName != null && !view.mentions("name");
    Node nameNode = defaulted ? node : view.require("name", "the name of an installed " + kind);
    String name = defaulted ? defaultName
        : nameNode == null ? null : reader.string(nameNode, view.child("name"), "a " + kind + " name");
    for (String k : coreKeys) {
      view.get(k);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    Map<String, Node> keyNodes = new LinkedHashMap<>();
    Map<String, Node> valueNodes = new LinkedHashMap<>();
    boolean complete = true;
    for (NodeTuple t : view.rest()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      keyNodes.put(key, t.getKeyNode());
      valueNodes.put(key, t.getValueNode());
      if (NodeReader.isNull(t.getValueNode())) {
        continue; // no value: the plugin's default
      }
      if (name != null && !(t.getValueNode() instanceof ScalarNode) && !reader.isRejected(t.getValueNode())) {
        // a list or a mapping: said of the plugin's setting, with the settings it reads, as a wrong scalar is
        String reads = settingsOf(kind, name);
        // said of the plugin's setting when its settings name it; else of the value only, beside what they are
        String message = reads.contains(key + ":") ? "setting \"" + key + "\" of " + kind + " \"" + name
            + "\" takes one value (a number, a word or true/false), found " + NodeReader.describe(t.getValueNode())
            : NOT_A_SETTING_VALUE + NodeReader.describe(t.getValueNode());
        reader.report(ProblemId.WRONG_TYPE, view.child(key), t.getValueNode(), message, reads);
        complete = false;
        continue;
      }
      Object v = reader.settingValue(t.getValueNode(), view.child(key));
      if (v == null) {
        complete = false;
      } else {
        settings.put(key, v);
      }
    }
    if (name == null) {
      return null;
    }
    PluginRef ref = new PluginRef(name, settings, reader.position(path, node));
    return new Parsed(ref, view, nameNode, keyNodes, valueNodes, complete);
  }

  /** How a list or mapping under a plugin's reference is refused when the plugin's settings do not name its key. */
  static final String NOT_A_SETTING_VALUE = "expected a number, a word or true/false, found ";

  /** The settings the plugin {@code name} of the kind labelled {@code kind} reads, as its provider tells them. */
  private String settingsOf(String kind, String name) {
    String help = PluginKind.ofLabel(kind).flatMap(k -> registry.descriptor(k, name))
        .map(PluginDescriptor::settingsHelp).orElse("");
    return help.isBlank() ? "a number, a word or true/false" : help;
  }

  /** A reference to a default plugin, written nowhere. */
  Parsed defaultRef(String name, String path) {
    return new Parsed(PluginRef.named(name, Position.unknown(path)), null, null, Map.of(), Map.of(), true);
  }

  /**
   * Creates the plugin a reference names through the registry, and reports each problem at the YAML node
   * it concerns: an unknown name at the name, a rejected setting at its value, an unread setting at its key.
   *
   * @param coreKeys the keys the core read from the same mapping, named in messages about unknown settings
   * @return the plugin, or {@code null} when there were problems
   */
  <T> T check(Parsed p, PluginKind<T> kind, List<String> coreKeys) {
    String path = p.ref().where().path();
    dev.nn.spi.Settings settings = p.ref().toSettings(kind.label());
    try {
      T created = registry.create(kind, p.ref().name(), settings, coreKeys);
      boolean emptyUnknown = unknownWithoutValues(p, kind, coreKeys, settings, false);
      return p.complete() && !emptyUnknown ? created : null;
    } catch (ConfigException e) {
      // a plugin that refused a value may not have asked for every key yet: only a key no plugin has is told
      unknownWithoutValues(p, kind, coreKeys, settings, true);
      for (Throwable thrown : e.getSuppressed()) {
        reader.causedBy(thrown);
      }
      for (ConfigProblem q : e.problems()) {
        if (alreadyReported(p, q)) {
          // the plugin was given its default in place of a value reported above ("is required", after "found a
          // list"): the same key again, not news
          continue;
        }
        if (q.id().equals(ProblemId.UNKNOWN_KEY)) {
          reader.unknownKey(path + "." + q.path(), p.keyNodes().get(q.path()), q.path(), q.message(), q.allowed(),
              q.suggestions());
        } else {
          Node at = p.valueNodes().getOrDefault(q.path(), p.nameNode());
          String where = q.path().isEmpty() ? path : path + "." + q.path();
          // a name the file wrote is quoted as every value is, at most its first characters
          String message = q.message().replace("\"" + p.ref().name() + "\"", "\"" + Excerpt.of(p.ref().name()) + "\"");
          message = asWritten(message, at);
          reader.report(q.id(), where, at, message, q.allowed(), q.suggestions());
        }
      }
      return null;
    } finally {
      // the settings this plugin reads are keys of its mapping, so that one written elsewhere (a learning rate under
      // training) is told where it belongs
      List<String> keys = new java.util.ArrayList<>(coreKeys);
      keys.addAll(settings.requestedKeys());
      reader.keysOf(path, keys);
    }
  }

  /**
   * Reports each key written without a value ({@code beta11:}, or {@code {name adam}}, a key whose ':' is missing)
   * that the plugin never asked for: a key without a value gives the plugin its default, so it is not among the
   * settings the plugin sees, and was taken without a word. Whether there was one.
   */
  private boolean unknownWithoutValues(Parsed p, PluginKind<?> kind, List<String> coreKeys, dev.nn.spi.Settings read,
      boolean malformedOnly) {
    String path = p.ref().where().path();
    List<String> known = new java.util.ArrayList<>(coreKeys);
    known.addAll(read.requestedKeys());
    boolean any = false;
    for (Map.Entry<String, Node> e : p.valueNodes().entrySet()) {
      String key = e.getKey();
      if (!NodeReader.isNull(e.getValue()) || key.equals("name") || known.contains(key)
          || malformedOnly && !key.strip().contains(" ")) {
        continue;
      }
      String label = kind.label() + " \"" + Excerpt.of(p.ref().name()) + "\"";
      String colon = key.strip().contains(" ") ? "; a key and its value are written key: value (is a ':' missing?)"
          : "";
      reader.unknownKey(path + "." + key, p.keyNodes().get(key), key, "unknown setting \"" + key + "\" of " + label
          + colon, known.isEmpty() ? label + " reads no settings" : String.join(", ", known), known);
      any = true;
    }
    return any;
  }

  /** Whether {@code q} is about a setting the file gave a value for that was reported and left out as it was read. */
  private static boolean alreadyReported(Parsed p, ConfigProblem q) {
    Node value = p.valueNodes().get(q.path());
    return !q.path().isEmpty() && value != null && !NodeReader.isNull(value) && !p.ref().settings().containsKey(q.path());
  }

  /**
   * {@code message} with a number too large for float64 shown as written: the plugin saw {@code 1e400} as the
   * infinity it reads as, and "found Infinity" hid what the file says.
   */
  private static String asWritten(String message, Node at) {
    if (at instanceof ScalarNode s) {
      Double v = Scalars.parseNumber(s);
      if (v != null && v.isInfinite() && !s.getValue().toLowerCase(java.util.Locale.ROOT).contains("inf")) {
        return message.replace("found " + v, "found " + Excerpt.of(s.getValue().strip()) + " (beyond the largest"
            + " float64 number, about 1.8e308)");
      }
    }
    return message;
  }

  /** The names of the installed plugins of {@code kind}, in order. */
  java.util.Set<String> installed(PluginKind<?> kind) {
    return registry.names(kind);
  }
}
