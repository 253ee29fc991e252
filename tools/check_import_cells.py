"Fail if a notebook cell that nbdev does not export holds an import beside other code: the docs preprocessing (nbdev-proc-nbs) runs every cell with an import, so such a cell would run there, slow cells included"
import ast, json, re, sys
from pathlib import Path

SKIP = re.compile(r'^#\|\s*(export|exports|exporti|exec_doc|eval:\s*false)', re.M)

def mixed_cells(path:Path) -> list:
    "Indices of the cells of notebook `path` that hold an import beside other statements"
    out = []
    for i, c in enumerate(json.loads(path.read_text())['cells']):
        src = ''.join(c['source'])
        if c['cell_type'] != 'code' or SKIP.search(src) or 'nbdev_export()' in src: continue
        code = '\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('%', '!')))
        tree = ast.parse(code)
        imports = any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree))
        if imports and any(not isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body): out.append(i)
    return out

if __name__ == '__main__':
    bad = [(p.name, i) for p in sorted(Path('nbs').glob('*.ipynb')) for i in mixed_cells(p)]
    for name, i in bad: print(f'{name}: cell {i} holds an import beside other code; put the import in a cell of its own')
    sys.exit(1 if bad else 0)
