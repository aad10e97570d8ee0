package dev.nn.core.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code network} section.
 *
 * @param layers layers 0 … L+1 in the lecture's numbering: {@code layers.get(0)} is the input layer,
 *     the last one the output layer; at least two
 * @param init the initializer plugin
 * @param ties weight sharing and absent edges, checked against the layer widths
 */
public record NetworkSpec(List<LayerSpec> layers, PluginRef init, List<TieSpec> ties) {

  /** Checks for {@code null} and copies. */
  public NetworkSpec {
    layers = List.copyOf(layers);
    Objects.requireNonNull(init, "init");
    ties = List.copyOf(ties);
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
