import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectEnvironment, gitCommit } from './index';

const backend = { name: 'wasm', tfjsBackend: 'wasm', package: '@tensorflow/tfjs-backend-wasm', device: 'cpu', tfjsVersion: '4.22.0', wasmMatMulPatch: true } as const;

test('collectEnvironment records harness version and commit, backend, tfjs, Node and CPU', () => {
  const env = collectEnvironment(backend);
  const root = join(__dirname, '..', '..');
  expect(env.harnessVersion).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  expect(head.startsWith(env.commit.replace(/-dirty$/, ''))).toBe(true);
  expect(env.commit).toMatch(/^[0-9a-f]{12}(-dirty)?$/);
  expect(env).toMatchObject({ backend: 'wasm', device: 'cpu', tfjsVersion: '4.22.0', nodeVersion: process.version });
  expect(env.backendDetail).toBe('@tensorflow/tfjs-backend-wasm (tfjs backend "wasm", wasm matMul fix)');
  expect(env.cpu).toMatch(new RegExp(` × ${cpus().length}$`));
});

test('gitCommit is "unknown" outside a git checkout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netgrade-nogit-'));
  try {
    expect(gitCommit(dir)).toBe('unknown');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
