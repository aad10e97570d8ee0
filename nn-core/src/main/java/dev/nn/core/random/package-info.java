/**
 * Randomness: the one generator algorithm nn draws from ({@link dev.nn.core.random.Rng}) and the one
 * derivation of a stream from the experiment's seed and the stream's purpose
 * ({@link dev.nn.core.random.RandomStream}). A foundation: it uses no other core package, so the data
 * readers, the initializers and the trainer can all draw without depending on each other.
 *
 * <p>Of its public types, {@link dev.nn.core.random.Rng} is the Java API; {@link dev.nn.core.random.RandomStream}
 * is the engine's internal API, public for nn's other packages, not for applications.
 */
package dev.nn.core.random;
