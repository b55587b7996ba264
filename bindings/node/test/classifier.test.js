'use strict';
// Classification against the shared fixtures: the assertions of tests/classifier_test.cpp.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine } = require('..');
const { rulesetPath, cases } = require('./fixtures');

for (const name of ['basic', 'priority', 'collect']) {
  test(`${name}: every case matches its expectation`, async (t) => {
    const engine = Engine.load(rulesetPath(name));
    const all = cases(name);
    assert.ok(all.length >= 4);
    for (const c of all) {
      await t.test(c.name, () => {
        // The fixture petitions are in the CLI's JSON Lines shape, which classify() accepts.
        const p = c.petition;
        const r = engine.classify(p);
        const e = c.expect;
        assert.equal(r.id, String(p.id));
        assert.equal(r.decidedBy, e.decided_by);
        assert.equal(r.category, e.category); // null for triage
        assert.deepEqual(r.rules, e.rules);
        if ('urgency' in e) assert.equal(r.urgency, e.urgency);
        if ('tags' in e) assert.deepEqual(r.tags, e.tags);
        if ('confidence' in e) assert.ok(Math.abs(r.confidence - e.confidence) <= 1e-6);
        if ('spans' in e) {
          assert.equal(r.spans.length, e.spans.length);
          r.spans.forEach((s, i) => {
            assert.equal(s.field, e.spans[i].field);
            assert.equal(s.text, e.spans[i].text);
            const src = s.field === 'title' ? p.title : p.text;
            assert.equal(Buffer.from(src).subarray(s.begin, s.end).toString(), s.text);
            assert.equal(src.slice(s.charBegin, s.charEnd), s.text);
          });
        }
        if (r.decidedBy === 'triage') {
          assert.equal(r.confidence, 0);
          assert.deepEqual(r.spans, []);
        }
        // classify() decides nothing about location or assignment.
        assert.equal('lead' in r, false);
      });
    }
  });
}

test('a classification is a plain object with the documented fields', () => {
  const engine = Engine.load(rulesetPath('basic'));
  const r = engine.classify({ id: 'x', text: '工地夜間施工，噪音太大' });
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.deepEqual(Object.keys(r), [
    'id', 'decidedBy', 'category', 'categoryName', 'categoryPath', 'urgency', 'confidence',
    'rules', 'tags', 'spans', 'flags',
  ]);
  assert.deepEqual(Object.keys(r.spans[0]), [
    'field', 'begin', 'end', 'text', 'keyword', 'regex', 'rule', 'charBegin', 'charEnd',
  ]);
  assert.equal(r.categoryPath.at(-1), r.category);
  assert.equal(typeof r.categoryName, 'string');
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test('camelCase receivedAt accepts milliseconds, ISO-8601 with an offset and Date', () => {
  const engine = Engine.load(rulesetPath('basic'));
  const base = { id: 't', text: '路灯坏了' };
  const ms = Date.parse('2026-03-02T09:30:00+08:00');
  const want = engine.classify({ ...base, receivedAt: ms });
  assert.deepEqual(engine.classify({ ...base, receivedAt: '2026-03-02T09:30:00+08:00' }), want);
  assert.deepEqual(engine.classify({ ...base, receivedAt: new Date(ms) }), want);
  assert.deepEqual(engine.classify({ ...base, received_at: ms }), want);
});
