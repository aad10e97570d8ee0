# Writes torch-row-weights.txt: a 4-7-3 network (tanh, identity) trained by PyTorch for 2 epochs of 5 batches of 6
# seeded rows, in float64, on softmax cross-entropy with a weight per row: each batch's loss is
# (cross_entropy(z, y, reduction="none") * w).mean(), the J = (1/B)·Σ_n w_n·L_n of a csv source's weight column;
# plain SGD (lr 0.2), the rows in order. Some rows weigh 0. RowWeightsAgainstPyTorchTests trains nn's network from
# the same start on the same batches. Parameters are written in nn's order: layer by layer, W(l) as
# [input i][output j] (PyTorch's weight transposed), then b(l). Run with a Python that has PyTorch (Debian:
# apt-get install python3-torch):
#   /usr/bin/python3 torch_row_weights.py > torch-row-weights.txt
import random
import torch

torch.manual_seed(5)
rnd = random.Random(5)
N, D, K, B = 30, 4, 3, 6
x = torch.tensor([[rnd.gauss(0, 1) for _ in range(D)] for _ in range(N)], dtype=torch.float64)
y = torch.tensor([rnd.randrange(K) for _ in range(N)])
w = torch.tensor([0.0 if n % 7 == 3 else rnd.uniform(0.1, 3.0) for n in range(N)], dtype=torch.float64)
layers = [torch.nn.Linear(D, 7).double(), torch.nn.Linear(7, K).double()]
acts = [torch.tanh, lambda v: v]


def flat():
    out = []
    for layer in layers:
        out += layer.weight.detach().t().reshape(-1).tolist() + layer.bias.detach().tolist()
    return ";".join(repr(v) for v in out)


print("start " + flat())
print("x " + ";".join(repr(v) for v in x.reshape(-1).tolist()))
print("y " + ";".join(str(int(v)) for v in y.tolist()))
print("w " + ";".join(repr(v) for v in w.tolist()))
opt = torch.optim.SGD([p for layer in layers for p in layer.parameters()], lr=0.2)
for epoch in range(2):
    losses = []
    for start in range(0, N, B):
        h = x[start:start + B]
        for layer, act in zip(layers, acts):
            h = act(layer(h))
        loss = (torch.nn.functional.cross_entropy(h, y[start:start + B], reduction="none") * w[start:start + B]).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    print(f"epoch{epoch + 1} {sum(losses) / len(losses)!r}")
print("end " + flat())
