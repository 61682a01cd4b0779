import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main as stepSummaryMain } from '../harness/cli/step-summary';
import { changedSubmissions } from '../harness/discover';
import { writeReports } from '../harness/report';
import { ENV, generatedClass } from '../harness/report/test-helpers/fixtures';

const root = join(__dirname, '..');
const load = (name: string) => parse(readFileSync(join(root, '.github', 'workflows', name), 'utf8'));
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;

interface Step { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; name?: string; id?: string }
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

  it('runs on pull requests that touch submissions, with a read-only token (checks: write for the test view only)', () => {
    expect(wf.on.pull_request.paths).toEqual(['submissions/**']);
    expect(wf.permissions).toEqual({ contents: 'read', checks: 'write' });
  });

  it('checks out the base branch, not the pull request, with full history and no stored credentials', () => {
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout'));
    expect(checkout?.with).toEqual({ ref: '${{ github.event.pull_request.base.sha }}', 'fetch-depth': 0, 'persist-credentials': false });
    expect(wf.env.BASE_SHA).toBe('${{ github.event.pull_request.base.sha }}');
    expect(wf.env.HEAD_SHA).toBe('${{ github.event.pull_request.head.sha }}');
    expect(runs(steps)).toContain('npm ci');
  });

  it('grades only the changed submissions with the quick profile, as students see it, failing below a score', () => {
    const grade = runs(steps).find((r) => r.includes('npm run grade'));
    expect(grade).toBeDefined();
    expect(grade).toMatch(/--changed "\$BASE_SHA"/);
    expect(grade).toMatch(/--profile quick/);
    expect(grade).toMatch(/--audience student/);
    expect(grade).toMatch(/--out reports\/pr/);
    expect(grade).toMatch(/--fail-under "\$FAIL_UNDER"/);
    expect(wf.env.FAIL_UNDER).toMatch(/vars\.NETGRADE_FAIL_UNDER/);
    expectScriptsExist(steps);
  });

  it('publishes the JUnit files to a test view with a pinned, well-kept action, even when grading fails', () => {
    const view = steps.find((s) => s.uses?.startsWith('mikepenz/action-junit-report@'));
    expect(view?.uses).toMatch(/@v\d+(\.\d+){0,2}$/);
    expect(view?.if).toMatch(/^always\(\)/);
    expect(view?.with?.report_paths).toBe('reports/pr/*/junit.xml');
    // forks get a read-only token: annotations and the job summary instead of a check run
    expect(view?.with?.annotate_only).toBe('${{ github.event.pull_request.head.repo.fork }}');
    expect(view?.with?.fail_on_failure).toBe(false);
  });

  it('writes a compact summary with the artifact link and uploads the reports even when grading fails', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.if).toBe('always()');
    expect(upload?.with?.path).toBe('reports/pr');
    const summary = steps.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'));
    expect(summary?.if).toBe('always()');
    expect(summary?.run).toContain('npx tsx harness/cli/step-summary.ts reports/pr --details --artifact-url "$ARTIFACT_URL"');
    expect(existsSync(join(root, 'harness', 'cli', 'step-summary.ts'))).toBe(true);
    expect((summary as Step & { env: Record<string, string> }).env.ARTIFACT_URL).toBe('${{ steps.upload.outputs.artifact-url }}');
    expect(steps.indexOf(upload as Step)).toBeLessThan(steps.indexOf(summary as Step));
  });

  /**
   * The "take only submissions/" step replayed in real git repositories: an origin whose
   * pull request changes a submission, adds one, deletes one, and edits the harness.
   */
  it('takes only the files the pull request adds or changes under submissions/; the harness stays the base branch\'s', () => {
    const take = steps.find((s) => s.name?.startsWith('Take only submissions/'))?.run as string;
    expect(take).toBeDefined();
    const tmp = mkdtempSync(join(tmpdir(), 'netgrade-pr-'));
    try {
      const sh = (cmd: string, cwd: string, env: Record<string, string> = {}) =>
        execFileSync('bash', ['-eo', 'pipefail', '-c', cmd], { cwd, encoding: 'utf8', env: { ...process.env, ...env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const dev = join(tmp, 'dev');
      sh(`git init -q -b main dev && cd dev && mkdir -p harness submissions/ana submissions/ben && echo base > harness/rubric.json \
        && echo ana1 > submissions/ana/index.ts && echo ben1 > submissions/ben/index.ts && git add -A && git commit -qm base`, tmp);
      const base = sh('git rev-parse HEAD', dev).trim();
      sh(`git checkout -qb pr && echo ana2 > submissions/ana/index.ts && mkdir -p "submissions/cleo dee" && echo cleo > "submissions/cleo dee/index.ts" \
        && git rm -q submissions/ben/index.ts && echo full-marks > harness/rubric.json && git add -A && git commit -qm pr`, dev);
      const head = sh('git rev-parse HEAD', dev).trim();
      sh(`git clone -q --bare dev origin.git && cd origin.git && git update-ref refs/pull/7/head ${head} && git branch -q -D pr`, tmp);
      sh(`git clone -q origin.git ci && cd ci && git checkout -q ${base}`, tmp);
      const ci = join(tmp, 'ci');
      const out = execFileSync('bash', ['-e', '-c', take], { cwd: ci, encoding: 'utf8', env: { ...process.env, BASE_SHA: base, HEAD_SHA: head, PR_NUMBER: '7' } });
      expect(out).toMatch(/^::warning::This pull request also changes files outside submissions\/ \(harness\/rubric\.json \)/m);
      expect(readFileSync(join(ci, 'harness', 'rubric.json'), 'utf8')).toBe('base\n');
      expect(readFileSync(join(ci, 'submissions', 'ana', 'index.ts'), 'utf8')).toBe('ana2\n');
      expect(readFileSync(join(ci, 'submissions', 'cleo dee', 'index.ts'), 'utf8')).toBe('cleo\n');
      expect(readFileSync(join(ci, 'submissions', 'ben', 'index.ts'), 'utf8')).toBe('ben1\n');
      // and --changed "$BASE_SHA" then picks exactly the pull request's submissions
      expect(changedSubmissions(base, join(ci, 'submissions'), ci)).toEqual(['ana', 'cleo dee']);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
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

  it('writes one compact class summary (a row per submission, the artifact link), never the per-submission summaries', async () => {
    const steps: Step[] = wf.jobs.merge.steps;
    const summary = steps.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY')) as Step & { env: Record<string, string> };
    expect(summary.run).toBe('npx tsx harness/cli/step-summary.ts reports/class --artifact-url "$ARTIFACT_URL" >> "$GITHUB_STEP_SUMMARY"');
    expect(summary.env.ARTIFACT_URL).toBe('${{ steps.upload.outputs.artifact-url }}');
    expect(summary.run).not.toMatch(/summary\.md/);
    // the command on a real merged run of 60 submissions
    const dir = mkdtempSync(join(tmpdir(), 'netgrade-class-summary-'));
    try {
      await writeReports(dir, generatedClass(60), ENV, { audience: 'instructor' });
      let printed = '';
      expect(stepSummaryMain([dir, '--artifact-url', 'https://example.invalid/a/1'], (t) => { printed += t; })).toBe(0);
      const rows = printed.split('\n').filter((l) => l.startsWith('| student-') || l.startsWith('| reference'));
      expect(rows).toHaveLength(61);
      expect(printed).toContain('[the artifact](https://example.invalid/a/1)');
      expect(Buffer.byteLength(printed)).toBeLessThan(8 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => stepSummaryMain([join(tmpdir(), 'no-such-run')], () => undefined)).toThrow(/step-summary requires a run directory with class-summary\.md/);
  });
});
