#!/usr/bin/env bash
# Installs what the tests drive besides Swift, when a machine lacks it:
#   - libncurses-dev (the dashboard's headers), tmux (the end-to-end terminal tests), nc and curl (serve), from
#     Debian's packages;
#   - asciinema (checks recorded casts), kubernetes-validate (checks exported manifests) and
#     wcwidth (the oracle TextWidth's generated table is checked against), from PyPI, into a
#     virtualenv at .build-tools/venv so the system Python stays untouched.
# The tests look for asciinema and kubernetes-validate in .build-tools/venv/bin first, then on
# PATH; the width check runs .build-tools/venv/bin/python only.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
dpkg -s libncurses-dev >/dev/null 2>&1 || missing+=(libncurses-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
# The real nc (Debian's netcat-openbsd: -N closes the write side at stdin's EOF) and curl,
# which the serve tests drive against its portals and its pods' listeners.
command -v nc >/dev/null 2>&1 || missing+=(netcat-openbsd)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)" >&2
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
venv=.build-tools/venv
# wcwidth is pinned: its tables are what TextWidth must agree with. 0.2.14 is the newest release
# that still answers for an older Unicode version (the 0.3+ ones carry only the latest), and the
# test asks it for the version TextWidth's table was generated from: 15.0.0, Debian 12's
# unicode-data (scripts/gen-text-width.py).
wcwidth=0.2.14
if [ ! -x "$venv/bin/asciinema" ] || [ ! -x "$venv/bin/kubernetes-validate" ] \
  || ! "$venv/bin/python" -c "import wcwidth, sys; sys.exit(wcwidth.__version__ != '$wcwidth')" 2>/dev/null; then
  echo "installing asciinema, kubernetes-validate and wcwidth (PyPI) into $venv" >&2
  python3 -m venv "$venv"
  # kubernetes-validate is pinned: its schema set decides which -k versions exist, and the
  # export tests validate against Kubernetes 1.25 (ExportValidationTests.kubernetesVersion).
  "$venv/bin/pip" install -q --disable-pip-version-check asciinema kubernetes-validate==1.37.0 "wcwidth==$wcwidth"
fi
