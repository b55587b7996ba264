#!/usr/bin/env bash
# The main job: build minhu, then dispatch the bundled demo petitions through the bundled demo
# ruleset: classify, locate and route each one, printing one decision per line and a summary
# per street, per loop tier and per lead unit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
build/libdispatch/minhu validate rulesets/demo-city.json
echo
echo "id	decided_by	category	area	lead unit	loop	assisting	text"
# Exit status 1 would mean a bad input line; the demo file has none.
build/libdispatch/minhu dispatch -r rulesets/demo-city.json examples/petitions/demo.jsonl \
  --format table --summary --no-progress
