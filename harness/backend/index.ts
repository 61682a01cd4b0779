/** Backend selection and the wasm kernel fix. */
export { selectBackend, describeBackend, parseBackendName, BACKEND_NAMES } from './select';
export type { BackendInfo, BackendName, Skipped } from './select';
export { patchWasmMatMul } from './wasm-matmul';
export { patchWasmSlice } from './wasm-slice';
export { patchWasmGather } from './wasm-gather';
export { patchWasmIdentity } from './wasm-identity';
export { registerWasmSegmentSum } from './wasm-segment-sum';
