/**
 * The one place the orchestrator turns anything thrown (by a check, a handle, a reporter)
 * into an Error with a readable message — including `throw 42` and `throw 'oops'`.
 */
import { toOpError } from '../worker/op-error';

export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  const described = toOpError(thrown);
  const e = new Error(described.message);
  e.name = described.name;
  return e;
}
