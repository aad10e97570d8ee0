/**
 * The kernel layer: the one place that owns matrix storage and the matrix kernels (GEMM, row-vector
 * broadcast, column sums) the engine runs on.
 *
 * <p>Every buffer the engine computes on — parameters, gradients, pre-activations z, activations x and
 * deltas — is a {@link java.nio.DoubleBuffer} allocated by a {@link dev.nn.core.kernel.Kernels}
 * implementation. {@link dev.nn.core.kernel.JavaKernels} allocates heap buffers and runs loops on their
 * backing arrays; {@link dev.nn.core.kernel.BlasKernels} allocates direct (off-heap) buffers whose
 * memory OpenBLAS reads in place, and loads its native library only when the first instance is made.
 * {@link dev.nn.core.kernel.KernelChoice} picks one from a backend name ({@code auto}, {@code java},
 * {@code blas}), a thread count and the network's shape. The engine, trainer and plugins never learn
 * which one runs: plugins receive plain {@code double[]} arrays of a layer's values — the buffer's own array for
 * heap buffers, a staged copy (written back after the plugin's call) for off-heap ones.
 *
 * <p>Both implementations split a large product over threads by blocks of rows (or columns) of C and
 * never split the sum of one element, so the thread count does not change a result (see
 * {@link dev.nn.core.kernel.BlasKernels} for the one exception, OpenBLAS's AVX-512 kernels).
 *
 * <p>This package is the engine's internal API, public for nn's other packages and modules, not for applications,
 * but for {@link dev.nn.core.kernel.Precision}, which the data readers of the Java API take.
 */
package dev.nn.core.kernel;
