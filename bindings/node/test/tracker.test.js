'use strict';
// The case tracker (minhu::api::case_tracker): the shared scenario rulesets/fixtures/
// sla.scenario.json replayed exactly as replay() in tests/api_test.cpp does, journal recovery,
// a corrupt journal, error mapping and UTF-8.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Engine, Tracker, MinhuError, parsePetition } = require('..');
const { fixtures, rulesetPath } = require('./fixtures');

const scenario = JSON.parse(fs.readFileSync(path.join(fixtures, 'sla.scenario.json'), 'utf8'));
const T0 = 1772413200000; // 2026-03-02 09:00 +08:00, a working Monday

// The error `fn` throws (assert.throws checks but does not return it).
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

// The scenario names the facade's fields (snake_case); the binding's are camelCase.
const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

// A scenario filter as the binding takes it.
function filterOf(f) {
  const out = {};
  for (const [k, v] of Object.entries(f)) out[camel(k)] = v;
  return out;
}

// Every field of `expect` equals the same field of `actual` (numbers to 1e-9). The binding's
// null is the facade's "none" ("" for strings, 0 for times).
function expectFields(expect, actual, where) {
  for (const [k, v] of Object.entries(expect)) {
    const key = camel(k);
    assert.ok(key in actual, `${where}: no field ${key}`);
    const a = actual[key];
    if (a === null) {
      assert.ok(v === '' || v === 0 || v === null, `${where}: ${key} is null, expected ${v}`);
    } else if (typeof v === 'number' && !Number.isInteger(v)) {
      assert.ok(Math.abs(a - v) <= 1e-9, `${where}: ${key} = ${a}, expected ${v}`);
    } else {
      assert.deepEqual(a, v, `${where}: ${key}`);
    }
  }
}

// Replays the shared scenario against an engine and a tracker, like replay() in api_test.cpp.
function replay(engine, tracker) {
  scenario.steps.forEach((s, n) => {
    const where = `step ${n} (${s.op})`;
    const at = s.at || 0;
    const id = s.case || '';
    let events;
    try {
      switch (s.op) {
        case 'dispatch_open': {
          const d = engine.dispatch(parsePetition(JSON.stringify(s.petition)));
          if (s.expect) expectFields(s.expect, d, where);
          events = tracker.open(d.id, d, at);
          break;
        }
        case 'acknowledge':
          events = tracker.acknowledge(id, at);
          break;
        case 'start':
          events = tracker.start(id, at);
          break;
        case 'reply':
          events = tracker.reply(id, at);
          break;
        case 'rate':
          events = tracker.rate(id, s.stars, at);
          break;
        case 'close':
          events = tracker.close(id, at);
          break;
        case 'return_case':
          events = tracker.returnCase(id, s.unit, at);
          break;
        case 'reassign':
          events = tracker.reassign(id, s.unit, at);
          break;
        case 'escalate':
          events = tracker.escalate(id, at, s.unit);
          break;
        case 'supervise':
          events = tracker.supervise(id, at);
          break;
        case 'pause':
          events = tracker.pause(id, at);
          break;
        case 'resume':
          events = tracker.resume(id, at);
          break;
        case 'merge':
          events = tracker.merge(id, s.primary, at);
          break;
        case 'advance':
          events = tracker.advance(at);
          break;
        case 'get':
          expectFields(s.expect, tracker.get(id), where);
          break;
        case 'load':
          assert.equal(engine.loadOf(s.unit), s.expect, where);
          break;
        case 'measure':
          expectFields(s.expect, tracker.measure(filterOf(s.filter)), where);
          break;
        case 'cases':
          assert.deepEqual(
            tracker.cases(filterOf(s.filter)).map((c) => c.id),
            s.expect,
            where,
          );
          break;
        default:
          assert.fail(`${where}: unknown op`);
      }
    } catch (e) {
      if (!(e instanceof MinhuError)) throw e;
      assert.ok('error' in s, `${where}: unexpected ${e.code}: ${e.message}`);
      assert.equal(e.code, s.error, `${where}: ${e.message}`);
      return;
    }
    assert.ok(!('error' in s), `${where}: expected ${s.error}`);
    if ('events' in s) {
      assert.deepEqual(
        events.map((e) => e.kind),
        s.events,
        where,
      );
    }
  });
}

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-node-tracker-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the shared scenario (rulesets/fixtures/sla.scenario.json)', () => {
  const engine = Engine.load(path.join(fixtures, scenario.ruleset));
  const tracker = new Tracker(engine);
  replay(engine, tracker);
  assert.equal(tracker.size, 3);
  assert.ok(tracker.lastSeq > 20);
  assert.equal(tracker.now, scenario.steps.filter((s) => s.op === 'advance').at(-1).at);
  // Events are numbered without gaps and carry the facade's fields.
  const e = tracker.acknowledge('c2', tracker.now + 1000);
  assert.equal(e[0].seq, tracker.lastSeq - e.length + 1);
  assert.equal(e[0].caseId, 'c2');
});

test('a journaled tracker recovers every case when reopened on the same file', (t) => {
  const file = path.join(tempDir(t), 'cases.db');
  let before;
  let seq;
  let timers;
  {
    const engine = Engine.load(rulesetPath('sla'));
    const tracker = new Tracker(engine, { journal: file, durability: 'normal' });
    assert.equal(tracker.journal, file);
    replay(engine, tracker);
    before = tracker.cases();
    seq = tracker.lastSeq;
    timers = tracker.timers;
    tracker.dispose(); // closes the journal now, not at garbage collection
    assert.ok(tracker.disposed);
    assert.throws(() => tracker.size, { code: 'not_loaded' });
  }
  const engine = Engine.load(rulesetPath('sla'));
  const again = new Tracker(engine, { journal: file });
  assert.deepEqual(again.cases(), before);
  assert.equal(before.length, 3);
  assert.equal(again.lastSeq, seq);
  assert.equal(again.timers, timers);
  assert.equal(engine.loadOf('street-b'), 1); // c2's lead: open-case loads are rebuilt
  // It goes on journaling where it stopped.
  const es = again.acknowledge('c2', (scenario.steps.at(-1).at || 0) + 1e9);
  assert.ok(es.length > 0);
  assert.equal(es[0].kind, 'acknowledged');
  assert.equal(es[0].seq, seq + 1);
  again.dispose();
});

test('a corrupt journal is refused (io); an unknown durability too (invalid_argument)', (t) => {
  const file = path.join(tempDir(t), 'corrupt.db');
  const junk = Buffer.concat([Buffer.from('SQLite format 3'), Buffer.alloc(4000, 0x5a)]);
  fs.writeFileSync(file, junk);
  const engine = Engine.load(rulesetPath('sla'));
  const err = thrown(() => new Tracker(engine, { journal: file }));
  assert.ok(err instanceof MinhuError);
  assert.equal(err.code, 'io', err.message);
  assert.equal(err.pointer, null);
  const bad = thrown(() => new Tracker(engine, { durability: 'sometimes' }));
  assert.equal(bad.code, 'invalid_argument');
  assert.match(bad.message, /sometimes/);
  assert.throws(() => new Tracker(engine, { journal: '' }), { code: 'invalid_argument' });
  assert.throws(() => new Tracker({}), { code: 'invalid_argument' });
  assert.throws(() => new Tracker(engine, 'cases.db'), { code: 'invalid_argument' });
});

test('errors: unknown case, invalid state, bad stars, unknown unit, bad times and filters', () => {
  const engine = Engine.load(rulesetPath('sla'));
  const tracker = new Tracker(engine);
  tracker.submit({ id: 'a', text: '噪音扰民', area: 'comm-a' }, T0);
  const seq = tracker.lastSeq;
  const cases = [
    [() => tracker.acknowledge('nope', T0), 'unknown_case'],
    [() => tracker.get('nope'), 'unknown_case'],
    [() => tracker.merge('a', 'nope', T0), 'unknown_case'],
    [() => tracker.close('a', T0 + 1), 'invalid_state'],
    [() => tracker.rate('a', 4, T0 + 1), 'invalid_state'],
    [() => tracker.submit({ id: 'a', text: '噪音', area: 'comm-a' }, T0 + 1), 'invalid_state'],
    [() => tracker.rate('a', 9, T0 + 1), 'invalid_argument'],
    [() => tracker.rate('a', 0, T0 + 1), 'invalid_argument'],
    [() => tracker.rate('a', 2.5, T0 + 1), 'invalid_argument'],
    [() => tracker.rate('a', 2 ** 32 + 4, T0 + 1), 'invalid_argument'],
    [() => tracker.rate('a', '4', T0 + 1), 'invalid_argument'],
    [() => tracker.reassign('a', 'nobody', T0 + 1), 'invalid_argument'],
    [() => tracker.returnCase('a', 'nobody', T0 + 1), 'invalid_argument'],
    [() => tracker.escalate('a', T0 + 1, 'nobody'), 'invalid_argument'],
    [() => tracker.acknowledge('a', 'yesterday'), 'invalid_argument'],
    [() => tracker.acknowledge('a', '2026-03-02T09:30:00'), 'invalid_argument'],
    [() => tracker.acknowledge('a', new Date(NaN)), 'invalid_argument'],
    [() => tracker.acknowledge('a', 1.5), 'invalid_argument'],
    [() => tracker.acknowledge('a'), 'invalid_argument'],
    [() => tracker.acknowledge(7, T0 + 1), 'invalid_argument'],
    [() => tracker.open('b', engine.classify({ id: 'b', text: '噪音' }), T0), 'invalid_argument'],
    [() => tracker.open('b', 'comm-a-office', T0), 'invalid_argument'],
    [() => tracker.open('b', { lead: 'comm-a-office', assisting: [1] }, T0), 'invalid_argument'],
    [() => tracker.open('b', { lead: 'comm-a-office', urgency: 'soon' }, T0), 'invalid_argument'],
    [() => tracker.open('', engine.dispatch({ id: 'b', text: '噪音' }), T0), 'invalid_argument'],
    [() => tracker.submit({ id: 'c' }, T0), 'petition_invalid'],
    [() => tracker.measure({ scope_unit: 'street-a' }), 'invalid_argument'],
    [() => tracker.cases({ from: 'soon' }), 'invalid_argument'],
    [() => tracker.cases({ unit: 5 }), 'invalid_argument'],
    [() => tracker.cases([]), 'invalid_argument'],
  ];
  for (const [fn, code] of cases) {
    const err = thrown(fn);
    assert.ok(err instanceof MinhuError, `${fn}: ${err}`);
    assert.equal(err.code, code, `${fn}: ${err.message}`);
  }
  // A JSON pointer where the bad value is inside an object argument.
  assert.equal(thrown(() => tracker.measure({ scope_unit: 'x' })).pointer, '/scope_unit');
  assert.equal(thrown(() => tracker.cases({ to: 1.5 })).pointer, '/to');
  assert.equal(
    thrown(() => tracker.open('b', { lead: 'x', assisting: [{ name: 'n' }] }, T0)).pointer,
    '/assisting/0/id',
  );
  // Nothing refused changed anything.
  assert.equal(tracker.lastSeq, seq);
  assert.equal(tracker.size, 1);
  assert.equal(tracker.has('b'), false);
  assert.equal(tracker.get('a').state, 'assigned');
  assert.equal(engine.loadOf('comm-a-office'), 1);
});

test('every command crosses: pause, resume, supervise, reassign, escalate, return', () => {
  const engine = Engine.load(rulesetPath('sla'));
  const tracker = new Tracker(engine);
  const d = engine.dispatch({ id: 'x', text: '噪音', area: 'comm-a' });
  assert.deepEqual(
    tracker.open('x', d, T0).map((e) => e.kind),
    ['opened'],
  );
  const kinds = (es) => es.map((e) => e.kind);
  assert.deepEqual(kinds(tracker.acknowledge('x', T0 + 60000)), ['acknowledged']);
  assert.deepEqual(kinds(tracker.pause('x', T0 + 120000)), ['paused']);
  assert.equal(tracker.get('x').paused, true);
  assert.deepEqual(kinds(tracker.resume('x', T0 + 180000)), ['resumed']);
  assert.deepEqual(kinds(tracker.supervise('x', T0 + 240000)), ['supervised']);
  assert.equal(tracker.get('x').supervised, true);
  const moved = tracker.reassign('x', 'dept-env', T0 + 300000);
  assert.equal(moved[0].kind, 'reassigned');
  assert.equal(tracker.get('x').lead, 'dept-env');
  assert.equal(engine.loadOf('dept-env'), 1);
  assert.equal(engine.loadOf('comm-a-office'), 0);
  const esc = tracker.escalate('x', T0 + 360000, 'ccc');
  assert.equal(esc[0].kind, 'escalated');
  assert.equal(tracker.get('x').supervisor, 'ccc');
  const ret = tracker.returnCase('x', 'dept-env', T0 + 420000);
  assert.equal(ret[0].kind, 'returned');
  assert.deepEqual(tracker.get('x').returnedBy, ['dept-env']);
  assert.equal(tracker.get('x').state, 'assigned'); // to the next lead, to acknowledge again
  // Dates and ISO-8601 strings with an offset are accepted wherever a time is.
  assert.deepEqual(kinds(tracker.acknowledge('x', new Date(T0 + 450000))), ['acknowledged']);
  assert.deepEqual(kinds(tracker.start('x', new Date(T0 + 480000))), ['started']);
  assert.equal(tracker.get('x').startedAt, T0 + 480000);
  tracker.reply('x', '2026-03-02T09:10:00+08:00');
  assert.equal(tracker.get('x').repliedAt, T0 + 600000);
  assert.equal(tracker.cases({ from: new Date(T0), to: new Date(T0 + 1) }).length, 1);
  assert.equal(tracker.cases({ from: new Date(T0 + 1), to: new Date(T0 + 2) }).length, 0);
  assert.equal(tracker.measure({ unit: tracker.get('x').lead }).resolved, 1);
  assert.deepEqual(tracker.cases(null), tracker.cases({}));
});

test('submit dispatches and opens; the decision gains a case', () => {
  const engine = Engine.load(rulesetPath('sla'));
  const tracker = new Tracker(engine);
  const d = tracker.submit({ id: 's1', text: '噪音扰民', area: 'comm-a' }, T0);
  assert.equal(d.lead, 'comm-a-office');
  assert.equal(d.spans[0].charBegin, 0); // the same decision object as Engine.dispatch
  const c = tracker.get('s1');
  assert.equal(c.state, 'assigned');
  assert.equal(c.receivedAt, T0);
  assert.equal(c.acknowledgedAt, null);
  assert.equal(c.mergedInto, null);
  assert.ok(c.resolveDue > T0);
  assert.equal(tracker.has('s1'), true);
  assert.equal(engine.loadOf('comm-a-office'), 1);
});

test('strings are real UTF-8 both ways (non-BMP ids survive)', () => {
  const engine = Engine.load(rulesetPath('sla'));
  const tracker = new Tracker(engine);
  const id = '诉求-𠮷野家-😀';
  const opened = tracker.open(id, engine.dispatch({ id, text: '楼下噪音', area: 'comm-a' }), T0);
  assert.equal(opened[0].caseId, id);
  assert.equal(tracker.has(id), true);
  assert.equal(tracker.get(id).id, id);
  assert.equal(tracker.get(id).leadName, '幸福里居委会');
  assert.deepEqual(
    tracker.cases().map((c) => c.id),
    [id],
  );
  tracker.submit({ id: '𝒜', text: '噪音', area: 'comm-a' }, T0);
  assert.deepEqual(tracker.merge('𝒜', id, T0 + 1)[0].detail, id);
  assert.deepEqual(tracker.get(id).duplicates, ['𝒜']);
});

test('a disposed tracker refuses every call', () => {
  const engine = Engine.load(rulesetPath('sla'));
  const tracker = new Tracker(engine);
  tracker.dispose();
  tracker.dispose(); // twice is fine
  for (const fn of [
    () => tracker.acknowledge('a', T0),
    () => tracker.advance(T0),
    () => tracker.measure(),
    () => tracker.lastSeq,
  ]) {
    assert.throws(fn, { name: 'MinhuError', code: 'not_loaded' });
  }
  if (typeof Symbol.dispose === 'symbol') {
    const t2 = new Tracker(engine);
    t2[Symbol.dispose]();
    assert.equal(t2.disposed, true);
  }
});
