"Write README.md from nbs/index.ipynb: markdown cells as they are (links relative to nbs/ made relative to the root), code cells and their text outputs as code blocks; a cell marked `#| echo: false` gives only its output, Markdown output as it is."
import json, re
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def is_hidden(src): return any(re.match(r'#\|\s*(hide|export)\b', l) for l in src)

def cell_md(cell):
    src = cell['source'] if isinstance(cell['source'], list) else cell['source'].splitlines(True)
    if cell['cell_type'] == 'markdown': return ''.join(src)
    if cell['cell_type'] != 'code' or is_hidden(src): return None
    code = ''.join(l for l in src if not l.startswith('#|')).strip()
    echo = not any(re.match(r'#\|\s*echo:\s*false', l) for l in src)
    parts = [f"```python\n{code}\n```"] if echo else []
    for o in cell.get('outputs', []):
        if o.get('name') == 'stderr': continue
        if 'text/markdown' in o.get('data', {}): parts.append(''.join(o['data']['text/markdown']).strip()); continue
        text = o.get('text') or o.get('data', {}).get('text/plain')
        if text and 'image/png' not in o.get('data', {}): parts.append("```\n" + ''.join(text).rstrip() + "\n```")
    return '\n\n'.join(parts)

nb = json.loads((root/'nbs'/'index.ipynb').read_text())
body = '\n\n'.join(m for m in map(cell_md, nb['cells']) if m)
# links and images relative to nbs/ (as the notebook and the docs site read them), made relative to the repository root
body = re.sub(r'\]\((?![a-z]+:|#|/|\.\./)([^)\s]+\.ipynb)', r'](nbs/\1', body).replace('](../', '](')
(root/'README.md').write_text("<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n" + body.strip() + '\n')
