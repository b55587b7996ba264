'use strict';
// Decisions come from the addon packed and leave here as plain objects (see index.d.ts). Span
// offsets are UTF-8 byte offsets as in the core and every binding; this adds charBegin/charEnd,
// the same range as JS string indices: petition.text.slice(s.charBegin, s.charEnd) === s.text.

// The addon returns decisions packed (minhu::api::decision_pack, see api.hpp): [strings,
// fields], a string as its index into `strings` (-1: null), a list as its length followed by its
// items. A reader walks the fields once, decision after decision.
class PackReader {
  constructor(packed) {
    this.strings = packed[0];
    this.fields = packed[1];
    this.k = 0;
    this.src = null; // charIndex's string, and where its count stands
    this.index = 0;
    this.bytes = 0;
  }

  num() {
    return this.fields[this.k++];
  }

  str() {
    return this.strings[this.fields[this.k++]];
  }

  opt() {
    const i = this.fields[this.k++];
    return i < 0 ? null : this.strings[i];
  }

  list() {
    const n = this.fields[this.k++];
    const out = new Array(n);
    for (let i = 0; i < n; ++i) out[i] = this.strings[this.fields[this.k++]];
    return out;
  }

  // The UTF-16 index in `s` where UTF-8 byte offset `byte` falls. Spans come in text order:
  // the count goes on from the last offset asked of the same string. Lone surrogates count 3
  // bytes, as the addon encodes them (U+FFFD).
  charIndex(s, byte) {
    if (s !== this.src || byte < this.bytes) {
      this.src = s;
      this.index = 0;
      this.bytes = 0;
    }
    let i = this.index;
    let b = this.bytes;
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
    this.index = i;
    this.bytes = b;
    return i;
  }

  // The next decision, for petition `p` (its title and text give the spans' JS indices).
  decision(p) {
    const id = this.str();
    const decidedBy = this.str();
    const category = this.opt();
    const categoryName = this.opt();
    const categoryPath = this.list();
    const urgency = this.str();
    const confidence = this.num();
    const rules = this.list();
    const tags = this.list();
    const spans = new Array(this.num());
    for (let i = 0; i < spans.length; ++i) {
      const field = this.str();
      const begin = this.num();
      const end = this.num();
      const text = this.str();
      const keyword = this.opt();
      const regex = this.opt();
      const rule = this.str();
      const charBegin = this.charIndex((field === 'title' ? p.title : p.text) || '', begin);
      spans[i] = {
        field, begin, end, text, keyword, regex, rule, charBegin, charEnd: charBegin + text.length,
      };
    }
    const flags = this.list();
    if (this.num() === 0) {
      return {
        id, decidedBy, category, categoryName, categoryPath, urgency, confidence, rules, tags,
        spans, flags,
      };
    }
    const area = this.opt();
    const areaName = this.opt();
    const locationMethod = this.str();
    const areaCandidates = this.list();
    const lead = this.opt();
    const leadName = this.opt();
    const tier = this.opt();
    const assisting = new Array(this.num());
    for (let i = 0; i < assisting.length; ++i) assisting[i] = { id: this.str(), name: this.str() };
    const explanation = this.list();
    return {
      id, decidedBy, category, categoryName, categoryPath, urgency, confidence, rules, tags, spans,
      flags, area, areaName, locationMethod, areaCandidates, lead, leadName, tier, assisting,
      explanation,
    };
  }
}

/** The one decision of a packed single call, for petition `p`. */
function unpackOne(p, packed) {
  return new PackReader(packed).decision(p);
}

/** The decisions of a packed batch, for petitions `ps`, in order. */
function unpackAll(ps, packed) {
  const reader = new PackReader(packed);
  const out = new Array(ps.length);
  for (let i = 0; i < ps.length; ++i) out[i] = reader.decision(ps[i]);
  return out;
}

module.exports = { unpackOne, unpackAll };
