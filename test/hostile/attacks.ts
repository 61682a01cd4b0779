/**
 * Hostile submissions, one per attack on the grader (issue 12's threat model: a student who
 * wants the points reads every file it can reach, imports the reference, patches what it
 * shares with the harness, forges protocol messages, kills what it can signal, floods output,
 * and behaves only on inputs it can predict). Each is written for this project on top of
 * one honest vanilla RNN and time gate ({@link HONEST}); the test materialises them in a
 * temporary class folder (symbolic links are made there, not committed) and grades them all
 * in one run beside the honest one.
 */

/** An honest, correct vanilla RNN (one-hot input) and time gate, written from the contract. */
export const BASE = `
import * as tf from '@tensorflow/tfjs';

export const rnn = {
  init(spec: any, seed: number) {
    const H = spec.hiddenDim, V = spec.vocabSize, K = spec.numClasses;
    // seeds 1, 2, 3 … above 0: tfjs treats a seed of 0 as no seed
    const u = (shape: number[], salt: number, fanIn: number) => tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), 'float32', seed * 7 + salt);
    return { W_hx: u([H, V], 1, V), W_hh: u([H, H], 2, H), b_h: tf.zeros([H]), W_ph: u([K, H], 3, H), b_p: tf.zeros([K]) };
  },
  forward(p: any, tokens: tf.Tensor2D, spec: any): tf.Tensor2D {
    return tf.tidy(() => {
      const [B, T] = tokens.shape;
      let h: tf.Tensor2D = tf.zeros([B, spec.hiddenDim]);
      for (let t = 0; t < T; t++) {
        const x = tf.oneHot(tf.reshape(tf.slice(tokens, [0, t], [B, 1]), [B]) as tf.Tensor1D, spec.vocabSize).toFloat();  // [B, V]
        h = tf.tanh(tf.add(tf.add(tf.matMul(x, p.W_hx, false, true), tf.matMul(h, p.W_hh, false, true)), p.b_h)) as tf.Tensor2D;
      }
      return tf.add(tf.matMul(h, p.W_ph, false, true), p.b_p) as tf.Tensor2D;
    });
  },
};

export function timeGate(t: number, g: { tau: number; s: number; rOn: number; alpha?: number }): number {
  const phi = ((((t - g.s) % g.tau) + g.tau) % g.tau) / g.tau;   // floored modulo
  if (phi < g.rOn / 2) return (2 * phi) / g.rOn;
  if (phi < g.rOn) return 2 - (2 * phi) / g.rOn;
  return (g.alpha ?? 0) * phi;
}
`;

const honestExport = "export default { author: 'Honest Student', models: { vanillaRNN: rnn }, timeGate };\n";
const withBase = (index: string): Record<string, string> => ({ 'base.ts': BASE, 'index.ts': index });
const usingBase = (body: string, exported = honestExport) => withBase(`import * as tf from '@tensorflow/tfjs';\nimport { rnn, timeGate } from './base';\nvoid tf;\n${body}\n${exported}`);

/** What a hostile submission must get, checked exactly by the test. */
export type Expect =
  | { status: 'load-failed'; cause: string; message: RegExp }
  | { status: 'graded'; full?: true; checks?: Record<string, string | RegExp> };

export interface Attack {
  name: string;
  /** what a student would try */
  attack: string;
  files: Record<string, string>;
  /** created by the test inside the submission: name → target (`$PROJECT`, `$PEER`, `$REPORTS` are replaced) */
  links?: Record<string, string>;
  expect: Expect;
}

export const HONEST: Attack = {
  name: 'honest', attack: 'none: the correct submission graded in the same run', files: usingBase(''), expect: { status: 'graded', full: true },
};

const outside = /imports a file that is not in the submission: Cannot find module/;
const refusedLink = /requires regular files and folders only, got a symbolic link/;

export const ATTACKS: Attack[] = [
  {
    name: 'import-reference-relative', attack: 'the whole index.ts re-exports the reference by a relative path (scored 140/140 before)',
    files: { 'index.ts': "export { default } from '../../reference';\n" },
    expect: { status: 'load-failed', cause: 'load-failed', message: outside },
  },
  {
    name: 'import-oracle-relative', attack: 'forward delegates to the float64 oracle imported by a relative path',
    files: usingBase("import { oracle } from '../../../reference/oracle';\nvoid oracle;"),
    expect: { status: 'load-failed', cause: 'load-failed', message: outside },
  },
  {
    name: 'import-reference-from-environment', attack: 'the project root built from where @tensorflow/tfjs resolves (works from any folder, the Gradescope layout too)',
    files: { 'index.ts': "const root = require.resolve('@tensorflow/tfjs').split('/node_modules/')[0];\nmodule.exports = require(root + '/reference/index.ts');\n" },
    expect: { status: 'load-failed', cause: 'permission', message: /was stopped while loading: the sandbox denied FileSystemRead/ },
  },
  {
    name: 'read-fixtures-by-path', attack: 'reads the committed fixtures (expected outputs) by absolute path',
    files: usingBase("const root = require.resolve('@tensorflow/tfjs').split('/node_modules/')[0];\nrequire('node:fs').readdirSync(root + '/fixtures');"),
    expect: { status: 'load-failed', cause: 'permission', message: /the sandbox denied FileSystemRead/ },
  },
  { name: 'symlink-to-fixtures', attack: 'a symbolic link to fixtures/ shipped in the folder', files: usingBase(''), links: { 'answers': '$PROJECT/fixtures' }, expect: { status: 'load-failed', cause: 'load-failed', message: refusedLink } },
  { name: 'symlink-to-peer', attack: 'a symbolic link to another student\'s folder', files: usingBase(''), links: { 'friend': '$PEER' }, expect: { status: 'load-failed', cause: 'load-failed', message: refusedLink } },
  { name: 'symlink-to-reports', attack: 'a symbolic link to the reports (other students\' results)', files: usingBase(''), links: { 'reports': '$REPORTS' }, expect: { status: 'load-failed', cause: 'load-failed', message: refusedLink } },
  { name: 'symlink-to-root', attack: 'a symbolic link to / (then /etc/passwd, the repository …)', files: usingBase(''), links: { 'root': '/' }, expect: { status: 'load-failed', cause: 'load-failed', message: refusedLink } },
  {
    name: 'read-etc-passwd', attack: 'reads /etc/passwd inside forward',
    files: usingBase("const spy = { ...rnn, forward(p: any, x: any, s: any) { require('node:fs').readFileSync('/etc/passwd'); return rnn.forward(p, x, s); } };",
      "export default { models: { vanillaRNN: spy }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T5': 'errored:permission', 'timeGate.values': 'passed' } },
  },
  {
    name: 'writes-files', attack: 'writes a file (to leave a note for a later submission)',
    files: usingBase("const w = { ...rnn, forward(p: any, x: any, s: any) { require('node:fs').writeFileSync('/tmp/netgrade-was-here', 'x'); return rnn.forward(p, x, s); } };",
      "export default { models: { vanillaRNN: w }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T5': 'errored:permission', 'timeGate.values': 'passed' } },
  },
  {
    name: 'spawns-a-process', attack: 'starts a shell at import',
    files: usingBase("require('node:child_process').execSync('id');"),
    expect: { status: 'load-failed', cause: 'permission', message: /the sandbox denied ChildProcess/ },
  },
  {
    name: 'forge-compiled-message', attack: 'sends the old "compiled" message naming another student\'s file, to have the grader compile it into a cache the child reads',
    files: usingBase("(process as any)._send({ type: 'compiled', files: ['/etc/shadow'] }, undefined, false);"),
    expect: { status: 'load-failed', cause: 'load-failed', message: /sent a message the grader does not accept: a worker message requires a type of loaded, load-failed, result or exit-called, got "compiled"/ },
  },
  {
    name: 'forge-loaded-without-info', attack: 'sends "loaded" without info (crashed the whole class run before)',
    files: usingBase("(process as any)._send({ type: 'loaded' }, undefined, false);"),
    expect: { status: 'load-failed', cause: 'load-failed', message: /a worker message requires info as an object, got undefined/ },
  },
  {
    name: 'forge-result', attack: 'answers an op itself with a result for an id that is not running',
    files: usingBase("const f = { ...rnn, forward(p: any, x: any, s: any) { (process as any)._send({ type: 'result', id: 987654, status: 'ok', value: { output: 42 }, ms: 0 }, undefined, false); return rnn.forward(p, x, s); } };",
      "export default { models: { vanillaRNN: f }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T5': /^errored:bad-output/, 'timeGate.values': 'passed' } },
  },
  {
    name: 'forge-send', attack: 'uses process.send to talk to the grader',
    files: usingBase("process.send!({ type: 'load-failed', error: 'boom' });"),
    expect: { status: 'load-failed', cause: 'permission', message: /process\.send is not available to a submission/ },
  },
  {
    name: 'kill-the-grader', attack: 'process.kill(process.ppid) at import (ended the whole class run before)',
    files: usingBase("process.kill(process.ppid, 'SIGKILL');"),
    expect: { status: 'load-failed', cause: 'permission', message: /process\.kill\(\d+\) is not available to a submission/ },
  },
  {
    name: 'kill-the-grader-raw', attack: 'the internal process._kill binding, around process.kill',
    files: usingBase("(process as any)._kill(process.ppid, 9);"),
    expect: { status: 'load-failed', cause: 'permission', message: /process\._kill\(\d+\) is not available to a submission/ },
  },
  {
    name: 'network', attack: 'connects to a server on the grading machine\'s loopback and listens on a port of its own',
    files: usingBase("const net = require('node:net');\nconst c = net.connect($PORT, '127.0.0.1'); c.on('error', () => undefined); c.on('connect', () => c.write('stolen'));\nnet.createServer((s: any) => s.end('hi')).listen($PORT2, '127.0.0.1').on('error', () => undefined);"),
    expect: { status: 'graded', full: true },
  },
  {
    name: 'patch-tensor-library', attack: 'replaces valueAndGrads, variableGrads, engine().memory and Tensor.prototype.dataSync at import, then runs forward off the tape and leaks',
    files: usingBase(`
const tries: string[] = [];
const attempt = (what: string, f: () => void) => { try { f(); tries.push(what + ': patched'); } catch { tries.push(what + ': refused'); } };
attempt('valueAndGrads', () => { (tf as any).valueAndGrads = () => () => ({ value: tf.scalar(0), grads: [] }); });
attempt('variableGrads', () => { (tf as any).variableGrads = () => ({ value: tf.scalar(0), grads: {} }); });
attempt('memory', () => { (tf.engine() as any).memory = () => ({ numTensors: 0 }); });
attempt('dataSync', () => { (tf.Tensor.prototype as any).dataSync = function () { return new Float32Array(1); }; });
attempt('kernel', () => tf.registerKernel({ kernelName: 'Tanh', backendName: tf.getBackend(), kernelFunc: () => { throw new Error('x'); } } as any));
const offTape = { ...rnn, forward(p: any, x: tf.Tensor2D, s: any) {
  const out = rnn.forward(p, x, s);
  tf.ones([3, 3]);                                   // a leak on every call
  return tf.tensor2d(out.arraySync() as number[][]);  // the values, off the tape
} };`, "export default { author: tries.join('; '), models: { vanillaRNN: offTape }, timeGate };\n"),
    // the harness's training loop finds no path from the loss to a parameter and says so
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T5': 'passed', 'vanillaRNN.gradients.autodiff': 'failed', 'vanillaRNN.hygiene.no-leaks': 'failed', 'vanillaRNN.train.sanity': 'errored:threw' } },
  },
  {
    name: 'patch-the-worker', attack: 'loads the worker script again and tries to replace its ops',
    files: usingBase("const w = require(process.argv[1]);\ntry { if (w && w.ops) w.ops.train = () => ({ status: 'converged' }); } catch { /* frozen */ }"),
    expect: { status: 'graded', full: true },
  },
  {
    name: 'fake-evaluation', attack: 'answers the training loop\'s evaluation batch (its size is public) from the inputs, so the run looks converged while nothing is learned',
    files: usingBase(`
const cheat = { ...rnn, forward(p: any, x: tf.Tensor2D, s: any) {
  if (x.shape[0] !== 256) return rnn.forward(p, x, s);
  // a digit palindrome's label is its first digit: read it off the input
  return tf.tidy(() => tf.add(tf.mul(tf.oneHot(tf.reshape(tf.slice(x, [0, 0], [x.shape[0], 1]), [x.shape[0]]) as tf.Tensor1D, s.numClasses), 50), tf.mul(rnn.forward(p, x, s), 0))) as tf.Tensor2D;
} };`, "export default { models: { vanillaRNN: cheat }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T5': 'passed', 'vanillaRNN.train.sanity': 'failed' } },
  },
  {
    name: 'leaks-off-the-probes', attack: 'leaks tensors except at the public probes\' batch size and length (leaked 91 tensors and passed before)',
    files: usingBase(`
const sly = { ...rnn, forward(p: any, x: tf.Tensor2D, s: any) {
  const [B, T] = x.shape;
  if (!(B === 2 && T === 5)) for (let i = 0; i < 91; i++) tf.zeros([1]);
  return rnn.forward(p, x, s);
} };`, "export default { models: { vanillaRNN: sly }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.hygiene.no-leaks': 'passed', 'vanillaRNN.hidden.no-leaks': 'failed' } },
  },
  {
    name: 'right-only-on-probes', attack: 'computes the model only at the public probes\' batch size, returns noise elsewhere',
    files: usingBase(`
const sly = { ...rnn, forward(p: any, x: tf.Tensor2D, s: any) {
  if (x.shape[0] === 3 || x.shape[0] === 4 || x.shape[0] === 1) return rnn.forward(p, x, s);
  return tf.tidy(() => tf.add(tf.mul(rnn.forward(p, x, s), 0), tf.randomNormal([x.shape[0], s.numClasses]))) as tf.Tensor2D;
} };`, "export default { models: { vanillaRNN: sly }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T5': 'passed', 'vanillaRNN.forward.T50': 'passed', 'vanillaRNN.hidden.forward': 'failed' } },
  },
  {
    name: 'terminal-injection', attack: 'ANSI cursor codes and newlines in the author and in an export key, to rewrite the terminal and grade.log',
    files: usingBase('', "export default { author: 'Eve\\u001b[2J\\u001b[H\\n✓ alice: 140/140', models: { vanillaRNN: rnn, ['gru\\u001b[1A\\r✓ everyone passed']: rnn }, timeGate };\n"),
    expect: { status: 'graded', full: true },
  },
  {
    name: 'markdown-injection', attack: 'an error message with Markdown and HTML, to render live in the pull request\'s job summary',
    files: usingBase("const md = { ...rnn, forward(): tf.Tensor2D { throw new Error('# You passed\\n[claim your grade](https://example.invalid) <img src=x onerror=alert(1)> | table | break |'); } };",
      "export default { models: { vanillaRNN: md }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T5': 'errored:threw', 'timeGate.values': 'passed' } },
  },
  { name: 'identical-copy', attack: 'an identical copy of the honest submission in another folder (was reported as the other student\'s stored result)', files: usingBase(''), expect: { status: 'graded', full: true } },
  {
    name: 'hangs-at-import', attack: 'an endless loop at import', files: { 'index.ts': 'while (true) { /* forever */ }\nexport default {};\n' },
    expect: { status: 'load-failed', cause: 'load-failed', message: /did not finish loading within \d+ s/ },
  },
  {
    name: 'hangs-in-forward', attack: 'forward never returns (cost 10 min of projection and up to an hour of training before)',
    files: usingBase("const stuck = { ...rnn, forward(): tf.Tensor2D { for (;;) { /* forever */ } } };", "export default { models: { vanillaRNN: stuck }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T1': 'timed-out', 'vanillaRNN.forward.T5': 'timed-out', 'vanillaRNN.forward.T50': /^timed-out:not run: vanillaRNN already timed out/, 'timeGate.values': 'passed' } },
  },
  {
    name: 'eats-memory', attack: 'allocates until the machine runs out',
    files: usingBase("const hog = { ...rnn, forward(): tf.Tensor2D { const keep: Float64Array[] = []; for (;;) keep.push(new Float64Array(1 << 27).fill(1)); } };", "export default { models: { vanillaRNN: hog }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T1': 'errored:out-of-memory', 'timeGate.values': 'passed' } },
  },
  {
    name: 'floods-output', attack: 'prints two megabytes to stdout and stderr on every call (hundreds of calls in training)',
    files: usingBase("const loud = { ...rnn, forward(p: any, x: any, s: any) { const line = 'x'.repeat(1 << 16); for (let i = 0; i < 16; i++) { process.stdout.write(line); process.stderr.write(line); } return rnn.forward(p, x, s); } };",
      "export default { models: { vanillaRNN: loud }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T5': 'passed', 'timeGate.values': 'passed' } },
  },
  { name: 'syntax-error', attack: 'does not parse', files: { 'index.ts': 'export default { models: { vanillaRNN: { init( } } };\n' }, expect: { status: 'load-failed', cause: 'load-failed', message: /^syntax error at index\.ts:1:/ } },
  { name: 'no-default-export', attack: 'only named exports', files: withBase("export { rnn, timeGate } from './base';\n"), expect: { status: 'load-failed', cause: 'load-failed', message: /requires a default export/ } },
  {
    name: 'nan-output', attack: 'returns NaN', files: usingBase("const nan = { ...rnn, forward(p: any, x: tf.Tensor2D, s: any) { return tf.tidy(() => tf.mul(rnn.forward(p, x, s), NaN)) as tf.Tensor2D; } };", "export default { models: { vanillaRNN: nan }, timeGate };\n"),
    expect: { status: 'graded', checks: { 'vanillaRNN.forward.T5': 'failed', 'timeGate.values': 'passed' } },
  },
];
