'use strict';
// The example service end to end on 127.0.0.1: in-process for the routes, and as a child
// process the way it is deployed (with a journal: restarted, it still has its cases). Every
// request is bounded; every server is stopped.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { createService, minhu } = require('../service');

const root = path.resolve(__dirname, '..', '..', '..');
const routing = path.join(root, 'rulesets', 'fixtures', 'routing.json');
const sla = path.join(root, 'rulesets', 'fixtures', 'sla.json');
const T0 = 1772413200000; // 2026-03-02 09:00 +08:00, a working Monday

// An in-process service on 127.0.0.1, stopped after the test; its base URL.
async function listen(t, options) {
  const server = createService(options);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { address, port } = server.address();
  assert.equal(address, '127.0.0.1');
  t.after(() => new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  }));
  return `http://127.0.0.1:${port}`;
}

async function request(base, method, route, body) {
  const res = await fetch(base + route, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

test('in process: petitions, errors, metrics, health', async (t) => {
  const engine = minhu.Engine.load(routing);
  const base = await listen(t, { engine, clock: () => T0 });

  await t.test('POST /petitions dispatches one petition', async () => {
    const r = await request(base, 'POST', '/petitions', {
      id: 'r01',
      text: '锦绣家园3栋电梯坏了一周，物业一直不修',
      receivedAt: '2026-03-02T09:30:00+08:00',
    });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /application\/json/);
    assert.equal(r.json.id, 'r01');
    assert.equal(r.json.category, 'property');
    assert.equal(r.json.lead, 'pm-b-jx');
    assert.equal(r.json.tier, 'small');
    assert.ok(r.json.explanation.length > 0);
  });

  await t.test('?exclude= re-routes a returned case', async () => {
    const r = await request(base, 'POST', '/petitions?exclude=pm-b-jx', {
      id: 'r19',
      text: '锦绣家园3栋电梯坏了一周，物业一直不修',
    });
    assert.equal(r.status, 200);
    assert.equal(r.json.lead, 'grid-b2-1-team');
    assert.equal(r.json.tier, 'medium');
  });

  await t.test('an array is a batch', async () => {
    const r = await request(base, 'POST', '/petitions', [
      { id: 'b1', text: '锦绣家园车棚里电动车被偷了' },
      { id: 'b2', text: '翠湖苑5栋楼道灯坏了' },
    ]);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.map((d) => d.lead), ['dept-police', 'grid-a1-2-team']);
  });

  await t.test('bad JSON is a 400 with a message', async () => {
    const r = await request(base, 'POST', '/petitions', '{"id": "x", "text": ');
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'bad_json');
    assert.match(r.json.message, /JSON/);
  });

  await t.test('a missing id or text is a 400 naming the field', async () => {
    let r = await request(base, 'POST', '/petitions', { text: '路灯坏了' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'petition_invalid');
    assert.equal(r.json.field, 'id');
    r = await request(base, 'POST', '/petitions', { id: 'x' });
    assert.equal(r.status, 400);
    assert.equal(r.json.field, 'text');
    r = await request(base, 'POST', '/petitions', [{ id: 'a', text: 'x' }, { id: 'b' }]);
    assert.equal(r.status, 400);
    assert.equal(r.json.pointer, '/1/text');
    r = await request(base, 'POST', '/petitions', '"just a string"');
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'petition_invalid');
  });

  await t.test('a petition id already open as a case is a 409; nothing is opened', async () => {
    let r = await request(base, 'POST', '/petitions', { id: 'r01', text: '路灯坏了' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error, 'invalid_state');
    r = await request(base, 'POST', '/petitions', [
      { id: 'n1', text: '路灯坏了' },
      { id: 'n1', text: '路灯又坏了' },
    ]);
    assert.equal(r.status, 409);
    r = await request(base, 'GET', '/cases/n1');
    assert.equal(r.status, 404);
  });

  await t.test('GET /metrics: the cases opened (一量三率) and what was decided', async () => {
    const r = await request(base, 'GET', '/metrics');
    assert.equal(r.status, 200);
    assert.equal(r.json.scope, null);
    assert.equal(r.json.volume, 4);
    assert.equal(r.json.open, 4);
    assert.equal(r.json.completionRate, 0);
    assert.equal(r.json.intake.total, 4);
    assert.equal(r.json.intake.rejected, 7);
    assert.deepEqual(r.json.intake.byDecidedBy, { rule: 4 });
    assert.deepEqual(r.json.intake.byTier, { small: 1, medium: 2, big: 1 });
    assert.deepEqual(r.json.intake.byCategory, { property: 3, crime: 1 });
  });

  await t.test('GET /health; unknown routes and methods', async () => {
    let r = await request(base, 'GET', '/health');
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'ok');
    assert.equal(r.json.ruleset.id, 'fixture-routing');
    r = await request(base, 'GET', '/petitions');
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'POST');
    r = await request(base, 'GET', '/nope');
    assert.equal(r.status, 404);
  });
});

test('in process: cases on their SLA clocks, commands, 一量三率 per scope', async (t) => {
  const engine = minhu.Engine.load(sla);
  let now = T0;
  const base = await listen(t, { engine, clock: () => now });

  await t.test('POST /petitions opens a case: the decision gains its deadlines', async () => {
    let r = await request(base, 'POST', '/petitions', {
      id: 'c1',
      text: '楼下噪音',
      area: 'comm-a',
      receivedAt: '2026-03-02T09:00:00+08:00',
    });
    assert.equal(r.status, 200);
    assert.equal(r.json.lead, 'comm-a-office');
    // 2 working hours, 1 and 3 working days (sla.json's std policy), from 09:00.
    assert.deepEqual(r.json.deadlines, {
      acknowledge: 1772420400000,
      respond: 1772445600000,
      resolve: 1772704800000,
    });
    // Without receivedAt the case opens at the service's clock: urgent, calendar time.
    now = 1772460000000; // 22:00
    r = await request(base, 'POST', '/petitions', { id: 'c2', text: '燃气泄漏', area: 'comm-b' });
    assert.equal(r.status, 200);
    assert.equal(r.json.deadlines.acknowledge, 1772461800000);
  });

  await t.test('POST /cases/:id/:command moves a case along', async () => {
    const kinds = (r) => r.json.events.map((e) => e.kind);
    let r = await request(base, 'POST', '/cases/c1/acknowledge', { at: T0 + 1800000 });
    assert.equal(r.status, 200);
    assert.deepEqual(kinds(r), ['acknowledged']);
    assert.equal(r.json.case.state, 'acknowledged');
    assert.equal(r.json.case.acknowledgedAt, T0 + 1800000);
    r = await request(base, 'POST', '/cases/c1/start', { at: '2026-03-02T11:00:00+08:00' });
    assert.deepEqual(kinds(r), ['started']);
    r = await request(base, 'POST', '/cases/c1/reply', { at: 1772503200000 });
    assert.deepEqual(kinds(r), ['replied']);
    r = await request(base, 'POST', '/cases/c1/rate', { at: 1772506800000, stars: 5 });
    assert.deepEqual(kinds(r), ['rated']);
    assert.equal(r.json.case.rating, 5);
    now = 1772510400000;
    r = await request(base, 'POST', '/cases/c1/close'); // no body: at = the clock
    assert.equal(r.status, 200);
    assert.deepEqual(kinds(r), ['closed']);
    assert.equal(r.json.case.closedAt, now);
    r = await request(base, 'GET', '/cases/c1');
    assert.equal(r.status, 200);
    assert.equal(r.json.state, 'closed');
    assert.equal(r.json.open, false);
  });

  await t.test('case errors: 400 invalid, 404 unknown, 409 refused in the state', async () => {
    let r = await request(base, 'POST', '/cases/c2/close', { at: now });
    assert.equal(r.status, 409);
    assert.equal(r.json.error, 'invalid_state');
    r = await request(base, 'POST', '/cases/c2/rate', { stars: 9 });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'invalid_argument');
    r = await request(base, 'POST', '/cases/c2/rate', {});
    assert.equal(r.status, 400);
    r = await request(base, 'POST', '/cases/c2/acknowledge', { at: 'yesterday' });
    assert.equal(r.status, 400);
    r = await request(base, 'POST', '/cases/c2/acknowledge', '{"at": ');
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'bad_json');
    r = await request(base, 'POST', '/cases/c2/acknowledge', '[1]');
    assert.equal(r.status, 400);
    r = await request(base, 'POST', '/cases/nope/acknowledge', { at: now });
    assert.equal(r.status, 404);
    assert.equal(r.json.error, 'unknown_case');
    r = await request(base, 'GET', '/cases/nope');
    assert.equal(r.status, 404);
    r = await request(base, 'POST', '/cases/c2/fly', {});
    assert.equal(r.status, 404);
    assert.equal(r.json.error, 'not_found');
    r = await request(base, 'GET', '/cases/c2/acknowledge');
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'POST');
    r = await request(base, 'GET', '/cases/%E0%A4%A');
    assert.equal(r.status, 400);
    assert.equal((await request(base, 'GET', '/cases/c2')).json.state, 'assigned');
  });

  await t.test('non-BMP case ids travel percent-encoded in the path', async () => {
    const id = '诉求-𠮷-😀';
    let r = await request(base, 'POST', '/petitions', { id, text: '噪音', area: 'comm-a' });
    assert.equal(r.status, 200);
    r = await request(base, 'POST', `/cases/${encodeURIComponent(id)}/acknowledge`, { at: now });
    assert.equal(r.status, 200);
    assert.equal(r.json.case.id, id);
    assert.equal(r.json.events[0].caseId, id);
  });

  await t.test('GET /metrics: 一量三率, live colours as of the clock, ?scope=', async () => {
    now = 1772596800000; // 2026-03-04 12:00: c2 was never acknowledged
    let r = await request(base, 'GET', '/metrics');
    assert.equal(r.status, 200);
    assert.equal(r.json.volume, 3);
    assert.equal(r.json.resolved, 1);
    assert.equal(r.json.closed, 1);
    assert.equal(r.json.completionRate, 1 / 3);
    assert.equal(r.json.timelinessRate, 1);
    assert.equal(r.json.satisfactionRate, 1);
    assert.equal(r.json.red, 1);
    assert.equal(r.json.intake.total, 3);
    r = await request(base, 'GET', '/metrics?scope=street-b');
    assert.equal(r.status, 200);
    assert.equal(r.json.scope, 'street-b');
    assert.equal(r.json.volume, 1);
    assert.equal(r.json.red, 1);
    assert.equal(r.json.completionRate, 0);
    r = await request(base, 'GET', '/metrics?scope=street-a');
    assert.equal(r.json.volume, 2);
    r = await request(base, 'GET', '/metrics?scope=nobody');
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'invalid_argument');
    assert.equal(r.json.field, 'scope');
    r = await request(base, 'GET', '/cases/c2');
    assert.equal(r.json.colour, 'red');
    assert.deepEqual(r.json.breached, ['acknowledge', 'respond', 'resolve']);
  });
});

// Starts server.js as a child process; resolves to its base URL and a stop() that SIGTERMs it
// and resolves to how it exited.
async function startServer(t, env) {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'server.js')], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  t.after(() => child.kill('SIGKILL')); // if anything below failed
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let out = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port printed; stderr: ${stderr}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', () => reject(new Error(`server exited early; stderr: ${stderr}`)));
  });
  assert.ok(port > 0);
  return {
    base: `http://127.0.0.1:${port}`,
    banner: out,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

test('a journaled service keeps its cases across a restart', { timeout: 60000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-node-service-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { MINHU_RULESET: sla, MINHU_JOURNAL: path.join(dir, 'cases.db') };
  let s = await startServer(t, env);
  let r = await request(s.base, 'POST', '/petitions', {
    id: 'j1',
    text: '楼下噪音',
    area: 'comm-a',
    receivedAt: T0,
  });
  assert.equal(r.status, 200);
  r = await request(s.base, 'POST', '/cases/j1/acknowledge', { at: T0 + 60000 });
  assert.equal(r.status, 200);
  assert.deepEqual(await s.stop(), { code: 0, signal: null });
  s = await startServer(t, env);
  assert.match(s.banner, /1 cases journaled/);
  r = await request(s.base, 'GET', '/cases/j1');
  assert.equal(r.status, 200);
  assert.equal(r.json.state, 'acknowledged');
  assert.equal(r.json.acknowledgedAt, T0 + 60000);
  r = await request(s.base, 'GET', '/health');
  assert.equal(r.json.cases.total, 1);
  assert.deepEqual(await s.stop(), { code: 0, signal: null });
});

test('as a child process: prints its port, serves, stops on SIGTERM', { timeout: 30000 }, async (t) => {
  const s = await startServer(t, { MINHU_RULESET: routing });
  assert.match(s.banner, /cases in memory/);
  const health = await request(s.base, 'GET', '/health');
  assert.equal(health.json.status, 'ok');
  assert.equal(health.json.cases.journal, null);
  const d = await request(s.base, 'POST', '/petitions', { id: 'c1', text: '翠湖苑5栋楼道灯坏了' });
  assert.equal(d.json.lead, 'grid-a1-2-team');
  const m = await request(s.base, 'GET', '/metrics');
  assert.equal(m.json.volume, 1);
  assert.equal(m.json.intake.total, 1);
  assert.deepEqual(await s.stop(), { code: 0, signal: null });
});
