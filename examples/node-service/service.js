'use strict';
// A petition intake service on node:http, no framework: POST /petitions dispatches with minhu,
// GET /metrics counts what was decided so far, GET /health says what is loaded.
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

// A 400 for what the client sent wrong: the code, the message and the field at fault.
function clientError(res, err) {
  const pointer = err.pointer || null;
  send(res, 400, {
    error: err.code,
    message: err.message,
    field: pointer ? pointer.slice(1) : null,
    pointer,
  });
}

/**
 * The service as an http.Server, not yet listening.
 * @param {{engine: import('minhu').Engine}} options
 */
function createService({ engine }) {
  const metrics = new Metrics();
  const started = Date.now();

  async function petitions(req, res, url) {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      metrics.rejected += 1;
      if (e.status === 413) return send(res, 413, { error: 'too_large', message: e.message });
      return send(res, 400, { error: 'bad_json', message: `malformed JSON: ${e.message}` });
    }
    // ?exclude=unit-a,unit-b: units that returned the case (退回) are skipped.
    const exclude = (url.searchParams.get('exclude') || '').split(',').filter(Boolean);
    try {
      if (Array.isArray(body)) {
        // A batch: one crossing into the engine; all or nothing.
        const ds = engine.dispatchMany(body);
        ds.forEach((d) => metrics.count(d));
        return send(res, 200, ds);
      }
      const d = engine.dispatch(body, { exclude });
      metrics.count(d);
      return send(res, 200, d);
    } catch (e) {
      if (e instanceof minhu.MinhuError && e.code !== 'internal') {
        metrics.rejected += 1;
        return clientError(res, e);
      }
      throw e;
    }
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'POST /petitions':
        return petitions(req, res, url);
      case 'GET /metrics':
        return send(res, 200, metrics);
      case 'GET /health': {
        const info = engine.info();
        return send(res, 200, {
          status: 'ok',
          uptimeMs: Date.now() - started,
          ruleset: { id: info.id, version: info.version, generation: info.generation },
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
  return server;
}

module.exports = { createService, minhu };
