/**
 * The built-in optimizers: sgd, momentum, nesterov, adagrad, rmsprop, adam and adamw.
 *
 * <p>Each is an immutable {@link dev.nn.api.Optimizer} (its settings) that creates one mutable
 * {@link dev.nn.api.Optimizer.Updater} per parameter block (its moments and accumulators). They reach
 * the core through the same door as third-party plugins: a public provider listed in
 * {@code META-INF/services/dev.nn.spi.OptimizerProvider}. Update rules and defaults follow
 * PyTorch's {@code torch.optim}; each class documents its rule and the paper it comes from.
 *
 * <p>The learning rate η(t) is not an optimizer setting. The core evaluates the schedule
 * ({@link dev.nn.core.schedule}) and passes η(t) to every step, so no optimizer here reads
 * {@code learning-rate} or {@code schedule}.
 *
 * <p>Of its public types, the providers are the Java API (an application may hand them to {@link
 * dev.nn.core.plugin.PluginRegistry#of}); the others are the engine's internal API, public for nn's other
 * packages, not for applications.
 */
package dev.nn.core.optim;
