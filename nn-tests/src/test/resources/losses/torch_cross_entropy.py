# Writes torch-cross-entropy.csv: PyTorch's cross-entropy of seeded logits, summed over the rows, and its gradient
# with respect to the logits, with label smoothing and with class weights. CrossEntropyAgainstPyTorchTests compares
# nn's softmax-cross-entropy (label-smoothing) and its class-weighted loss. Run with a Python that has PyTorch
# (Debian: apt-get install python3-torch):
#   /usr/bin/python3 torch_cross_entropy.py > torch-cross-entropy.csv
import random
import torch

ROWS, K = 7, 4
WEIGHTS = [0.5, 2.0, 1.25, 3.0]
CASES = [
    ("plain", {}),
    ("smoothing-0.1", {"label_smoothing": 0.1}),
    ("smoothing-0.35", {"label_smoothing": 0.35}),
    ("weights", {"weight": torch.tensor(WEIGHTS, dtype=torch.float64)}),
]

print("case,row,class,logits,loss_sum,gradient")
for index, (name, settings) in enumerate(CASES):
    rnd = random.Random(700 + index)
    z = torch.tensor([[rnd.uniform(-3, 3) for _ in range(K)] for _ in range(ROWS)], dtype=torch.float64,
                     requires_grad=True)
    y = torch.tensor([rnd.randrange(K) for _ in range(ROWS)])
    # reduction "sum": nn's loss seeds sum over rows; its mean is the core's 1/B, the same for every case
    loss = torch.nn.functional.cross_entropy(z, y, reduction="sum", **settings)
    loss.backward()
    for r in range(ROWS):
        print(f"{name},{r},{int(y[r])},{';'.join(repr(v) for v in z[r].tolist())},{loss.item()!r},"
              f"{';'.join(repr(v) for v in z.grad[r].tolist())}")
