/**
 * The numeric contracts of nn, written in the lecture's notation and numbering.
 *
 * <p>Layer 0 is the input, layers 1 … L are hidden, layer L+1 is the output. W(l) is an
 * n(l−1)×n(l) matrix and w(l)ij is the edge from node i of layer l−1 to node j of layer l. The
 * forward pass computes z(l) = W(l)ᵀx(l−1) + b(l) and x(l) = φ(z(l)); the backward pass computes
 * δ(l) = (W(l+1)δ(l+1)) ⊙ φ′(z(l)); the loss seeds δ(L+1). A mini-batch of B samples is a B×n
 * row-major matrix whose rows are samples, so arrays handed to plugins hold {@code rows × cols}
 * values, row after row.
 *
 * <p>Everything here depends on the JDK alone: a plugin compiles against this module and nothing else.
 */
package dev.nn.api;
