"Fail if a notebook's saved outputs hold an absolute machine path or a Python warning: they are rendered into the docs as they are, and tell readers of this machine, not of vqnb"
import json, re, sys
from pathlib import Path

BAD = re.compile(r'(?<![\w.:/~-])/(?:work|root|home|tmp|usr)/|site-packages|\.venv\b|\b[A-Z]\w*Warning:')
ANSI = re.compile(r'\x1b\[[0-9;]*[A-Za-z]')
MIMES = ('text/plain', 'text/markdown', 'text/html')

def texts(o:dict) -> list:
    "The text of saved output `o`: stream text, the text parts of its data, or its traceback"
    if o['output_type'] == 'stream': return [''.join(o['text'])]
    if o['output_type'] == 'error': return [ANSI.sub('', l) for l in o.get('traceback', [])]
    d = o.get('data', {})
    return [''.join(d[m]) if isinstance(d[m], list) else d[m] for m in MIMES if m in d]

def bad_lines(path:Path) -> list:
    "(cell index, line) for each output line of notebook `path` that holds a machine path or a warning"
    return [(i, l.strip()) for i, c in enumerate(json.loads(path.read_text())['cells'])
            for o in c.get('outputs', []) for t in texts(o) for l in t.splitlines() if BAD.search(l)]

if __name__ == '__main__':
    bad = [(p.name, i, l) for p in sorted(Path('nbs').glob('*.ipynb')) for i, l in bad_lines(p)]
    for name, i, l in bad: print(f'{name}: cell {i}: {l[:160]}')
    if bad: print(f'{len(bad)} output lines hold a machine path or a warning: re-run those cells without them')
    sys.exit(1 if bad else 0)
