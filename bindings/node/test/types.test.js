'use strict';
// index.d.ts describes what the addon really returns: the declared fields of each interface are
// exactly the keys of a live object (a cheap guard without a TypeScript compiler).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Engine, Tracker } = require('..');
const { rulesetPath } = require('./fixtures');

const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8');

function fields(name) {
  const m = dts.match(new RegExp(`interface ${name}(?: extends (\\w+))? \\{([\\s\\S]*?)\\n\\}`));
  assert.ok(m, `interface ${name} in index.d.ts`);
  const own = [...m[2].matchAll(/^ {2}(\w+)\??:/gm)].map((x) => x[1]);
  return (m[1] ? fields(m[1]) : []).concat(own).sort();
}

test('index.d.ts matches the objects returned', () => {
  const engine = Engine.load(rulesetPath('routing'));
  const d = engine.dispatch({ id: 'r', text: '锦绣家园3栋电梯坏了一周，物业一直不修' });
  const c = engine.classify({ id: 'r', text: '锦绣家园3栋电梯坏了一周，物业一直不修' });
  assert.deepEqual(Object.keys(d).sort(), fields('Decision'));
  assert.deepEqual(Object.keys(c).sort(), fields('Classification'));
  assert.deepEqual(Object.keys(d.spans[0]).sort(), fields('Span'));
  assert.deepEqual(Object.keys(engine.info()).sort(), fields('RulesetInfo'));
  const fire = engine.dispatch({ id: 'f', text: '锦绣家园3栋起火了' });
  for (const u of fire.assisting) assert.deepEqual(Object.keys(u).sort(), fields('UnitRef'));
});

test('index.d.ts matches the tracker\'s events, cases and metrics', () => {
  const engine = Engine.load(rulesetPath('sla'));
  const tracker = new Tracker(engine);
  const events = tracker.open(
    'c',
    engine.dispatch({ id: 'c', text: '楼下噪音', area: 'comm-a' }),
    1772413200000,
  );
  assert.deepEqual(Object.keys(events[0]).sort(), fields('CaseEvent'));
  assert.deepEqual(Object.keys(tracker.get('c')).sort(), fields('CaseInfo'));
  assert.deepEqual(Object.keys(tracker.cases()[0]).sort(), fields('CaseInfo'));
  assert.deepEqual(Object.keys(tracker.measure()).sort(), fields('Metrics'));
  // The declared methods and properties of class Tracker are those of a live one.
  const m = dts.match(/export class Tracker \{([\s\S]*?)\n\}/);
  assert.ok(m, 'class Tracker in index.d.ts');
  const declared = [...m[1].matchAll(/^ {2}(?:readonly )?(\w+)[(?:]/gm)]
    .map((x) => x[1])
    .filter((n) => n !== 'constructor')
    .sort();
  const live = Object.getOwnPropertyNames(Tracker.prototype)
    .filter((n) => n !== 'constructor')
    .sort();
  assert.deepEqual(declared, live);
});
