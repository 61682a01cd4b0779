/** `npm run fixtures`: the committed fixtures check out; unknown options and generators are refused. */
import { main } from './fixtures';

test('--check with a generator name compares its fixtures and writes nothing', async () => {
  const lines: string[] = [];
  await expect(main(['--check', 'graph'], (l) => lines.push(l))).resolves.toBe(0);
  expect(lines).toEqual([expect.stringMatching(/^fixtures: \d+ files up to date$/)]);
});

test('an unknown option exits 2; an unknown generator names the known ones', async () => {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await expect(main(['--bogus'])).resolves.toBe(2);
  } finally {
    stderr.mockRestore();
  }
  await expect(main(['--check', 'nope'])).rejects.toThrow('npm run fixtures requires generator names among graph, part1, got nope');
});
