'use strict';
// Batch calls (one crossing) decide exactly what the one-by-one calls decide.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine } = require('..');
const { rulesetPath, cases } = require('./fixtures');

for (const name of ['basic', 'priority', 'collect']) {
  test(`${name}: classifyMany equals classify one by one`, () => {
    const engine = Engine.load(rulesetPath(name));
    const ps = cases(name).map((c) => c.petition);
    const one = ps.map((p) => engine.classify(p));
    assert.deepEqual(engine.classifyMany(ps), one);
    assert.deepEqual(engine.classifyMany(ps, { threads: 2 }), one);
  });
}

test('routing: dispatchMany equals dispatch one by one', () => {
  const engine = Engine.load(rulesetPath('routing'));
  const ps = cases('routing').map((c) => c.petition);
  // Five copies, to give the threaded batch something to split.
  const many = [].concat(ps, ps, ps, ps, ps);
  const one = many.map((p) => engine.dispatch(p));
  assert.deepEqual(engine.dispatchMany(many), one);
  assert.deepEqual(engine.dispatchMany(many, { threads: 0 }), one);
  assert.deepEqual(engine.dispatchMany([]), []);
});

test('batches keep the order and the ids', () => {
  const engine = Engine.load(rulesetPath('basic'));
  const ps = Array.from({ length: 100 }, (_, i) => ({ id: `p${i}`, text: i % 2 ? '路灯坏了' : '噪音' }));
  assert.deepEqual(
    engine.classifyMany(ps).map((d) => d.id),
    ps.map((p) => p.id),
  );
});
