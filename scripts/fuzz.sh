#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#
#   scripts/fuzz.sh manifest-decoder 600     # ten minutes on ManifestDecoder.decode
#   scripts/fuzz.sh list                     # the targets there are
#   scripts/fuzz.sh manifest-decoder 0 .build-fuzz/crashes/manifest-decoder/crash-…   # replay one
#
# A target is one file, Fuzz/Targets/TARGET.swift, that defines `func fuzz(_: UnsafeRawBufferPointer)`
# and names on its first line the module it needs (`// fuzz-module: MeshModel`); its seeds are in
# Fuzz/Corpus/TARGET and an optional dictionary in Fuzz/Dictionaries/TARGET.dict. Fuzz/README.md
# says how to add one.
#
# Everything is built under .build-fuzz/ (git-ignored), never .build/: the module and its
# dependencies by SwiftPM in release mode with -sanitize=fuzzer,address (and -enable-testing,
# so a target may @testable import internals), then the target linked by swiftc. New corpus
# entries go to .build-fuzz/corpus/TARGET, crashes to .build-fuzz/crashes/TARGET/. Exit status:
# 0 when nothing was found, libFuzzer's (non-zero) when it found a crash, a leak or a timeout.
set -euo pipefail
cd "$(dirname "$0")/.."

targets() { for f in Fuzz/Targets/*.swift; do basename "$f" .swift; done; }
if [ "${1:-}" = "list" ]; then targets; exit 0; fi
if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]; targets: $(targets | tr '\n' ' ')" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
source=Fuzz/Targets/$target.swift
if [ ! -f "$source" ]; then
  echo "fuzz.sh: no target '$target'; targets: $(targets | tr '\n' ' ')" >&2
  exit 2
fi
module=$(sed -n '1s|^// fuzz-module: *||p' "$source")
if [ -z "$module" ]; then
  echo "fuzz.sh: $source must start with '// fuzz-module: MODULE'" >&2
  exit 2
fi

scratch=.build-fuzz
sanitizers=fuzzer,address
echo "fuzz.sh: building $module with -sanitize=$sanitizers into $scratch" >&2
swift build --scratch-path "$scratch" -c release --target "$module" \
  -Xswiftc -sanitize=$sanitizers -Xswiftc -enable-testing -Xcc -fsanitize=fuzzer-no-link,address >&2

# Every object SwiftPM built in this scratch path: the module's closure, and whatever earlier
# targets built (unused objects only cost link time). No executable is ever built here, so
# there is no second main().
mapfile -t objects < <(find -H "$scratch/release" -path '*.build/*.o' -not -path '*-tool.build/*' | sort)
# The C modules those objects import (CYaml, NIO's shims): their module maps, where SwiftPM
# found or generated them.
includes=()
while IFS= read -r map; do includes+=(-I "$(dirname "$map")"); done < <(
  find -H "$scratch/checkouts" "$scratch/release" -name module.modulemap -not -path '*/Tests/*' -not -path '*.build/include/*' -not -path '*-tool.build/*' 2>/dev/null | sort)
binary=$scratch/fuzz-$target
echo "fuzz.sh: linking $binary" >&2
swiftc -O -parse-as-library -sanitize=$sanitizers -module-name FuzzTarget \
  -I "$scratch/release/Modules" "${includes[@]}" Fuzz/Entry.swift "$source" "${objects[@]}" -o "$binary" 2>&1 |
  grep -v "Cannot export local symbol" >&2 || true
[ -x "$binary" ] || { echo "fuzz.sh: the link failed" >&2; exit 1; }

# libFuzzer reports a crash itself (input, stack, the unit written); the Swift runtime's
# backtracer would run first and trip AddressSanitizer in its own stack walk. Yours wins if set.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
corpus=$scratch/corpus/$target crashes=$scratch/crashes/$target
mkdir -p "$corpus" "$crashes"
flags=(-max_total_time="$seconds" -timeout=10 -max_len=16384 -print_final_stats=1 -artifact_prefix="$crashes/")
[ -f "Fuzz/Dictionaries/$target.dict" ] && flags+=(-dict="Fuzz/Dictionaries/$target.dict")
# Replaying files given on the command line: run each once, no corpus.
if [ $# -gt 0 ] && [ -f "${!#}" ]; then exec "$binary" "${flags[@]}" "$@"; fi
# New inputs go to the first directory; the committed seeds are only read.
exec "$binary" "${flags[@]}" "$@" "$corpus" "Fuzz/Corpus/$target"
