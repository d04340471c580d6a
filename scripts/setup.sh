#!/usr/bin/env bash
# Set up everything zhko needs on a Debian machine with Python 3.11:
# uv, the locked Python environment, and the Debian packages (CJK fonts,
# HarfBuzz subsetting for fast PDFs, libhangul-data's Hangul–Hanja word list for the
# Korean-norm benchmark; with --test also poppler-utils and Chromium).
# Installs Debian packages when run as root; otherwise prints the exact command.
set -euo pipefail
cd "$(dirname "$0")/.."

want=(fonts-noto-cjk libharfbuzz-subset0 fontconfig libhangul-data)
if [[ "${1:-}" == "--test" ]]; then
  want+=(poppler-utils chromium)
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages; run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v uv >/dev/null 2>&1 && ! python3 -m uv --version >/dev/null 2>&1; then
  echo "setup: installing uv from PyPI" >&2
  python3 -m pip install --quiet uv
fi
UV=$(command -v uv || echo "python3 -m uv")
# Precompiled bytecode: jieba's large tables otherwise recompile on every run
# where PYTHONDONTWRITEBYTECODE is set.
$UV sync --locked --quiet --compile-bytecode
