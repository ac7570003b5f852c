// The report in a real headless Chromium (Debian's chromium driven by playwright-core): it renders with no
// console errors and no network, the numbers on the page equal the statistics, the language toggle works,
// and screenshots land in artifacts/ (gitignored) for a human to look at.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderReport, scorecard, selectReportSample, DIMENSIONS } from '../../src/index.js';
import { formatNumber, formatPercent } from '../../src/report/i18n.js';
import { fuzzyThresholds, gate, meta, referenceUpdates, results, stats } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'artifacts');

const html = renderReport({ stats, sample: selectReportSample(results, 60), referenceUpdates, gate, fuzzyThresholds, meta });

describe.skipIf(!existsSync(CHROMIUM))('report.html in headless Chromium', () => {
  let browser: BrowserContext;
  let profile: string;
  beforeAll(async () => {
    // A fresh profile each run (playwright passes it to Chromium as --user-data-dir).
    profile = mkdtempSync(join(tmpdir(), 'doisoat-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'report.html'), html);
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  /** Opens the report and records anything that went wrong while it loaded. */
  async function open(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
    await page.setContent(html, { waitUntil: 'load' });
    return { page, errors, requests };
  }

  const text = (page: Page, id: string): Promise<string> => page.locator(`[data-testid="${id}"]`).first().innerText();

  it('renders without console errors, failed requests or any network request', async () => {
    const { page, errors, requests } = await open({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    await page.close();
  });

  it('shows the same numbers as the statistics', async () => {
    const { page } = await open({ width: 1280, height: 900 });
    expect(await text(page, 'total-rows')).toBe(formatNumber(stats.total, 'vi'));
    for (const s of ['matched', 'mismatched', 'stale', 'missing'] as const) {
      expect(await text(page, `status-${s}-count`)).toBe(formatNumber(stats.byStatus[s], 'vi'));
      expect(await text(page, `status-${s}-pct`)).toBe(formatPercent(stats.byStatus[s] / stats.total, 'vi'));
    }
    const card = scorecard(stats);
    for (const d of DIMENSIONS) {
      expect(await text(page, `score-${d}-value`)).toBe(formatPercent(card[d].value, 'vi'));
      expect(await text(page, `score-${d}-numerator`)).toBe(formatNumber(card[d].numerator, 'vi'));
      expect(await text(page, `score-${d}-denominator`)).toBe(formatNumber(card[d].denominator, 'vi'));
    }
    for (const [code, count] of Object.entries(stats.byReason)) expect(await text(page, `reason-${code}-count`)).toBe(formatNumber(count, 'vi'));
    for (const [prov, counts] of Object.entries(stats.byProvince)) {
      const rows = Object.values(counts).reduce((a, b) => a + b, 0);
      expect(await text(page, `province-${prov}-rows`)).toBe(formatNumber(rows, 'vi'));
    }
    const bins = await page.locator('[data-testid^="score-bin-"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(bins).toEqual(stats.scoreHistogram);
    const embedded = await page.evaluate(() => JSON.parse(document.getElementById('doisoat-data')?.textContent ?? 'null') as { stats: unknown });
    expect(embedded.stats).toEqual(JSON.parse(JSON.stringify(stats)));
    expect(await page.getAttribute('[data-testid="gate"]', 'data-value')).toBe(gate.passed ? 'pass' : 'fail');
    await page.close();
  });

  it('switches every label to English and back with the toggle', async () => {
    const { page, errors } = await open({ width: 1280, height: 900 });
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.locator('#status-h').innerText()).toBe('Số dòng theo trạng thái');
    await page.click('#lang-toggle');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('#status-h').innerText()).toBe('Rows per status');
    expect(await text(page, 'total-rows')).toBe(formatNumber(stats.total, 'en'));
    expect(await text(page, 'score-dung-value')).toBe(formatPercent(scorecard(stats).dung.value, 'en'));
    expect(await page.locator('#lang-toggle').innerText()).toBe('Tiếng Việt');
    // No Vietnamese-only label is left behind: every bilingual element shows its English text.
    const stale = await page.locator('[data-vi]').evaluateAll((els) => els.filter((e) => e.textContent !== e.getAttribute('data-en')).length);
    expect(stale).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-desktop-en.png'), fullPage: false });
    await page.click('#lang-toggle');
    expect(await page.locator('#status-h').innerText()).toBe('Số dòng theo trạng thái');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('hides the toggle and opens every explanation when printing', async () => {
    const { page } = await open({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#lang-toggle').isVisible()).toBe(false);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const closed = await page.locator('details:not([open])').count();
    expect(closed).toBe(0);
    await page.close();
  });

  it('fits a phone: no page-wide horizontal scroll; screenshots saved', async () => {
    const desktop = await open({ width: 1280, height: 900 });
    await desktop.page.screenshot({ path: join(ARTIFACTS, 'report-desktop.png'), fullPage: true });
    await desktop.page.close();
    const phone = await open({ width: 390, height: 844 });
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'report-phone.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
  });
});
