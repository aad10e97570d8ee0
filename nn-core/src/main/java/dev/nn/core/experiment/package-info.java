/**
 * Turning an experiment into the objects that train it: data read, split, standardised and encoded for
 * the loss; the network built and initialised; and the training run that writes a run directory.
 */
package dev.nn.core.experiment;
