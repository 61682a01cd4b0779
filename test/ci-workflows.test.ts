import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');
const load = (name: string) => parse(readFileSync(join(root, '.github', 'workflows', name), 'utf8'));
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;

interface Step { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; name?: string }
const runs = (steps: Step[]) => steps.filter((s) => s.run).map((s) => s.run as string);
/** every `npm run <script>` a workflow calls must exist in package.json */
function expectScriptsExist(steps: Step[]): void {
  for (const cmd of runs(steps)) {
    for (const m of cmd.matchAll(/npm run ([\w:-]+)/g)) expect(Object.keys(scripts)).toContain(m[1]);
  }
}

describe('the pull-request workflow', () => {
  const wf = load('grade.yml');
  const steps: Step[] = wf.jobs.grade.steps;

  it('runs on pull requests that touch submissions', () => {
    expect(wf.on.pull_request.paths).toEqual(['submissions/**']);
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('checks out full history so --changed can diff against the base branch', () => {
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    expect(runs(steps)).toContain('npm ci');
  });

  it('grades only the changed submissions with the quick profile, as students see it, failing below a score', () => {
    const grade = runs(steps).find((r) => r.includes('npm run grade'));
    expect(grade).toBeDefined();
    expect(grade).toMatch(/--changed "origin\/\$\{\{ github\.base_ref \}\}"/);
    expect(grade).toMatch(/--profile quick/);
    expect(grade).toMatch(/--audience student/);
    expect(grade).toMatch(/--fail-under "\$FAIL_UNDER"/);
    expect(wf.env.FAIL_UNDER).toMatch(/vars\.NETGRADE_FAIL_UNDER/);
    expectScriptsExist(steps);
  });

  it('writes the Markdown summary and uploads the reports even when grading fails', () => {
    const summary = steps.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'));
    expect(summary?.if).toBe('always()');
    expect(summary?.run).toMatch(/summary\.md/);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.if).toBe('always()');
    expect(upload?.with?.path).toBe('reports/pr');
  });
});

describe('the class benchmark workflow', () => {
  const wf = load('class-benchmark.yml');

  it('is triggered by hand (profile, shards) or on a schedule', () => {
    expect(Object.keys(wf.on.workflow_dispatch.inputs).sort()).toEqual(['profile', 'shards']);
    expect(wf.on.schedule[0].cron).toMatch(/^[\d*]+ [\d*]+ [\d*]+ [\d*]+ [\d*]+$/);
  });

  it('fans the shards out over a matrix computed from the shard count', () => {
    expect(wf.jobs.bench.needs).toBe('plan');
    expect(wf.jobs.bench.strategy.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    expect(wf.jobs.bench.strategy['fail-fast']).toBe(false);
    const grade = runs(wf.jobs.bench.steps).find((r) => r.includes('npm run grade'));
    expect(grade).toMatch(/--shard "\$\{\{ matrix\.shard \}\}\/\$SHARDS"/);
    expect(grade).toMatch(/--profile "\$PROFILE"/);
    expectScriptsExist(wf.jobs.bench.steps);
  });

  it('the plan step prints the shard list 1..n as JSON', () => {
    const plan = wf.jobs.plan.steps[0].run as string;
    const script = plan.match(/node -e '([^']+)'/)?.[1];
    expect(script).toBeDefined();
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    const printed = execFileSync('node', ['-e', script as string], { env: { ...process.env, SHARDS: '3' }, encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual([1, 2, 3]);
  });

  it('merges every shard into one report in a final job', () => {
    expect(wf.jobs.merge.needs).toBe('bench');
    const download = wf.jobs.merge.steps.find((s: Step) => s.uses?.startsWith('actions/download-artifact'));
    expect(download.with.pattern).toBe('shard-*');
    const merge = runs(wf.jobs.merge.steps).find((r) => r.includes('npm run report'));
    expect(merge).toMatch(/--merge reports\/shards\/shard-\*/);
    expectScriptsExist(wf.jobs.merge.steps);
    const uploads = wf.jobs.merge.steps.filter((s: Step) => s.uses?.startsWith('actions/upload-artifact'));
    expect(uploads[0].with.path).toBe('reports/class');
  });
});
