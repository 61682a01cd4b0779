/**
 * The independent validators the report tests run on real output, each the tool its
 * users' software applies: xmllint with Jenkins xUnit's junit-10.xsd, the Nu HTML Checker
 * (vnu.jar on Debian's JRE), and axe-core injected into Debian's Chromium. Expected
 * values come from these tools, never from the code under test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
export const JUNIT_XSD = join(ROOT, 'test', 'schemas', 'junit-10.xsd');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const NEEDS = (tool: string, fix: string, got: string) => `the report validators require ${tool}, got ${got}. Fix: ${fix}`;

/** xmllint's schema errors for each file (an empty list when every file validates). */
export function xmllintErrors(files: string[], xsd = JUNIT_XSD): string[] {
  if (spawnSync('xmllint', ['--version']).error) throw new Error(NEEDS('xmllint', 'apt-get install -y libxml2-utils', 'no xmllint on PATH'));
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd, ...files], { encoding: 'utf8' });
  return r.stderr.split('\n').filter((l) => l.includes('error'));
}

export interface VnuMessage { type: string; subType?: string; message: string; url: string; extract?: string }

/** The Nu HTML Checker's errors (type "error" or a fatal "non-document-error") for the given files. */
export function vnuErrors(files: string[]): VnuMessage[] {
  const jar = join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  if (!existsSync(jar)) throw new Error(NEEDS('vnu.jar', 'npm ci (vnu-jar is a dev dependency)', `nothing at ${jar}`));
  if (spawnSync('java', ['-version']).error) throw new Error(NEEDS('java', 'apt-get install -y default-jre-headless', 'no java on PATH'));
  const r = spawnSync('java', ['-jar', jar, '--format', 'json', '--errors-only', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const { messages } = JSON.parse(r.stderr) as { messages: VnuMessage[] };
  return messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
}

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: number; file: string }

/** axe-core's violations of impact serious or critical (or all, with `minimum: 'minor'`) on each file, opened in Chromium. */
export async function axeViolations(context: BrowserContext, files: string[], minimum: 'minor' | 'serious' = 'serious'): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const out: AxeViolation[] = [];
  for (const file of files) {
    const page = await context.newPage();
    const url = pathToFileURL(file).href;
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: source });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }> }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
    });
    await page.close();
    for (const v of violations) {
      if (minimum === 'minor' || v.impact === 'serious' || v.impact === 'critical') out.push({ ...v, file });
    }
  }
  return out;
}
