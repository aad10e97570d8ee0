package dev.nn.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code network} section.
 *
 * @param layers layers 0 … L+1 in the lecture's numbering: {@code layers.get(0)} is the input layer,
 *     the last one the output layer; at least two
 * @param init the initializer plugin
 * @param ties weight sharing and absent edges, checked against the layer widths
 * @param weightsFrom a model file whose weights and biases the network starts from, in place of the
 *     initializer's draw (fine-tuning), or empty
 */
public record NetworkSpec(List<LayerSpec> layers, PluginRef init, List<TieSpec> ties, Optional<PathRef> weightsFrom) {

  /** Checks for {@code null} and copies. */
  public NetworkSpec {
    layers = List.copyOf(layers);
    Objects.requireNonNull(init, "init");
    ties = List.copyOf(ties);
    Objects.requireNonNull(weightsFrom, "weightsFrom");
  }

  /** A network whose weights its initializer draws. */
  public NetworkSpec(List<LayerSpec> layers, PluginRef init, List<TieSpec> ties) {
    this(layers, init, ties, Optional.empty());
  }

  /** n(0) … n(L+1), with {@link LayerSpec#AUTO} where the width comes from the data. */
  public int[] widths() {
    int[] n = new int[layers.size()];
    for (int l = 0; l < n.length; l++) {
      n[l] = layers.get(l).units();
    }
    return n;
  }
}
