# Writes torch-plateau.csv: the learning rates PyTorch's ReduceLROnPlateau gives, epoch by epoch, for seeded
# sequences of validation figures under several settings. ReduceOnPlateauTests replays the same figures through
# nn's rule and compares. Run with a Python that has PyTorch (Debian: apt-get install python3-torch):
#   /usr/bin/python3 torch_plateau.py > torch-plateau.csv
import random
import torch

BASE = 0.1
CASES = [
    # name, mode, factor, patience, threshold (absolute), cooldown, min_lr
    ("loss-p2", "min", 0.5, 2, 0.0, 0, 0.0),
    ("loss-p0", "min", 0.5, 0, 0.0, 0, 0.0),
    ("loss-delta", "min", 0.1, 3, 0.01, 0, 0.0),
    ("loss-cooldown", "min", 0.5, 1, 0.0, 2, 0.0),
    ("loss-floor", "min", 0.3, 1, 0.005, 1, 0.01),
    ("accuracy-p2", "max", 0.5, 2, 0.0, 0, 0.0),
    ("accuracy-delta", "max", 0.2, 1, 0.02, 3, 0.001),
]

print("case,epoch,value,lr_after")
for case, (name, mode, factor, patience, threshold, cooldown, min_lr) in enumerate(CASES):
    rnd = random.Random(1000 + case)
    param = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([param], lr=BASE)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(
        opt, mode=mode, factor=factor, patience=patience, threshold=threshold, threshold_mode="abs",
        cooldown=cooldown, min_lr=min_lr)
    # a figure that improves at first, then wanders: losses fall from 1, accuracies rise from 0.5
    value = 1.0 if mode == "min" else 0.5
    for epoch in range(1, 61):
        step = rnd.uniform(-0.03, 0.03) + (-0.01 if epoch < 20 else 0.0)
        # now and then the figure repeats exactly: a tie is no improvement
        if rnd.random() >= 0.1:
            value = value + (step if mode == "min" else -step)
        sched.step(value)
        print(f"{name},{epoch},{value!r},{opt.param_groups[0]['lr']!r}")
