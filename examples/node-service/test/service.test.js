'use strict';
// The example service end to end on 127.0.0.1: in-process for the routes, and as a child
// process the way it is deployed. Every request is bounded; every server is stopped.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { createService, minhu } = require('../service');

const root = path.resolve(__dirname, '..', '..', '..');
const routing = path.join(root, 'rulesets', 'fixtures', 'routing.json');

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
  const server = createService({ engine });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { address, port } = server.address();
  assert.equal(address, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  t.after(() => new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  }));

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

  await t.test('GET /metrics counts what was decided', async () => {
    const r = await request(base, 'GET', '/metrics');
    assert.equal(r.status, 200);
    assert.equal(r.json.total, 4);
    assert.equal(r.json.rejected, 5);
    assert.deepEqual(r.json.byDecidedBy, { rule: 4 });
    assert.deepEqual(r.json.byTier, { small: 1, medium: 2, big: 1 });
    assert.deepEqual(r.json.byCategory, { property: 3, crime: 1 });
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

test('as a child process: prints its port, serves, stops on SIGTERM', { timeout: 30000 }, async (t) => {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'server.js')], {
    env: { ...process.env, PORT: '0', MINHU_RULESET: routing },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  t.after(() => child.kill('SIGKILL')); // if anything below failed
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const port = await new Promise((resolve, reject) => {
    let out = '';
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
  const base = `http://127.0.0.1:${port}`;
  const health = await request(base, 'GET', '/health');
  assert.equal(health.json.status, 'ok');
  const d = await request(base, 'POST', '/petitions', { id: 'c1', text: '翠湖苑5栋楼道灯坏了' });
  assert.equal(d.json.lead, 'grid-a1-2-team');
  const m = await request(base, 'GET', '/metrics');
  assert.equal(m.json.total, 1);
  child.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
});
