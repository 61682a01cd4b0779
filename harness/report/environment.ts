/**
 * `collectEnvironment(backendInfo)`: the facts every report prints so a run can be
 * reproduced — harness version and git commit, backend and device, tfjs, Node, CPU and
 * platform. Profile, seeds, content hash and times belong to each SubmissionResult.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, platform, release, arch } from 'node:os';
import { join } from 'node:path';
import type { BackendInfo } from '../backend';
import type { Environment } from '../results/types';

const ROOT = join(__dirname, '..', '..');

export function collectEnvironment(backend: Pick<BackendInfo, 'name' | 'tfjsBackend' | 'package' | 'device' | 'tfjsVersion' | 'wasmMatMulPatch'>): Environment {
  const cores = cpus();
  return {
    harnessVersion: harnessVersion(),
    commit: gitCommit(),
    backend: backend.name,
    backendDetail: `${backend.package} (tfjs backend "${backend.tfjsBackend}"${backend.wasmMatMulPatch ? ', wasm matMul fix' : ''})`,
    device: backend.device,
    tfjsVersion: backend.tfjsVersion,
    nodeVersion: process.version,
    cpu: cores.length ? `${cores[0].model.trim()} × ${cores.length}` : 'unknown',
    platform: `${platform()} ${release()} ${arch()}`,
  };
}

function harnessVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** HEAD's commit, with `-dirty` when tracked files differ from it; `unknown` outside a git checkout. */
export function gitCommit(cwd: string = ROOT): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
}
