'use strict';
// A petition intake service on node:http, no framework: POST /petitions dispatches with minhu
// and opens a case on its SLA clocks, POST /cases/:id/:command moves a case along (签收, first
// response, 办结, rating, closing), GET /cases/:id shows one, GET /metrics gives 一量三率 (of a
// unit's subtree with ?scope=), GET /health says what is loaded.
const http = require('node:http');

// In your own project: `npm install <minhu checkout>/bindings/node` and require('minhu').
// Here the package next door is used as it is.
function loadMinhu() {
  try {
    return require('minhu');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes("'minhu'")) throw e;
    return require('../../bindings/node');
  }
}
const minhu = loadMinhu();

const MAX_BODY = 1 << 20; // 1 MiB: a petition is a few hundred bytes

// What the tracker's errors mean over HTTP; other codes are the service's fault (500).
const STATUS = {
  petition_invalid: 400,
  invalid_argument: 400,
  unknown_case: 404,
  invalid_state: 409,
};

// The case commands of POST /cases/:id/:command (the tracker has more: returnCase, reassign,
// escalate, pause, merge, ... — a real service would add them the same way).
const COMMANDS = {
  acknowledge: (tracker, id, body, at) => tracker.acknowledge(id, at),
  start: (tracker, id, body, at) => tracker.start(id, at),
  reply: (tracker, id, body, at) => tracker.reply(id, at),
  rate: (tracker, id, body, at) => tracker.rate(id, body.stars, at),
  close: (tracker, id, body, at) => tracker.close(id, at),
};

// Intake counts of the service itself: what it decided and what it refused.
class Metrics {
  constructor() {
    this.total = 0;
    this.rejected = 0;
    this.byDecidedBy = {};
    this.byTier = {};
    this.byCategory = {};
  }

  count(d) {
    this.total += 1;
    const bump = (table, key) => {
      const k = key === null || key === undefined ? '(none)' : key;
      table[k] = (table[k] || 0) + 1;
    };
    bump(this.byDecidedBy, d.decidedBy);
    bump(this.byTier, d.tier);
    bump(this.byCategory, d.category);
  }

  toJSON() {
    return {
      total: this.total,
      rejected: this.rejected,
      byDecidedBy: this.byDecidedBy,
      byTier: this.byTier,
      byCategory: this.byCategory,
    };
  }
}

function send(res, status, body, headers = {}) {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': data.length,
    ...headers,
  });
  res.end(data);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error(`body larger than ${MAX_BODY} bytes`), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// A 4xx for what the client sent wrong (400 invalid, 404 unknown case, 409 refused in the
// case's state): the code, the message and the field at fault.
function clientError(res, err, status = STATUS[err.code] || 400) {
  const pointer = err.pointer || null;
  send(res, status, {
    error: err.code,
    message: err.message,
    field: pointer ? pointer.slice(1) : null,
    pointer,
  });
}

// The error was the client's (a MinhuError with a 4xx meaning).
function isClientError(e) {
  return e instanceof minhu.MinhuError && e.code in STATUS;
}

// The body as JSON; an empty body is `empty`. Answers 400/413 itself and returns undefined.
async function readJson(req, res, empty) {
  let text;
  try {
    text = await readBody(req);
  } catch (e) {
    if (e.status === 413) send(res, 413, { error: 'too_large', message: e.message });
    else throw e;
    return undefined;
  }
  if (text.trim() === '' && empty !== undefined) return empty;
  try {
    return JSON.parse(text);
  } catch (e) {
    send(res, 400, { error: 'bad_json', message: `malformed JSON: ${e.message}` });
    return undefined;
  }
}

// The SLA deadlines a case got when it was opened (epoch ms; null: the category has none).
function deadlines(c) {
  return { acknowledge: c.acknowledgeDue, respond: c.respondDue, resolve: c.resolveDue };
}

/**
 * The service as an http.Server, not yet listening.
 *
 * tracker: the cases (default: a new in-memory minhu.Tracker on `engine`; pass one with a
 * journal to keep cases across restarts). clock: the time in epoch ms (default Date.now), used
 * where a request gives none: a petition's receivedAt opens its case, a command's `at` times it.
 * @param {{engine: import('minhu').Engine, tracker?: import('minhu').Tracker,
 *          clock?: () => number}} options
 */
function createService({ engine, tracker = new minhu.Tracker(engine), clock = Date.now }) {
  const metrics = new Metrics();
  const started = Date.now();

  async function petitions(req, res, url) {
    const body = await readJson(req, res);
    if (body === undefined) {
      metrics.rejected += 1;
      return undefined;
    }
    // ?exclude=unit-a,unit-b: units that returned the case (退回) are skipped.
    const exclude = (url.searchParams.get('exclude') || '').split(',').filter(Boolean);
    const openedAt = (p) => {
      const t = p.receivedAt ?? p.received_at;
      return t === undefined || t === null ? clock() : t;
    };
    try {
      if (Array.isArray(body)) {
        // A batch: one crossing into the engine; all or nothing, so every id is checked first.
        const ds = engine.dispatchMany(body);
        const seen = new Set();
        for (const d of ds) {
          if (tracker.has(d.id) || seen.has(d.id)) {
            throw new minhu.MinhuError(`case "${d.id}" is already open`, 'invalid_state');
          }
          seen.add(d.id);
        }
        const out = ds.map((d, i) => {
          tracker.open(d.id, d, openedAt(body[i]));
          metrics.count(d);
          return { ...d, deadlines: deadlines(tracker.get(d.id)) };
        });
        return send(res, 200, out);
      }
      const d = engine.dispatch(body, { exclude });
      tracker.open(d.id, d, openedAt(body));
      metrics.count(d);
      return send(res, 200, { ...d, deadlines: deadlines(tracker.get(d.id)) });
    } catch (e) {
      if (isClientError(e)) {
        metrics.rejected += 1;
        return clientError(res, e);
      }
      throw e;
    }
  }

  async function caseCommand(req, res, id, command) {
    const run = COMMANDS[command];
    if (!run) {
      return send(res, 404, {
        error: 'not_found',
        message: `no command "${command}" (use ${Object.keys(COMMANDS).join(', ')})`,
      });
    }
    const body = await readJson(req, res, {});
    if (body === undefined) return undefined;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return send(res, 400, { error: 'bad_json', message: 'expected a JSON object {at, stars}' });
    }
    try {
      const events = run(tracker, id, body, body.at ?? clock());
      return send(res, 200, { events, case: tracker.get(id) });
    } catch (e) {
      if (isClientError(e)) return clientError(res, e);
      throw e;
    }
  }

  function getCase(res, id) {
    tracker.advance(clock()); // colours as of now
    try {
      return send(res, 200, tracker.get(id));
    } catch (e) {
      if (isClientError(e)) return clientError(res, e);
      throw e;
    }
  }

  function caseMetrics(res, url) {
    const scope = url.searchParams.get('scope') || null;
    if (scope !== null) {
      try {
        engine.loadOf(scope); // an unknown unit would silently count nothing
      } catch (e) {
        if (!isClientError(e)) throw e;
        return send(res, 400, { error: e.code, message: e.message, field: 'scope', pointer: null });
      }
    }
    tracker.advance(clock()); // live colours as of now
    return send(res, 200, {
      scope,
      ...tracker.measure(scope === null ? {} : { scopeUnit: scope }),
      intake: metrics,
    });
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    // /cases/:id and /cases/:id/:command (ids percent-encoded).
    const m = url.pathname.match(/^\/cases\/([^/]+)(?:\/([^/]+))?$/);
    if (m) {
      let id;
      try {
        id = decodeURIComponent(m[1]);
      } catch {
        return send(res, 400, { error: 'bad_request', message: 'malformed case id in the path' });
      }
      const allowed = m[2] === undefined ? 'GET' : 'POST';
      if (req.method !== allowed) {
        return send(res, 405, { error: 'method_not_allowed', message: `use ${allowed}` }, {
          allow: allowed,
        });
      }
      return m[2] === undefined ? getCase(res, id) : caseCommand(req, res, id, m[2]);
    }
    switch (route) {
      case 'POST /petitions':
        return petitions(req, res, url);
      case 'GET /metrics':
        return caseMetrics(res, url);
      case 'GET /health': {
        const info = engine.info();
        return send(res, 200, {
          status: 'ok',
          uptimeMs: Date.now() - started,
          ruleset: { id: info.id, version: info.version, generation: info.generation },
          cases: { total: tracker.size, journal: tracker.journal },
        });
      }
      default: {
        const allowed = { '/petitions': 'POST', '/metrics': 'GET', '/health': 'GET' }[url.pathname];
        if (allowed) {
          return send(res, 405, { error: 'method_not_allowed', message: `use ${allowed}` }, {
            allow: allowed,
          });
        }
        return send(res, 404, { error: 'not_found', message: `no route ${route}` });
      }
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error(e);
      if (!res.headersSent) send(res, 500, { error: 'internal', message: e.message });
      else res.destroy();
    });
  });
  server.metrics = metrics;
  server.tracker = tracker;
  return server;
}

module.exports = { createService, minhu };
