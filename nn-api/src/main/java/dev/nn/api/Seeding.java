package dev.nn.api;

/** How a {@link Loss} seeds δ(L+1), the output layer's delta. */
public enum Seeding {
  /**
   * The loss writes ∂L/∂x(L+1); the core then multiplies by φ′(z(L+1)) of the output activation, as in
   * the lecture's δ(L+1) = −2(y − x)φ′(z) for the squared loss. Any output activation may be used.
   */
  DEFAULT,
  /**
   * The loss owns the output link: it sees z(L+1), writes δ(L+1) = ∂L/∂z itself, and requires an
   * {@code identity} output layer (softmax-cross-entropy, binary-cross-entropy on logits). This keeps
   * the loss numerically stable for any z.
   */
  FUSED
}
