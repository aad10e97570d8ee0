/**
 * Acme's nn plugins: the {@code acme-swish} activation and the {@code acme-pseudo-huber} loss.
 *
 * <p>This package depends on nn-api alone. nn finds the two {@code *Provider} classes with
 * {@link java.util.ServiceLoader} through {@code META-INF/services/dev.nn.spi.ActivationProvider} and
 * {@code META-INF/services/dev.nn.spi.LossProvider}; an experiment then names them in its YAML:
 *
 * <pre>{@code
 * network:
 *   layers: [{units: 1}, {units: 16, activation: {name: acme-swish, beta: 1.5}}, {units: 1, activation: identity}]
 * loss: {name: acme-pseudo-huber, delta: 0.5}
 * }</pre>
 *
 * <p>The implementation classes are package-private: nn sees only what the providers create, through
 * the {@link dev.nn.api.Activation} and {@link dev.nn.api.Loss} interfaces.
 */
package com.example.acme.nn;
