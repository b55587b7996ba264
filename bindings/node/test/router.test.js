'use strict';
// Routing against the shared fixture: the assertions of tests/router_test.cpp.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine } = require('..');
const { rulesetPath, cases } = require('./fixtures');

// The fixture's petitions in the binding's own camelCase shape.
function camel(p) {
  const { received_at: receivedAt, ...rest } = p;
  return receivedAt === undefined ? rest : { ...rest, receivedAt };
}

test('routing: every case matches its expectation', async (t) => {
  const engine = Engine.load(rulesetPath('routing'));
  const all = cases('routing');
  assert.ok(all.length >= 40);
  let loaded = [];
  for (const c of all) {
    await t.test(c.name, () => {
      for (const id of loaded) engine.setLoad(id, 0);
      loaded = Object.keys(c.loads || {});
      for (const [id, n] of Object.entries(c.loads || {})) engine.setLoad(id, n);
      for (const [id, n] of Object.entries(c.loads || {})) assert.equal(engine.loadOf(id), n);

      const r = engine.dispatch(camel(c.petition), { exclude: (c.options || {}).exclude });
      const e = c.expect;
      assert.equal(r.decidedBy, e.decided_by);
      assert.equal(r.category, e.category);
      assert.equal(r.area, e.area);
      assert.equal(r.locationMethod, e.location_method);
      assert.equal(r.lead, e.lead);
      assert.equal(r.tier, e.tier);
      assert.deepEqual(r.assisting.map((u) => u.id), e.assisting);
      // Whatever the case: an owner, an explanation, and the owner never assists itself.
      assert.ok(r.lead);
      assert.equal(typeof r.leadName, 'string');
      assert.ok(r.explanation.length > 0);
      assert.ok(!r.assisting.some((u) => u.id === r.lead));
    });
  }
});

test('loads: addLoad and loadOf; unknown units are invalid_argument', () => {
  const engine = Engine.load(rulesetPath('routing'));
  engine.setLoad('pm-b-jx', 3);
  engine.addLoad('pm-b-jx', 2);
  engine.addLoad('pm-b-jx');
  assert.equal(engine.loadOf('pm-b-jx'), 6);
  assert.throws(() => engine.setLoad('no-such-unit', 1), {
    name: 'MinhuError',
    code: 'invalid_argument',
  });
  assert.throws(() => engine.loadOf('no-such-unit'), { code: 'invalid_argument' });
});

test('explain and info', () => {
  const engine = Engine.load(rulesetPath('routing'));
  const text = engine.explain({ id: 'r', text: '锦绣家园3栋电梯坏了一周，物业一直不修' });
  assert.match(text, /pm-b-jx/);
  const info = engine.info();
  assert.equal(info.id, 'fixture-routing');
  assert.equal(info.generation, 1);
  assert.ok(info.units > 0 && info.areas > 0 && info.rules > 0);
});
