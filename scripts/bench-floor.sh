#!/usr/bin/env bash
# The latency floor of this machine, next to MeshDeck and HAProxy, all measured at c=1 by one
# blocking C client (scripts/floor/rtt.c), so no client framework sits in the numbers:
#   C echo server; + one C relay hop; + two C relay hops (the least any two-hop proxy does);
#   MeshDeck's echo app direct; the mesh path; two HAProxy hops.
# Needs gcc; installs haproxy from Debian's packages if missing (as bench-dataplane.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5000}
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  echo "installing haproxy (Debian package)..." >&2
  apt-get update -qq && apt-get install -y -qq haproxy >/dev/null
fi
out=.build/floor
mkdir -p "$out"
for tool in echo relay rtt; do gcc -O2 -Wall -o "$out/$tool" "scripts/floor/$tool.c"; done
swift build -c release --product meshdeck-bench >/dev/null

tmp=$(mktemp -d)
# Background servers' pids go to a file: start() runs in a subshell ($(...)), so an array
# would not see them. meshdeck-bench serve stops its HAProxy processes on SIGTERM.
cleanup() {
  [ -s "$tmp/pids" ] && while read -r p; do kill "$p" 2>/dev/null || true; done <"$tmp/pids"
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# Starts a background server whose first stdout line is its port; echoes the port.
start() {
  local file=$tmp/$1.out; shift
  "$@" >"$file" 2>&1 &
  echo $! >>"$tmp/pids"
  for _ in $(seq 100); do [ -s "$file" ] && break; sleep 0.05; done
  head -1 "$file"
}
echo_port=$(start echo "$out/echo")
relay1=$(start relay1 "$out/relay" "$echo_port")
relay2=$(start relay2 "$out/relay" "$relay1")
.build/release/meshdeck-bench serve >"$tmp/serve.out" 2>&1 &
echo $! >>"$tmp/pids"
for _ in $(seq 100); do [ "$(wc -l <"$tmp/serve.out")" -ge 4 ] && break; sleep 0.1; done

paths=("C echo, direct|$echo_port|hello" "C echo + 1 C relay|$relay1|hello" "C echo + 2 C relays|$relay2|hello")
while read -r name port payload; do
  case $name in
    direct) paths+=("MeshDeck echo app, direct|$port|$payload") ;;
    mesh) paths+=("MeshDeck mesh path|$port|$payload") ;;
    mesh-worker) paths+=("MeshDeck mesh, worker loops|$port|$payload") ;;
    haproxy) paths+=("MeshDeck echo + 2 HAProxy|$port|$payload") ;;
  esac
done <"$tmp/serve.out"

echo "latency of one probe at c=1, $count probes per row, blocking C client, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
for round in 1 2; do
  echo "round $round:"
  for entry in "${paths[@]}"; do
    IFS='|' read -r name port payload <<<"$entry"
    printf '  %-28s %s\n' "$name" "$("$out/rtt" "$port" "$count" "$payload")"
  done
done
