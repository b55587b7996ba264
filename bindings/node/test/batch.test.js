'use strict';
// Batch calls (one crossing) decide exactly what the one-by-one calls decide.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine } = require('..');
const { rulesetPath, cases } = require('./fixtures');
const { packPetitions, prepareAll } = require('../lib/petition');

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

test('a batch with one petition the addon must check itself gives the same decisions', () => {
  const engine = Engine.load(rulesetPath('routing'));
  const plain = [
    { id: 'p1', text: '锦绣家园3栋电梯坏了一周，物业一直不修' },
    { id: 'p2', text: '翠湖苑5栋楼道灯坏了', receivedAt: new Date('2026-03-02T09:30:00+08:00') },
    { id: 'p3', text: '楼道灯坏了', grid: 'grid-a1-2', lat: null, lon: null },
  ];
  const expected = engine.dispatchMany(plain);
  assert.ok(packPetitions(prepareAll(plain)));
  // Attributes or an integer id: the batch crosses as objects.
  for (const odd of [{ attributes: { floor: 3 } }, { id: 7 }, { attributes: {} }]) {
    const ps = plain.map((p) => ({ ...p }));
    Object.assign(ps[2], odd);
    assert.equal(packPetitions(prepareAll(ps)), null);
    const got = engine.dispatchMany(ps);
    assert.deepEqual(got.slice(0, 2), expected.slice(0, 2));
    assert.equal(got[2].lead, expected[2].lead);
  }
  // A bad petition is refused with its pointer, whichever way the batch would have crossed.
  assert.throws(
    () => engine.classifyMany([plain[0], { id: 'x', text: 5 }]),
    (e) => e.code === 'petition_invalid' && e.pointer === '/1/text',
  );
  assert.throws(
    () => engine.classifyMany([plain[0], { id: 'x', text: 't', lat: 91, lon: 0 }]),
    (e) => e.code === 'petition_invalid' && e.pointer === '/1/lat',
  );
});

test('each property of a packed petition is read once', () => {
  const engine = Engine.load(rulesetPath('routing'));
  let reads = 0;
  const shifty = {
    id: 'a',
    get text() {
      reads += 1;
      return reads > 1 ? 5 : '锦绣家园3栋电梯坏了一周';
    },
  };
  const many = engine.classifyMany([{ id: 'b', text: '楼道灯坏了' }, shifty, { id: 'c', text: 'x' }]);
  assert.equal(reads, 2); // once to pack, once more to count span indices in the decision
  assert.deepEqual(many.map((d) => d.id), ['b', 'a', 'c']);
  assert.equal(many[1].category, engine.classify({ id: 'a', text: '锦绣家园3栋电梯坏了一周' }).category);
});

test('packed petitions that do not add up are refused, never read past', () => {
  const native = require('../lib/native');
  const d = native.Dispatcher.load(rulesetPath('routing'));
  const layout = (lengths, rest = [0, 0, 0, 0]) => new Float64Array([...lengths, ...rest]);
  for (const packed of [
    { strings: 'ab', layout: layout([5, 0, 0, 0, 0, 0, 0]) }, // longer than the string
    { strings: 'ab', layout: layout([1, 0, 0, 0, 0, 0, 0]) }, // units left over
    { strings: 'ab', layout: layout([NaN, 2, 0, 0, 0, 0, 0]) },
    { strings: 'ab', layout: layout([-1, 3, 0, 0, 0, 0, 0]) },
    { strings: 'ab', layout: layout([1.5, 0.5, 0, 0, 0, 0, 0]) },
    { strings: 'ab', layout: layout([0, 2, 0, 0, 0, 0, 0]) }, // an empty id
    { strings: 'ab', layout: layout([1, 1, 0, 0, 0, 0, 0], [0.5, 0, 0, 0]) },
    { strings: 'ab', layout: layout([1, 1, 0, 0, 0, 0, 0], [0, 1, 91, 0]) },
    { strings: 'ab', layout: new Float64Array([1, 1, 0]) }, // not whole petitions
  ]) {
    assert.throws(() => d.classifyPacked(packed, 1), (e) => e.code === 'invalid_argument');
  }
  const ok = d.classifyPacked({ strings: 'ab', layout: layout([1, 1, 0, 0, 0, 0, 0]) }, 1);
  assert.equal(ok[0][ok[1][0]], 'a');
});
