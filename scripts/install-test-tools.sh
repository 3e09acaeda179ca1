#!/usr/bin/env bash
# Installs what the tests drive besides Swift, when a machine lacks it:
#   - libncurses-dev (the dashboard's headers) and tmux (the end-to-end terminal tests), from
#     Debian's packages;
#   - asciinema (checks recorded casts) and kubernetes-validate (checks exported manifests),
#     from PyPI, into a virtualenv at .build-tools/venv so the system Python stays untouched.
# The tests look for those two in .build-tools/venv/bin first, then on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
dpkg -s libncurses-dev >/dev/null 2>&1 || missing+=(libncurses-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)" >&2
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
venv=.build-tools/venv
if [ ! -x "$venv/bin/asciinema" ] || [ ! -x "$venv/bin/kubernetes-validate" ]; then
  echo "installing asciinema and kubernetes-validate (PyPI) into $venv" >&2
  python3 -m venv "$venv"
  # kubernetes-validate is pinned: its schema set decides which -k versions exist, and the
  # export tests validate against Kubernetes 1.25 (ExportValidationTests.kubernetesVersion).
  "$venv/bin/pip" install -q --disable-pip-version-check asciinema kubernetes-validate==1.37.0
fi
