package dev.nn.core.config;

import dev.nn.core.plugin.PluginKind;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code network} section: layers, initializer, ties and the model a fine-tuning starts from. */
final class NetworkParser {
  static final String DEFAULT_INIT = "xavier-uniform";
  private static final Range DROPOUT = Range.closedOpen(0, 1);

  private final NodeReader reader;
  private final PluginRefs plugins;

  /** The output layer's activation as read, for the loss to check; {@code null} when unknown. */
  private PluginRef outputActivation;

  private Node outputActivationNode;

  NetworkParser(NodeReader reader, PluginRefs plugins) {
    this.reader = reader;
    this.plugins = plugins;
  }

  PluginRef outputActivation() {
    return outputActivation;
  }

  Node outputActivationNode() {
    return outputActivationNode;
  }

  /** The section, or {@code null} after reporting. */
  NetworkSpec parse(Node node, String path) {
    MapView v = reader.mapping(node, path);
    if (v == null) {
      return null;
    }
    Node layersNode = v.require("layers", "a list of layers, the input layer first");
    List<LayerSpec> layers = layersNode == null ? null : layers(layersNode, v.child("layers"));
    Node i = v.get("init");
    PluginRefs.Parsed init =
        i == null ? plugins.defaultRef(DEFAULT_INIT, v.child("init"))
            : plugins.parse(i, v.child("init"), "initializer", List.of(), DEFAULT_INIT);
    if (init != null) {
      plugins.check(init, PluginKind.INITIALIZER, List.of());
    }
    Node t = v.get("ties");
    List<TieSpec> ties = t == null ? List.of() : new TieParser(reader).parse(t, v.child("ties"));
    Node w = v.get("weights-from");
    PathRef weightsFrom = w == null ? null : reader.path(w, v.child("weights-from"));
    v.finish();
    if (w != null && i != null && weightsFrom != null) {
      // two sources of the starting weights: the file wins silently nowhere
      reader.report(ProblemId.OUT_OF_RANGE, v.child("init"), i, "network.weights-from gives the starting weights and"
          + " biases, so no initializer draws them", "no init key beside weights-from (--set network.init= removes one the file writes)");
      return null;
    }
    if (layers == null || init == null || ties == null || w != null && weightsFrom == null) {
      return null;
    }
    NetworkSpec spec = new NetworkSpec(layers, init.ref(), ties, Optional.ofNullable(weightsFrom));
    reader.addAll(TieChecker.check(ties, spec.widths()));
    return spec;
  }

  private List<LayerSpec> layers(Node node, String path) {
    List<Node> items = reader.sequence(node, path, "a list of layers, the input layer first");
    if (items == null) {
      return null;
    }
    if (items.size() < 2) {
      reader.report(
          ProblemId.OUT_OF_RANGE,
          path,
          node,
          "a network needs at least 2 layers (input and output), found " + items.size(),
          "2 or more layers");
      return null;
    }
    List<LayerSpec> layers = new ArrayList<>();
    boolean ok = true;
    for (int l = 0; l < items.size(); l++) {
      LayerSpec layer = layer(items.get(l), path + "[" + l + "]", l, items.size() - 1);
      if (layer == null) {
        ok = false;
      } else {
        layers.add(layer);
      }
    }
    return ok ? layers : null;
  }

  private LayerSpec layer(Node node, String path, int l, int output) {
    MapView v = reader.mapping(node, path);
    if (v == null) {
      return null;
    }
    Node u = v.require("units", l == 0 || l == output ? "auto or an integer >= 1" : "an integer >= 1");
    Integer units = u == null ? null : units(u, v.child("units"), l, output);
    Optional<PluginRef> activation = Optional.empty();
    boolean ok = units != null;
    if (l == 0) {
      if (v.keyNode("activation") != null) {
        reader.unknownKey(
            v.child("activation"),
            v.keyNode("activation"),
            "activation",
            "the input layer has no activation",
            "units, dropout",
            List.of());
      }
      v.get("activation");
    } else {
      Node a = v.require("activation", "an activation name, e.g. relu, or {name: ..., settings}");
      PluginRefs.Parsed p = a == null ? null : plugins.parse(a, v.child("activation"), "activation", List.of());
      if (p != null && plugins.check(p, PluginKind.ACTIVATION, List.of()) != null) {
        activation = Optional.of(p.ref());
        if (l == output) {
          outputActivation = p.ref();
          outputActivationNode = p.nameNode();
        }
      } else {
        ok = false;
      }
    }
    double dropout = 0.0;
    Node d = v.get("dropout");
    if (d != null) {
      if (l == output) {
        reader.report(
            ProblemId.OUT_OF_RANGE,
            v.child("dropout"),
            d,
            "the output layer takes no dropout: its values are the network's answer",
            "dropout on the input or a hidden layer");
        ok = false;
      } else {
        Double p = reader.number(d, v.child("dropout"), DROPOUT);
        if (p == null) {
          ok = false;
        } else {
          dropout = p;
        }
      }
    }
    v.finish();
    // problems found later about a layer's width (against the data, or its memory) are placed here: a width a
    // --set gave has no line in the file, so the layer's line is not cited for it, and the --set is named
    Position where = reader.overrideOf(u) != null ? reader.position(path, u) : reader.position(path, node);
    return ok ? new LayerSpec(units, activation, dropout, where) : null;
  }

  private Integer units(Node node, String path, int l, int output) {
    if (NodeReader.isWord(node, "auto")) {
      if (l != 0 && l != output) {
        reader.report(
            ProblemId.OUT_OF_RANGE,
            path,
            node,
            "auto is allowed on the input and output layers only; hidden layer " + l + " needs a width",
            "an integer >= 1");
        return null;
      }
      return LayerSpec.AUTO;
    }
    Long n = reader.integer(node, path, 1, Integer.MAX_VALUE, l == 0 || l == output ? "auto or an integer >= 1" : "an integer >= 1");
    return n == null ? null : n.intValue();
  }
}
