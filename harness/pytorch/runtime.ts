/**
 * The Python interpreter that has PyTorch, found once per grading process: `NETGRADE_PYTHON`
 * when set, else the first of `/usr/bin/python3` (Debian's python3-torch installs there) and
 * `python3` (often a pyenv or venv without torch) that imports torch. None → PyTorch
 * submissions are reported {@link NO_RUNTIME} and nothing else changes.
 */
import { spawnSync } from 'node:child_process';

export const NO_RUNTIME = 'not graded: PyTorch runtime not found (install python3-torch or `pip install torch`)';

export interface PythonRuntime { python: string; torch: string; cuda: boolean }

const PROBE = 'import sys, torch; print(torch.__version__, int(torch.cuda.is_available()))';

let found: PythonRuntime | null | undefined;

/** The interpreter with torch (cached), or null. */
export function pythonRuntime(): PythonRuntime | null {
  if (found !== undefined) return found;
  const candidates = process.env.NETGRADE_PYTHON ? [process.env.NETGRADE_PYTHON] : ['/usr/bin/python3', 'python3'];
  found = null;
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', PROBE], { encoding: 'utf8', timeout: 120_000 });
    const m = r.status === 0 ? /^(\S+) ([01])\s*$/.exec(r.stdout) : null;
    if (m) { found = { python, torch: m[1], cuda: m[2] === '1' }; break; }
  }
  return found;
}

/** Forget the cached answer (tests that point NETGRADE_PYTHON elsewhere). */
export function resetPythonRuntime(): void {
  found = undefined;
}
