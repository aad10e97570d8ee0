"""W2 and W2-infer in NumPy with hand-written backpropagation, for comparison with `nn bench`.

The same work as examples/bench/w2.yaml and w2-infer.yaml: 784-512-512-10, relu hidden, softmax
cross-entropy, batch 128, plain SGD with learning rate 0.05, the 60,000 MNIST training images (read from
the two IDX shards train-*-idx?-ubyte.part1.gz and .part2.gz, in that order); inference forward only in
batches of 1024. Median, min and max samples/s over 5 repetitions of at least 2 s each after a warm-up
repetition. Training goes on from one repetition to the next; each epoch visits the images in a fresh
permutation drawn from the same generator that drew the initial weights (numpy.random.default_rng(1)).

--dtype float64 (the default, as nn's W2) or float32: the data, weights, activations and gradients are all
of that type. Every buffer is allocated once, before the first step.

Threads: OpenBLAS reads OPENBLAS_NUM_THREADS (2 on a 2-core machine). On Debian 12, with the system's
NumPy 1.24 on the system's OpenBLAS 0.3.21 (apt-get install python3-numpy python3-threadpoolctl
libopenblas0-pthread), run it with Debian's Python:

    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 examples/bench/peers/numpy_w2.py [--dtype float32|float64] [w2] [w2-infer]

Both workloads run when none is named. Each prints one line: samples/s (median, min, max), GFLOP/s, and
the BLAS library, version, core type and thread count as threadpoolctl reports them (when it is
installed). To choose OpenBLAS's kernels, set or unset OPENBLAS_CORETYPE (e.g. `env -u OPENBLAS_CORETYPE
-u OPENBLAS_L2_SIZE` lets OpenBLAS pick them for the CPU).

    /usr/bin/python3 examples/bench/peers/numpy_w2.py --check 200 [--dtype …]

trains 200 batches from the same start instead of timing and prints the mean loss (to 17 digits) and the
accuracy on the 60,000 images, to compare kernels, thread counts, dtypes and torch_w2.py.
"""
import argparse
import gzip
import os
import statistics
import struct
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MNIST = os.path.join(HERE, "..", "..", "data", "mnist")
IMAGES = [os.path.join(MNIST, f"train-images-idx3-ubyte.part{i}.gz") for i in (1, 2)]
LABELS = [os.path.join(MNIST, f"train-labels-idx1-ubyte.part{i}.gz") for i in (1, 2)]
WIDTHS = [784, 512, 512, 10]
ETA, BATCH, INFER_BATCH, SEED = 0.05, 128, 1024, 1


def idx(paths):
    """The uint8 contents of IDX files (images as rows of pixels), shards concatenated in order."""
    parts, shape = [], None
    for path in paths:
        with gzip.open(path, "rb") as f:
            data = f.read()
        magic, n = struct.unpack(">II", data[:8])
        if magic == 0x803:
            rows, cols = struct.unpack(">II", data[8:16])
            part = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows * cols)
        elif magic == 0x801:
            part = np.frombuffer(data, dtype=np.uint8, offset=8)
        else:
            raise ValueError(f"{path}: not an IDX file of images or labels (magic {magic:#x})")
        if len(part) != n:
            raise ValueError(f"{path}: header says {n} items, file holds {len(part)}")
        if shape is not None and part.shape[1:] != shape:
            raise ValueError(f"{path}: items of shape {part.shape[1:]}, earlier shards {shape}")
        shape = part.shape[1:]
        parts.append(part)
    return np.concatenate(parts)


def mnist(dtype):
    """The 60,000 training images scaled to [0, 1] in dtype, and their labels (int64)."""
    x = idx(IMAGES).astype(dtype)
    x /= dtype(255)
    labels = idx(LABELS).astype(np.int64)
    if len(x) != len(labels):
        raise ValueError(f"{len(x)} images but {len(labels)} labels")
    return x, labels


def initial_weights(rng, dtype):
    """He-uniform weights (drawn in float64, then rounded to dtype) and zero biases."""
    W = [(rng.uniform(-1, 1, (a, b)) * np.sqrt(6.0 / a)).astype(dtype) for a, b in zip(WIDTHS, WIDTHS[1:])]
    b = [np.zeros(n, dtype=dtype) for n in WIDTHS[1:]]
    return W, b


def measure(run_pass, samples_per_pass, repetitions=5, min_seconds=2.0):
    def repetition():
        start = time.perf_counter()
        done = 0
        while True:
            run_pass()
            done += samples_per_pass
            elapsed = time.perf_counter() - start
            if elapsed >= min_seconds:
                return done / elapsed
    repetition()  # warm-up
    rates = sorted(repetition() for _ in range(repetitions))
    return statistics.median(rates), rates[0], rates[-1]


def flops():
    """FLOPs per sample: (forward, training step)."""
    forward = 2 * sum(a * c for a, c in zip(WIDTHS, WIDTHS[1:]))
    return forward, 2 * forward + 2 * sum(a * c for a, c in zip(WIDTHS[1:], WIDTHS[2:]))


def blas_info():
    """'openblas 0.3.21 Haswell pthreads 2 threads', or '' without threadpoolctl."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return ""
    return "; ".join(
        f"{i.get('internal_api')} {i.get('version')} {i.get('architecture', '')} "
        f"{i.get('threading_layer', '')} {i.get('num_threads')} threads".replace("  ", " ")
        for i in threadpool_info() if i.get("user_api") == "blas")


def report(peer, name, rates, flops_per_sample, info):
    med, lo, hi = rates
    print(f"{peer} {name:9s} {med:10.0f} samples/s  (min {lo:.0f}, max {hi:.0f})  "
          f"{med * flops_per_sample / 1e9:6.2f} GFLOP/s  [{info}]", flush=True)


def main():
    parser = argparse.ArgumentParser(description="W2 and W2-infer in NumPy")
    parser.add_argument("workloads", nargs="*", metavar="w2|w2-infer", help="the workloads to run (default both)")
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float64")
    parser.add_argument("--check", type=int, metavar="STEPS",
                        help="train STEPS batches, print loss and accuracy, time nothing")
    args = parser.parse_args()
    for name in args.workloads:
        if name not in ("w2", "w2-infer"):
            parser.error(f"no workload {name!r}: w2 or w2-infer")
    dtype = np.dtype(args.dtype).type

    x, labels = mnist(dtype)
    y = np.zeros((len(labels), WIDTHS[-1]), dtype=dtype)
    y[np.arange(len(labels)), labels] = 1
    rng = np.random.default_rng(SEED)
    W, b = initial_weights(rng, dtype)

    # Every buffer is allocated once: allocating fresh multi-megabyte temporaries in each step costs
    # NumPy far more in page faults than the arithmetic on some machines (a 784x512 update took 13 ms
    # instead of 0.4 ms on the benchmark machine), and nn's own loop allocates nothing either. In a step
    # NumPy then makes only array views and, for each broadcasting or reducing ufunc call, its iterator's
    # buffer of 8192 elements (64 KiB in float64). Scalars are of dtype, so that no ufunc casts.
    zero = dtype(0)
    def buffers(rows):
        return [np.empty((rows, n), dtype=dtype) for n in WIDTHS[1:]]
    zs, outs, deltas, masks = buffers(BATCH), buffers(BATCH), buffers(BATCH), buffers(BATCH)
    grad_w = [np.empty_like(w) for w in W]
    grad_b = [np.empty_like(v) for v in b]
    x_batch = np.empty((BATCH, WIDTHS[0]), dtype=dtype)
    y_batch = np.empty((BATCH, WIDTHS[-1]), dtype=dtype)
    row_max = np.empty((BATCH, 1), dtype=dtype)

    def step(rows):
        n = len(rows)
        rate = dtype(ETA / n)
        # mode="clip": with the default "raise", take() gathers into a temporary before copying to out.
        inputs = np.take(x, rows, axis=0, out=x_batch[:n], mode="clip")
        targets = np.take(y, rows, axis=0, out=y_batch[:n], mode="clip")
        h = inputs
        for l in range(3):
            z = np.matmul(h, W[l], out=zs[l][:n])
            z += b[l]
            h = np.maximum(z, zero, out=outs[l][:n]) if l < 2 else z
        p = outs[2][:n]
        np.max(h, axis=1, keepdims=True, out=row_max[:n])
        np.subtract(h, row_max[:n], out=p)
        np.exp(p, out=p)
        np.sum(p, axis=1, keepdims=True, out=row_max[:n])
        p /= row_max[:n]
        delta = np.subtract(p, targets, out=deltas[2][:n])
        for l in (2, 1, 0):
            below = inputs if l == 0 else outs[l - 1][:n]
            np.matmul(below.T, delta, out=grad_w[l])
            np.sum(delta, axis=0, out=grad_b[l])
            if l > 0:
                # relu'(z) as 0/1 in dtype (heaviside(z, 0) is 0 at z <= 0): no bool-to-float cast.
                mask = np.heaviside(zs[l - 1][:n], zero, out=masks[l - 1][:n])
                delta = np.matmul(delta, W[l].T, out=deltas[l - 1][:n])
                delta *= mask
            grad_w[l] *= rate
            grad_b[l] *= rate
            W[l] -= grad_w[l]
            b[l] -= grad_b[l]

    def epoch():
        order = rng.permutation(len(x))
        for start in range(0, len(x), BATCH):
            step(order[start:start + BATCH])

    infer_outs = buffers(INFER_BATCH)

    def forward(start):
        h = x[start:start + INFER_BATCH]
        for l in range(3):
            h = np.matmul(h, W[l], out=infer_outs[l][:len(h)])
            h += b[l]
            if l < 2:
                np.maximum(h, zero, out=h)
        return h

    def infer():
        for start in range(0, len(x) // INFER_BATCH * INFER_BATCH, INFER_BATCH):
            forward(start)

    if args.check is not None:
        steps = 0
        while steps < args.check:
            order = rng.permutation(len(x))
            for start in range(0, len(x), BATCH):
                if steps == args.check:
                    break
                step(order[start:start + BATCH])
                steps += 1
        loss, right = 0.0, 0
        for start in range(0, len(x), INFER_BATCH):
            h = forward(start).astype(np.float64)
            t = labels[start:start + INFER_BATCH]
            h -= h.max(axis=1, keepdims=True)
            loss -= (h[np.arange(len(t)), t] - np.log(np.exp(h).sum(axis=1))).sum()
            right += int((h.argmax(axis=1) == t).sum())
        print(f"numpy {args.dtype} after {args.check} steps: loss {loss / len(x):.17g}  "
              f"accuracy {right / len(x):.4%}  [{blas_info()}]")
        return

    forward_flops, train_flops = flops()
    info = f"{args.dtype}, {blas_info()}"
    for name, fn, n, f in (("w2", epoch, len(x), train_flops),
                           ("w2-infer", infer, len(x) // INFER_BATCH * INFER_BATCH, forward_flops)):
        if args.workloads and name not in args.workloads:
            continue
        report("numpy", name, measure(fn, n), f, info)


if __name__ == "__main__":
    main()
