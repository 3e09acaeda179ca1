#!/usr/bin/env bash
# The whole test suite under ThreadSanitizer, then under AddressSanitizer, each built into its
# own scratch path (.build-tsan, .build-asan) so the normal .build is left alone. A sanitizer
# slows the code several times, so timing-sensitive tests may fail here for time alone: read
# the sanitizer reports ("WARNING: ThreadSanitizer", "ERROR: AddressSanitizer"), which fail the
# run, apart from such failures. Takes about 10 minutes on two cores.
#   scripts/sanitize.sh [thread|address]     # default: both
#   scripts/sanitize.sh --ci                 # the bounded CI run: ThreadSanitizer over the data
#                                            # plane's tests only (ConnectionEngineTests,
#                                            # AbuseTests), where the threads are: 14 minutes
#                                            # cold on 2 busy cores (9 of them the build)
# Exit status: 0 when no sanitizer reported anything (test failures alone are only printed,
# since they may be the slowdown's), 1 when one did or the build failed.
set -uo pipefail
cd "$(dirname "$0")/.."
filter=()
sanitizers=${1:-thread address}
if [ "${1:-}" = "--ci" ]; then
  sanitizers=thread
  filter=(--filter 'ConnectionEngineTests|AbuseTests')
fi
status=0
for sanitizer in $sanitizers; do
  scratch=.build-${sanitizer:0:1}san
  log=$scratch/sanitize.log
  mkdir -p "$scratch"
  echo "== $sanitizer: building into $scratch" >&2
  if ! swift build --build-tests --scratch-path "$scratch" -Xswiftc -sanitize="$sanitizer" >"$log" 2>&1; then
    tail -20 "$log" >&2
    status=1
    continue
  fi
  echo "== $sanitizer: running ${filter[1]:-the suite} (log: $log)" >&2
  # halt_on_error=0: report every race or error, not only the first; the tests go on.
  TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan-suppressions.txt" ASAN_OPTIONS="detect_leaks=0 halt_on_error=0" \
    swift test --skip-build --scratch-path "$scratch" --sanitize="$sanitizer" "${filter[@]}" >>"$log" 2>&1
  reports=$(grep -cE "WARNING: ThreadSanitizer|ERROR: AddressSanitizer" "$log" || true)
  summary=$(grep -E "^✘ Test run|^✔ Test run" "$log" | tail -1)
  echo "$sanitizer: $reports sanitizer reports; ${summary:-no test summary (see $log)}"
  [ "$reports" = 0 ] || status=1
done
exit $status
