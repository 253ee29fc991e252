#!/usr/bin/env bash
# Checks that a release of vqnb builds and installs, and prints each check it made:
#  1. deptry: vqnb/ imports exactly the runtime dependencies pyproject.toml declares ([tool.deptry] there);
#  2. `python -m build` makes an sdist and a wheel holding every module of vqnb/, LICENSE, the entry points, and
#     metadata with the version of vqnb/__init__.py, the licence and the README;
#  3. a fresh venv (no dev extras) takes the wheel with `pip install`, and from a folder outside the repository:
#     every module of vqnb imports, the python blocks under README.md's "## Use it" run and print what README.md
#     shows after them, `vqnb-repro --help` and `vqnb-bench --help` work, `pip check` passes, and pip list holds
#     nothing beyond the closure of vqnb's declared dependencies (and what the venv was created with).
# Needs .venv from .ci/setup (its dev extras bring build and deptry). Exits 1 if any check fails. Removes its temp dir.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
repo=$PWD; py="$repo/.venv/bin/python"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0; t_all=$SECONDS
ok()   { echo "ok   $1 ($((SECONDS - t0))s)"; [ -s "$tmp/log" ] && tail -n 1 "$tmp/log" | sed 's/^/       /'; return 0; }
bad()  { echo "FAIL $1 ($((SECONDS - t0))s)"; failed=$((failed + 1)); [ -f "$tmp/log" ] && tail -n 40 "$tmp/log"; }
run()  { local name=$1; shift; t0=$SECONDS; if "$@" >"$tmp/log" 2>&1; then ok "$name"; else bad "$name"; fi; }
need() { "$@" || { echo "$failed failed before a step the rest needs: stopping"; exit 1; }; }

run "deptry vqnb: declared runtime dependencies = what vqnb/ imports" "$py" -m deptry --no-ansi vqnb

t0=$SECONDS
if "$py" -m build --outdir "$tmp/dist" . >"$tmp/log" 2>&1; then ok "python -m build: sdist and wheel"; else bad "python -m build"; need false; fi
sdist=$(ls "$tmp"/dist/*.tar.gz); wheel=$(ls "$tmp"/dist/*.whl)

run "sdist and wheel contents and metadata" "$py" - "$sdist" "$wheel" <<'EOF'
import ast, configparser, re, sys, tarfile, zipfile, email
from pathlib import Path
sdist, wheel = sys.argv[1:]
mods = sorted(str(p) for p in Path('vqnb').rglob('*.py') if '__pycache__' not in p.parts)
version = next(ast.literal_eval(n.value) for n in ast.parse(Path('vqnb/__init__.py').read_text()).body
               if isinstance(n, ast.Assign) and getattr(n.targets[0], 'id', '') == '__version__')
errs = []
with tarfile.open(sdist) as t: snames = {n.split('/', 1)[1] for n in t.getnames() if '/' in n}
errs += [f'sdist lacks {f}' for f in mods + ['LICENSE', 'README.md', 'pyproject.toml'] if f not in snames]
with zipfile.ZipFile(wheel) as z:
    wnames, di = set(z.namelist()), f'vqnb-{version}.dist-info'
    errs += [f'wheel lacks {f}' for f in mods + [f'{di}/licenses/LICENSE', f'{di}/METADATA', f'{di}/entry_points.txt'] if f not in wnames]
    errs += [f'wheel holds {n}, outside vqnb/ and {di}/' for n in sorted(wnames) if not n.startswith(('vqnb/', di + '/'))]
    md = email.message_from_bytes(z.read(f'{di}/METADATA')) if f'{di}/METADATA' in wnames else {}
    ep = configparser.ConfigParser(); ep.read_string(z.read(f'{di}/entry_points.txt').decode()) if f'{di}/entry_points.txt' in wnames else None
if md:
    if md['Version'] != version: errs.append(f"wheel's Version {md['Version']} is not vqnb.__version__ {version}")
    if not md['License-Expression']: errs.append('no License-Expression in METADATA')
    if md['License-File'] != 'LICENSE': errs.append(f"License-File is {md['License-File']}, not LICENSE")
    if md['Description-Content-Type'] != 'text/markdown' or '# vqnb' not in (md.get_payload() or ''): errs.append('README.md is not the long description')
scripts = dict(ep['console_scripts']) if ep and ep.has_section('console_scripts') else {}
for s, target in {'vqnb-repro': 'vqnb.repro.cli:main', 'vqnb-bench': 'vqnb.bench:main'}.items():
    if scripts.get(s) != target: errs.append(f'entry point {s} is {scripts.get(s)}, not {target}')
if not (ep and ep.has_section('nbdev')): errs.append('no nbdev entry point')
print(f'{Path(sdist).name}: {len(snames)} files; {Path(wheel).name}: {len(wnames)} files; {len(mods)} modules; version {version}; '
      f"licence {md and md['License-Expression']}; scripts {sorted(scripts)}")
if errs: print(*errs, sep='\n')
sys.exit(bool(errs))
EOF

venv="$tmp/venv"
fresh_install() {  # a venv with what `python3 -m venv` seeds it with (noted in $tmp/seeded), then the wheel by pip
  python3 -m venv "$venv" && "$venv/bin/python" -m pip list --format=freeze 2>/dev/null | cut -d= -f1 >"$tmp/seeded" &&
  "$venv/bin/python" -m pip install -q --no-compile "$wheel" &&
  echo "$("$venv/bin/python" -m pip list --format=freeze 2>/dev/null | wc -l) distributions, $(du -sm "$venv" | cut -f1) MB in the venv"
}
run "pip install the wheel into a fresh venv (python3 -m venv, no dev extras)" fresh_install
need [ -x "$venv/bin/vqnb-repro" ]

mkdir -p "$tmp/outside" && cd "$tmp/outside" || exit 1   # nothing of the repository on sys.path from here on
unset PYTHONPATH; export PYTHONNOUSERSITE=1
run "every module of vqnb imports from the installed wheel" "$venv/bin/python" - "$venv" <<'EOF'
import importlib, pkgutil, sys, vqnb
from pathlib import Path
assert Path(vqnb.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), f'vqnb is imported from {vqnb.__file__}'
names = [m.name for m in pkgutil.walk_packages(vqnb.__path__, 'vqnb.')]
for n in names: importlib.import_module(n)
print(f'{len(names)} modules of vqnb {vqnb.__version__} import from {Path(vqnb.__file__).parent}')
EOF

run "README.md's '## Use it' examples run and print what README.md shows" "$venv/bin/python" - "$repo/README.md" <<'EOF'
import contextlib, io, re, sys
text = open(sys.argv[1]).read()
sec = re.search(r'^## Use it\n(.*?)(?=^## )', text, re.M | re.S)
assert sec, "README.md has no '## Use it' section"
blocks = re.findall(r'^```(\w*)\n(.*?)^```\n', sec.group(1), re.M | re.S)   # (language, code), in order
assert any(lang == 'python' for lang, _ in blocks), "no python block under '## Use it'"
ns, ran = {'__name__': '__main__'}, 0
for i, (lang, code) in enumerate(blocks):
    if lang != 'python': continue
    out = io.StringIO()
    with contextlib.redirect_stdout(out): exec(compile(code, f'README.md ## Use it, block {i + 1}', 'exec'), ns)
    ran += 1
    if i + 1 < len(blocks) and blocks[i + 1][0] == '':   # a plain block right after: the output README.md shows
        want, got = blocks[i + 1][1].strip(), out.getvalue().strip()
        assert got == want, f'block {i + 1} printed\n{got}\nwhere README.md shows\n{want}'
        print(f'block {i + 1} printed what README.md shows: {got}')
print(f"ran {ran} python blocks under '## Use it'")
EOF

helps() { "$venv/bin/$1" --help >"$tmp/help" && head -n 1 "$tmp/help"; }   # its usage line
run "vqnb-repro --help" helps vqnb-repro
run "vqnb-bench --help" helps vqnb-bench
run "pip check in the fresh venv" "$venv/bin/python" -m pip check

run "fresh venv holds only the closure of vqnb's declared dependencies" "$venv/bin/python" - "$tmp/seeded" <<'EOF'
import sys
from importlib.metadata import PackageNotFoundError, distribution, distributions
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name as canon
seeded = {canon(l) for l in open(sys.argv[1]).read().split()}
closure, todo = set(), [('vqnb', frozenset())]
while todo:
    name, extras = todo.pop()
    key = (canon(name), extras)
    if key in closure: continue
    closure.add(key)
    try: reqs = distribution(name).requires or []
    except PackageNotFoundError: continue   # reported below as missing
    for r in map(Requirement, reqs):
        if r.marker is None or any(r.marker.evaluate({'extra': e}) for e in extras | {''}):
            todo.append((r.name, frozenset(r.extras)))
names = {n for n, _ in closure}
installed = {canon(d.metadata['Name']) for d in distributions()}
extra, missing = sorted(installed - names - seeded), sorted(names - installed)
print(f'{len(installed)} distributions installed, {len(names)} in the closure of vqnb, venv seeded with {sorted(seeded)}')
if extra: print('installed beyond the closure:', *extra)
if missing: print('in the closure but not installed:', *missing)
sys.exit(bool(extra or missing))
EOF

cd "$repo" || exit 1
echo "$failed failed; $((SECONDS - t_all))s in all"
[ "$failed" -eq 0 ]
