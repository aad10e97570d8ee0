package dev.nn.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One layer l: its width n(l) and its activation φ.
 *
 * @param units n(l) {@code >= 1}, or {@link #AUTO} (input and output layers only) when the data decides
 * @param activation φ of this layer; empty for the input layer, present for every other layer
 * @param dropout p in [0, 1): the fraction of x(l) dropped while the network trains; 0 (none) for the output
 *     layer
 * @param where where the layer was written
 */
public record LayerSpec(int units, Optional<PluginRef> activation, double dropout, Position where) {

  /** The value of {@link #units()} written {@code auto}: the width is taken from the data. */
  public static final int AUTO = -1;

  /** Checks for {@code null}. */
  public LayerSpec {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(where, "where");
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), found " + dropout);
    }
  }

  /** A layer without dropout. */
  public LayerSpec(int units, Optional<PluginRef> activation, Position where) {
    this(units, activation, 0.0, where);
  }

  /** Whether the width is taken from the data. */
  public boolean isAuto() {
    return units == AUTO;
  }
}
