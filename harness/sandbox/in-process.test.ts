import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverOne } from '../discover';
import type { DiscoveredSubmission } from '../discover';
import { openInProcess } from './in-process';

describe('openInProcess (trusted code, no sandbox)', () => {
  let root: string;
  const make = (name: string, source: string): DiscoveredSubmission => {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'index.js'), source);
    return discoverOne(join(root, name)) as DiscoveredSubmission;
  };
  beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'netgrade-inproc-')); });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs the same ops as the sandbox, with the same info and errors', async () => {
    const opened = await openInProcess(make('gate', "module.exports = { author: 'G', timeGate: (t) => t, conventions: { gru: 'sideways' } };"), { warnings: ['w'] });
    if (opened.status !== 'loaded') throw new Error(opened.error.message);
    expect(opened.handle.info).toMatchObject({ name: 'gate', author: 'G', provides: ['timeGate'], conventions: { gru: 'sideways' } });
    expect(opened.handle.info.warnings).toEqual(['w', "conventions.gru requires 'update-takes-new' or 'update-keeps-old', got \"sideways\"."]);
    const described = await opened.handle.call('describe', {});
    expect(described.status === 'ok' && described.value.provides).toEqual(['timeGate']);
    const missing = await opened.handle.call('probe.init', { model: 'lstm', spec: { vocabSize: 2, numClasses: 2, hiddenDim: 2, input: { kind: 'one-hot' } }, seed: 0 });
    expect(missing.status === 'errored' && missing.error.cause).toBe('not-submitted');
    // a grader that sends an op outside the table (a version mismatch) gets an error, not a crash
    const unknown = await opened.handle.call('no.such.op' as 'describe', {});
    expect(unknown.status === 'errored' && unknown.error.message).toMatch(/^op "no\.such\.op" requires an op of the protocol/);
  });

  it('a module whose default export is not an object is one load failure', async () => {
    const opened = await openInProcess(make('number', 'module.exports = { __esModule: true, default: 7 };'));
    expect(opened.status).toBe('load-failed');
    expect(opened.status === 'load-failed' && opened.error).toMatchObject({ cause: 'load-failed', message: "index.js could not be loaded: InvalidSubmission: index.js's default export requires an object { author, models, timeGate, conventions }, got a number." });
  });
});
