#!/usr/bin/env node
/**
 * run_autograder's safety net, plain Node.js with no packages, so it works when nothing
 * else does (no node_modules, a harness that does not start).
 *
 *   fallback-results.js --check <results.json>
 *     exit 0 when the file is a results.json Gradescope and netgrade both accept (netgrade's
 *     schema through ajv when it is installed, else the fields Gradescope requires)
 *   fallback-results.js --write <results.json> <grade.log> <profile> <source-dir>
 *     write a well-formed "could not grade" result: score 0, the end of the grader's log
 *     (control characters and local paths removed) as the one visible test's output
 */
'use strict';
const fs = require('fs');
const path = require('path');

const SCHEMA = path.join(__dirname, '..', 'harness', 'report', 'schema', 'results.schema.json');

function check(file) {
  if (!file || !fs.existsSync(file)) throw new Error(`run_autograder requires a results.json from the grader, got ${file ? 'no file at ' + file : 'none'}`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  let Ajv;
  try { Ajv = require(path.join(__dirname, '..', 'node_modules', 'ajv')); } catch { Ajv = null; }
  if (Ajv) {
    const ajv = new (Ajv.default || Ajv)({ allErrors: true, strict: false });
    if (!ajv.validate(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')), json)) {
      throw new Error(`run_autograder requires a results.json valid for netgrade's schema, got: ${ajv.errorsText(ajv.errors)}`);
    }
  } else if (typeof json.score !== 'number' || !Array.isArray(json.tests) || !json.netgrade || json.netgrade.schemaVersion !== 1) {
    throw new Error('run_autograder requires a results.json with score, tests and the netgrade block, got something else');
  }
}

/** The log as a student may see it: no escape sequences or control characters, no paths of the image. */
function cleanLog(text, src) {
  return text
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
    .replace(/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b[ -/]*[0-~]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .split(src + '/').join('')
    .slice(-4000);
}

function write(file, logFile, profile, src) {
  const now = new Date().toISOString();
  let log = '';
  try { log = cleanLog(fs.readFileSync(logFile, 'utf8'), src); } catch { log = '(no log)'; }
  const message = `netgrade could not grade this submission. The grader said:\n\n${log}`;
  const json = {
    score: 0,
    max_score: 0,
    output: 'netgrade could not grade this submission; the test below shows why. Ask your instructor if this persists.',
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: [{
      name: 'netgrade grades the submission',
      number: '0',
      score: 0,
      max_score: 0,
      status: 'failed',
      output: message,
      output_format: 'text',
      visibility: 'visible',
      tags: ['grader'],
      extra_data: { id: 'grader', part: 'load', subject: 'grader', status: 'errored', hidden: false },
    }],
    netgrade: {
      schemaVersion: 1,
      audience: 'student',
      generatedAt: now,
      environment: {
        harnessVersion: 'unknown', commit: 'unknown', backend: 'none', backendDetail: 'grading did not start',
        device: 'none', tfjsVersion: 'unknown', nodeVersion: process.version, cpu: 'unknown', platform: process.platform,
      },
      result: {
        submission: { name: 'submission', hash: 'unknown', warnings: [] },
        profile, seeds: [], checks: [], parts: [], score: 0, maxScore: 0, runs: [], comparisons: [], benchmarks: [],
        startedAt: now, endedAt: now, status: 'load-failed', error: { cause: 'grader-failed', message },
      },
    },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === '--check') check(args[0]);
  else if (mode === '--write') write(args[0], args[1], args[2] || 'unknown', args[3] || path.join(__dirname, '..'));
  else throw new Error(`fallback-results.js requires --check <file> or --write <file> <log> <profile> <source>, got ${mode}`);
} catch (e) {
  console.error(e && e.message ? e.message : String(e));
  process.exit(1);
}
