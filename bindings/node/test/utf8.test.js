'use strict';
// Strings cross as real UTF-8 both ways, non-BMP characters (UTF-16 surrogate pairs) included.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Engine, normalize } = require('..');
const { rulesetPath } = require('./fixtures');

const ruleset = {
  format_version: 1,
  id: 'utf8',
  version: '1',
  name: '𠮷 — a non-BMP name',
  taxonomy: [{ id: 'shop', name: '𠮷野家投诉' }],
  rules: [{ id: 'r.shop', category: 'shop', when: { text: { any: ['𠮷野家'] } }, tags: ['𠮷'] }],
};

test('non-BMP text round-trips: keyword, span text, names, ids, offsets', () => {
  const engine = Engine.fromJson(ruleset);
  assert.equal(engine.info().name, '𠮷 — a non-BMP name');
  const text = '😀楼下𠮷野家的油烟太大😀';
  const r = engine.classify({ id: 'id-𠮷', title: '𠮷', text });
  assert.equal(r.id, 'id-𠮷');
  assert.equal(r.category, 'shop');
  assert.equal(r.categoryName, '𠮷野家投诉');
  assert.deepEqual(r.rules, ['r.shop']);
  assert.deepEqual(r.tags, ['𠮷']);
  assert.equal(r.spans.length, 1);
  const s = r.spans[0];
  assert.equal(s.text, '𠮷野家');
  assert.equal(s.keyword, '𠮷野家');
  assert.equal(s.rule, 'r.shop');
  // begin/end are UTF-8 byte offsets; charBegin/charEnd are JS string indices.
  assert.equal(s.begin, 4 + 6);
  assert.equal(s.end, s.begin + Buffer.byteLength('𠮷野家'));
  assert.equal(Buffer.from(text).subarray(s.begin, s.end).toString(), '𠮷野家');
  assert.equal(s.charBegin, 2 + 2);
  assert.equal(text.slice(s.charBegin, s.charEnd), '𠮷野家');
  assert.deepEqual(r.flags, []);
});

test('non-BMP attributes, areas and explanations survive', () => {
  const engine = Engine.load(rulesetPath('routing'));
  const d = engine.dispatch({ id: '𠮷', text: '锦绣家园3栋电梯坏了一周𠮷', attributes: { '名𠮷': '值𠮷' } });
  assert.equal(d.id, '𠮷');
  assert.equal(d.areaName, '锦绣家园');
  assert.ok(d.explanation.join('\n').includes('锦绣家园'));
  assert.equal(normalize('𠮷ＡＢＣ'), '𠮷abc');
});

test('a lone surrogate crosses as U+FFFD and the offsets stay consistent', () => {
  const engine = Engine.fromJson(ruleset);
  const text = '\ud842楼下𠮷野家';
  const r = engine.classify({ id: 'x', text });
  assert.equal(r.category, 'shop');
  assert.equal(text.slice(r.spans[0].charBegin, r.spans[0].charEnd), '𠮷野家');
});

test('batches cross packed with the same UTF-8 as single calls, lone surrogates included', () => {
  const engine = Engine.fromJson(ruleset);
  const ps = [
    { id: 'id-𠮷', title: '𠮷', text: '😀楼下𠮷野家的油烟太大😀' },
    // A high surrogate ending one field and a low one starting the next stay two lone ones.
    { id: 'a\ud842', title: 'x\ud842', text: '\udfb7𠮷野家\udc00', channel: '\ud842' },
    { id: 'b', text: '\udc00\ud842楼下𠮷野家', area: '', grid: 'g-\ud842', category: 'shop' },
    { id: 'c', text: 'ａｂｃ𠮷野家', address: '𠮷野家对面', receivedAt: 1767225600000, lat: 39.9, lon: 116.4 },
  ];
  const many = engine.classifyMany(ps);
  assert.deepEqual(many, ps.map((p) => engine.classify(p)));
  assert.equal(many[1].id, 'a\ufffd');
  for (const d of many) assert.equal(d.category, 'shop');
  for (let i = 0; i < ps.length; ++i) {
    const s = many[i].spans[0];
    assert.equal(ps[i].text.slice(s.charBegin, s.charEnd), '𠮷野家');
  }
});
