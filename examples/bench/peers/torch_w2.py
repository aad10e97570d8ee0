"""W2 and W2-infer in PyTorch, for comparison with `nn bench` and numpy_w2.py.

The same work as examples/bench/w2.yaml and w2-infer.yaml and numpy_w2.py: torch.nn.Linear layers
784-512-512-10 with relu between them, torch.nn.CrossEntropyLoss (mean over the batch), torch.optim.SGD
with learning rate 0.05 (no momentum, no weight decay), batches of 128 from the 60,000 MNIST training
images; inference forward only, under torch.no_grad(), in batches of 1024. Data, initial weights and
batch order are numpy_w2.py's (the two IDX shards, he-uniform weights from numpy.random.default_rng(1),
then one permutation per epoch from the same generator), so `--check` gives the same figures as
numpy_w2.py's up to rounding. The measurement too: median, min and max samples/s over 5 repetitions of at
least 2 s each after a warm-up repetition.

--dtype float64 (the default, as nn's W2) or float32: the model's parameters, the data and so every
activation and gradient.

Threads: torch.set_num_threads(TORCH_NUM_THREADS, 2 when unset) for PyTorch's own parallel loops
(OpenMP). A matrix product on the CPU in float32 or float64 goes to the BLAS PyTorch was built with: for
Debian's python3-torch 1.13 that is the system libblas.so.3, i.e. OpenBLAS (sgemm_/dgemm_), which keeps
its own thread pool and reads OPENBLAS_NUM_THREADS and OPENBLAS_CORETYPE (oneDNN, also linked, is not
used for these products). The two pools share the CPUs, and with libgomp's default wait policy
PyTorch's idle OpenMP worker spins while OpenBLAS works: on 2 CPUs OMP_WAIT_POLICY=passive (or
TORCH_NUM_THREADS=1) trained 3.2-4.6 times as fast (README.md). On Debian 12 (apt-get install python3-torch
python3-numpy python3-threadpoolctl libopenblas0-pthread), with Debian's Python:

    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 examples/bench/peers/torch_w2.py [--dtype float32|float64] [w2] [w2-infer]
    OMP_WAIT_POLICY=passive OPENBLAS_NUM_THREADS=2 /usr/bin/python3 examples/bench/peers/torch_w2.py …

Both workloads run when none is named; each prints one line as numpy_w2.py does.

    /usr/bin/python3 examples/bench/peers/torch_w2.py --check 200 [--dtype …]

trains 200 batches from the same start instead of timing and prints the mean loss and the accuracy on
the 60,000 images.
"""
import argparse
import os

import numpy as np
import torch

import numpy_w2 as peer


def main():
    parser = argparse.ArgumentParser(description="W2 and W2-infer in PyTorch")
    parser.add_argument("workloads", nargs="*", metavar="w2|w2-infer", help="the workloads to run (default both)")
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float64")
    parser.add_argument("--check", type=int, metavar="STEPS",
                        help="train STEPS batches, print loss and accuracy, time nothing")
    args = parser.parse_args()
    for name in args.workloads:
        if name not in ("w2", "w2-infer"):
            parser.error(f"no workload {name!r}: w2 or w2-infer")
    torch.set_num_threads(int(os.environ.get("TORCH_NUM_THREADS", "2")))
    np_dtype = np.dtype(args.dtype).type
    dtype = {"float32": torch.float32, "float64": torch.float64}[args.dtype]

    x_np, labels_np = peer.mnist(np_dtype)
    x, labels = torch.from_numpy(x_np), torch.from_numpy(labels_np)
    rng = np.random.default_rng(peer.SEED)
    W, b = peer.initial_weights(rng, np_dtype)
    widths = peer.WIDTHS
    linears = [torch.nn.Linear(a, c, dtype=dtype) for a, c in zip(widths, widths[1:])]
    with torch.no_grad():
        for layer, w, v in zip(linears, W, b):
            layer.weight.copy_(torch.from_numpy(w.T))
            layer.bias.copy_(torch.from_numpy(v))
    model = torch.nn.Sequential(linears[0], torch.nn.ReLU(), linears[1], torch.nn.ReLU(), linears[2])
    loss_fn = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=peer.ETA)
    x_batch = torch.empty((peer.BATCH, widths[0]), dtype=dtype)

    def step(rows):
        inputs = torch.index_select(x, 0, rows, out=x_batch[:len(rows)])
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(inputs), labels[rows])
        loss.backward()
        optimizer.step()

    def epoch():
        order = torch.from_numpy(rng.permutation(len(x)))
        for start in range(0, len(x), peer.BATCH):
            step(order[start:start + peer.BATCH])

    @torch.no_grad()
    def infer():
        for start in range(0, len(x) // peer.INFER_BATCH * peer.INFER_BATCH, peer.INFER_BATCH):
            model(x[start:start + peer.INFER_BATCH])

    info = (f"{args.dtype}, torch {torch.__version__} {torch.get_num_threads()} threads, "
            f"{peer.blas_info()}")
    if args.check is not None:
        steps = 0
        while steps < args.check:
            order = torch.from_numpy(rng.permutation(len(x)))
            for start in range(0, len(x), peer.BATCH):
                if steps == args.check:
                    break
                step(order[start:start + peer.BATCH])
                steps += 1
        loss, right = 0.0, 0
        with torch.no_grad():
            for start in range(0, len(x), peer.INFER_BATCH):
                out = model(x[start:start + peer.INFER_BATCH]).double()
                t = labels[start:start + peer.INFER_BATCH]
                loss += torch.nn.functional.cross_entropy(out, t, reduction="sum").item()
                right += int((out.argmax(dim=1) == t).sum())
        print(f"torch {args.dtype} after {args.check} steps: loss {loss / len(x):.17g}  "
              f"accuracy {right / len(x):.4%}  [{info}]")
        return

    forward_flops, train_flops = peer.flops()
    for name, fn, n, f in (("w2", epoch, len(x), train_flops),
                           ("w2-infer", infer, len(x) // peer.INFER_BATCH * peer.INFER_BATCH, forward_flops)):
        if args.workloads and name not in args.workloads:
            continue
        peer.report("torch", name, peer.measure(fn, n), f, info)


if __name__ == "__main__":
    main()
