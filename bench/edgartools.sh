#!/usr/bin/env bash
# edgartools and relgraph side by side on the same structured filings (XML 13D/G, Forms 3/4/5),
# in one run. edgartools goes into a throwaway venv; it is not a relgraph dependency.
#
#   bash bench/edgartools.sh [REPS]        (RELGRAPH_DATA defaults to ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${RELGRAPH_DATA:-../shared}"
reps="${1:-50}"
venv="${EDGARTOOLS_VENV:-${TMPDIR:-/tmp}/relgraph-edgartools-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q edgartools
fi
cargo build -q --release --example extract_timing
files=$(ls "$data"/corpus/edgartools/SCHED13*.xml "$data"/corpus/orgron-cik-cusip-mapping/*SCHED13*.txt \
           "$data"/corpus/edgartools/FORM[345]_*.xml "$data"/corpus/edgartools/FORM4_0001127602-*)
echo "edgartools $("$venv/bin/python" -c 'import edgar; print(edgar.__version__)'), relgraph $(git rev-parse --short HEAD), $(date -u +%F)"
# shellcheck disable=SC2086
"$venv/bin/python" bench/edgartools_compare.py target/release/examples/extract_timing "$reps" $files
