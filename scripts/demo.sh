#!/usr/bin/env bash
# The main job: build minhu, then classify the bundled demo petitions with the bundled demo
# ruleset, printing one decision per petition and a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
build/libdispatch/minhu validate rulesets/demo-city.json
echo
echo "id	decided_by	category	rule	urgency	text"
# Exit status 1 would mean a bad input line; the demo file has none.
build/libdispatch/minhu classify -r rulesets/demo-city.json examples/petitions/demo.jsonl \
  --format table --summary --no-progress
