#!/usr/bin/env bash
# The abuse tests at full size (the sizes the reliability issue measured: 45 tunnels of 256
# streams, 200 peers that never read, 2 GiB streamed, window floods, thousands of garbage
# connections), alone, so that their RSS assertions are not shared with other tests; then,
# with --scripts, the attack clients in scripts/abuse/ against a release `meshdeck-bench serve`
# (or MESHDECK_BENCH=path/to/meshdeck-bench, to measure another build the same way).
#   scripts/soak.sh              # the AbuseTests target at full size (about 5 minutes)
#   scripts/soak.sh --scripts    # also every attack script (about 20 minutes; trickle.py
#                                # waits out the 600 s connection lifetime)
set -euo pipefail
cd "$(dirname "$0")/.."
MESHDECK_SOAK=1 swift test --filter AbuseTests
[ "${1:-}" = "--scripts" ] || exit 0
if [ -z "${MESHDECK_BENCH:-}" ]; then
  swift build -c release --product meshdeck-bench >/dev/null
  export MESHDECK_BENCH=.build/release/meshdeck-bench
fi
cd scripts/abuse
for run in "stream.py --path direct" "stream.py --path mesh" "nonreaders.py --path direct" \
  "nonreaders.py --path mesh" "streamflood.py --leave close" "streamflood.py --leave halfclose" \
  "streamflood.py --identity rotate" "windowflood.py --seconds 60" "garbage.py" "descriptors.py --path direct" \
  "descriptors.py --path mesh" "trickle.py --duration 660"; do
  echo "== $run"
  # shellcheck disable=SC2086
  python3 $run --binary "../../$MESHDECK_BENCH" | grep RESULT
done
