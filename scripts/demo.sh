#!/usr/bin/env bash
# The main job: build minhu, then dispatch the bundled demo petitions through the bundled demo
# ruleset — classify, locate and route each one, printing one decision per line and a summary
# per street, loop tier and lead unit — and replay their lifecycle on the SLA clock, printing
# the 一量三率 metrics and the three-colour summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
build/libdispatch/minhu validate rulesets/demo-city.json
echo
echo "id	decided_by	category	area	lead unit	loop	assisting	text"
# Exit status 1 would mean a bad input line; the demo file has none.
build/libdispatch/minhu dispatch -r rulesets/demo-city.json examples/petitions/demo.jsonl \
  --format table --summary --no-progress

echo
echo "== SLA and metrics: the same petitions with their lifecycle events, on the SLA clock"
build/libdispatch/minhu simulate -r rulesets/demo-city.json examples/petitions/demo.jsonl \
  --events examples/petitions/demo-events.jsonl
