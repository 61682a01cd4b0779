/**
 * The one place a thrown value becomes an {@link OpError}. Runs inside the submission's
 * process (and in-process), so it imports nothing from the orchestrator.
 *
 * Ops signal a specific cause by throwing an Error whose `cause` is an {@link ErrorCause}
 * string (`new Error('…', { cause: 'bad-output' })`) or that has a `reason` field with one.
 */
import type { ErrorCause, OpError } from './types';

export const ERROR_CAUSES: readonly ErrorCause[] = ['threw', 'bad-output', 'crashed', 'exited', 'out-of-memory', 'permission', 'load-failed', 'not-submitted'];
const isCause = (v: unknown): v is ErrorCause => typeof v === 'string' && (ERROR_CAUSES as readonly string[]).includes(v);

/** Thrown by the intercepted `process.exit` inside the sandbox. */
export class ExitCalled extends Error {
  constructor(readonly code: number | string | undefined) {
    super(`process.exit(${code ?? ''}) was called`, { cause: 'exited' });
    this.name = 'ExitCalled';
  }
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 200))}`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `the ${typeof v} ${String(v)}`;
  if (typeof v === 'symbol') return `a symbol ${String(v)}`;
  try {
    return `an object ${JSON.stringify(v).slice(0, 200)}`;
  } catch {
    return 'an object';
  }
}

/** Anything thrown → a plain-data OpError (never throws itself). */
export function toOpError(thrown: unknown): OpError {
  if (thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && 'message' in thrown && 'name' in thrown)) {
    const e = thrown as Error & { code?: string; permission?: string; resource?: string; reason?: unknown };
    const stack = typeof e.stack === 'string' ? e.stack.split('\n').slice(0, 12).join('\n') : undefined;
    if (e.code === 'ERR_ACCESS_DENIED') {
      const what = e.permission ? `${e.permission}${e.resource ? ` of ${e.resource}` : ''}` : 'a restricted API';
      return { cause: 'permission', name: 'ERR_ACCESS_DENIED', message: `the sandbox denied ${what}`, stack };
    }
    const cause: ErrorCause = isCause(e.cause) ? e.cause : isCause(e.reason) ? e.reason : 'threw';
    return { cause, name: String(e.name || 'Error'), message: String(e.message), stack };
  }
  return { cause: 'threw', name: 'non-Error', message: `threw ${describeValue(thrown)} instead of an Error`, stack: undefined };
}
