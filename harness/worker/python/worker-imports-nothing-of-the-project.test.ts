/**
 * The answer key never reaches a PyTorch submission's process: the Python worker imports
 * the standard library and torch only (and, by name, the student's own files), never a file
 * of netgrade — it is copied alone beside the submission's private copy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const source = readFileSync(join(__dirname, 'worker.py'), 'utf8');

test('worker.py imports only the standard library and torch', () => {
  const imported = new Set<string>();
  for (const m of source.matchAll(/^\s*(?:import\s+([\w., ]+?)(?:\s+as\s+\w+)?|from\s+([\w.]+)\s+import\b.*)$/gm)) {
    const names = m[1] ? m[1].split(',').map((n) => n.trim().split(/\s+as\s+/)[0]) : [m[2]];
    for (const n of names) imported.add(n.split('.')[0]);
  }
  expect([...imported].sort()).toEqual(['base64', 'inspect', 'json', 'math', 'os', 'resource', 'sys', 'time', 'torch', 'traceback']);
});

test('the only dynamic import is a template file of the submission, by its module name', () => {
  const dynamic = [...source.matchAll(/__import__\(([^)]*)\)/g)].map((m) => m[1]);
  expect(dynamic).toEqual(['file']);
  expect(source).toMatch(/"2020": \{"lstm": \("lstm", "LSTM"\), "peepLSTM": \("peep_lstm", "peepLSTM"\)/);
});
