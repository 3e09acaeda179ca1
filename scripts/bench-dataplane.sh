#!/usr/bin/env bash
# The data-plane benchmark: direct vs mesh vs two HAProxy hops, side by side, release build.
# Installs HAProxy from Debian's packages when it is missing (needs root, as on CI machines).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  echo "installing haproxy (Debian package) for the third column..." >&2
  apt-get update -qq && apt-get install -y -qq haproxy >/dev/null
fi
swift build -c release --product meshdeck-bench
.build/release/meshdeck-bench dataplane
