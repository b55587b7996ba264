'use strict';
// Tracker: the JS face of minhu::api::case_tracker — case lifecycle, SLA clocks, events and
// 一量三率 over an Engine's ruleset, optionally journaled to SQLite (a restarted process
// recovers every case, timer and colour by opening the same file again).
//
//   const tracker = new Tracker(engine, { journal: 'cases.db' });   // or in memory: (engine)
//   const d = tracker.submit({ id: 'p1', text: '楼下噪音', area: 'comm-a' }, Date.now());
//   tracker.acknowledge('p1', Date.now());        // → [{seq, at, kind: 'acknowledged', ...}]
//   tracker.advance(Date.now());                  // colour changes, breaches, 督办
//   tracker.measure({ scopeUnit: 'street-a' });   // {volume, completionRate, ...}
//
// Plain objects in and out (types: index.d.ts); every call is one synchronous crossing.
// Commands return the events they caused, the command first; a refused one throws MinhuError
// (unknown_case, invalid_state, invalid_argument) and changes nothing.
const native = require('./native');
const { MinhuError, rethrow } = require('./errors');
const { prepare, isoToMillis } = require('./petition');
const { unpackOne } = require('./decision');
const { dispatcherOf, requireString } = require('./engine');

// Epoch milliseconds of a time argument: ms, a Date, or an ISO-8601 string with an offset.
function millis(t, name) {
  if (typeof t === 'number') {
    if (Number.isSafeInteger(t)) return t;
    throw new MinhuError(
      `${name}: expected integral epoch milliseconds, found ${t}`,
      'invalid_argument',
    );
  }
  if (t instanceof Date) {
    const ms = t.getTime();
    if (Number.isNaN(ms)) throw new MinhuError(`${name}: invalid Date`, 'invalid_argument');
    return ms;
  }
  if (typeof t === 'string') {
    try {
      return isoToMillis(t, `/${name}`);
    } catch (e) {
      if (e instanceof MinhuError) throw new MinhuError(e.message, 'invalid_argument');
      throw e;
    }
  }
  throw new MinhuError(
    `${name}: expected epoch milliseconds, an ISO-8601 string with an offset or a Date, ` +
      `found ${t === null ? 'null' : typeof t}`,
    'invalid_argument',
  );
}

// A filter with its from/to in epoch milliseconds; the addon checks the rest (and refuses
// unknown properties, so that a misspelt key never selects every case).
function filterOf(f) {
  if (f === undefined || f === null || typeof f !== 'object' || Array.isArray(f)) return f;
  let out = f;
  for (const key of ['from', 'to']) {
    const t = f[key];
    if (t === undefined || t === null || typeof t === 'number') continue;
    if (out === f) out = { ...f };
    out[key] = millis(t, `filter/${key}`);
  }
  return out;
}

function requireStars(stars) {
  // The core says whether 1-5; here only that it is an integer that crosses unchanged.
  if (!Number.isInteger(stars) || Math.abs(stars) > 0x7fffffff) {
    throw new MinhuError(`stars: expected an integer 1-5, found ${stars}`, 'invalid_argument');
  }
}

const DURABILITY = ['full', 'normal'];

class Tracker {
  #t;
  #engine;
  #journal;

  /**
   * Cases opened from `engine`'s decisions. options.journal: a SQLite file (created if missing,
   * recovered if present; a corrupt one throws code io), absent for an in-memory tracker;
   * options.durability: 'full' (survives power loss, the default) or 'normal' (survives a crash
   * of the process; faster).
   */
  constructor(engine, options = {}) {
    const d = dispatcherOf(engine);
    if (!d) {
      throw new MinhuError(
        'engine: expected a minhu Engine (Engine.load(path))',
        'invalid_argument',
      );
    }
    const opts = options === undefined || options === null ? {} : options;
    if (typeof opts !== 'object' || Array.isArray(opts)) {
      throw new MinhuError(`options: expected an object, found ${typeof opts}`, 'invalid_argument');
    }
    const journal = opts.journal === undefined || opts.journal === null ? null : opts.journal;
    if (journal !== null) {
      requireString(journal, 'journal');
      if (journal === '') {
        throw new MinhuError(
          'journal: expected a file path (leave it out for an in-memory tracker)',
          'invalid_argument',
        );
      }
    }
    const durability = opts.durability === undefined ? 'full' : opts.durability;
    if (!DURABILITY.includes(durability)) {
      throw new MinhuError(
        `durability: expected "full" or "normal", found ${JSON.stringify(durability)}`,
        'invalid_argument',
      );
    }
    try {
      this.#t = new native.CaseTracker(d, journal || '', durability);
    } catch (e) {
      rethrow(e);
    }
    this.#engine = engine;
    this.#journal = journal;
  }

  #native() {
    if (!this.#t) throw new MinhuError('the tracker was disposed', 'not_loaded');
    return this.#t;
  }

  // Every command: check the case id and time, cross once, map the error.
  #command(name, caseId, now, ...rest) {
    const t = this.#native();
    requireString(caseId, 'caseId');
    const ms = millis(now, 'now');
    try {
      return t[name](caseId, ...rest, ms);
    } catch (e) {
      rethrow(e);
    }
  }

  /** The Engine whose ruleset and loads the tracker uses. */
  get engine() {
    return this.#engine;
  }

  /** The journal file, or null in memory. */
  get journal() {
    return this.#journal;
  }

  /** Opens case `caseId` from a dispatch() decision: assigned to its lead, clocks started. */
  open(caseId, decision, now) {
    const t = this.#native();
    requireString(caseId, 'caseId');
    const ms = millis(now, 'now');
    try {
      return t.open(caseId, decision, ms);
    } catch (e) {
      rethrow(e);
    }
  }

  /** Dispatches `petition` and opens case petition.id from the decision, which it returns. */
  submit(petition, now) {
    const t = this.#native();
    const ms = millis(now, 'now');
    const p = prepare(petition);
    try {
      return unpackOne(p, t.submit(p, ms));
    } catch (e) {
      rethrow(e);
    }
  }

  /** 签收. */
  acknowledge(caseId, now) {
    return this.#command('acknowledge', caseId, now);
  }

  /** First response: work in progress. */
  start(caseId, now) {
    return this.#command('start', caseId, now);
  }

  /** 办结: the unit replied with a result. */
  reply(caseId, now) {
    return this.#command('reply', caseId, now);
  }

  /** 1-5 stars; 1-2 reopen the case for redo (重办) with a new resolve deadline. */
  rate(caseId, stars, now) {
    requireStars(stars);
    return this.#command('rate', caseId, now, stars);
  }

  close(caseId, now) {
    return this.#command('close', caseId, now);
  }

  /** 退回 by the lead `unit`: re-routed without every unit that returned it. */
  returnCase(caseId, unit, now) {
    requireString(unit, 'unit');
    return this.#command('returnCase', caseId, now, unit);
  }

  /** The command centre moves the case to `unit`. */
  reassign(caseId, unit, now) {
    requireString(unit, 'unit');
    return this.#command('reassign', caseId, now, unit);
  }

  /** 督办 by hand: supervision by the lead's parent, or by `unit` when given. */
  escalate(caseId, now, unit) {
    const t = this.#native();
    requireString(caseId, 'caseId');
    const ms = millis(now, 'now');
    if (unit !== undefined && unit !== null) requireString(unit, 'unit');
    try {
      return t.escalate(caseId, ms, unit || '');
    } catch (e) {
      rethrow(e);
    }
  }

  supervise(caseId, now) {
    return this.#command('supervise', caseId, now);
  }

  /** 挂起: waiting on the resident; the clock stops until resume(). */
  pause(caseId, now) {
    return this.#command('pause', caseId, now);
  }

  resume(caseId, now) {
    return this.#command('resume', caseId, now);
  }

  /** 并单: `duplicate` follows `primary` from now on. */
  merge(duplicate, primary, now) {
    const t = this.#native();
    requireString(duplicate, 'duplicate');
    requireString(primary, 'primary');
    const ms = millis(now, 'now');
    try {
      return t.merge(duplicate, primary, ms);
    } catch (e) {
      rethrow(e);
    }
  }

  /** Moves the clocks to `now`: colour changes, breaches and escalation steps, in time order. */
  advance(now) {
    const t = this.#native();
    const ms = millis(now, 'now');
    try {
      return t.advance(ms);
    } catch (e) {
      rethrow(e);
    }
  }

  has(caseId) {
    const t = this.#native();
    requireString(caseId, 'caseId');
    return t.contains(caseId);
  }

  /** The case; throws MinhuError code unknown_case when there is none. */
  get(caseId) {
    const t = this.#native();
    requireString(caseId, 'caseId');
    try {
      return t.get(caseId);
    } catch (e) {
      rethrow(e);
    }
  }

  /** The cases a filter selects ({scopeUnit, unit, street, category, from, to}), in order. */
  cases(filter) {
    const t = this.#native();
    const f = filterOf(filter);
    try {
      return f === undefined ? t.cases() : t.cases(f);
    } catch (e) {
      rethrow(e);
    }
  }

  /** 一量三率 (and response rate, live colours) of the cases a filter selects. */
  measure(filter) {
    const t = this.#native();
    const f = filterOf(filter);
    try {
      return f === undefined ? t.measure() : t.measure(f);
    } catch (e) {
      rethrow(e);
    }
  }

  /** Cases, open or not. */
  get size() {
    return this.#native().size();
  }

  /** The time of the last advance() (epoch ms). */
  get now() {
    return this.#native().now();
  }

  /** Pending SLA timers. */
  get timers() {
    return this.#native().timers();
  }

  /** The last event's seq (events are numbered 1, 2, 3, ... without gaps). */
  get lastSeq() {
    return this.#native().lastSeq();
  }

  /** True once dispose() was called. */
  get disposed() {
    return !this.#t;
  }

  /**
   * Releases the tracker now (closing its journal) instead of at garbage collection; reopen
   * the journal with a new Tracker. Any later call throws MinhuError code not_loaded.
   */
  dispose() {
    if (!this.#t) return;
    const t = this.#t;
    this.#t = null;
    t.dispose();
  }
}

if (typeof Symbol.dispose === 'symbol') {
  Tracker.prototype[Symbol.dispose] = Tracker.prototype.dispose;
}

module.exports = { Tracker };
