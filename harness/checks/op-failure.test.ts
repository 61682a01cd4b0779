/** What a student reads when an op did not return: the wording, cause by cause. */
import type { OpError } from '../worker/types';
import { OP_FAILURE_HINTS, opFailure, timedOutHint } from './op-failure';

const errored = (error: OpError) => ({ status: 'errored' as const, error, ms: 3 });

test('a time-out names the call and the limit in seconds', () => {
  expect(opFailure({ status: 'timed-out', limitMs: 1500, ms: 1500 }, 'models.lstm.forward')).toEqual({
    status: 'timed-out', limitMs: 1500,
    hint: 'models.lstm.forward did not finish within 1.5 s; look for a loop that never ends (e.g. a while over time steps whose counter never grows) or a very slow implementation (e.g. a Python-style loop over batch elements).',
  });
  expect(timedOutHint('the check', 60_000)).toMatch(/^the check did not finish within 60\.0 s; /);
});

test('an exception keeps its class unless it is a plain Error', () => {
  expect(opFailure(errored({ cause: 'threw', name: 'TypeError', message: 'x.shape is undefined' }), 'models.gru.forward')).toEqual({
    status: 'errored', cause: 'threw', message: 'models.gru.forward: TypeError: x.shape is undefined', hint: OP_FAILURE_HINTS.threw,
  });
  expect(opFailure(errored({ cause: 'threw', name: 'Error', message: 'boom' }), 'models.gru.init')).toMatchObject({ message: 'models.gru.init: boom' });
  expect(opFailure(errored({ cause: 'threw', name: 'non-Error', message: 'threw the number 42 instead of an Error' }), 'timeGate'))
    .toMatchObject({ message: 'timeGate: threw the number 42 instead of an Error' });
});

test('every other cause gets its own fix, and the message is not prefixed with the error class', () => {
  expect(opFailure(errored({ cause: 'exited', name: 'ExitCalled', message: 'process.exit(1) was called' }), 'models.gat.forward')).toEqual({
    status: 'errored', cause: 'exited', message: 'models.gat.forward: process.exit(1) was called',
    hint: 'Your code called process.exit; a library function must return or throw, never end the process. Remove the call.',
  });
  expect(opFailure(errored({ cause: 'permission', name: 'ERR_ACCESS_DENIED', message: 'the sandbox denied FileSystemWrite' }), 'models.gcn.forward'))
    .toMatchObject({ cause: 'permission', message: 'models.gcn.forward: the sandbox denied FileSystemWrite' });
  expect(opFailure(errored({ cause: 'bad-output', name: 'Error', message: 'forward returned a number' }), 'models.lstm.forward').hint)
    .toBe('Return what the contract asks for (harness/contract.ts): a tensor of the documented shape, or a record of parameter tensors.');
});

test('an error named NotSubmitted is a missing part, whatever cause it came with', () => {
  expect(opFailure(errored({ cause: 'threw', name: 'NotSubmitted', message: 'models.biLSTM is not in the default export' }), 'models.biLSTM.init')).toEqual({
    status: 'errored', cause: 'not-submitted', message: 'models.biLSTM.init: models.biLSTM is not in the default export',
    hint: 'Not submitted: export it under the contract\'s name in your default export (see submissions/README.md).',
  });
});
