"""Run the authors' vqtorch example programs as they are and with only their import line changed to vqnb.

Usage: VQTORCH_SRC=/path/to/vqtorch python tools/vqtorch_examples.py [--examples autoencoder,classification] [--seeds 1234,1235,1236] [--iters N]

Each (example, library, seed) runs in a fresh process: the example's source from `$VQTORCH_SRC/examples/`, with
`from vqtorch.nn import` replaced by `from vqnb.all import` for vqnb, and `seed = 1234` by the run's seed (the only
other change; `--iters` also replaces `train_iter`, for short runs). The machine is adapted, not the program: CPU for
`.cuda()`, Fashion-MNIST from the Debian package for torchvision's MNIST (no download offline), a stub for vqtorch's
cosmetic `stringcolor`, and vqnb's k-means for `torchpq` (which needs CUDA). The mean of the last 100 progress-bar
values of each configuration goes to `reproduction/vqtorch/examples.csv`; finished runs are skipped on a rerun.
"""
import argparse, csv, os, re, subprocess, sys, time
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / 'reproduction' / 'vqtorch' / 'examples.csv'
PRELUDE = r'''
import sys, types, re, io, json, torch, torch.nn as nn
sys.modules['stringcolor'] = types.SimpleNamespace(cs=lambda s, *a: s)
torch.Tensor.cuda = lambda self, *a, **k: self
nn.Module.cuda = lambda self, *a, **k: self
from vqnb.kmeans import kmeans
class KMeans:
    def __init__(self, n_clusters, **kw): self.k = n_clusters
    def fit(self, x): self.centroids = kmeans(x.T.contiguous(), self.k).T   # torchpq's D×N in, D×K out
sys.modules['torchpq'] = types.ModuleType('torchpq'); sys.modules['torchpq.clustering'] = types.SimpleNamespace(KMeans=KMeans)
import torchvision.datasets
from PIL import Image
from vqnb.data import fashion_mnist
class FashionAsMNIST(torch.utils.data.Dataset):   # Fashion-MNIST (offline), in MNIST's place
    def __init__(self, root=None, train=True, download=False, transform=None):
        self.x, self.y = fashion_mnist('train' if train else 'test'); self.transform = transform
        self.scale = 255 if self.x.max() <= 1 else 1
    def __len__(self): return len(self.x)
    def __getitem__(self, i):
        img = Image.fromarray((self.x[i].squeeze().float() * self.scale).byte().numpy())
        return (self.transform(img) if self.transform else img), int(self.y[i])
torchvision.datasets.MNIST = FashionAsMNIST
import tqdm.auto
RESULTS, HEADER = [], ['']
_print = print
def print(*a, **k): HEADER[0] = ' '.join(map(str, a)); _print(*a, **k)
class Bar:
    def __init__(self, n): self.it, self.desc = iter(range(n)), []
    def __iter__(self):
        yield from self.it
        RESULTS.append((HEADER[0], self.desc))
    def set_description(self, s): self.desc.append(s)
tqdm.auto.trange = lambda n, *a, **k: Bar(n)
'''
EPILOGUE = r'''
rows = []
for header, descs in RESULTS:
    vals = {}
    for d in descs[-100:]:
        for name, v in re.findall(r'([a-z %]+?)\s*:\s*([-0-9.]+)', d): vals.setdefault(name.strip(' |'), []).append(float(v))
    rows += [(header, k, sum(v) / len(v)) for k, v in vals.items()]
_print('RESULTS ' + json.dumps(rows))
'''

def program(example:str, lib:str, seed:int, iters) -> str:
    src = (Path(os.environ['VQTORCH_SRC']) / 'examples' / f'{example}.py').read_text()
    if lib == 'vqnb': src = src.replace('from vqtorch.nn import', 'from vqnb.all import')
    src = re.sub(r'^seed = \d+', f'seed = {seed}', src, flags=re.M)
    if iters: src = re.sub(r'^train_iter = \d+', f'train_iter = {iters}', src, flags=re.M)
    return PRELUDE + (f"sys.path.insert(0, {os.environ['VQTORCH_SRC']!r})\n" if lib == 'vqtorch' else '') + src + EPILOGUE

def done(path) -> set:
    return {(r['example'], r['library'], r['seed']) for r in csv.DictReader(open(path))} if path.exists() else set()

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--examples', default='autoencoder,classification,experimental_inplace_update')
    ap.add_argument('--seeds', default='1234,1235,1236'); ap.add_argument('--iters', type=int, default=None)
    ap.add_argument('--out', default=str(OUT))
    a = ap.parse_args(); out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
    for seed in map(int, a.seeds.split(',')):
        for example in a.examples.split(','):
            for lib in ('vqtorch', 'vqnb'):
                if (example, lib, str(seed)) in done(out): continue
                t0 = time.time()
                r = subprocess.run([sys.executable, '-c', program(example, lib, seed, a.iters)], capture_output=True, text=True)
                line = [l for l in r.stdout.splitlines() if l.startswith('RESULTS ')]
                rows = eval(line[0][8:]) if line else [('error', 'error', r.stderr.strip().splitlines()[-1] if r.stderr.strip() else 'no output')]
                new = not out.exists()
                with open(out, 'a', newline='') as f:
                    w = csv.writer(f)
                    if new: w.writerow(['example', 'library', 'seed', 'config', 'metric', 'mean_last100', 'seconds'])
                    for h, m, v in rows: w.writerow([example, lib, seed, h, m, v, round(time.time() - t0, 1)])
                print(example, lib, seed, f'{time.time() - t0:.0f}s', rows[:2], flush=True)
