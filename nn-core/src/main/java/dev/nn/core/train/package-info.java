/**
 * Training: epochs of seeded, shuffled mini-batches, one optimizer update per batch, validation and
 * early stopping at epoch ends, divergence detection, and listeners that observe it all.
 *
 * <p>Of its public types, {@link dev.nn.core.train.TrainerState} and {@link dev.nn.core.train.Evaluator} are the
 * engine's internal API, public for nn's other packages and modules, not for applications; the others are the
 * Java API.
 */
package dev.nn.core.train;
