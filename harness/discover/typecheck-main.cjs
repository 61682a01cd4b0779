'use strict';
/**
 * The type-check pass in a process of its own, so it runs beside the grading instead of
 * before it (building a program with tfjs's types takes seconds). Receives one
 * DiscoveredSubmission, answers with its warnings (cached by content hash), exits.
 */
const path = require('node:path');
require('../sandbox/transpile.cjs').installTypeScriptHook(path.resolve(__dirname, '..', '..'));
const { typeCheckCached } = require('./typecheck.ts');

process.once('message', (submission) => {
  let warnings;
  try {
    warnings = typeCheckCached(submission);
  } catch (e) {
    warnings = [`type check could not run: ${e instanceof Error ? e.message : String(e)}`];
  }
  process.send(warnings, () => process.exit(0));
});
