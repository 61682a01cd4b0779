/**
 * Discovery — the first phase: which folders are submissions, their content hashes, and
 * the type-check pass against the contract.
 */
export { discoverRoot, discoverPaths, discoverOne, entryOf, ENTRY_FILES, NO_INDEX, NOT_A_FOLDER, HOLDS_FIXTURES } from './find';
export type { DiscoveredSubmission, DiscoveryProblem, Discovery } from './find';
export { contentHash, listFiles } from './hash';
export { typeCheck, typeCheckCached, cachedTypeCheck } from './typecheck';
export { typeCheckInBackground } from './typecheck-process';
export { changedSubmissions } from './changed';
