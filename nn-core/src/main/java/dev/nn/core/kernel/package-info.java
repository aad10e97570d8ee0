/**
 * The kernel layer: the one place that owns matrix storage and the matrix kernels (GEMM, row-vector
 * broadcast, column sums) the engine runs on.
 *
 * <p>Every buffer the engine computes on — parameters, gradients, pre-activations z, activations x and
 * deltas — is a {@link java.nio.DoubleBuffer} allocated by a {@link dev.nn.core.kernel.Kernels}
 * implementation. The pure-Java implementation allocates heap buffers and runs loops on their backing
 * arrays; a BLAS-class implementation allocates direct (off-heap) buffers whose address a native GEMM
 * reads without copying. The engine, trainer and plugins never learn which one runs: plugins receive
 * plain {@code double[]} views of a layer's values through {@link dev.nn.core.kernel.Kernels#view}.
 */
package dev.nn.core.kernel;
