/**
 * Backend selection. Order when nothing is forced: tfjs-node-gpu (CUDA), tfjs-node
 * (native CPU), WebAssembly (the embedded default; installs from the npm registry alone),
 * pure-JS CPU as the last resort. `--backend` or NETGRADE_BACKEND forces one; a forced
 * backend that cannot load is an error, never a silent fallback.
 */
import * as tf from '@tensorflow/tfjs';
import { patchWasmMatMul } from './wasm-matmul';
import { patchWasmSlice } from './wasm-slice';
import { patchWasmGather } from './wasm-gather';
import { patchWasmIdentity } from './wasm-identity';
import { registerWasmSegmentSum } from './wasm-segment-sum';

export const BACKEND_NAMES = ['node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface Skipped { backend: BackendName; reason: string }

export interface BackendInfo {
  /** netgrade's name of the backend that runs */
  name: BackendName;
  /** tfjs's own backend name (`tensorflow`, `wasm`, `cpu`) */
  tfjsBackend: string;
  /** the package that provides it */
  package: string;
  /** why this one was chosen */
  reason: string;
  /** the backends tried before it, with the reason each was skipped */
  skipped: Skipped[];
  tfjsVersion: string;
  /** CPU or GPU, as far as the backend tells */
  device: 'cpu' | 'gpu';
  /** the wasm transposed-matmul kernel fix is installed */
  wasmMatMulPatch: boolean;
  /** the wasm Slice/Unpack/SplitV fix (no whole-tensor copy per slice) is installed */
  wasmSlicePatch?: boolean;
  /** the wasm GatherV2 fix (row copies instead of per-element indexing) is installed */
  wasmGatherPatch?: boolean;
  /** the wasm Identity fix (a clone shares its source's buffer instead of copying it) is installed */
  wasmIdentityPatch?: boolean;
}

const PACKAGES: Record<BackendName, string> = {
  'node-gpu': '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs (cpu)',
};

export const UNKNOWN_BACKEND = (given: string) =>
  `--backend / NETGRADE_BACKEND requires one of ${BACKEND_NAMES.join(', ')}, got "${given}".`;

export function parseBackendName(given: string | undefined): BackendName | undefined {
  if (given === undefined || given === '' || given === 'auto') return undefined;
  if ((BACKEND_NAMES as readonly string[]).includes(given)) return given as BackendName;
  throw new Error(UNKNOWN_BACKEND(given));
}

function message(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].slice(0, 200);
}

/** Loading a native package registers the `tensorflow` backend as a side effect. */
function loadNative(pkg: string): void {
  require(pkg);
}

async function tryActivate(name: BackendName): Promise<string | null> {
  try {
    if (name === 'node-gpu' || name === 'node') {
      loadNative(PACKAGES[name]);
      if (!(await tf.setBackend('tensorflow'))) return 'the tensorflow backend did not initialise';
      return null;
    }
    if (name === 'wasm') {
      await import('@tensorflow/tfjs-backend-wasm');
      if (!(await tf.setBackend('wasm'))) return 'the wasm backend did not initialise';
      return null;
    }
    if (!(await tf.setBackend('cpu'))) return 'the cpu backend did not initialise';
    return null;
  } catch (e) {
    const text = message(e);
    if (/Cannot find module/.test(text)) return `${PACKAGES[name]} is not installed`;
    return `${PACKAGES[name]} failed to load: ${text}`;
  }
}

let active: BackendInfo | undefined;

/**
 * Choose and activate a backend once per process. `forced` (from `--backend`) wins over
 * NETGRADE_BACKEND; both win over the automatic order.
 */
export async function selectBackend(forced?: string): Promise<BackendInfo> {
  const wanted = parseBackendName(forced ?? process.env.NETGRADE_BACKEND);
  if (active && (!wanted || wanted === active.name)) return active;
  const order: BackendName[] = wanted ? [wanted] : [...BACKEND_NAMES];
  const skipped: Skipped[] = [];
  for (const name of order) {
    const failure = await tryActivate(name);
    if (failure) {
      if (wanted) throw new Error(`backend "${wanted}" was requested but cannot run: ${failure}.`);
      skipped.push({ backend: name, reason: failure });
      continue;
    }
    await tf.ready();
    const patched = name === 'wasm' ? patchWasmMatMul() : false;
    const slicePatched = name === 'wasm' ? patchWasmSlice() : false;
    const gatherPatched = name === 'wasm' ? patchWasmGather() : false;
    const identityPatched = name === 'wasm' ? patchWasmIdentity() : false;
    if (name === 'wasm') registerWasmSegmentSum();
    active = {
      name,
      tfjsBackend: tf.getBackend(),
      package: PACKAGES[name],
      reason: wanted ? `forced by ${forced ? '--backend' : 'NETGRADE_BACKEND'}` : 'first loadable backend in the order node-gpu, node, wasm, cpu',
      skipped,
      tfjsVersion: tf.version.tfjs,
      device: name === 'node-gpu' ? 'gpu' : 'cpu',
      wasmMatMulPatch: patched,
      wasmSlicePatch: slicePatched,
      wasmGatherPatch: gatherPatched,
      wasmIdentityPatch: identityPatched,
    };
    return active;
  }
  throw new Error(`no TensorFlow.js backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}.`);
}

/** One line for logs and reports: which backend runs and why the others were skipped. */
export function describeBackend(info: BackendInfo): string {
  const skipped = info.skipped.length ? ` (skipped: ${info.skipped.map((s) => `${s.backend} — ${s.reason}`).join('; ')})` : '';
  return `backend: ${info.name} [${info.package}, tfjs ${info.tfjsVersion}, ${info.device}] — ${info.reason}${skipped}`;
}
