/**
 * Saved models: a trained network together with everything needed to turn raw input rows into
 * predictions — feature names and order, the fitted scaler, class labels, the architecture, the plugins
 * by name and version, the output link and the weights — in a documented, versioned file format.
 *
 * <p>Of its public types, {@link dev.nn.core.model.Model}, {@link dev.nn.core.model.ModelSpec} and {@link
 * dev.nn.core.model.ModelFormatException} are the Java API; the others are the engine's internal API, public
 * for nn's other packages, not for applications.
 */
package dev.nn.core.model;
