/**
 * Guice wiring, the top of the core: {@link dev.nn.core.inject.NnModules} combines one module per concern —
 * the plugin registry, the experiment with its run options and listeners, and the core objects of
 * {@link dev.nn.core.experiment.CoreModule} — and is the one place an injector is made. The objects it
 * builds take their collaborators in {@code @Inject} constructors (standard jakarta.inject annotations).
 *
 * <p>This package is the engine's internal API, public for the facade {@link dev.nn.core.Nn}, not for
 * applications.
 */
package dev.nn.core.inject;
