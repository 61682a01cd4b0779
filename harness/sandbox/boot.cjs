'use strict';
/**
 * Entry point of a submission's sandboxed process (plain JavaScript so that nothing but
 * Node is needed to start it). Installs the TypeScript → CommonJS loader of transpile.cjs
 * for `.ts` files (harness worker code, ops and the submission alike), then runs the worker.
 *
 * Trusted files (harness/, reference/) come from the compiled-code cache when present; the
 * ones compiled here are listed in `global.__netgradeCompiled` so the orchestrator can
 * compile them into the cache for the next process.
 *
 * argv: [entry file of the submission].
 */
const { installTypeScriptHook } = require('./transpile.cjs');

const compiled = [];
global.__netgradeCompiled = compiled;
installTypeScriptHook(process.env.NETGRADE_SUBMISSION_DIR || process.cwd(), compiled);

require('./worker.ts');
