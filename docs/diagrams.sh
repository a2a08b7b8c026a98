#!/usr/bin/env bash
# Regenerates docs/polygon.dot and docs/polygon.svg: the Polygon group of seed 000, drawn around
# its investment manager. Needs the seeds (RELGRAPH_DATA, else ../shared) and Graphviz's dot.
# tests/render.rs fails when the committed files no longer match what relgraph produces.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${RELGRAPH_DATA:-../shared}"
db="$(mktemp -d)/seeds.db"
cargo run --quiet --release -- build --quiet --fresh --db "$db" "$data/seeds"
cargo run --quiet --release -- export --format dot --db "$db" \
  --focus "Polygon Investment Partners LLP" -o docs/polygon.dot
dot -Tsvg docs/polygon.dot -o docs/polygon.svg
echo "wrote docs/polygon.dot and docs/polygon.svg"
