/**
 * The built-in weight initializers: zeros, constant, uniform, normal, xavier-uniform, xavier-normal,
 * he-uniform, he-normal, lecun-uniform and lecun-normal.
 *
 * <p>In the lecture's orientation W(l) is n(l−1)×n(l), so fan-in = n(l−1) is the number of rows and
 * fan-out = n(l) the number of columns. Weights are written row-major, row i (node i of layer l−1)
 * after row i−1, one draw per weight. Every built-in sets the biases b(l) to zero. Randomness comes
 * only from the {@link java.util.random.RandomGenerator} passed in: uniform values from
 * {@code nextDouble()}, normal ones from {@code nextGaussian()}. Formulas and defaults follow
 * PyTorch's {@code torch.nn.init}.
 */
package dev.nn.core.init;
