/**
 * Turning an experiment into the objects that train it: data read, split, standardised and encoded for
 * the loss; the network built and initialised; and the training run that writes a run directory.
 *
 * <p>Of its public types, {@link dev.nn.core.experiment.TrainingRun} and {@link
 * dev.nn.core.experiment.ExperimentGradientCheck} are the Java API; the others are the engine's internal API,
 * public for nn's other packages and modules, not for applications.
 */
package dev.nn.core.experiment;
