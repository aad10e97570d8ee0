package dev.nn.core.config;

import java.util.Objects;

/**
 * A reference to weights or biases of one layer l, in the lecture's numbering: {@code layers[2].W[0][3]}
 * is w(2)03, the edge from node 0 of layer 1 to node 3 of layer 2; {@code layers[1].b[4]} is b(1)4.
 * Indices may be inclusive ranges ({@code W[1][0..4]}) or {@code *}; {@code layers[2].W} alone is the
 * whole block.
 *
 * @param layer l, from 1 (the first layer with weights) to L+1 (the output layer)
 * @param kind W or b
 * @param i rows i of W(l), nodes of layer l−1; always {@code 0..0} for biases
 * @param j columns j of W(l), nodes of layer l; the index of b(l)
 * @param where where the reference was written
 */
public record ParamRef(int layer, ParamKind kind, Span i, Span j, Position where) {

  /** Checks for {@code null}. */
  public ParamRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(i, "i");
    Objects.requireNonNull(j, "j");
    Objects.requireNonNull(where, "where");
  }

  /** Whether this names the whole block W(l) or b(l). */
  boolean isWholeBlock() {
    return kind == ParamKind.W ? i.isAll() && j.isAll() : j.isAll();
  }

  /** Whether some parameter is named by both references. */
  boolean overlaps(ParamRef other) {
    return layer == other.layer && kind == other.kind && i.overlaps(other.i) && j.overlaps(other.j);
  }

  /** The block alone, {@code layers[2].W}. */
  String block() {
    return "layers[" + layer + "]." + kind.yamlName();
  }

  /** As written, in canonical form: {@code layers[2].W[0][3]}, {@code layers[2].b[*]} or {@code layers[2].W}. */
  @Override
  public String toString() {
    if (isWholeBlock()) {
      return block();
    }
    return kind == ParamKind.W ? block() + "[" + i + "][" + j + "]" : block() + "[" + j + "]";
  }
}
