/**
 * Training: epochs of seeded, shuffled mini-batches, one optimizer update per batch, validation and
 * early stopping at epoch ends, divergence detection, and listeners that observe it all.
 */
package dev.nn.core.train;
