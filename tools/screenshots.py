"""Headless-Chromium screenshots of the built docs site (`_site/`, from tools/build_docs.py), to look at pages as a reader does.

Serves `_site/` on localhost and writes `_site/screenshots/<page>.png` (not for CI). Installs Debian's chromium when it
is missing (as root). The pages load MathJax 3 from its CDN, which a machine without internet cannot reach: the server
serves a local copy in its place, npm's `mathjax@3` package (fetched once with `npm pack` into ~/.cache/vqnb-docs, or
`--mathjax DIR`, its `es5` folder); with neither, the TeX shows as typed.

    python tools/screenshots.py [PAGE.html ...] [--height 2400] [--width 1280] [--mathjax DIR]
"""
import argparse, functools, http.server, json, re, shutil, subprocess, sys, tempfile, threading
from pathlib import Path

root = Path(__file__).resolve().parent.parent
site = root/'_site'
DEFAULT = ['index.html', 'layer.html', 'repro.table1.html', 'repro.zoo.html']

def chromium():
    for name in ('chromium', 'chromium-browser', 'google-chrome'):
        if shutil.which(name): return shutil.which(name)
    subprocess.run(['apt-get', 'install', '-y', 'chromium'], check=True, stdout=subprocess.DEVNULL)
    return shutil.which('chromium')

def local_mathjax():
    "MathJax 3's es5 folder from npm's package, cached in ~/.cache/vqnb-docs (None when npm cannot fetch it)"
    cache = Path.home()/'.cache'/'vqnb-docs'
    es5 = cache/'package'/'es5'
    if (es5/'tex-chtml-full.js').exists(): return es5
    if not shutil.which('npm'): return None
    cache.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(['npm', 'pack', 'mathjax@3'], cwd=cache, capture_output=True, text=True, timeout=300)
    tgz = sorted(cache.glob('mathjax-3*.tgz'))
    if r.returncode or not tgz: return None
    subprocess.run(['tar', 'xzf', tgz[-1].name], cwd=cache, check=True)
    return es5 if (es5/'tex-chtml-full.js').exists() else None

def serve(mathjax=None):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
        def translate_path(self, path):
            if mathjax and path.startswith('/_mathjax/'): return str(Path(mathjax)/path[len('/_mathjax/'):].split('?')[0])
            return super().translate_path(path)
        def do_GET(self):
            if mathjax and self.path.endswith('.html'):   # point the page's MathJax at the local copy
                f = Path(self.translate_path(self.path))
                if f.is_file():
                    body = f.read_text().replace('https://cdn.jsdelivr.net/npm/mathjax@3/es5/', '/_mathjax/').encode()
                    self.send_response(200); self.send_header('Content-Type', 'text/html; charset=utf-8')
                    self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body); return
            return super().do_GET()
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv

def shoot(browser, url, out, width, height):
    with tempfile.TemporaryDirectory() as prof:
        cmd = [browser, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--hide-scrollbars',
               '--disable-background-networking', '--disable-component-update', '--disable-sync', f'--user-data-dir={prof}',
               f'--window-size={width},{height}', '--virtual-time-budget=8000', f'--screenshot={out}', url]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if not out.exists(): sys.exit(f'no screenshot of {url}:\n{r.stderr[-2000:]}')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('pages', nargs='*', default=DEFAULT)
    ap.add_argument('--width', type=int, default=1280)
    ap.add_argument('--height', type=int, default=2400)
    ap.add_argument('--mathjax', help="a local MathJax 3 es5 folder, served in place of the CDN's (default: npm's, cached)")
    a = ap.parse_args()
    if not (site/'index.html').exists(): sys.exit('no _site/index.html: run python tools/build_docs.py first')
    mathjax = a.mathjax or local_mathjax()
    if not mathjax: print('no local MathJax: the TeX shows as typed')
    browser, srv = chromium(), serve(mathjax)
    outdir = site/'screenshots'; outdir.mkdir(exist_ok=True)
    for page in a.pages:
        out = outdir/(Path(page.split('#')[0]).stem + '.png')
        out.unlink(missing_ok=True)
        shoot(browser, f'http://127.0.0.1:{srv.server_address[1]}/{page}', out, a.width, a.height)
        print(out.relative_to(root))
    srv.shutdown()
