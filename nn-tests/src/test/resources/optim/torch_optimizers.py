# Writes torch-optimizers.csv: the parameters PyTorch's optimizers reach after each of 30 steps on seeded
# gradients, in float64, with a learning rate that changes every step (as a schedule changes it).
# OptimizersAgainstPyTorchTests drives nn's optimizers with the same gradients and rates and compares.
# Run with a Python that has PyTorch (Debian: apt-get install python3-torch):
#   /usr/bin/python3 torch_optimizers.py > torch-optimizers.csv
import random
import torch

CASES = [
    ("sgd", lambda p: torch.optim.SGD(p, lr=0.1)),
    ("momentum", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.8, nesterov=True)),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1, eps=1e-10, initial_accumulator_value=0.1)),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.1, alpha=0.9, eps=1e-8)),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.8, 0.99), eps=1e-8)),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.05)),
]

print("case,step,rate,gradient,parameters")
for index, (name, make) in enumerate(CASES):
    rnd = random.Random(500 + index)
    w = torch.tensor([rnd.uniform(-1, 1) for _ in range(5)], dtype=torch.float64, requires_grad=True)
    print(f"{name},0,0.0,,{';'.join(repr(v) for v in w.tolist())}")
    opt = make([w])
    for step in range(1, 31):
        rate = 0.1 * 0.93 ** step
        for group in opt.param_groups:
            group["lr"] = rate
        grad = [rnd.gauss(0, 1) * (2.0 if step % 7 == 0 else 1.0) for _ in range(5)]
        w.grad = torch.tensor(grad, dtype=torch.float64)
        opt.step()
        print(f"{name},{step},{rate!r},{';'.join(repr(g) for g in grad)},{';'.join(repr(v) for v in w.tolist())}")
