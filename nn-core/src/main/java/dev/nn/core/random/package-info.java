/**
 * Randomness: the one generator algorithm nn draws from ({@link dev.nn.core.random.Rng}) and the one
 * derivation of a stream from the experiment's seed and the stream's purpose
 * ({@link dev.nn.core.random.RandomStream}). A foundation: it uses no other core package, so the data
 * readers, the initializers and the trainer can all draw without depending on each other.
 *
 * <p>Its public types, {@link dev.nn.core.random.Rng} and {@link dev.nn.core.random.RandomStream} (the streams a run
 * draws from, which a split read in code names), are the Java API.
 */
package dev.nn.core.random;
