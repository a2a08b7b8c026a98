#!/usr/bin/env bash
# Instructions executed (valgrind's callgrind count) by load + detect + extract, per format of a
# generated corpus and on the real SC 13D/G filings of ../shared. Unlike wall time on this shared
# VM, the count does not drift between runs, so two builds can be compared one change at a time.
#
#   bash bench/instructions.sh CORPUS_DIR [EXTRACT_TIMING_BINARY ...]
#
# With no binary, the current build's examples/extract_timing is counted. Each count covers 60
# files of a shape (or the 34 real filings), read 4 times (extract_timing's warm-up and 3 reps).
# Note: valgrind runs SHA-256 in software, so the hashing's share is larger than on the CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:?usage: bench/instructions.sh CORPUS_DIR [BINARY ...]}"
shift
data="${RELGRAPH_DATA:-../shared}"
if [ "$#" -eq 0 ]; then
  cargo build -q --release --example extract_timing
  set -- target/release/examples/extract_timing
fi
command -v valgrind > /dev/null || { echo "valgrind is needed (apt-get install valgrind)"; exit 1; }
samples=$(python3 - "$corpus" <<'EOF'
import os, sys
sys.path.insert(0, "bench")
from throughput import shape
files = {}
for root, _, names in sorted(os.walk(sys.argv[1])):
    for n in sorted(names):
        p = os.path.join(root, n)
        files.setdefault(shape(p), [])
        if len(files[shape(p)]) < 60:
            files[shape(p)].append(p)
for kind, paths in sorted(files.items()):
    print(kind.replace(" ", "_") + "|" + " ".join(paths))
EOF
)
real=$(ls "$data"/corpus/orgron-cik-cusip-mapping/*_SC13*.txt "$data"/seeds/000_*.txt "$data"/seeds/002_*.txt)
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null \
  | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
n=0
for b in "$@"; do n=$((n + 1)); echo "[$n] $b"; done
printf '%-28s' "millions of instructions"
for k in $(seq 1 "$n"); do printf ' %14s' "[$k]"; done
echo
while IFS='|' read -r kind paths; do
  printf '%-28s' "$kind"
  # shellcheck disable=SC2086
  for b in "$@"; do printf ' %14d' $(( $(count "$b" --reps 3 $paths) / 1000000 )); done
  echo
done <<< "$samples"
printf '%-28s' "real_SC_13D/G"
# shellcheck disable=SC2086
for b in "$@"; do printf ' %14d' $(( $(count "$b" --reps 3 $real) / 1000000 )); done
echo
