'use strict';
// Finds and loads the addon minhu.node (built by CMake from minhu_node.i; see README.md).
//
// Looked for, in order: $MINHU_NODE_ADDON; next to the package (an installed or packed
// package); the build trees of a source checkout (build-node/, then build/).
const fs = require('node:fs');
const path = require('node:path');
const { isMainThread } = require('node:worker_threads');

const root = path.join(__dirname, '..');
const candidates = [
  process.env.MINHU_NODE_ADDON && path.resolve(process.env.MINHU_NODE_ADDON),
  path.join(root, 'minhu.node'),
  path.join(root, '..', '..', 'build-node', 'bindings', 'node', 'minhu.node'),
  path.join(root, '..', '..', 'build', 'bindings', 'node', 'minhu.node'),
].filter(Boolean);

function load() {
  // SWIG's V8 runtime keeps its class templates in process-wide statics: a second isolate
  // (a worker) loading the addon replaces them and the main thread crashes once that worker is
  // gone. The batch calls' `threads` option is the way to use several cores.
  if (!isMainThread) {
    throw new Error(
      'minhu: the native addon can only be used from the main thread; ' +
        'use classifyMany/dispatchMany with {threads} for parallelism',
    );
  }
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      'minhu: the native addon minhu.node is not built. Build it with\n' +
        '  cmake -S . -B build-node -G Ninja -DMINHU_BUILD_NODE=ON && ' +
        'cmake --build build-node --target minhu_node\n' +
        'from the minhu checkout (or set MINHU_NODE_ADDON). Looked in:\n  ' +
        candidates.join('\n  '),
    );
  }
  return require(found);
}

module.exports = load();
