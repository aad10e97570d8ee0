# Writes torch-training.txt: a 5-8-6-3 network (tanh, relu, identity) trained by PyTorch for 3 epochs of 5 batches
# of 8 on seeded data, in float64, with what nn's experiment keys ask for: softmax cross-entropy averaged over the
# batch, Adam (lr 0.01), a linear warm-up over 10 updates (LinearLR), the gradient of the loss clipped to norm 0.5,
# then an L2 term of 0.01 on the weights only (Adam's weight_decay in a parameter group without the biases).
# PyTorch's clip_grad_norm_ divides by the norm plus 1e-6; nn's clip-norm divides by the norm, so the script
# clips as nn does. TrainingAgainstPyTorchTests trains nn's network from the same start on the same batches.
# Parameters are written in nn's order: layer by layer, W(l) as [input i][output j] (PyTorch's weight transposed),
# then b(l). Run with a Python that has PyTorch (Debian: apt-get install python3-torch):
#   /usr/bin/python3 torch_training.py > torch-training.txt
import random
import torch

torch.manual_seed(11)
rnd = random.Random(11)
N, D, K, B = 40, 5, 3, 8
x = torch.tensor([[rnd.gauss(0, 1) for _ in range(D)] for _ in range(N)], dtype=torch.float64)
y = torch.tensor([rnd.randrange(K) for _ in range(N)])
layers = [torch.nn.Linear(5, 8).double(), torch.nn.Linear(8, 6).double(), torch.nn.Linear(6, 3).double()]
acts = [torch.tanh, torch.relu, lambda v: v]


def flat():
    out = []
    for layer in layers:
        out += layer.weight.detach().t().reshape(-1).tolist() + layer.bias.detach().tolist()
    return ";".join(repr(v) for v in out)


print("start " + flat())
print("x " + ";".join(repr(v) for v in x.reshape(-1).tolist()))
print("y " + ";".join(str(int(v)) for v in y.tolist()))
weights = [l.weight for l in layers]
biases = [l.bias for l in layers]
opt = torch.optim.Adam([{"params": weights, "weight_decay": 0.01}, {"params": biases, "weight_decay": 0.0}],
                       lr=0.01)
warmup = torch.optim.lr_scheduler.LinearLR(opt, start_factor=1 / 10, end_factor=1.0, total_iters=9)
for epoch in range(3):
    losses = []
    for start in range(0, N, B):
        h = x[start:start + B]
        for layer, act in zip(layers, acts):
            h = act(layer(h))
        loss = torch.nn.functional.cross_entropy(h, y[start:start + B])
        opt.zero_grad()
        loss.backward()
        params = weights + biases
        norm = torch.sqrt(sum((p.grad ** 2).sum() for p in params))
        if norm > 0.5:
            for p in params:
                p.grad.mul_(0.5 / norm)
        opt.step()
        warmup.step()
        losses.append(loss.item())
    print(f"epoch{epoch + 1} {sum(losses) / len(losses)!r}")
print("end " + flat())
