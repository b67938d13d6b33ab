import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ReportFormat, type MigrationPlanResult, type QuadrantPoint } from '../../src/planning/plan.types';
import { buildEstateReport, buildPlanResult, HOSTILE_NAME, largePlanResult } from '../../src/planning/report/fixtures';
import { renderEstateReport, renderPlanReport } from '../../src/planning/report/render';
import { QUADRANT_MARK_LIMIT } from '../../src/planning/report/svg-charts';

/*
 * The HTML reports opened in real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * the charts must render, with the marks the data calls for, without errors or network requests.
 * Screenshots land in test/artifacts/ for a human to look at.
 */

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../artifacts');

let browser: Browser;

beforeAll(async () => {
  // CI installs Chromium (.ci/run), so a missing browser is a broken setup: fail, never skip.
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the HTML report test needs it. Install it with ` +
        '"apt-get update && apt-get install -y chromium" (Debian), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  if (browser) await browser.close();
});

interface OpenedReport {
  page: Page;
  errors: string[];
  requests: string[];
}

async function open(html: string): Promise<OpenedReport> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.setContent(html, { waitUntil: 'load' });
  return { page, errors, requests };
}

/** Width and height of every element matching `selector`. */
function sizes(page: Page, selector: string): Promise<{ width: number; height: number }[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((e) => {
      const box = e.getBoundingClientRect();
      return { width: box.width, height: box.height };
    }),
  );
}

function placeable(points: readonly QuadrantPoint[]): number {
  return points.filter((p) => p.aiReadiness !== null && p.retirementScore !== null).length;
}

async function expectChartsRendered(report: OpenedReport, expected: { marks: number; waves: number | null }) {
  const { page } = report;
  const charts = await sizes(page, 'svg.chart');
  expect(charts).toHaveLength(expected.waves === null ? 1 : 2);
  for (const chart of charts) {
    expect(chart.width).toBeGreaterThan(300);
    expect(chart.height).toBeGreaterThan(100);
  }
  const marks = await sizes(page, 'svg.chart-quadrant .mark');
  expect(marks).toHaveLength(expected.marks);
  expect(marks.filter((m) => m.width > 0 && m.height > 0)).toHaveLength(expected.marks);
  const keys = await page
    .locator('svg.chart-quadrant .mark')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  expect(new Set(keys).size).toBe(expected.marks);
  if (expected.waves !== null) {
    const bars = await sizes(page, 'svg.chart-savings .bar');
    const points = await sizes(page, 'svg.chart-savings .point');
    expect(bars).toHaveLength(expected.waves);
    expect(points).toHaveLength(expected.waves);
    expect(bars.filter((b) => b.width > 0 && b.height > 0)).toHaveLength(expected.waves);
    expect(points.filter((p) => p.width > 0)).toHaveLength(expected.waves);
  }
  expect(report.errors).toEqual([]);
  expect(report.requests.filter((url) => url !== 'about:blank' && !url.startsWith('data:'))).toEqual([]);
}

/** A screenshot of the page (its top `maxHeight` pixels at most) and one of the quadrant chart. */
async function screenshot(page: Page, name: string, maxHeight?: number): Promise<void> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  const clip = maxHeight ? { x: 0, y: 0, width: page.viewportSize()!.width, height: maxHeight } : undefined;
  await page.screenshot({ path: file, fullPage: true, clip });
  await page
    .locator('figure')
    .first()
    .screenshot({ path: path.join(ARTIFACTS, `${name}-quadrant.png`) });
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
}

describe('HTML reports in headless Chromium', () => {
  it('renders the small plan: both charts, every mark, hostile names as text', async () => {
    const plan = buildPlanResult();
    const report = await open(renderPlanReport(plan, ReportFormat.HTML).body);

    await expectChartsRendered(report, { marks: placeable(plan.quadrant), waves: plan.waves.length });
    expect(await report.page.locator('script').count()).toBe(0);
    expect(await report.page.getByText(HOSTILE_NAME, { exact: true }).count()).toBeGreaterThan(0);
    expect(await report.page.locator('section.wave').count()).toBe(plan.waves.length);
    await screenshot(report.page, 'plan-small');
    await report.page.close();
  });

  it('renders a 1,200-service plan in a larger estate: capped marks, the rest aggregated', async () => {
    const plan: MigrationPlanResult = largePlanResult(1200, 12);
    const report = await open(renderPlanReport(plan, ReportFormat.HTML).body);

    const drawn = Math.min(QUADRANT_MARK_LIMIT, placeable(plan.quadrant));
    expect(drawn).toBe(QUADRANT_MARK_LIMIT);
    await expectChartsRendered(report, { marks: drawn, waves: plan.waves.length });
    expect(await report.page.locator('svg.chart-quadrant .mark.planned').count()).toBe(1200);
    expect(await report.page.locator('svg.chart-quadrant .density').count()).toBeGreaterThan(0);
    const caption = await report.page.locator('figure figcaption').first().innerText();
    expect(caption).toContain(`${(placeable(plan.quadrant) - drawn).toLocaleString('en-US')} aggregated`);
    // The full page is ~150,000 px tall; its top (header, totals, charts, waves) is what a person looks at.
    await screenshot(report.page, 'plan-1200-top', 2400);
    await report.page.close();
  });

  it('renders the estate report: the quadrant and no savings chart', async () => {
    const estate = buildEstateReport();
    const report = await open(renderEstateReport(estate, ReportFormat.HTML).body);

    await expectChartsRendered(report, { marks: placeable(estate.quadrant), waves: null });
    await screenshot(report.page, 'estate');
    await report.page.close();
  });
});
