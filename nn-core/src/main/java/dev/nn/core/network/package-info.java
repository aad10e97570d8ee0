/**
 * The engine: a dense feed-forward network, its parameter store, and the lecture's forward and backward
 * passes on mini-batches.
 *
 * <p>Lecture numbering: layer 0 is the input, layers 1 … L are hidden, layer L+1 is the output. W(l) is
 * n(l−1)×n(l), stored row-major, so w(l)ij (from node i of layer l−1 to node j of layer l) sits at row i,
 * column j. A batch of B samples is a B×n matrix whose rows are samples; in batched form the lecture's
 * equations read Z(l) = X(l−1)·W(l) + 1·b(l)ᵀ, X(l) = φ(Z(l)), Δ(l) = (Δ(l+1)·W(l+1)ᵀ) ⊙ φ′(Z(l)),
 * G_W(l) = (1/B)·X(l−1)ᵀ·Δ(l) and g_b(l) = (1/B)·1ᵀΔ(l); rows of Δ are the lecture's per-sample δ.
 *
 * <p>Of its public types, {@link dev.nn.core.network.Network} is the Java API; the others are the engine's
 * internal API, public for nn's other packages and modules, not for applications.
 */
package dev.nn.core.network;
