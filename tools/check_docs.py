"""Check the docs site that tools/build_docs.py built in `_site/`, page by page, as a reader would meet it.

Exits non-zero with one line per problem (page: what: excerpt) when:
- the site is missing, or a notebook of nbs/ has no page, or a page lacks its title or the sidebar of every chapter;
- an `<img src>` or a relative `<a href>` does not resolve to a file of `_site/` (http(s), mailto and data: are not
  checked), or a link's `#anchor` names no id on the page it points at;
- visible code or text shows a raw `#|` directive, a machine path (/work/, /root/, /tmp/, /home/, site-packages,
  an absolute .venv path), a Python traceback, Pandoc syntax mistune left as text (`{target=...}`, `:::`), or a
  `show_doc(...)` call as code; a doc entry (show_doc output) lacks its `def`/`class` signature;
- a single text output is longer than a screen (more than 60 lines);
- a function or class in a module's `__all__` (vqnb/**/*.py but vqnb/all.py, which re-exports) has no doc entry
  (show_doc heading with its `def`/`class` signature) on the page of the notebook the module is exported from.

    python tools/check_docs.py [--max-lines 60]
"""
import argparse, ast, json, re, sys
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup

root = Path(__file__).resolve().parent.parent
site, nbs, proc, lib = root/'_site', root/'nbs', root/'_proc', root/'vqnb'
sys.path.insert(0, str(root/'tools'))
from build_docs import frontmatter, page_name, pandoc_id   # the builder's own naming, so the two agree

MACHINE_RE = re.compile(r'(?<![\w.~-])(/work/|/root/|/tmp/|/home/|/usr/lib/python|/opt/conda)|site-packages|/\.venv/')
TRACE_RE = re.compile(r'Traceback \(most recent call last\)')
DIRECTIVE_RE = re.compile(r'^\s*#\|', re.M)
PANDOC_RE = re.compile(r'\{(target=|style=|\.[\w-]+[ }])|^:::', re.M)

problems = []
def problem(page, what, excerpt=''):
    excerpt = re.sub(r'\s+', ' ', str(excerpt)).strip()
    problems.append(f'{page}: {what}' + (f': {excerpt[:160]}' if excerpt else ''))

def excerpt_at(text, m, w=40): return text[max(0, m.start() - w):m.end() + 2 * w]

def load(path):
    "Parse a page, without its inline CSS and the bytes of its embedded images (fast, and nothing to check there)"
    s = path.read_text()
    s = re.sub(r'<style[^>]*>.*?</style>', '', s, flags=re.S)
    s = re.sub(r'(src="data:[\w/+.-]+;base64,)[^"]*', r'\1', s)
    return BeautifulSoup(s, 'html.parser')

def expected_pages():
    "notebook name -> page name, for every notebook of nbs/ (from its processed front matter where there is one)"
    import nbformat
    out = {}
    for nb in sorted(nbs.glob('*.ipynb')):
        if nb.name.startswith(('_', '.')): continue
        fm = frontmatter(nbformat.read(proc/nb.name, as_version=4))[0] if (proc/nb.name).exists() else {}
        out[nb.name] = page_name(nb, fm)
    return out

def exported():
    "(module file, notebook name, [def/class names of __all__]) for each exported module but vqnb/all.py"
    for py in sorted(lib.rglob('*.py')):
        if py.name.startswith('_') or py == lib/'all.py': continue
        src = py.read_text()
        m = re.search(r'File to edit: \.\./(?:\.\./)*nbs/([^\s]+\.ipynb)', src)
        if not m: continue
        tree = ast.parse(src)
        names = []
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == '__all__' for t in node.targets):
                names = list(ast.literal_eval(node.value))
        defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        yield py.relative_to(root), m[1], [n for n in names if n in defined]

def check(max_lines=60):
    if not (site/'index.html').exists():
        problem('_site', 'no site: run python tools/build_docs.py'); return
    pages = expected_pages()
    for nb, page in pages.items():
        if not (site/page).exists(): problem(page, f'no page for nbs/{nb}')
    soups = {p.name: load(p) for p in sorted(site.glob('*.html'))}
    ids = {name: {t['id'] for t in s.find_all(id=True)} for name, s in soups.items()}
    for name, soup in soups.items():
        main = soup.find('main')
        if main is None: problem(name, 'no <main> content'); continue
        if not soup.select_one('#title-block-header h1.title'): problem(name, 'no title')
        side = soup.select('#quarto-sidebar a[href]')
        missing = sorted(set(pages.values()) - {a['href'] for a in side})
        if missing: problem(name, f'sidebar lacks {len(missing)} chapter(s)', ', '.join(missing[:5]))
        # links and images
        for img in soup.find_all('img'):
            src = img.get('src', '')
            if not src: problem(name, 'image without src', str(img)[:120]); continue
            if re.match(r'(https?|data):', src): continue
            f = (site/name).parent/unquote(src.split('#')[0].split('?')[0])
            if not f.is_file(): problem(name, 'image does not resolve', src)
        for a in soup.find_all('a', href=True):
            href = a['href']
            if re.match(r'(https?|mailto|javascript):', href): continue
            path, _, frag = href.partition('#')
            target = name if not path else path
            f = (site/name).parent/unquote(path) if path else site/name
            if not f.is_file():
                problem(name, 'link does not resolve', f'{href} ("{a.get_text().strip()[:60]}")'); continue
            if frag and target in ids and unquote(frag) not in ids[target]:
                problem(name, 'link to a missing anchor', f'{href} ("{a.get_text().strip()[:60]}")')
        # what a reader sees
        for s in main(['script', 'style']): s.extract()
        for pre in main.find_all('pre'):
            t = pre.get_text()
            for m in DIRECTIVE_RE.finditer(t): problem(name, 'raw #| directive in code', excerpt_at(t, m))
        text = main.get_text('\n')
        for m in MACHINE_RE.finditer(text): problem(name, 'machine path', excerpt_at(text, m))
        for m in TRACE_RE.finditer(text): problem(name, 'Python traceback', excerpt_at(text, m, 200))
        for p in main.find_all(['p', 'li', 'td']):
            t = p.get_text()
            if DIRECTIVE_RE.search(t): problem(name, 'raw #| directive in text', t)
            m = PANDOC_RE.search(t)
            if m: problem(name, 'Pandoc/Quarto syntax shown as text', excerpt_at(t, m))
        for code in main.select('.jp-CodeCell .jp-InputArea-editor'):
            t = code.get_text()
            if re.search(r'^\s*show_doc\(', t, re.M): problem(name, 'show_doc call shown as code', t)
        for cell in main.select('.celltag_showdoc'):   # every doc entry, exported or not, shows its signature
            h, pre = cell.find(['h2', 'h3', 'h4']), cell.find('pre')
            if h and not (pre and re.match(r'\s*(async\s+)?(def|class)\s+\w+\s*\(', pre.get_text())):
                problem(name, f'doc entry {h.get_text().strip().rstrip("#")} shows no signature', pre.get_text()[:120] if pre else '')
        for out in main.select('.jp-OutputArea-output'):
            if out.get('data-mime-type') not in ('text/plain', 'application/vnd.jupyter.stdout', 'application/vnd.jupyter.stderr'): continue
            t = out.get_text().strip('\n')
            n = t.count('\n') + 1
            if n > max_lines: problem(name, f'text output of {n} lines (> {max_lines})', ' | '.join(t.splitlines()[:3]))
    # every exported def/class has its doc entry, with its signature, on its notebook's page
    n_sym = 0
    for py, nb, names in exported():
        page = pages.get(nb)
        if page is None: problem(str(py), f'exported from nbs/{nb}, which has no notebook in nbs/'); continue
        soup = soups.get(page)
        if soup is None: continue
        for sym in names:
            n_sym += 1
            h = soup.find(['h2', 'h3', 'h4'], id=pandoc_id(sym))
            if h is None:
                problem(page, f'no doc entry for {sym} ({py})'); continue
            pre = h.find_next('pre')
            sig = pre.get_text() if pre else ''
            if not re.match(rf'\s*(async\s+)?(def|class)\s+{re.escape(sym)}\s*\(', sig):
                problem(page, f'doc entry for {sym} shows no signature', sig[:120] or h.get_text())
    return len(soups), n_sym

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--max-lines', type=int, default=60, help='longest text output allowed, in lines')
    res = check(ap.parse_args().max_lines)
    for p in problems: print(p)
    if res: print(f'checked {res[0]} pages and {res[1]} exported functions and classes: {len(problems)} problem(s)')
    sys.exit(1 if problems else 0)
