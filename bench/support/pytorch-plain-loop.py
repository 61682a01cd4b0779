"""A plain PyTorch training loop, the baseline of bench/pytorch-step.bench.ts: the same model
class, sizes, optimizer, clipping and thread count as the harness's `train` op, on random
batches made by torch itself, with nothing around it. Prints {"msPerStep": …} as JSON.

    python3 pytorch-plain-loop.py <folder> <module> <class> <B> <T> <H> <C> <V> <steps> <threads>
"""
import json, sys, time

folder, module, cls, B, T, H, C, V, steps, threads = sys.argv[1], sys.argv[2], sys.argv[3], *map(int, sys.argv[4:11])
sys.path.insert(0, folder)
import torch

torch.set_num_threads(threads)
torch.manual_seed(0)
Model = getattr(__import__(module), cls)
model = Model(T, 1, H, C, B, torch.device("cpu"))
opt = torch.optim.Adam(model.parameters(), lr=1e-4)
batches = [(torch.randint(0, V, (B, T, 1)).float(), torch.randint(0, C, (B,))) for _ in range(steps + 1)]


def step(x, y):
    opt.zero_grad()
    loss = torch.nn.functional.nll_loss(torch.log_softmax(model(x), dim=1), y)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 10)
    opt.step()
    return loss.item()


step(*batches[0])  # warm-up, untimed: the harness's worker has run the model before its timed call too
started = time.perf_counter()
for x, y in batches[1:]:
    step(x, y)
print(json.dumps({"msPerStep": (time.perf_counter() - started) * 1000 / steps}))
