'use strict';
// Error mapping: minhu::api::failure → MinhuError (an Error) with .code, .pointer, .problems.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Engine, MinhuError, parsePetition } = require('..');
const { rulesetPath, fixtures } = require('./fixtures');

// The error `fn` throws (assert.throws checks but does not return it).
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

const broken = {
  format_version: 1,
  id: 'x',
  version: '1',
  taxonomy: [{ id: 'a', name: 'A' }],
  rules: [{ id: 'r', category: 'nope', when: { regex: '(' } }],
};

test('a bad ruleset: ruleset_invalid with every problem and its JSON pointer', () => {
  const err = thrown(() => Engine.fromJson(JSON.stringify(broken)));
  assert.ok(err instanceof MinhuError);
  assert.ok(err instanceof Error);
  assert.equal(err.code, 'ruleset_invalid');
  assert.equal(err.pointer, '/rules/0/category');
  assert.deepEqual(
    err.problems.map((p) => p.pointer),
    ['/rules/0/category', '/rules/0/when/regex'],
  );
  assert.match(err.problems[1].message, /RE2 rejects/);
  assert.equal(typeof err.message, 'string');
});

test('a bad regex alone points at /rules/0/when/regex (object rulesets accepted)', () => {
  const rs = { ...broken, rules: [{ id: 'r', category: 'a', when: { regex: '(' } }] };
  assert.throws(() => Engine.fromJson(rs), {
    code: 'ruleset_invalid',
    pointer: '/rules/0/when/regex',
  });
});

test('a missing file: io, no pointer', () => {
  const err = thrown(() => Engine.load(path.join(fixtures, 'does-not-exist.json')));
  assert.equal(err.name, 'MinhuError');
  assert.equal(err.code, 'io');
  assert.equal(err.pointer, null);
  assert.deepEqual(err.problems, []);
  assert.match(err.message, /does-not-exist\.json/);
});

test('bad petitions: petition_invalid naming the field', () => {
  const engine = Engine.load(rulesetPath('basic'));
  const cases = [
    [{ text: 'x' }, '/id'],
    [{ id: '', text: 'x' }, '/id'],
    [{ id: 1.5, text: 'x' }, '/id'],
    [{ id: 'a' }, '/text'],
    [{ id: 'a', text: 7 }, '/text'],
    [{ id: 'a', text: 'x', title: 1 }, '/title'],
    [{ id: 'a', text: 'x', lat: 30 }, '/lon'],
    [{ id: 'a', text: 'x', lat: 91, lon: 0 }, '/lat'],
    [{ id: 'a', text: 'x', receivedAt: 'yesterday' }, '/receivedAt'],
    [{ id: 'a', text: 'x', receivedAt: '2026-03-02T09:30:00' }, '/receivedAt'],
    [{ id: 'a', text: 'x', receivedAt: 1.5 }, '/receivedAt'],
    [{ id: 'a', text: 'x', receivedAt: new Date(NaN) }, '/receivedAt'],
    [{ id: 'a', text: 'x', attributes: [] }, '/attributes'],
    [{ id: 'a', text: 'x', attributes: { age: {} } }, '/attributes/age'],
    ['just text', ''],
    [null, ''],
  ];
  for (const [p, pointer] of cases) {
    const err = thrown(() => engine.classify(p));
    assert.ok(err instanceof MinhuError, JSON.stringify(p));
    assert.equal(err.code, 'petition_invalid', JSON.stringify(p));
    assert.equal(err.pointer, pointer, JSON.stringify(p));
    assert.equal(err.problems.length, 1);
  }
  // Integer ids are kept as text, as the CLI does.
  assert.equal(engine.classify({ id: 42, text: '路灯坏了' }).id, '42');
});

test('a bad petition inside a batch names its index; nothing is decided', () => {
  const engine = Engine.load(rulesetPath('basic'));
  const ps = [{ id: 'a', text: '路灯坏了' }, { id: 'b' }];
  assert.throws(() => engine.classifyMany(ps), { code: 'petition_invalid', pointer: '/1/text' });
  assert.throws(() => engine.dispatchMany([ps[0], { ...ps[0], receivedAt: 'x' }]), {
    pointer: '/1/receivedAt',
  });
  assert.throws(() => engine.dispatchMany('not an array'), { code: 'invalid_argument' });
});

test('bad arguments: invalid_argument', () => {
  const engine = Engine.load(rulesetPath('basic'));
  assert.throws(() => Engine.load(42), { code: 'invalid_argument' });
  assert.throws(() => engine.dispatch({ id: 'a', text: 'x' }, { exclude: [1] }), {
    code: 'invalid_argument',
    pointer: '/0',
  });
  assert.throws(() => engine.classifyMany([], { threads: -1 }), { code: 'invalid_argument' });
  assert.throws(() => new Engine(), TypeError);
});

test('parsePetition is the CLI reader: strict, with pointers', () => {
  const p = parsePetition('{"id": 7, "text": "噪音", "received_at": "2026-03-02T09:30:00+08:00"}');
  assert.equal(p.id, '7');
  assert.equal(p.receivedAt, Date.parse('2026-03-02T09:30:00+08:00'));
  assert.throws(() => parsePetition('{"id": "a", "text": "x", "color": 1}'), {
    code: 'petition_invalid',
    pointer: '/color',
  });
  assert.throws(() => parsePetition('{oops'), { code: 'petition_invalid' });
});

test('a failed reload throws and keeps the current ruleset', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-node-'));
  try {
    const file = path.join(dir, 'rules.json');
    fs.copyFileSync(rulesetPath('basic'), file);
    const engine = Engine.load(file);
    const p = { id: 'a', text: '工地夜間施工，噪音太大' };
    const before = engine.classify(p);
    fs.writeFileSync(file, JSON.stringify(broken));
    assert.throws(() => engine.reload(), { code: 'ruleset_invalid' });
    assert.throws(() => engine.reloadFrom(path.join(dir, 'missing.json')), { code: 'io' });
    assert.equal(engine.info().generation, 1);
    assert.deepEqual(engine.classify(p), before);
    engine.reloadFrom(rulesetPath('priority'));
    assert.equal(engine.info().generation, 2);
    assert.equal(engine.info().id, 'fixture-priority');
    fs.copyFileSync(rulesetPath('basic'), file);
    // reload() re-reads the file the engine was loaded from, not the last reloadFrom path.
    engine.reload();
    assert.equal(engine.info().generation, 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the addon refuses worker threads instead of crashing later', async () => {
  const { Worker } = require('node:worker_threads');
  const w = new Worker(`require(${JSON.stringify(require.resolve('..'))})`, { eval: true });
  const err = await new Promise((resolve) => {
    w.on('error', resolve);
    w.on('exit', () => resolve(null));
  });
  assert.match(String(err && err.message), /main thread/);
  assert.equal(Engine.load(rulesetPath('basic')).info().generation, 1);
});
