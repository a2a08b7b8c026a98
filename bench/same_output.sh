#!/usr/bin/env bash
# Proves a change changed nothing observable: builds ../shared and a generated corpus of 10,000
# filings with two relgraph binaries, and compares every store table (bench/dump_store.py: rows
# sorted, the `seen` table and the binary's digest aside), the JSON export and the DOT export.
#
#   bash bench/same_output.sh OLD_BINARY NEW_BINARY [WORKDIR]   (default /tmp/relgraph-same)
#
# Build the old binary first from the commit before the change (git worktree add, cargo build
# --release), then the new one. Exits 1 and names what differs when anything does.
set -euo pipefail
cd "$(dirname "$0")/.."
old="${1:?usage: bench/same_output.sh OLD_BINARY NEW_BINARY [WORKDIR]}"
new="${2:?usage: bench/same_output.sh OLD_BINARY NEW_BINARY [WORKDIR]}"
work="${3:-/tmp/relgraph-same}"
data="${RELGRAPH_DATA:-../shared}"
mkdir -p "$work"
if [ ! -d "$work/g10k" ]; then
  cargo build -q --release --example gen_corpus
  target/release/examples/gen_corpus --filings 10000 --out "$work/g10k" --seed 10 > /dev/null
fi
snap() { # BINARY OUT
  mkdir -p "$2"
  for set in shared g10k; do
    rm -f "$2/$set.db"*
    if [ "$set" = shared ]; then in=("$data/seeds" "$data/corpus"); else in=("$work/g10k"); fi
    "$1" build -q --db "$2/$set.db" "${in[@]}" > /dev/null 2>&1 || true
    python3 bench/dump_store.py "$2/$set.db" > "$2/$set.tables"
    "$1" export --format json --db "$2/$set.db" -o "$2/$set.json"
    "$1" export --format dot --db "$2/$set.db" -o "$2/$set.dot"
  done
}
snap "$old" "$work/old"
snap "$new" "$work/new"
status=0
for f in shared.tables g10k.tables shared.json g10k.json shared.dot g10k.dot; do
  if cmp -s "$work/old/$f" "$work/new/$f"; then
    echo "same       $f"
  else
    echo "DIFFERENT  $f"
    status=1
  fi
done
exit $status
