/** Where things are, for both sides of the sandbox (plain constants, no imports of either side). */
import { join, resolve } from 'node:path';

/** The repository root (the folder holding package.json and node_modules). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');
/** Git-ignored cache of derived files (type-check results). */
export const CACHE_DIR = join(PROJECT_ROOT, '.netgrade-cache');
/** Modules a submission may import, wherever its folder is (passed as NODE_PATH). */
export const NODE_MODULES = join(PROJECT_ROOT, 'node_modules');
