"""Build the docs site as a reader would see it, without Quarto: nbdev's processed notebooks (`_proc/`) to HTML in `_site/`.

Quarto cannot be installed here, so `nbdev-docs` cannot run. This runs nbdev's own docs preprocessing (the step of
`nbdev-proc-nbs`: show_doc cells for exported symbols, `#| hide` cells dropped, `#| exports` cells shown), then
converts each processed notebook with nbconvert's HTML exporter, honouring the Quarto cell options the processed
notebooks still carry (`echo`, `output`, `include`, `code-fold`, `code-summary`), one page per notebook named by the
notebook's `output-file` (the notebook name without its numeric prefix), with a sidebar of every chapter in the order
of `sidebar.yml`, the page's title and description, and an in-page table of contents.

Where Quarto would turn a link into a page link (a relative `X.ipynb`), this does too; links into the site's own URL
(`site-url` of nbs/nbdev.yml, as nbdev's doc links write them) become page-relative so the local site navigates and
`tools/check_docs.py` can check them. Relative images in Markdown are copied next to the page, as Quarto copies them;
a link or image that does not resolve is left as it is, for the check to report.

    python tools/build_docs.py [--no-proc]      # --no-proc: reuse _proc/ as it is
"""
import argparse, html, re, shutil, sys, time
from pathlib import Path

import nbformat, yaml
from bs4 import BeautifulSoup
from jinja2 import DictLoader
from nbconvert import HTMLExporter
from nbconvert.filters.markdown import markdown2html

root = Path(__file__).resolve().parent.parent
nbs, proc, site = root/'nbs', root/'_proc', root/'_site'

def run_proc():
    "nbdev's docs preprocessing (what `nbdev-proc-nbs` runs), without its attempt to download and install Quarto"
    import os, subprocess
    import nbdev.quarto as q
    if not hasattr(q, '_pre_docs'):              # another nbdev: its command as it is
        subprocess.run(['nbdev-proc-nbs'], cwd=root, check=True); return proc
    q._ensure_quarto = lambda: None
    cwd = os.getcwd()
    try: return Path(q._pre_docs()[0])
    finally: os.chdir(cwd)

# ---------------------------------------------------------------- notebooks, pages, sidebar
def frontmatter(nb):
    "The YAML front matter nbdev's processors put in the first raw cell, and that cell's index"
    for i, c in enumerate(nb.cells):
        if c.cell_type == 'raw' and c.source.lstrip().startswith('---'):
            return (yaml.safe_load(c.source.strip().strip('-')) or {}), i
    return {}, None

def page_name(nb_path, fm):
    "The page Quarto writes: the front matter's output-file, else the notebook name without its numeric prefix"
    if fm.get('output-file'): return fm['output-file']
    return re.sub(r'^\d+[a-z]*_', '', nb_path.stem) + '.html'

def sidebar_order(names):
    "Notebook names in the order of sidebar.yml's contents (flattening sections), then any it does not list"
    order = []
    def walk(x):
        if isinstance(x, str): order.append(x)
        elif isinstance(x, list): [walk(y) for y in x]
        elif isinstance(x, dict): walk(x.get('contents', x.get('href', [])))
    for f in (proc/'sidebar.yml', nbs/'sidebar.yml'):
        if f.exists():
            walk((yaml.safe_load(f.read_text()) or {}).get('website', {}).get('sidebar', {}).get('contents', []))
            break
    order = [Path(o).name for o in order if o.endswith('.ipynb')]
    return [o for o in order if o in names] + sorted(n for n in names if n not in order)

# ---------------------------------------------------------------- cells: Quarto's options
OPT_RE = re.compile(r'^#\|\s*([\w-]+)\s*:\s*(.*?)\s*$')

def cell_opts(src):
    "Quarto/nbdev cell options (`#| key: value` lines) and the source without them"
    opts, keep = {}, []
    for l in src.splitlines():
        m = OPT_RE.match(l)
        if m:
            try: opts[m[1]] = yaml.safe_load(m[2]) if m[2] else True
            except yaml.YAMLError: opts[m[1]] = m[2]
        elif l.strip().startswith('#|'): opts[l.strip()[2:].strip()] = True   # bare directives such as `#| hide`
        else: keep.append(l)
    return opts, '\n'.join(keep).strip('\n')

ATTR_LINK_RE = re.compile(r'\[([^\]\n]*)\]\(([^)\s]+)\)\{([^}\n]*)\}')
def pandoc_md(md):
    "Pandoc syntax that mistune does not read: a link with attributes, `[source](url){target=... style=...}`"
    def link(m):
        attrs = m[3]
        cls = 'source-link' if m[1] == 'source' else ''
        target = ' target="_blank" rel="noopener"' if 'target="_blank"' in attrs else ''
        return f'<a href="{html.escape(m[2])}"{target} class="{cls}">{html.escape(m[1])}</a>'
    return ATTR_LINK_RE.sub(link, md)

def prep_cells(nb):
    "Apply Quarto's cell options to the notebook's cells, the way `quarto render` shows them"
    cells = []
    for c in nb.cells:
        for k in [k for k in c if k not in ('id', 'cell_type', 'metadata', 'source', 'outputs', 'execution_count', 'attachments')]:
            del c[k]                               # nbdev's own marks (has_sd) that nbformat's schema refuses
        c.metadata.pop('execution', None)          # execnb's timings, not of nbformat's schema
        if c.cell_type == 'raw': continue          # front matter (used for the title block) and raw cells Quarto would not show as HTML
        if c.cell_type == 'markdown':
            if c.source.strip().startswith('<!-- WARNING: THIS FILE WAS AUTOGENERATED'): continue
            c.source = pandoc_md(c.source); cells.append(c); continue
        opts, src = cell_opts(c.source)
        if opts.get('include') is False or opts.get('hide') is True: continue
        c.source = src
        tags = set(c.metadata.get('tags', []))
        if opts.get('echo') is False or not src.strip(): tags.add('docs_remove_input')
        if re.match(r'\s*show_doc\(', src): tags.add('showdoc')    # a doc entry (class celltag_showdoc, for the CSS)
        if opts.get('output') is False: c.outputs = []
        fold = opts.get('code-fold')
        if fold in (True, 'show', 'true') and 'docs_remove_input' not in tags:
            c.metadata['docs_fold'] = dict(open=fold == 'show', summary=str(opts.get('code-summary', 'Code')))
        for o in c.outputs:
            d = o.get('data', {})
            if 'text/markdown' in d: d['text/markdown'] = pandoc_md(d['text/markdown'])
        if 'docs_remove_input' in tags and not c.outputs: continue
        c.metadata['tags'] = sorted(tags)
        cells.append(c)
    nb.cells = cells
    return nb

# ---------------------------------------------------------------- the exporter
TEMPLATE = r"""
{%- extends 'index.html.j2' -%}
{%- block html_head_css -%}
<link rel="stylesheet" href="site.css">
<link rel="stylesheet" href="styles.css">
{%- endblock html_head_css -%}
{%- block html_head_js_mathjax -%}
<script>window.MathJax = { tex: { inlineMath: [['$', '$'], ['\\(', '\\)']], displayMath: [['$$', '$$'], ['\\[', '\\]']], processEscapes: true } };</script>
<script defer src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml-full.js"></script>
{%- endblock html_head_js_mathjax -%}
{%- block body_header -%}
<body class="jp-Notebook docs" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
{{ resources.docs.navbar }}
<div class="docs-layout">
{{ resources.docs.sidebar }}
<main class="docs-content" id="quarto-document-content">
{{ resources.docs.title_block }}
{%- endblock body_header -%}
{% block body_footer %}
</main>
<nav class="docs-toc" id="TOC"></nav>
</div>
</body>
{% endblock body_footer %}
{% block input_group -%}
{%- if 'docs_remove_input' in cell.metadata.get('tags', []) -%}
{%- elif cell.metadata.get('docs_fold') -%}
<details class="code-fold"{{ ' open' if cell.metadata.docs_fold.open else '' }}><summary>{{ cell.metadata.docs_fold.summary | e }}</summary>
{{ super() }}
</details>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock input_group %}
"""

def exporter():
    ex = HTMLExporter(template_name='lab', extra_loaders=[DictLoader({'docs.html.j2': TEMPLATE})], template_file='docs.html.j2')
    ex.exclude_input_prompt = ex.exclude_output_prompt = True
    ex.anchor_link_text = '#'
    return ex

SITE_CSS = r"""
:root { --docs-nav-h: 3rem; --docs-side-w: 17rem; --docs-toc-w: 14rem; }
body.docs { margin: 0; padding: 0 !important; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #fff; }
.docs-navbar { position: sticky; top: 0; z-index: 10; height: var(--docs-nav-h); display: flex; align-items: center; gap: 1.5rem;
  padding: 0 1.25rem; background: #2780e3; color: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.docs-navbar a { color: #fff; text-decoration: none; }
.docs-navbar .brand { font-weight: 600; font-size: 1.2rem; }
.docs-navbar .spacer { flex: 1; }
.docs-layout { display: grid; grid-template-columns: var(--docs-side-w) minmax(0, 1fr) var(--docs-toc-w); align-items: start; }
.docs-sidebar, .docs-toc { position: sticky; top: var(--docs-nav-h); max-height: calc(100vh - var(--docs-nav-h)); overflow-y: auto;
  box-sizing: border-box; padding: 1rem .75rem; font-size: .85rem; line-height: 1.3; }
.docs-sidebar { border-right: 1px solid #e5e5e5; background: #fafafa; }
.docs-sidebar ol, .docs-toc ul { list-style: none; margin: 0; padding: 0; }
.docs-sidebar li a { display: block; padding: .22rem .5rem; border-radius: .25rem; color: #343a40; text-decoration: none; }
.docs-sidebar li a:hover { background: #eef4fc; }
.docs-sidebar li a.active { background: #2780e3; color: #fff; font-weight: 600; }
.docs-sidebar .num { display: inline-block; min-width: 2.6em; color: #6c757d; font-variant-numeric: tabular-nums; }
.docs-sidebar li a.active .num { color: #e8f1fc; }
.docs-toc { border-left: 1px solid #e5e5e5; }
.docs-toc h2 { font-size: .85rem; margin: 0 0 .5rem; }
.docs-toc li a { display: block; padding: .12rem 0; color: #495057; text-decoration: none; overflow-wrap: anywhere; }
.docs-toc li.toc-h3 a { padding-left: .75rem; font-size: .8rem; color: #6c757d; }
.docs-content { min-width: 0; box-sizing: border-box; padding: 1.5rem 2rem 4rem; max-width: 62rem; }
#title-block-header { margin-bottom: 1.5rem; }
#title-block-header h1.title { font-size: 2.1rem; margin: 0 0 .5rem; }
#title-block-header .description { color: #5a6570; font-size: 1.05rem; }
/* JupyterLab's layout with no prompts: cells use the full column */
.docs .jp-Cell { padding: 0 !important; margin-bottom: .75rem; }
.docs .jp-InputPrompt, .docs .jp-OutputPrompt, .docs .jp-Collapser { display: none !important; }
.docs .jp-MarkdownOutput, .docs .jp-RenderedMarkdown { padding-left: 0 !important; padding-right: 0 !important; }
.docs .jp-RenderedHTMLCommon { font-size: 15px; line-height: 1.55; }
.docs .jp-RenderedHTMLCommon h2 { margin-top: 2rem; border-bottom: 1px solid #e5e5e5; padding-bottom: .25rem; }
.docs .jp-RenderedHTMLCommon p { max-width: none; }
.docs .anchor-link { visibility: hidden; margin-left: .3em; text-decoration: none; color: #9aa5b1; }
.docs h1:hover .anchor-link, .docs h2:hover .anchor-link, .docs h3:hover .anchor-link, .docs h4:hover .anchor-link { visibility: visible; }
/* wide things scroll inside the column instead of widening the page */
.docs pre { overflow-x: auto; white-space: pre; }
.docs .jp-OutputArea-output pre { max-height: none; }
.docs .table-wrap { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; }
.docs .jp-RenderedHTMLCommon table { margin: 0; font-size: 13px; }
.docs .jp-RenderedHTMLCommon table th, .docs .jp-RenderedHTMLCommon table td { white-space: normal; }
.docs .jp-RenderedImage img, .docs .jp-RenderedHTMLCommon img { max-width: 100%; height: auto; }
/* code folding (Quarto's code-fold) */
.docs details.code-fold > summary { cursor: pointer; color: #5a6570; font-size: .85rem; margin: .25rem 0; }
/* show_doc entries: the signature block and the docstring under it */
.docs .jp-RenderedHTMLCommon hr { margin: 1.5rem 0 .5rem; border: 0; border-top: 1px solid #dee2e6; }
.docs a.source-link { float: right; font-size: smaller; }
.docs .celltag_showdoc .jp-RenderedHTMLCommon h2, .docs .celltag_showdoc .jp-RenderedHTMLCommon h3, .docs .celltag_showdoc .jp-RenderedHTMLCommon h4 {
  margin-top: .25rem; border: 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 1.15rem; }
.docs .celltag_showdoc .jp-RenderedHTMLCommon hr { margin-top: 2rem; }
/* a signature wraps (with its arguments indented) rather than hiding the ends of long argument comments */
.docs .celltag_showdoc .highlight pre { white-space: pre-wrap; word-break: normal; overflow-wrap: break-word; padding: .5rem .75rem; background: #f8f9fa;
  border-left: 3px solid #2780e3; }
.docs .celltag_showdoc .jp-RenderedMarkdown > p em, .docs .celltag_showdoc .jp-RenderedMarkdown > p:last-child { color: #343a40; }
/* fenced code in Markdown and code cells: a box of its own, apart from the text around it */
.docs .jp-RenderedMarkdown .highlight pre, .docs .jp-MarkdownCell .highlight pre { background: #f5f5f5; border: 1px solid #e5e5e5;
  border-radius: 3px; padding: .5rem .75rem; margin: .5rem 0 1rem; line-height: 1.4; font-size: 13px; }
.docs .jp-CodeCell .jp-InputArea-editor { border-radius: 3px; }
.docs .jp-OutputArea-output pre { font-size: 12.5px; }
.docs .jp-OutputArea-output.jp-RenderedMarkdown { overflow-x: visible; }
@media (max-width: 1100px) { .docs-layout { grid-template-columns: var(--docs-side-w) minmax(0, 1fr); } .docs-toc { display: none; } }
@media (max-width: 760px) { .docs-layout { display: block; } .docs-sidebar { position: static; max-height: none; border-right: 0; } }
"""

# ---------------------------------------------------------------- after the exporter: ids, links, images, toc
def pandoc_id(text):
    "Pandoc's auto_identifiers: the ids Quarto gives headings (and that nbdev's doc links point at)"
    s = ''.join(c for c in text.strip() if c.isalnum() or c in '_-. \n\t')
    s = re.sub(r'\s+', '-', s).lower()
    s = re.sub(r'^[^a-z]+', '', s)
    return s or 'section'

def postprocess(page_html, page, pages_by_nb, site_url, nb_dir):
    head, sep, body = page_html.partition('<body')     # the head is JupyterLab's CSS: nothing to change there
    soup = BeautifulSoup(sep + body, 'html.parser')
    seen = {}
    for h in soup.find_all(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']):
        if h.find_parent(id='title-block-header'): continue
        a = h.find('a', class_='anchor-link')
        if a: a.extract()
        base = pandoc_id(h.get_text())
        n = seen.get(base, 0); seen[base] = n + 1
        hid = base if n == 0 else f'{base}-{n}'
        h['id'] = hid
        if a: a['href'] = '#' + hid; h.append(a)
    for a in soup.find_all('a', href=True):
        href = a['href']
        if site_url and href.startswith(site_url + '/'):
            href = href[len(site_url) + 1:] or 'index.html'
            if re.match(r'[^#]*\.html\.md(#|$)', href): href = href.replace('.html.md', '.html', 1)
        if not re.match(r'[a-z]+:|#|/', href):
            path, _, frag = href.partition('#')
            if path.endswith('.ipynb') and (nb_dir/path).resolve() in pages_by_nb:
                href = pages_by_nb[(nb_dir/path).resolve()] + ('#' + frag if frag else '')
        a['href'] = href
    for img in soup.find_all('img', src=True):   # Markdown images: Quarto copies the file next to the page
        src = img['src']
        if re.match(r'[a-z]+:|/', src): continue
        f = (nb_dir/src).resolve()
        if f.is_file():
            dst = site/src
            if not dst.resolve().is_relative_to(site.resolve()):   # a committed result outside nbs/ (../reproduction/…)
                rel = f.relative_to(nb_dir.resolve().parent).as_posix()
                dst, img['src'] = site/'_resources'/rel, f'_resources/{rel}'
            dst.parent.mkdir(parents=True, exist_ok=True); shutil.copy2(f, dst)
    main = soup.find('main')
    for t in main.find_all('table'):
        if t.parent.name != 'div' or 'table-wrap' not in t.parent.get('class', []):
            t.wrap(soup.new_tag('div', attrs={'class': 'table-wrap'}))
    toc = soup.find('nav', id='TOC')
    heads = [h for h in main.find_all(['h2', 'h3']) if not h.find_parent(id='title-block-header')]
    if heads:
        toc.append(BeautifulSoup('<h2>On this page</h2>', 'html.parser'))
        ul = soup.new_tag('ul')
        for h in heads:
            a = h.find('a', class_='anchor-link')
            text = h.get_text().strip().removesuffix(a.get_text() if a else '').strip()
            li = soup.new_tag('li', attrs={'class': f'toc-{h.name}'})
            link = soup.new_tag('a', href='#' + h['id']); link.string = text
            li.append(link); ul.append(li)
        toc.append(ul)
    return head + str(soup)

def build(do_proc=True):
    t0 = time.time()
    if do_proc: run_proc()
    t_proc = time.time() - t0
    if not proc.exists(): sys.exit(f'{proc} missing: nbdev-proc-nbs did not run')
    cfg = yaml.safe_load((nbs/'nbdev.yml').read_text()) if (nbs/'nbdev.yml').exists() else {}
    web = cfg.get('website', {})
    site_title, site_url, repo_url = web.get('title', 'docs'), (web.get('site-url') or '').rstrip('/'), web.get('repo-url')
    if site.exists(): shutil.rmtree(site)
    site.mkdir()
    names = sorted(p.name for p in proc.glob('*.ipynb') if not p.name.startswith('_'))
    order = sidebar_order(set(names))
    nbs_read, pages = {}, []
    for name in order:
        nb = nbformat.read(proc/name, as_version=4)
        fm, _ = frontmatter(nb)
        pages.append(dict(nb=name, page=page_name(proc/name, fm), title=str(fm.get('title') or Path(name).stem),
                          description=fm.get('description'), fm=fm))
        nbs_read[name] = nb
    pages_by_nb = {(nbs/p['nb']).resolve(): p['page'] for p in pages}
    ex = exporter()
    for p in pages:
        items = []
        for q in pages:
            num = re.match(r'^(\d+[a-z]*)_', q['nb'])
            cls = ' class="active" aria-current="page"' if q is p else ''
            items.append(f'<li><a href="{q["page"]}"{cls}><span class="num">{num[1] if num else ""}</span>{html.escape(q["title"])}</a></li>')
        sidebar = f'<nav class="docs-sidebar" id="quarto-sidebar"><ol>{"".join(items)}</ol></nav>'
        navbar = (f'<header class="docs-navbar"><a class="brand" href="index.html">{html.escape(site_title)}</a><span class="spacer"></span>'
                  + (f'<a href="{repo_url}">GitHub</a>' if repo_url else '') + '</header>')
        desc = f'<div class="description">{markdown2html(p["description"])}</div>' if p['description'] else ''
        title_block = (f'<header id="title-block-header"><h1 class="title">{html.escape(p["title"])}</h1>{desc}</header>')
        nb = prep_cells(nbs_read[p['nb']])
        resources = dict(metadata=dict(name=f'{p["title"]} – {site_title}', path=str(nbs)),
                         docs=dict(navbar=navbar, sidebar=sidebar, title_block=title_block))
        body, _ = ex.from_notebook_node(nb, resources=resources)
        (site/p['page']).write_text(postprocess(body, p['page'], pages_by_nb, site_url, nbs))
    (site/'site.css').write_text(SITE_CSS)
    (site/'styles.css').write_text((nbs/'styles.css').read_text() if (nbs/'styles.css').exists() else '')
    print(f'built {len(pages)} pages in {site.relative_to(root)}/ ({time.time() - t0:.0f}s: docs preprocessing {t_proc:.0f}s, HTML {time.time() - t0 - t_proc:.0f}s)')
    return pages

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--no-proc', action='store_true', help='reuse _proc/ as it is (skip nbdev-proc-nbs)')
    build(not ap.parse_args().no_proc)
