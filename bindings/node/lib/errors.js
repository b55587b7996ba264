'use strict';
// minhu's errors in JS: an Error with the facade's stable `code`, the first problem's JSON
// `pointer` (null when there is none) and every `problem` ({pointer, message}).
//
// Codes: ruleset_invalid, io, petition_invalid, invalid_argument, not_loaded, internal.

class MinhuError extends Error {
  constructor(message, code, pointer = null, problems = []) {
    super(message);
    this.name = 'MinhuError';
    this.code = code;
    this.pointer = pointer;
    this.problems = problems;
  }
}

// The addon throws plain Errors carrying code/pointer/problems; rethrown as MinhuError so the
// stack starts at the caller and `instanceof` works. Anything else passes through unchanged.
function rethrow(e) {
  if (e instanceof Error && typeof e.code === 'string' && Array.isArray(e.problems)) {
    throw new MinhuError(e.message, e.code, e.pointer, e.problems);
  }
  throw e;
}

// Worded like the core's petition errors: "<field>: <message>", the pointer alongside.
function invalid(code, pointer, message) {
  const full = `${pointer ? pointer.slice(1) : 'petition'}: ${message}`;
  return new MinhuError(full, code, pointer, [{ pointer, message: full }]);
}

module.exports = { MinhuError, rethrow, invalid };
