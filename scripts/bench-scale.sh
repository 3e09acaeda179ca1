#!/usr/bin/env bash
# Issue 13's table: `validate` and `probe` on generated meshes (scripts/gen-scale-mesh.py) of
# several sizes, wall time and max RSS from /usr/bin/time -v, for one or more meshdeck binaries
# side by side (a release build of main and one of a branch, say).
#
#   scripts/bench-scale.sh .build/release/meshdeck                 # this tree's release build
#   scripts/bench-scale.sh OLD/meshdeck NEW/meshdeck               # before and after, interleaved
#   PODS="500 2000" scripts/bench-scale.sh .build/release/meshdeck
#
# Each mesh: PODS/10 namespaces x 10 meshed tcp-echo services; the probe goes from ns-0/app-1
# to app-0.ns-0:8080 (allowed), so it starts the engine and sends one real probe.
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/bench-scale.sh MESHDECK [MESHDECK...]" >&2; exit 2; }
PODS=${PODS:-"500 2000 3000 4000 7000 10000"}
dir=.build/scale-meshes
mkdir -p "$dir"
echo "ulimit -n: $(ulimit -n)"
# Wall seconds, and CPU seconds (user + system) in brackets: on a shared machine the CPU time
# is the steadier of the two.
printf '%-7s %-28s %-16s %-16s %-9s %s\n' pods binary validate_s probe_s probe_MB probe_exit
for pods in $PODS; do
  file="$dir/mesh-$pods.yaml"
  [ -s "$file" ] || python3 scripts/gen-scale-mesh.py $((pods / 10)) > "$file"
  for bin in "$@"; do
    /usr/bin/time -o "$dir/time" -f '%e %U %S %M' "$bin" validate -f "$file" >/dev/null 2>&1
    v=$(tail -1 "$dir/time")
    /usr/bin/time -o "$dir/time" -f '%e %U %S %M %x' "$bin" -f "$file" --empty probe --from ns-0/app-1 \
      --to app-0.ns-0:8080 >/dev/null 2>"$dir/probe-stderr"
    p=$(tail -1 "$dir/time")
    # A failure (EMFILE, a trap) is reported, not hidden: its first line goes to stderr.
    [ "${p##* }" = 0 ] || echo "  $pods pods, $bin: $(grep -v '^$' "$dir/probe-stderr" | head -1 | cut -c1-160)" >&2
    read -r vs vu vy _ <<<"$v"
    read -r ps pu py pk px <<<"$p"
    printf '%-7s %-28s %-16s %-16s %-9s %s\n' "$pods" "$bin" "$vs ($(echo "$vu + $vy" | bc))" \
      "$ps ($(echo "$pu + $py" | bc))" "$((pk / 1024))" "$px"
  done
done
