#!/usr/bin/env bash
# Parse throughput on the real Schedule 13D/13G filings of ../shared (complete submissions from
# 1994 to 2024, text and HTML bodies, and the two 13D/G seeds), one core, in process:
#
#   bash bench/real_throughput.sh [REPS]        (RELGRAPH_DATA defaults to ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${RELGRAPH_DATA:-../shared}"
reps="${1:-10}"
cargo build -q --release --example extract_timing
# the pre-2024 forms (SC 13D/G): the structured SCHEDULE 13D/G files are measured by edgartools.sh
files=$(ls "$data"/corpus/orgron-cik-cusip-mapping/*_SC13*.txt "$data"/seeds/000_*.txt "$data"/seeds/002_*.txt)
# shellcheck disable=SC2086
target/release/examples/extract_timing --reps "$reps" $files | python3 -c '
import json, os, sys
rows = [json.loads(line) for line in sys.stdin]
size = sum(os.path.getsize(r["file"]) for r in rows) / 1e6
secs = sum(r["micros"] for r in rows) / 1e6
print(f"{len(rows)} real 13D/G filings, {size:.2f} MB: {secs * 1e3:.1f} ms, {size / secs:.1f} MB/s per core, {secs / len(rows) * 1e3:.2f} ms per filing")
'
