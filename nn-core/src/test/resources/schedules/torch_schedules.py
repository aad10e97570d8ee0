# Writes torch-schedules.csv: the learning rate PyTorch's schedulers give each of 60 updates, stepped once per
# update as nn's schedules with unit: updates are. LearningRateSchedulesAgainstPyTorchTests compares nn's rates.
# Run with a Python that has PyTorch (Debian: apt-get install python3-torch):
#   /usr/bin/python3 torch_schedules.py > torch-schedules.csv
import torch

BASE = 0.1
CASES = [
    ("step", lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5)),
    ("exponential", lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.95)),
    ("cosine", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=40, eta_min=0.001)),
    ("warmup", lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=1 / 8, end_factor=1.0, total_iters=7)),
]

print("case,update,rate")
for name, make in CASES:
    w = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=BASE)
    sched = make(opt)
    # the cosine's closed form and nn's hold the minimum after the period; PyTorch's climbs back: compare up to it
    updates = 41 if name == "cosine" else 60
    for update in range(1, updates + 1):
        print(f"{name},{update},{opt.param_groups[0]['lr']!r}")
        w.grad = torch.zeros(1, dtype=torch.float64)
        opt.step()
        sched.step()
