/**
 * The acceptance test of the HTML reports: open them from disk in real headless Chromium
 * (Debian's `chromium`, which `.ci/run` installs) and check what a reader would see.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { writeReports } from './index';
import { classResults, ENV } from './test-helpers/fixtures';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', 'reports', 'screenshots');

let runDir: string;
let profileDir: string;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the browser test requires Debian's chromium at ${CHROMIUM}, got nothing there. Fix: apt-get install -y chromium`);
  runDir = mkdtempSync(join(tmpdir(), 'netgrade-report-'));
  profileDir = mkdtempSync(join(tmpdir(), 'netgrade-chromium-'));
  await writeReports(runDir, classResults(), ENV, { audience: 'student', now: new Date('2026-11-21T12:00:00Z') });
  context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1200, height: 900 } });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  rmSync(runDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

/** Open a report; every request other than the file itself is recorded and refused. */
async function open(relative: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const url = pathToFileURL(join(runDir, relative)).href;
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests };
}

async function chartsOf(page: Page) {
  return page.$$eval('figure.chart', (figures) => figures.map((f) => {
    const svg = f.querySelector('svg');
    const box = svg?.getBoundingClientRect();
    return {
      name: f.getAttribute('data-chart'),
      width: box?.width ?? 0,
      height: box?.height ?? 0,
      paths: svg ? Array.from(svg.querySelectorAll('path')).filter((p) => (p.getAttribute('d') ?? '').length > 10).length : 0,
    };
  }));
}

describe('a submission report in Chromium', () => {
  test('loads with no console errors and no network, shows every chart, and its failed checks expand', async () => {
    const { page, errors, requests } = await open('bob/report.html');
    expect(await page.locator('#total-score').innerText()).toContain('2 / 19 points');

    const charts = await chartsOf(page);
    expect(charts.map((c) => c.name)).toEqual(['convergence-lstm-digit-palindrome-T10', 'convergence-lstm-binary-palindrome-T20']);
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(100);
      expect(c.height).toBeGreaterThan(100);
      expect(c.paths).toBeGreaterThan(3);
    }

    const failed = page.locator('li.check[data-status="failed"] details.check-details');
    expect(await failed.count()).toBe(3);   // the 4th failure is hidden from students: no details
    for (let i = 0; i < 3; i++) {
      const details = failed.nth(i);
      expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await expect(details.locator('.check-body').isVisible()).resolves.toBe(false);
      await details.locator('summary').click();
      expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      await expect(details.locator('pre.expected').isVisible()).resolves.toBe(true);
      await expect(details.locator('.hint').isVisible()).resolves.toBe(true);
    }
    const diagnosis = page.locator('#check-lstm\\.gradients .diagnosis');
    expect(await diagnosis.innerText()).toContain('"<b>bold</b>" & co');
    expect(await page.locator('#check-lstm\\.hidden\\.long-sequence details').count()).toBe(0);
    expect(await page.content()).not.toMatch(/SECRET/);

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-bob.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  test('opens with the score, then the points lost, each a link to its check; warnings stay folded', async () => {
    const { page, errors } = await open('bob/report.html');
    const order = await page.$$eval('main > header, main > section, main > details', (els) => els.map((e) => e.id || e.tagName.toLowerCase()));
    expect(order.slice(0, 3)).toEqual(['header', 'points-lost', 'parts']);
    const links = await page.$$eval('#points-lost a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const href of links) expect(await page.locator(`[id="${href.slice(1)}"]`).count()).toBe(1);
    const warnings = page.locator('details#warnings');
    expect(await warnings.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await expect(warnings.locator('pre').first().isVisible()).resolves.toBe(false);
    expect(await page.locator('header .badge').innerText()).toBe('partly graded');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('text samples sit next to the reference\'s', async () => {
    const { page, errors, requests } = await open('alice/report.html');
    const rows = await page.$$eval('#text-samples tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    expect(rows[0]).toEqual(['1/3', 'T', '[alice] The the sea was <calm> & "still"', '[ref] The the sea was <calm> & "still"']);
    expect(rows.filter((r) => r.length === 3).map((r) => r[0])).toEqual(['0.5', '0.5', '1', '1', '2', '2']);
    expect((await chartsOf(page)).every((c) => c.paths > 3)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-alice.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});

describe('the class overview in Chromium', () => {
  test('sorts by a clicked column, links every report, and draws the leaderboard with intervals', async () => {
    const { page, errors, requests } = await open('index.html');
    const names = () => page.$$eval('#overview-table tbody tr td:first-child', (tds) => tds.map((td) => td.textContent?.trim()));
    expect(await names()).toEqual(['reference', 'alice', 'bob', 'carol']);
    await page.locator('#overview-table th', { hasText: /^score$/ }).click();
    expect(await names()).toEqual(['carol', 'bob', 'alice', 'reference']);
    await page.locator('#overview-table th', { hasText: /^score/ }).click();
    expect(await names()).toEqual(['reference', 'alice', 'bob', 'carol']);

    const hrefs = await page.$$eval('#overview-table tbody a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs).toEqual(['reference/report.html', 'alice/report.html', 'bob/report.html', 'carol/report.html']);
    for (const href of hrefs) expect(existsSync(join(runDir, href))).toBe(true);

    const [board] = await chartsOf(page);
    expect(board).toMatchObject({ name: 'leaderboard' });
    expect(board.width).toBeGreaterThan(100);
    // one error bar per ranked submission (layer 0), and one reference line at 1× (layer 2)
    const lines = (layer: string) => page.$$eval(`figure[data-chart="leaderboard"] svg g.role-mark.${layer} line`, (ls) => ls.length);
    // bob's training runs errored and timed out: he is listed as not ranked, not on the board
    expect(await lines('layer_0_marks')).toBe(1);
    expect(await lines('layer_2_marks')).toBe(1);
    expect(await page.locator('ul.unranked li').allInnerTexts()).toEqual(['bob 2 of 6 training runs errored or timed out']);

    // the performance profile beside it (issue 15): alice's step line and the reference's dashed one, and its table of numbers
    const profile = (await chartsOf(page)).find((c) => c.name === 'performance-profile');
    expect(profile?.width).toBeGreaterThan(100);
    expect(profile?.height).toBeGreaterThan(100);
    expect(await page.$$eval('figure[data-chart="performance-profile"] svg g.mark-line path', (ps) => ps.length)).toBe(2);
    // alice: 0.8× and 1.1× the reference's median steps → ρ = ½ on [1, 1.1), then 1: area (½ × 0.1 + 2.9) / 3 = 0.98;
    // reached within 1× on 1 of 2 configurations, within 2× on both
    expect(await page.$$eval('#profile-table tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(0, 5).map((td) => td.textContent))))
      .toEqual([['alice', '0.98', '1 of 2', '2 of 2', '2 of 2']]);

    // the status badge says what happened, and every row stays one line high
    expect(await page.$$eval('#overview-table tbody tr td .badge', (bs) => bs.map((b) => b.textContent)))
      .toEqual(['graded', 'graded', 'partly graded', 'failed to load']);
    const heights = await page.$$eval('#overview-table tbody tr', (trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    const lineHeight = await page.$eval('#overview-table tbody td', (td) => parseFloat(getComputedStyle(td).lineHeight));
    for (const h of heights) expect(h).toBeLessThan(1.5 * lineHeight + 16);   // cell padding 2 × 6 px, border 1 px
    const width = await page.$eval('#overview-table', (t) => t.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(await page.$eval('main', (m) => m.clientWidth - parseFloat(getComputedStyle(m).paddingLeft) - parseFloat(getComputedStyle(m).paddingRight)));

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'overview.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
