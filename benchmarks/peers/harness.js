// The timing protocol of harness.py (probe, checked warm-up prefix, --warmup seconds of untimed
// passes, timed prefix repeated `inner` times per repetition), for the Node engines. runPass(k)
// may be async. Writes one JSON object to --out.
'use strict';
const fs = require('fs');
const path = require('path');

function parseArgs(extra = {}) {
  const a = { reps: 5, budget: 4, check: 30, minN: 200, minRep: 0.3, warmup: 0, ...extra };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    a[k] = ['reps', 'budget', 'check', 'minN', 'minRep', 'threads', 'warmup'].includes(k) ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!a.work || !a.out) throw new Error('usage: --work DIR --out FILE [--reps R] [--budget S] [--mode M]');
  return a;
}

const load = (work, name) => JSON.parse(fs.readFileSync(path.join(work, name), 'utf8'));

function normBytes(norm) {
  const acc = [0];
  for (const x of norm) acc.push(acc[acc.length - 1] + Buffer.byteLength(x.both));
  return (k) => acc[k];
}

function rawBytes(ps) {
  const acc = [0];
  for (const p of ps) acc.push(acc[acc.length - 1] + Buffer.byteLength(p.title) + Buffer.byteLength(p.text));
  return (k) => acc[k];
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function measure(engine, mode, runPass, n, args, bytesOf, extra = {}) {
  const secondsFor = async (k) => { const t0 = now(); const d = await runPass(k); return [now() - t0, d]; };
  const p = Math.min(n, args.minN);
  let rate = p / Math.max((await secondsFor(p))[0], 1e-9);
  const c = n / rate <= args.check ? n : Math.max(p, Math.floor(rate * args.check));
  const [warm, decisions] = await secondsFor(c);
  rate = c / Math.max(warm, 1e-9);
  const k = n / rate <= args.budget ? n : Math.max(p, Math.floor(rate * args.budget));
  const inner = Math.max(1, Math.ceil((args.minRep * rate) / k));
  for (const w0 = now(); now() - w0 < args.warmup;) await runPass(k);
  const seconds = [];
  for (let r = 0; r < args.reps; r++) {
    const t0 = now();
    for (let j = 0; j < inner; j++) await runPass(k);
    seconds.push(now() - t0);
  }
  const perSec = seconds.map((s) => (inner * k) / s);
  const res = {
    engine, mode, n, n_checked: c, n_timed: k, inner, check_seconds: warm, seconds, per_sec: perSec,
    median_per_sec: median(perSec), bytes_timed: bytesOf(k), decisions, ...extra,
  };
  fs.writeFileSync(args.out, JSON.stringify(res));
  process.stderr.write(`${engine.padStart(22)} ${mode.padEnd(8)} ${Math.round(res.median_per_sec).toLocaleString('en').padStart(14)} petitions/s (checked ${c}, timed ${k} x${inner}, reps=${args.reps})\n`);
  return res;
}

module.exports = { parseArgs, load, normBytes, rawBytes, measure };
