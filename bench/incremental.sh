#!/usr/bin/env bash
# A full build of 100,000 generated filings, then 1% more added to it, then nothing new, three
# times over; then a fresh build of all 101,000 and a byte comparison of the two stores' JSON.
# Each +1% build follows its own fresh build, so the ratio of the two is taken within one pair.
#
#   bash bench/incremental.sh [WORKDIR]        (default /tmp/relgraph-incremental; needs ~8 GB)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/relgraph-incremental}"
cargo build -q --release --bins --examples
rg="$PWD/target/release/relgraph"
mkdir -p "$work"
if [ ! -d "$work/corpus-new" ]; then
  # The generator writes 1,000 files per directory: the last directory is the 1% added later.
  # Its filings are known by path, and "corpus-new/" sorts before "corpus/": the new filings come
  # first for many names, the harder case (their spellings then describe the names anew).
  target/release/examples/gen_corpus --filings 101000 --out "$work/corpus" --seed 100 > /dev/null
  mkdir -p "$work/corpus-new" && mv "$work/corpus/0100" "$work/corpus-new/"
fi
# each run starts with the disk quiet: the build before it leaves gigabytes to write back
timed() { sync; /usr/bin/time -f "$1: %e s elapsed, %U user, %S sys, %M KB max RSS" "${@:2}"; }
for i in 1 2 3; do
  rm -f "$work/store.db"
  timed "fresh 100k [$i]" "$rg" build --fresh -q --db "$work/store.db" "$work/corpus" 2>&1 | grep -E "^fresh"
  RELGRAPH_INCREMENTAL_TRACE=1 timed "add 1%% [$i]" "$rg" build -q --db "$work/store.db" "$work/corpus" "$work/corpus-new" 2>&1 \
    | grep -E "^add|incremental: 1000"
  timed "nothing new [$i]" "$rg" build -q --db "$work/store.db" "$work/corpus" "$work/corpus-new" 2>&1 | grep -E "^nothing"
done
rm -f "$work/fresh.db"
timed "fresh 101k" "$rg" build --fresh -q --db "$work/fresh.db" "$work/corpus" "$work/corpus-new" 2>&1 | grep -E "^fresh"
"$rg" export --db "$work/store.db" --format json -o "$work/incremental.json"
"$rg" export --db "$work/fresh.db" --format json -o "$work/fresh.json"
if cmp -s "$work/incremental.json" "$work/fresh.json"; then
  echo "the incremental store's JSON equals the fresh build's, byte for byte"
else
  echo "the incremental store's JSON DIFFERS from the fresh build's" && exit 1
fi
rm -f "$work/incremental.json" "$work/fresh.json"
