'use strict';
// The shared fixture set (rulesets/fixtures), read the same way by every language's tests.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(root, 'rulesets', 'fixtures');

function rulesetPath(name) {
  return path.join(fixtures, `${name}.json`);
}

function cases(name) {
  return fs
    .readFileSync(path.join(fixtures, `${name}.cases.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

module.exports = { root, fixtures, rulesetPath, cases };
