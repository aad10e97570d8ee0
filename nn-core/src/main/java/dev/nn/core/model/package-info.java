/**
 * Saved models: a trained network together with everything needed to turn raw input rows into
 * predictions — feature names and order, the fitted scaler, class labels, the architecture, the plugins
 * by name and version, the output link and the weights — in a documented, versioned file format.
 */
package dev.nn.core.model;
