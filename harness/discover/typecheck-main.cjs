'use strict';
/**
 * The type-check pass in a process of its own, so it runs beside the grading instead of
 * before it (building a program with tfjs's types takes seconds). Serves requests
 * `{ id, submission }` one at a time, answering `{ id, warnings }` (cached by content
 * hash); it keeps the parsed declarations between submissions and exits with its parent.
 */
const path = require('node:path');
require('../sandbox/transpile.cjs').installTypeScriptHook(path.resolve(__dirname, '..', '..'));
const { typeCheckCached } = require('./typecheck.ts');

process.on('message', ({ id, submission }) => {
  let warnings;
  try {
    warnings = typeCheckCached(submission);
  } catch (e) {
    warnings = [`type check could not run: ${e instanceof Error ? e.message : String(e)}`];
  }
  process.send({ id, warnings });
});
process.on('disconnect', () => process.exit(0));
