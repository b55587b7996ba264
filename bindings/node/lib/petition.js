'use strict';
// Petitions are plain objects in the shape of the CLI's JSON Lines (see index.d.ts); the addon
// converts them in one crossing. What the addon takes only as epoch milliseconds is prepared
// here: a Date, or an ISO-8601 string with an offset parsed by the core's own JSON Lines reader
// (so "2026-03-02T09:30" without an offset is refused exactly as `minhu classify` refuses it).
const native = require('./native');
const { MinhuError, invalid } = require('./errors');

function isoToMillis(s, pointer) {
  try {
    const p = native.Dispatcher.parsePetition(JSON.stringify({ id: '-', text: '', received_at: s }));
    return p.receivedAt;
  } catch (e) {
    if (!Array.isArray(e.problems)) throw e;
    throw invalid('petition_invalid', pointer, e.message.replace(/^received_at: /, ''));
  }
}

// Returns `p`, or a shallow copy with receivedAt in epoch milliseconds.
function prepare(p, at = '') {
  if (p === null || typeof p !== 'object') return p; // the addon reports the wrong type
  for (const key of ['receivedAt', 'received_at']) {
    const t = p[key];
    if (t === undefined || t === null) continue;
    if (t instanceof Date) {
      const ms = t.getTime();
      if (Number.isNaN(ms)) throw invalid('petition_invalid', `${at}/${key}`, 'invalid Date');
      return { ...p, [key]: ms };
    }
    if (typeof t === 'string') return { ...p, [key]: isoToMillis(t, `${at}/${key}`) };
    return p;
  }
  return p;
}

function prepareAll(ps) {
  if (!Array.isArray(ps)) {
    throw new MinhuError(`expected an array of petitions, found ${typeof ps}`, 'invalid_argument');
  }
  let out = ps;
  for (let i = 0; i < ps.length; ++i) {
    const q = prepare(ps[i], `/${i}`);
    if (q !== ps[i]) {
      if (out === ps) out = ps.slice();
      out[i] = q;
    }
  }
  return out;
}

module.exports = { prepare, prepareAll, isoToMillis };
