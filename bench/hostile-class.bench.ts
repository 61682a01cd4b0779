/**
 * A whole hostile class under the quick profile, experiments included: the 33 attacks of
 * test/hostile/attacks.ts, the honest submission, submissions/example-buggy and the
 * reference, graded by `npm run grade` (a fresh process, two lanes, with a secret) exactly as
 * an instructor would. Prints the wall time (issue 12's bound: under 15 minutes on a 2-core
 * machine) and checks that every submission has a result and a report.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BenchOptions } from '../harness/cli/bench';
import { referenceSubmission } from '../harness/sandbox/bundle';
import { PROJECT_ROOT } from '../harness/sandbox/paths';
import { ATTACKS, HONEST } from '../test/hostile/attacks';

export default async function run({ quick }: BenchOptions): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'netgrade-hostile-class-'));
  try {
    const classDir = join(work, 'class');
    const attacks = quick ? ATTACKS.slice(0, 6) : ATTACKS;
    for (const a of [HONEST, ...attacks]) {
      const files = a.name === 'identical-copy' ? HONEST.files : a.files;
      for (const [file, source] of Object.entries(files)) {
        mkdirSync(dirname(join(classDir, a.name, file)), { recursive: true });
        // the network attack's ports: nothing listens on them here
        writeFileSync(join(classDir, a.name, file), source.replace('$PORT2', '9').replace('$PORT', '9'));
      }
      for (const [link, target] of Object.entries(a.links ?? {})) {
        symlinkSync(target.replace('$PROJECT', PROJECT_ROOT).replace('$PEER', join(classDir, HONEST.name)).replace('$REPORTS', join(PROJECT_ROOT, 'reports')), join(classDir, a.name, link));
      }
    }
    cpSync(join(PROJECT_ROOT, 'submissions', 'example-buggy'), join(classDir, 'example-buggy'), { recursive: true });
    const secret = join(work, 'secret');
    writeFileSync(secret, 'hostile-class-benchmark-secret');
    const folders = [HONEST, ...attacks].map((a) => join(classDir, a.name)).concat(join(classDir, 'example-buggy'), referenceSubmission().dir);
    const out = join(work, 'run');
    console.log(`grading ${folders.length} submissions (${attacks.length} attacks, the honest one, example-buggy, the reference), quick profile, experiments on, 2 lanes, a secret …`);
    const started = Date.now();
    const graded = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'harness/cli/grade.ts', ...folders,
      '--profile', 'quick', '--out', out, '--jobs', '2', '--secret-file', secret], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wall = (Date.now() - started) / 1000;
    const names = folders.map((f) => f.split('/').at(-1)!);
    const missing = names.filter((n) => !existsSync(join(out, n, 'results.json')) || !existsSync(join(out, n, 'report.html')));
    const tail = graded.stdout.split('\n').filter((l) => /^(reports:|experiments took|experiments:)/.test(l));
    for (const line of tail) console.log(`  ${line}`);
    console.log(`wall time ${(wall / 60).toFixed(1)} min for ${names.length} submissions (exit ${graded.status}); bound: 15 min`);
    console.log(missing.length ? `MISSING a result or report: ${missing.join(', ')}` : `every submission has a result and a report (${names.length})`);
    if (graded.status !== 0 && graded.status !== 1) console.log(`grade exited ${graded.status}`);
    if (graded.stderr.trim()) console.log(`stderr: ${graded.stderr.trim().split('\n').slice(-8).join('\n  ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
