import { Bench } from 'tinybench';

// tinybench is ESM-only; this guards the one module decision (swc transforms it for jest).
it('loads the ESM-only tinybench under jest and runs a task', async () => {
  const bench = new Bench({ iterations: 5, time: 0, warmupIterations: 0, warmupTime: 0 });
  let calls = 0;
  bench.add('count', () => { calls++; });
  await bench.run();
  expect(calls).toBeGreaterThanOrEqual(5);
  expect(bench.tasks[0].result).toBeDefined();
});
