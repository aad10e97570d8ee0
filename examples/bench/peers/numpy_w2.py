"""W2 and W2-infer in NumPy with hand-written backpropagation, for comparison with `nn bench`.

The same work as examples/bench/w2.yaml and w2-infer.yaml: 784-512-512-10, relu hidden, softmax
cross-entropy, batch 128, plain SGD with learning rate 0.05, the 60,000 MNIST training images, float64;
inference forward only in batches of 1024. Median, min and max samples/s over 5 repetitions of at least
2 s each after a warm-up. Threads: set OPENBLAS_NUM_THREADS (2 on a 2-core machine).

    python3 examples/bench/peers/numpy_w2.py [w2] [w2-infer]    (both when none is named)
"""
import gzip
import os
import statistics
import struct
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MNIST = os.path.join(HERE, "..", "..", "data", "mnist")


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows * cols).astype(np.float64) / 255.0
    return np.frombuffer(data, dtype=np.uint8, offset=8).astype(np.int64)


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


def main():
    x = idx(os.path.join(MNIST, "train-images-idx3-ubyte.gz"))
    labels = idx(os.path.join(MNIST, "train-labels-idx1-ubyte.gz"))
    y = np.zeros((len(labels), 10))
    y[np.arange(len(labels)), labels] = 1.0
    rng = np.random.default_rng(1)
    widths = [784, 512, 512, 10]
    W = [rng.uniform(-1, 1, (a, b)) * np.sqrt(6.0 / a) for a, b in zip(widths, widths[1:])]
    b = [np.zeros(n) for n in widths[1:]]
    eta, batch = 0.05, 128

    # Every buffer is allocated once: allocating fresh multi-megabyte temporaries in each step costs
    # NumPy far more in page faults than the arithmetic on some machines (a 784x512 update took 13 ms
    # instead of 0.4 ms on the benchmark machine), and nn's own loop allocates nothing either.
    zs = [np.empty((batch, n)) for n in widths[1:]]
    outs = [np.empty((batch, n)) for n in widths[1:]]
    deltas = [np.empty((batch, n)) for n in widths[1:]]
    masks = [np.empty((batch, n), dtype=bool) for n in widths[1:]]
    grad_w = [np.empty_like(w) for w in W]
    grad_b = [np.empty_like(v) for v in b]
    x_batch = np.empty((batch, widths[0]))
    y_batch = np.empty((batch, widths[-1]))
    row_max = np.empty((batch, 1))

    def epoch():
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch):
            rows = order[start:start + batch]
            n = len(rows)
            inputs = np.take(x, rows, axis=0, out=x_batch[:n])
            targets = np.take(y, rows, axis=0, out=y_batch[:n])
            h = inputs
            for l in range(3):
                z = np.matmul(h, W[l], out=zs[l][:n])
                z += b[l]
                h = np.maximum(z, 0.0, out=outs[l][:n]) if l < 2 else z
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
                    mask = np.greater(zs[l - 1][:n], 0.0, out=masks[l - 1][:n])
                    delta = np.matmul(delta, W[l].T, out=deltas[l - 1][:n])
                    delta *= mask
                grad_w[l] *= eta / n
                grad_b[l] *= eta / n
                W[l] -= grad_w[l]
                b[l] -= grad_b[l]

    infer_outs = [np.empty((1024, n)) for n in widths[1:]]

    def infer():
        for start in range(0, len(x) // 1024 * 1024, 1024):
            h = x[start:start + 1024]
            for l in range(3):
                h = np.matmul(h, W[l], out=infer_outs[l])
                h += b[l]
                if l < 2:
                    np.maximum(h, 0.0, out=h)

    flops = 2 * sum(a * c for a, c in zip(widths, widths[1:]))
    train_flops = 2 * flops + 2 * sum(a * c for a, c in zip(widths[1:], widths[2:]))
    chosen = sys.argv[1:] or ["w2", "w2-infer"]
    for name, fn, n, f in (("w2", epoch, len(x), train_flops), ("w2-infer", infer, len(x) // 1024 * 1024, flops)):
        if name not in chosen:
            continue
        med, lo, hi = measure(fn, n)
        print(f"numpy {name:9s} {med:10.0f} samples/s  (min {lo:.0f}, max {hi:.0f})  {med * f / 1e9:6.2f} GFLOP/s")


if __name__ == "__main__":
    main()
