// Peer: json-rules-engine (npm). Every rule of peer_rules.json becomes a json-rules-engine rule
// whose conditions are all/any/not trees of facts `title`, `text`, `both` (pre-normalised) with
// two custom operators: `textContains` (String.prototype.includes) and `matchesRegex` (RegExp,
// flag i). Rule priorities are minhu's priorities (mapped onto 1..P, order kept); within one
// priority the engine evaluates the rules together and the earliest in file order that holds
// wins; the first success stops the engine (engine.stop()), so lower priorities are not run:
// the "first" hit policy.
'use strict';
const { Engine } = require('json-rules-engine');
const h = require('./harness');

function cond(c) {
  if (c.kw) return { fact: c.kw[0], operator: 'textContains', value: c.kw[1] };
  if (c.re) return { fact: c.re[0], operator: 'matchesRegex', value: c.re[1] };
  if (c.any) return { any: c.any.map(cond) };
  if (c.all) return { all: c.all.map(cond) };
  if (c.not) return { not: cond(c.not) };
  throw new Error('unexpressible ' + JSON.stringify(c));
}
// The top of a rule's conditions must be all/any/not.
const top = (c) => { const x = cond(c); return x.all || x.any || x.not ? x : { all: [x] }; };

async function main() {
  const args = h.parseArgs();
  const rules = h.load(args.work, 'peer_rules.json');
  const norm = h.load(args.work, 'norm.json');
  const levels = [...new Set(rules.map((r) => r.priority))].sort((a, b) => a - b);
  const rank = new Map(levels.map((p, i) => [p, i + 1]));
  const regexCache = new Map();
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addOperator('textContains', (f, v) => typeof f === 'string' && f.includes(v));
  engine.addOperator('matchesRegex', (f, v) => {
    let re = regexCache.get(v);
    if (!re) regexCache.set(v, (re = new RegExp(v, 'iu')));
    return typeof f === 'string' && re.test(f);
  });
  const leftOut = [];
  rules.forEach((r, order) => {
    try {
      engine.addRule({ name: r.id, priority: rank.get(r.priority), conditions: top(r.when),
                       event: { type: 'rule', params: { id: r.id, order } } });
    } catch (e) { leftOut.push(r.id); }
  });
  let best = null;
  engine.on('success', (event) => {
    if (!best || event.params.order < best.order) best = event.params;
    engine.stop();
  });
  const runPass = async (k) => {
    const out = new Array(k);
    for (let i = 0; i < k; i++) {
      best = null;
      const f = norm[i];
      await engine.run({ title: f.title, text: f.text, both: f.both });
      out[i] = best ? best.id : null;
    }
    return out;
  };
  await h.measure('json-rules-engine', 'single', runPass, norm.length, args, h.normBytes(norm),
    { rules_left_out: leftOut, version: require('json-rules-engine/package.json').version });
}
main().catch((e) => { console.error(e); process.exit(1); });
