'use strict';
// Decisions come from the addon packed and leave here as plain objects (see index.d.ts). Span
// offsets are UTF-8 byte offsets as in the core and every binding; this adds charBegin/charEnd,
// the same range as JS string indices: petition.text.slice(s.charBegin, s.charEnd) === s.text.

// The UTF-16 index in `s` where UTF-8 byte offset `byte` falls, counting on from a known
// (index, byte) pair. Lone surrogates count 3 bytes, as the addon encodes them (U+FFFD).
function advance(s, index, bytes, byte) {
  let i = index;
  let b = bytes;
  while (i < s.length && b < byte) {
    const c = s.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      b += 4;
      i += 1;
    } else b += 3;
    i += 1;
  }
  return i;
}

// The addon returns decisions packed (see decision_packer in convert.hpp): [strings, numbers],
// strings as indices (-1: null), lists as a length followed by their items. `at` is the
// position of one decision in `nums`; the unpacked object and the position after it are left in
// `cursor`.
function unpackDecision(p, strings, nums, at, cursor) {
  let k = at;
  const s = () => strings[nums[k++]];
  const opt = () => {
    const i = nums[k++];
    return i < 0 ? null : strings[i];
  };
  const list = () => {
    const n = nums[k++];
    const out = new Array(n);
    for (let i = 0; i < n; ++i) out[i] = strings[nums[k++]];
    return out;
  };
  const id = s();
  const decidedBy = s();
  const category = opt();
  const categoryName = opt();
  const categoryPath = list();
  const urgency = s();
  const confidence = nums[k++];
  const rules = list();
  const tags = list();
  const spans = new Array(nums[k++]);
  for (let i = 0; i < spans.length; ++i) {
    const field = s();
    const begin = nums[k++];
    const end = nums[k++];
    const text = s();
    const keyword = opt();
    const regex = opt();
    const rule = s();
    const src = (field === 'title' ? p.title : p.text) || '';
    const charBegin = advance(src, 0, 0, begin);
    spans[i] = {
      field, begin, end, text, keyword, regex, rule, charBegin, charEnd: charBegin + text.length,
    };
  }
  const flags = list();
  let d;
  if (nums[k++] === 0) {
    d = {
      id, decidedBy, category, categoryName, categoryPath, urgency, confidence, rules, tags, spans,
      flags,
    };
  } else {
    const area = opt();
    const areaName = opt();
    const locationMethod = s();
    const areaCandidates = list();
    const lead = opt();
    const leadName = opt();
    const tier = opt();
    const assisting = new Array(nums[k++]);
    for (let i = 0; i < assisting.length; ++i) assisting[i] = { id: s(), name: s() };
    const explanation = list();
    d = {
      id, decidedBy, category, categoryName, categoryPath, urgency, confidence, rules, tags, spans,
      flags, area, areaName, locationMethod, areaCandidates, lead, leadName, tier, assisting,
      explanation,
    };
  }
  cursor.decision = d;
  cursor.at = k;
}

/** The one decision of a packed single call, for petition `p`. */
function unpackOne(p, packed) {
  const cursor = { decision: null, at: 0 };
  unpackDecision(p, packed[0], packed[1], 0, cursor);
  return cursor.decision;
}

/** The decisions of a packed batch, for petitions `ps`, in order. */
function unpackAll(ps, packed) {
  const strings = packed[0];
  const nums = packed[1];
  const out = new Array(ps.length);
  const cursor = { decision: null, at: 0 };
  for (let i = 0; i < ps.length; ++i) {
    unpackDecision(ps[i], strings, nums, cursor.at, cursor);
    out[i] = cursor.decision;
  }
  return out;
}

module.exports = { unpackOne, unpackAll };
