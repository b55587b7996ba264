#!/usr/bin/env node
'use strict';
// Starts the petition service on 127.0.0.1.
//   MINHU_RULESET  the ruleset file (default: the demo district, rulesets/demo-city.json)
//   MINHU_JOURNAL  a SQLite file journaling the cases (default: none, cases live in memory);
//                  a restarted service recovers every case, timer and colour from it
//   PORT           the port (default 0: an ephemeral one, printed on start)
const path = require('node:path');
const { createService, minhu } = require('./service');

const ruleset =
  process.env.MINHU_RULESET || path.join(__dirname, '..', '..', 'rulesets', 'demo-city.json');
const port = Number(process.env.PORT || 0);

let engine;
try {
  engine = minhu.Engine.load(ruleset);
} catch (e) {
  console.error(`cannot load ${ruleset}: [${e.code}] ${e.message}`);
  process.exit(1);
}

const journal = process.env.MINHU_JOURNAL || null;
let tracker;
try {
  tracker = new minhu.Tracker(engine, { journal });
} catch (e) {
  console.error(`cannot open the case journal ${journal}: [${e.code}] ${e.message}`);
  process.exit(1);
}

const server = createService({ engine, tracker });
server.listen(port, '127.0.0.1', () => {
  const { id, version } = engine.info();
  const cases = journal ? `${tracker.size} cases journaled in ${journal}` : 'cases in memory';
  console.log(
    `minhu petition service (ruleset ${id} ${version}; ${cases}) on ` +
      `http://127.0.0.1:${server.address().port}`,
  );
});

function stop() {
  server.close(() => {
    tracker.dispose(); // closes the journal
    process.exit(0);
  });
  server.closeAllConnections();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
