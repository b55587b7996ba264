'use strict';
// Decisions come from the addon as plain objects (see index.d.ts). Span offsets are UTF-8 byte
// offsets as in the core and every binding; this adds charBegin/charEnd, the same range as JS
// string indices: petition.text.slice(s.charBegin, s.charEnd) === s.text.

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

function addCharOffsets(p, d) {
  const spans = d.spans;
  for (let k = 0; k < spans.length; ++k) {
    const s = spans[k];
    const src = (s.field === 'title' ? p.title : p.text) || '';
    const begin = advance(src, 0, 0, s.begin);
    s.charBegin = begin;
    s.charEnd = begin + s.text.length;
  }
  return d;
}

function addCharOffsetsAll(ps, ds) {
  for (let i = 0; i < ds.length; ++i) if (ds[i].spans.length) addCharOffsets(ps[i], ds[i]);
  return ds;
}

module.exports = { addCharOffsets, addCharOffsetsAll };
