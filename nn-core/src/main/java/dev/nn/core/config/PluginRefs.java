package dev.nn.core.config;

import dev.nn.core.text.Suggestions;
import dev.nn.core.plugin.PluginKind;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.PluginProvider;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads plugin references, {@code relu} or {@code {name: leaky-relu, slope: 0.1}}, and checks them
 * against the installed plugins: the name must exist, the provider must accept the settings, and every
 * setting must be one the provider read.
 */
final class PluginRefs {
  private static final Pattern HELP_KEY = Pattern.compile("([a-z][a-z0-9-]*)\\s*:");

  private final NodeReader reader;
  private final Function<PluginKind, Map<String, ? extends PluginProvider<?>>> plugins;

  PluginRefs(NodeReader reader, Function<PluginKind, Map<String, ? extends PluginProvider<?>>> plugins) {
    this.reader = reader;
    this.plugins = plugins;
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
    return view == null ? null : parse(view, kind, coreKeys);
  }

  /** Reads a reference written as a mapping; {@code null} after reporting. */
  Parsed parse(MapView view, String kind, Collection<String> coreKeys) {
    String path = view.path();
    Node node = view.node();
    Node nameNode = view.require("name", "the name of an installed " + kind);
    String name = nameNode == null ? null : reader.string(nameNode, view.child("name"), "a " + kind + " name");
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

  /** A reference to a default plugin, written nowhere. */
  Parsed defaultRef(String name, String path) {
    return new Parsed(PluginRef.named(name, Position.unknown(path)), null, null, Map.of(), Map.of(), true);
  }

  /**
   * Checks the reference against the installed plugins of {@code kind}: reports an unknown name with
   * "did you mean", settings the provider rejects, and settings it did not read.
   *
   * @param coreKeys the keys the core read from the same mapping, named in messages about unknown settings
   * @return the plugin the provider created, or {@code null} when there were problems
   */
  Object check(Parsed p, PluginKind kind, List<String> coreKeys) {
    String path = p.ref().where().path();
    Map<String, ? extends PluginProvider<?>> found = plugins.apply(kind);
    Map<String, ? extends PluginProvider<?>> installed = found == null ? Map.of() : found;
    String name = p.ref().name();
    PluginProvider<?> provider = installed.get(name);
    if (provider == null) {
      TreeSet<String> names = new TreeSet<>(installed.keySet());
      reader.report(
          ProblemId.UNKNOWN_PLUGIN,
          path,
          p.nameNode(),
          "unknown " + kind.label() + " \"" + name + "\"",
          names.isEmpty() ? "no " + kind.label() + " plugins are installed" : String.join(", ", names),
          Suggestions.closest(name, names));
      return null;
    }
    String label = kind.label() + " \"" + name + "\"";
    Settings settings = Settings.of(label, p.ref().settings());
    Object created;
    try {
      created = provider.create(settings);
    } catch (ConfigException e) {
      for (ConfigProblem q : e.problems()) {
        Node at = p.valueNodes().getOrDefault(q.path(), p.nameNode());
        String where = q.path().isEmpty() ? path : path + "." + q.path();
        reader.report(q.id(), where, at, q.message(), q.allowed(), q.suggestions());
      }
      return null;
    } catch (RuntimeException e) {
      reader.report(
          ProblemId.INVALID_SETTING, path, p.nameNode(), label + " rejected its settings: " + e.getMessage(), provider.settingsHelp());
      return null;
    }
    List<String> unread = settings.unreadKeys();
    if (unread.isEmpty()) {
      return p.complete() ? created : null;
    }
    List<String> known = new ArrayList<>(coreKeys);
    Matcher m = HELP_KEY.matcher(provider.settingsHelp());
    while (m.find()) {
      known.add(m.group(1));
    }
    String help = provider.settingsHelp().isEmpty() ? label + " reads no settings" : provider.settingsHelp();
    String allowed = coreKeys.isEmpty() ? help : String.join(", ", coreKeys) + "; " + help;
    for (String key : unread) {
      reader.unknownKey(
          path + "." + key, p.keyNodes().get(key), key, "unknown setting \"" + key + "\" of " + label, allowed, known);
    }
    return null;
  }
}
