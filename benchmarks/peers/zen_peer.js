// Peer: GoRules ZEN engine for Node (npm @gorules/zen-engine, Rust core through N-API) running
// the decision table written by zen_jdm.py (WORK/zen-decision.json): hit policy first, one row
// per rule in priority order. Mode `single`: await decision.evaluate(context) per petition;
// `parallel`: one pass as Promise.all over all petitions (the engine's own async batching).
'use strict';
const fs = require('fs');
const path = require('path');
const { ZenEngine } = require('@gorules/zen-engine');
const h = require('./harness');

async function main() {
  const args = h.parseArgs({ mode: 'single' });
  const norm = h.load(args.work, 'norm.json');
  const content = fs.readFileSync(path.join(args.work, 'zen-decision.json'));
  const engine = new ZenEngine();
  const decision = engine.createDecision(content);
  const ruleOf = (r) => (r.result && r.result.rule) || null;
  const runPass = args.mode === 'single'
    ? async (k) => {
      const out = new Array(k);
      for (let i = 0; i < k; i++) out[i] = ruleOf(await decision.evaluate(norm[i]));
      return out;
    }
    : async (k) => (await Promise.all(norm.slice(0, k).map((f) => decision.evaluate(f)))).map(ruleOf);
  await h.measure('zen-engine (node)', args.mode, runPass, norm.length, args, h.normBytes(norm),
    { version: require('@gorules/zen-engine/package.json').version });
}
main().catch((e) => { console.error(e); process.exit(1); });
