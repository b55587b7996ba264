'use strict';
// minhu for Node: classify citizen petitions and route them to government units.
//
//   const { Engine } = require('minhu');
//   const engine = Engine.load('rulesets/demo-city.json');
//   const d = engine.dispatch({ id: 'p1', text: '楼下饭店油烟直排', area: 'grid-a-01-1' });
//   d.category, d.lead, d.tier, d.explanation
//
//   const tracker = new Tracker(engine, { journal: 'cases.db' });   // SLA clocks, 一量三率
//   tracker.open(d.id, d, Date.now()); tracker.acknowledge(d.id, Date.now());
//   tracker.measure({ scopeUnit: 'street-a' }).completionRate
//
// Errors are MinhuError (an Error) with .code, .pointer and .problems. Types: index.d.ts.
const { Engine, parsePetition, normalize } = require('./lib/engine');
const { Tracker } = require('./lib/tracker');
const { MinhuError } = require('./lib/errors');

module.exports = { Engine, Tracker, MinhuError, parsePetition, normalize };
