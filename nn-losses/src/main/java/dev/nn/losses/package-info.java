/**
 * The built-in losses. Each seeds δ(L+1), the start of the backward pass, and returns Σ_n L_n over
 * the rows of a batch; the core divides by the batch size B, so the objective is J = (1/B)·Σ_n L_n.
 *
 * <p>Every per-sample loss L_n sums over the output nodes k (only {@code mean-squared} averages over
 * them). PyTorch's losses with {@code reduction='mean'} average over all B·K elements instead, so for
 * K &gt; 1 outputs J equals PyTorch's {@code reduction='sum'} result divided by B; {@code mean-squared}
 * equals {@code MSELoss()} and {@code softmax-cross-entropy} equals {@code CrossEntropyLoss()} with
 * their default mean reduction. {@code docs/losses.md} tabulates every loss.
 *
 * <p>Losses with {@link dev.nn.api.Seeding#DEFAULT} seeding write ∂L_n/∂x(L+1) and the core
 * multiplies by φ′(z(L+1)). The two cross-entropies are {@link dev.nn.api.Seeding#FUSED}: they read
 * the logits z(L+1), write δ(L+1) = ∂L_n/∂z(L+1) themselves, accept only an {@code identity} output
 * layer, and their {@link dev.nn.api.Loss#link link} turns logits into probabilities.
 *
 * <p>The implementation classes are package-private; the {@code *Provider} classes are what
 * {@link java.util.ServiceLoader} finds. The loops do not check array lengths: the core checks shapes
 * once, before training.
 */
package dev.nn.losses;
