// minhu through its Node binding (bindings/node; the addon from $MINHU_NODE_ADDON): the raw
// petitions {id, title, text} of WORK/petitions.json classified with WORK/common.json (or
// --ruleset). Mode `single`: engine.classify(p) per petition; `batch`: engine.classifyMany(ps)
// once per pass (one crossing, the calling thread unless --threads).
'use strict';
const path = require('path');
const h = require('./harness');
const { Engine } = require(path.join(__dirname, '..', '..', 'bindings', 'node'));

async function main() {
  const args = h.parseArgs({ mode: 'single' });
  const ps = h.load(args.work, 'petitions.json');
  const engine = Engine.load(args.ruleset || path.join(args.work, 'common.json'));
  const ruleOf = (d) => (d.decidedBy === 'rule' && d.rules.length ? d.rules[0] : null);
  const opts = args.threads ? { threads: args.threads } : undefined;
  const runPass = args.mode === 'single'
    ? (k) => { const out = new Array(k); for (let i = 0; i < k; i++) out[i] = ruleOf(engine.classify(ps[i])); return out; }
    : (k) => engine.classifyMany(k === ps.length ? ps : ps.slice(0, k), opts).map(ruleOf);
  await h.measure('minhu node', args.mode, runPass, ps.length, args, h.rawBytes(ps));
}
main().catch((e) => { console.error(e); process.exit(1); });
