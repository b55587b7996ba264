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

const FIELDS = 11; // per petition in `layout`; see unpack_petitions in convert.hpp
const MAX_PACKED_UNITS = 1 << 28; // below V8's longest string

const absent = (v) => v === undefined || v === null;
const stringOrAbsent = (v) => absent(v) || typeof v === 'string';

/**
 * Petitions (already prepared) packed for the addon's batch calls — one string and one
 * Float64Array instead of an object per petition, whose properties the addon would read one
 * V8 call at a time — or null when one of them is not plain: strings where the addon wants
 * strings, integral epoch milliseconds, a whole point or none, no attributes. Anything else
 * crosses as an object and is checked (and refused with its pointer) by the addon. Each
 * property is read once.
 */
function packPetitions(ps) {
  const parts = new Array(ps.length * 7);
  const layout = new Float64Array(ps.length * FIELDS);
  let units = 0;
  const put = (k, f, v) => {
    const s = absent(v) ? '' : v;
    parts[k] = s;
    layout[f] = s.length;
    units += s.length;
  };
  for (let i = 0, k = 0, f = 0; i < ps.length; ++i, k += 7, f += FIELDS) {
    const p = ps[i];
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return null;
    const { id, title, text, channel, area, grid, address, category, attributes, lat, lon } = p;
    let t = p.receivedAt;
    if (absent(t)) t = p.received_at;
    if (typeof id !== 'string' || id === '' || typeof text !== 'string') return null;
    if (!stringOrAbsent(title) || !stringOrAbsent(channel) || !stringOrAbsent(area) ||
        !stringOrAbsent(grid) || !stringOrAbsent(address) || !stringOrAbsent(category) ||
        !absent(attributes) || !(absent(t) || Number.isSafeInteger(t))) {
      return null;
    }
    const point = !absent(lat);
    if (point !== !absent(lon)) return null;
    if (point && !(typeof lat === 'number' && Math.abs(lat) <= 90 &&
                   typeof lon === 'number' && Math.abs(lon) <= 180)) {
      return null;
    }
    // The order of unpack_petitions; an empty area stands for its alias grid.
    put(k, f, id);
    put(k + 1, f + 1, title);
    put(k + 2, f + 2, text);
    put(k + 3, f + 3, channel);
    put(k + 4, f + 4, area || grid);
    put(k + 5, f + 5, address);
    put(k + 6, f + 6, category);
    layout[f + 7] = absent(t) ? 0 : t;
    layout[f + 8] = point ? 1 : 0;
    layout[f + 9] = point ? lat : 0;
    layout[f + 10] = point ? lon : 0;
    if (units > MAX_PACKED_UNITS) return null;
  }
  return { strings: parts.join(''), layout };
}

module.exports = { prepare, prepareAll, packPetitions, isoToMillis };
