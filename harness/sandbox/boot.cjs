'use strict';
/**
 * Entry point of a submission's sandboxed process (plain JavaScript so that nothing but
 * Node is needed to start it). Installs a TypeScript → CommonJS loader for `.ts` files
 * (harness worker code, ops and the submission alike), then runs the worker.
 *
 * Trusted files (harness/, reference/) come from the compiled-code cache when present; the
 * ones compiled here are listed in `global.__netgradeCompiled` so the orchestrator can
 * compile them into the cache for the next process. A syntax error is thrown as a
 * SyntaxError whose message is `file:line:column: message` (file relative to the submission).
 *
 * argv: [entry file of the submission].
 */
const fs = require('node:fs');
const path = require('node:path');
const { isCacheable, cacheFile, transpile } = require('./transpile.cjs');

const compiled = [];
global.__netgradeCompiled = compiled;

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  if (isCacheable(filename)) {
    let code;
    try {
      code = fs.readFileSync(cacheFile(filename, source), 'utf8');
    } catch {
      // not cached yet: compile below
    }
    if (code !== undefined) return module._compile(code, filename);
    compiled.push(filename);
  }
  const out = transpile(filename, source);
  if (out.error) {
    const rel = path.relative(process.env.NETGRADE_SUBMISSION_DIR || process.cwd(), filename);
    const where = rel.startsWith('..') ? filename : rel;
    throw new SyntaxError(`${where}:${out.error.line}:${out.error.column}: ${out.error.message}`);
  }
  module._compile(out.code, filename);
};

require('./worker.ts');
