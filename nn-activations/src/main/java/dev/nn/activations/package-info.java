/**
 * The built-in activation functions φ, each with its derivative φ′, found like any third-party plugin
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.nn.spi.ActivationProvider}).
 *
 * <p>Each activation is a package-private final class with its own bulk loops, behind a public
 * {@code *Provider} whose {@code name()} is the value an experiment writes: {@code identity},
 * {@code sigmoid}, {@code tanh}, {@code relu}, {@code leaky-relu}, {@code elu}, {@code softplus},
 * {@code softsign}, {@code gelu}, {@code silu}, {@code hard-sigmoid}, {@code hard-tanh}. Where PyTorch
 * has the same function, the formula, the defaults of its settings and the derivative chosen at each
 * kink are PyTorch's; {@code docs/activations.md} tabulates them. {@link dev.nn.activations.Erf}
 * supplies the error function for the exact GELU.
 */
package dev.nn.activations;
