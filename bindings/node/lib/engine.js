'use strict';
// Engine: the JS face of minhu::api::dispatcher. Plain objects in and out; every method is one
// crossing into the addon (the *Many batch calls included). Synchronous: a dispatch takes
// microseconds, and the batch calls amortise the crossing.
const native = require('./native');
const { MinhuError, rethrow } = require('./errors');
const { prepare, prepareAll, packPetitions } = require('./petition');
const { unpackOne, unpackAll } = require('./decision');

function requireString(value, name) {
  if (typeof value !== 'string') {
    throw new MinhuError(`${name}: expected a string, found ${typeof value}`, 'invalid_argument');
  }
}

function requireInteger(value, name) {
  if (!Number.isSafeInteger(value)) {
    throw new MinhuError(`${name}: expected a safe integer, found ${value}`, 'invalid_argument');
  }
}

function threadsOf(options) {
  const threads = options && options.threads;
  if (threads === undefined || threads === null) return undefined;
  if (!Number.isSafeInteger(threads) || threads < 0) {
    throw new MinhuError(`threads: expected an integer >= 0, found ${threads}`, 'invalid_argument');
  }
  return threads;
}

const token = Symbol('minhu.Engine');

// The native dispatcher behind an Engine, for lib/tracker.js (not exported by index.js).
let dispatcherOf;

class Engine {
  #d;

  static {
    dispatcherOf = (engine) =>
      engine !== null && typeof engine === 'object' && #d in engine ? engine.#d : null;
  }

  /** Use Engine.load() or Engine.fromJson(). */
  constructor(key, d) {
    if (key !== token) throw new TypeError('use Engine.load(path) or Engine.fromJson(json)');
    this.#d = d;
  }

  /** Loads a ruleset file. Throws MinhuError (io, ruleset_invalid). */
  static load(path) {
    requireString(path, 'path');
    try {
      return new Engine(token, native.Dispatcher.load(path));
    } catch (e) {
      rethrow(e);
    }
  }

  /** Loads a ruleset from JSON text (or an object); relative paths resolve against baseDir. */
  static fromJson(json, baseDir = '.') {
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    requireString(text, 'json');
    requireString(baseDir, 'baseDir');
    try {
      return new Engine(token, native.Dispatcher.fromJson(text, baseDir));
    } catch (e) {
      rethrow(e);
    }
  }

  classify(petition) {
    const p = prepare(petition);
    try {
      return unpackOne(p, this.#d.classify(p));
    } catch (e) {
      rethrow(e);
    }
  }

  /** Classify, locate and route; options.exclude: ids of units that returned the case (退回). */
  dispatch(petition, options = {}) {
    const p = prepare(petition);
    const exclude = (options && options.exclude) || [];
    try {
      return unpackOne(p, this.#d.dispatch(p, exclude));
    } catch (e) {
      rethrow(e);
    }
  }

  /** classify() for an array, in order, from one ruleset snapshot, in one crossing. */
  classifyMany(petitions, options = {}) {
    const ps = prepareAll(petitions);
    const threads = threadsOf(options);
    try {
      const packed = this.#d.classifyPacked(packPetitions(ps) || ps, threads ?? 1);
      return unpackAll(ps, packed);
    } catch (e) {
      rethrow(e);
    }
  }

  /** dispatch() for an array, in order, from one ruleset snapshot, in one crossing. */
  dispatchMany(petitions, options = {}) {
    const ps = prepareAll(petitions);
    const threads = threadsOf(options);
    try {
      const packed = this.#d.dispatchPacked(packPetitions(ps) || ps, threads ?? 1);
      return unpackAll(ps, packed);
    } catch (e) {
      rethrow(e);
    }
  }

  /** A human-readable trace of classification and routing. */
  explain(petition) {
    const p = prepare(petition);
    try {
      return this.#d.explain(p);
    } catch (e) {
      rethrow(e);
    }
  }

  /** The learned model's probability of every class (empty without a model). */
  modelScores(petition) {
    const p = prepare(petition);
    try {
      return this.#d.modelScores(p);
    } catch (e) {
      rethrow(e);
    }
  }

  /** Re-reads the ruleset file; on error throws and keeps the current ruleset. */
  reload() {
    try {
      this.#d.reload();
    } catch (e) {
      rethrow(e);
    }
  }

  /** Loads another ruleset file; on error throws and keeps the current ruleset. */
  reloadFrom(path) {
    requireString(path, 'path');
    try {
      this.#d.reloadFrom(path);
    } catch (e) {
      rethrow(e);
    }
  }

  /** Sets the open-case load of a unit (least-loaded routing). */
  setLoad(unitId, load) {
    requireString(unitId, 'unitId');
    requireInteger(load, 'load');
    try {
      this.#d.setLoad(unitId, load);
    } catch (e) {
      rethrow(e);
    }
  }

  addLoad(unitId, delta = 1) {
    requireString(unitId, 'unitId');
    requireInteger(delta, 'delta');
    try {
      this.#d.addLoad(unitId, delta);
    } catch (e) {
      rethrow(e);
    }
  }

  loadOf(unitId) {
    requireString(unitId, 'unitId');
    try {
      return this.#d.loadOf(unitId);
    } catch (e) {
      rethrow(e);
    }
  }

  /** Ruleset facts: id, version, name, counts, generation (reloads so far + 1), model. */
  info() {
    try {
      return this.#d.info();
    } catch (e) {
      rethrow(e);
    }
  }
}

/** Parses one JSON Lines petition the way the CLI does (strict: unknown fields are errors). */
function parsePetition(json) {
  requireString(json, 'json');
  try {
    return native.Dispatcher.parsePetition(json);
  } catch (e) {
    rethrow(e);
  }
}

/** minhu's text normalisation: what rules and the model see. */
function normalize(text) {
  requireString(text, 'text');
  try {
    return native.Dispatcher.normalize(text);
  } catch (e) {
    rethrow(e);
  }
}

module.exports = {
  Engine,
  parsePetition,
  normalize,
  dispatcherOf,
  requireString,
  requireInteger,
};
