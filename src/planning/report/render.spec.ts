import { parse } from 'csv-parse/sync';
import { EFFORT } from '../effort';
import { ReportFormat, type QuadrantPoint } from '../plan.types';
import { ESTATE_CSV_HEADER, PLAN_CSV_HEADER } from './csv';
import { buildEstateReport, buildPlanResult, HOSTILE_NAME, largePlanResult } from './fixtures';
import { FIELDS_PER_SERVICE } from './plan-document';
import { renderEstateReport, renderPlanReport } from './render';
import { QUADRANT_MARK_LIMIT } from './svg-charts';

const count = (text: string, pattern: RegExp) => (text.match(new RegExp(pattern.source, 'g')) ?? []).length;
const MARK = /<g class="mark[ "]/;
const BAR = /class="bar"/;
const POINT = /class="point"/;
const placeable = (points: QuadrantPoint[]) =>
  points.filter((p) => p.aiReadiness !== null && p.retirementScore !== null).length;

/** Attributes and CSS that would make a browser fetch something. */
const EXTERNAL_REFERENCE =
  /\b(?:src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)|@import|url\(/i;

describe('renderPlanReport', () => {
  const plan = buildPlanResult();
  const large = largePlanResult(1200, 12);

  it.each([
    [ReportFormat.MARKDOWN, 'text/markdown; charset=utf-8', 'md'],
    [ReportFormat.HTML, 'text/html; charset=utf-8', 'html'],
    [ReportFormat.CSV, 'text/csv; charset=utf-8', 'csv'],
    [ReportFormat.JSON, 'application/json', 'json'],
  ])('%s is served as %s with .%s', (format, contentType, fileExtension) => {
    const report = renderPlanReport(plan, format);
    expect(report).toMatchObject({ contentType, fileExtension });
    expect(report.body.length).toBeGreaterThan(100);
  });

  it.each(Object.values(ReportFormat))('%s is deterministic: the same plan gives the same bytes', (format) => {
    expect(renderPlanReport(buildPlanResult(), format).body).toBe(renderPlanReport(plan, format).body);
    expect(renderPlanReport(largePlanResult(1200, 12), format).body).toBe(renderPlanReport(large, format).body);
  });

  describe('HTML', () => {
    const html = renderPlanReport(plan, ReportFormat.HTML).body;

    it('is one self-contained document: charset, title, inline style, no script, nothing fetched', () => {
      expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('<title>Migration plan: CRM consolidation FY25</title>');
      expect(count(html, /<style>/)).toBe(3); // the page's, and one scoped to each chart
      expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed/i);
      expect(html).not.toMatch(EXTERNAL_REFERENCE);
      // A URL in the data is shown as text, never followed.
      expect(html).toContain('=HYPERLINK(&quot;https://evil.example/x.js&quot;,&quot;click&quot;)');
    });

    it('escapes hostile names wherever they appear: tables, tooltips, lists', () => {
      expect(html).not.toContain(HOSTILE_NAME);
      expect(html).not.toContain('<b>body</b>');
      const escaped = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;';
      expect(html).toContain(`<td>${escaped}</td>`);
      expect(html).toContain(`data-key="evil-app"><title>evil-app — ${escaped}\n`);
      expect(html).toContain('Note.&lt;b&gt;body&lt;/b&gt;');
    });

    it('draws a mark per scored service, a bar and a cumulative point per wave', () => {
      expect(count(html, MARK)).toBe(placeable(plan.quadrant));
      expect(count(html, MARK)).toBe(12);
      expect(count(html, /<g class="mark [^"]*planned"/)).toBe(5);
      expect(count(html, BAR)).toBe(plan.waves.length);
      expect(count(html, POINT)).toBe(plan.waves.length);
      expect(html).toContain('14 services: 12 drawn individually, 2 not placed (no AI-readiness or retirement score).');
      // Unknown cost: a hollow marker, ringed when planned.
      expect(html).toMatch(
        /data-key="crm-hub"><title>[^<]*<\/title><circle class="hollow"[^>]*\/><circle class="ring"/,
      );
    });

    it('says who made the plan, from what, and its totals', () => {
      expect(html).toContain('Scoring profile <strong>default@2</strong> · unified schema <strong>v3</strong>');
      expect(html).toContain('created by <strong>planner@example.com</strong> on 2025-06-02 09:30 UTC');
      expect(html).toContain('<dt>Annual savings</dt><dd>$213,000');
      expect(html).toContain('<dt>Remaining estate cost</dt><dd>$1,287,000');
      expect(html).toContain('<dt>AI-readiness of the estate</dt><dd>48.2 → 55.9<small>+7.7');
      expect(html).toContain('<dt>Orphaned unified fields</dt><dd>2<');
    });

    it('has a section per wave with its services, data, gaps, integrations and risks, then the unscheduled', () => {
      expect(count(html, /<section id="wave-\d+" class="wave">/)).toBe(3);
      const wave2 = html.slice(html.indexOf('<section id="wave-2"'), html.indexOf('<section id="wave-3"'));
      expect(wave2).toContain('<h2>Wave 2 · 2025-07-31 → 2025-08-29</h2>');
      expect(wave2).toContain('saves <strong>$48,000 a year</strong> (cumulative $183,000)');
      expect(wave2).toContain('Retire together (their integrations form a cycle): <strong>crm-sync, crm-hub</strong>');
      expect(wave2).toContain(
        '<td class="nowrap"><code>crm-sync</code></td><td class="nowrap"><code>data-lake</code></td><td>BATCH</td>',
      );
      expect(wave2).toContain('<td>CYCLE</td><td>retires with crm-hub: their integrations form a cycle</td>');
      const wave3 = html.slice(html.indexOf('<section id="wave-3"'), html.indexOf('<section id="unscheduled"'));
      expect(wave3).toContain('2 unified fields left without a source: Invoice.legacyTaxCode, Customer.faxNumber');
      expect(wave3).toContain('<td>CONTRACT_RENEWAL</td>');
      const unscheduled = html.slice(html.indexOf('<section id="unscheduled"'));
      expect(unscheduled).toContain('<code>fax-gateway</code>');
      expect(unscheduled).toContain('unscheduled: beyond the last wave (3)');
    });

    it('explains effort points with the planner’s own weights', () => {
      const footer = html.slice(html.indexOf('<footer>'));
      expect(footer).toContain(`${EFFORT.perService} per service`);
      expect(footer).toContain(`${EFFORT.perFieldToMap} per field without a confirmed mapping`);
      expect(footer).toContain(`${EFFORT.perIntegrationToRepoint} per integration into a service that stays`);
    });

    it('keeps a 1,200-service plan in a 3,600-service estate readable: capped marks, the rest aggregated, long lists cut', () => {
      const body = renderPlanReport(large, ReportFormat.HTML).body;
      const aggregated = placeable(large.quadrant) - QUADRANT_MARK_LIMIT;
      expect(aggregated).toBeGreaterThan(1000);
      expect(count(body, MARK)).toBe(QUADRANT_MARK_LIMIT);
      expect(count(body, /<g class="mark [^"]*planned"/)).toBe(1200);
      expect(count(body, /<rect class="density"/)).toBeGreaterThan(100);
      expect(body).toContain(
        `3,600 services: 1,500 drawn individually (planned services first, then the highest annual costs), ` +
          `${aggregated.toLocaleString('en-US')} aggregated into the shaded 20 × 20 density grid`,
      );
      expect(count(body, BAR)).toBe(12);
      expect(count(body, POINT)).toBe(12);
      const longest = Math.max(...large.services.map((s) => s.unmappedFields.length));
      expect(longest).toBeGreaterThan(FIELDS_PER_SERVICE);
      expect(body).toMatch(/field_\d+ and \d+ more<\/li>/);
      expect(body).toContain('more entities (all of them are in the JSON report).');
      expect(body.length).toBeLessThan(2_000_000);
    });

    it('still draws at most the limit for a 12,000-service estate, and stays small', () => {
      const huge = largePlanResult(1200, 12, { estateServices: 12_000 });
      const body = renderPlanReport(huge, ReportFormat.HTML).body;
      expect(count(body, MARK)).toBe(QUADRANT_MARK_LIMIT);
      const svg = body.slice(body.indexOf('<svg'), body.indexOf('</svg>'));
      expect(svg.length).toBeLessThan(600_000);
      const caption = body.slice(body.indexOf('<figcaption>'), body.indexOf('</figcaption>'));
      expect(caption).toContain(
        `${(placeable(huge.quadrant) - QUADRANT_MARK_LIMIT).toLocaleString('en-US')} aggregated`,
      );
    });
  });

  describe('Markdown', () => {
    const markdown = renderPlanReport(plan, ReportFormat.MARKDOWN).body;

    it('has no charts but points at the HTML report, and a text table of savings by wave', () => {
      expect(markdown).not.toContain('<svg');
      expect(markdown).toContain('See the HTML report for charts.');
      expect(markdown).toContain(
        '| Wave | Dates | Services | Annual savings | Cumulative savings | Effort points | Fields to map | Integrations to re-point | Risks |',
      );
      expect(markdown).toContain('| Wave 1 | 2025-07-01 → 2025-07-30 | 2 | $135,000 | $135,000 | 6.8 | 4 | 1 | 2 |');
      expect(markdown).toContain('| Wave 3 | 2025-08-30 → 2025-09-28 | 1 | $30,000 | $213,000 | 2.3 | 2 | 0 | 1 |');
      expect(markdown).toContain('## Wave 2 · 2025-07-31 → 2025-08-29');
      expect(markdown).toContain('## Unscheduled services');
    });

    it('escapes pipes, line breaks and markup inside table cells', () => {
      expect(markdown).toContain('| billing-v1 | Billing \\| Legacy<br>v2 | finance |');
      expect(markdown).toContain('| evil-app | \\<script\\>alert(1)\\</script\\> \\& "x" | shadow-it |');
      expect(markdown).not.toContain(HOSTILE_NAME);
    });

    it('keeps every row of a table at the width of its header', () => {
      const unescapedPipes = (line: string) => count(line.replace(/\\\\/g, ''), /(?<!\\)\|/);
      const tables = markdown.split(/\n\n/).filter((block) => block.startsWith('|'));
      expect(tables.length).toBeGreaterThan(10);
      for (const table of tables) {
        const [header, ...rows] = table.split('\n');
        for (const row of rows) expect(unescapedPipes(row)).toBe(unescapedPipes(header));
      }
    });
  });

  describe('CSV', () => {
    const csv = renderPlanReport(plan, ReportFormat.CSV).body;
    const rows: Record<string, string>[] = parse(csv, { columns: true });

    it('has a header and one row per planned service, in the plan’s order, CRLF line ends', () => {
      expect(csv.split('\r\n')[0]).toBe(PLAN_CSV_HEADER.join(','));
      expect(csv.endsWith('\r\n')).toBe(true);
      expect(rows.map((r) => r.key)).toEqual(plan.services.map((s) => s.key));
      expect(rows.map((r) => r.order)).toEqual(['1', '2', '3', '4', '5', '6']);
      expect(rows[0]).toMatchObject({
        wave: '1',
        owner_team: 'sales-ops',
        criticality: 'HIGH',
        disposition: 'ELIMINATE',
        retirement_score: '82.46',
        annual_cost: '120000',
        currency: 'USD',
        effort_points: '4.7',
        fields_to_map: '3',
        fields_to_verify: '20',
        integrations_to_repoint: '1',
        risks: 'CRITICALITY: HIGH criticality; PII: 4 PII fields move',
        contract_renewal_date: '2025-09-30',
      });
      expect(rows[5]).toMatchObject({ wave: '', criticality: '', disposition: '', ai_readiness: '' });
    });

    it('quotes commas, quotes and line breaks (RFC 4180)', () => {
      expect(csv).toContain('"<script>alert(1)</script> & ""x"""');
      expect(rows[1].name).toBe(HOSTILE_NAME);
      expect(rows[4].name).toBe('Billing | Legacy\nv2');
      expect(rows[4].risks).toBe('CONTRACT_RENEWAL: contract renews 2025-08-01, before wave 3 ends');
    });

    it('neutralises text that a spreadsheet would run as a formula, but not negative numbers', () => {
      expect(rows[5].name).toBe(`'=HYPERLINK("https://evil.example/x.js","click")`);
      expect(rows[5].owner_team).toBe("'-ops");
      expect(rows[5].annual_cost).toBe('-1500');
    });

    it('has one row per service of a 1,200-service plan', () => {
      const big: unknown[] = parse(renderPlanReport(large, ReportFormat.CSV).body, { columns: true });
      expect(big).toHaveLength(1200);
    });
  });

  it('JSON is the plan itself, pretty-printed', () => {
    const body = renderPlanReport(plan, ReportFormat.JSON).body;
    expect(JSON.parse(body)).toEqual(plan);
    expect(body).toContain('\n  "inputs": {\n');
  });
});

describe('renderEstateReport', () => {
  const estate = buildEstateReport();

  it('HTML: inventory, coverage, the quadrant, top candidates', () => {
    const html = renderEstateReport(estate, ReportFormat.HTML).body;
    expect(html).toContain('<title>Estate report</title>');
    expect(html).toContain('<dt>Services</dt><dd>14</dd>');
    expect(html).toContain('<dt>Annual cost</dt><dd>€1,500,000');
    expect(html).toContain('<dt>With a source</dt><dd>104<small>86.7%</small>');
    expect(html).toContain('<td>INVEST</td><td class="num">3</td>');
    expect(count(html, MARK)).toBe(placeable(estate.quadrant));
    expect(count(html, BAR)).toBe(0);
    expect(html).toContain('<td class="num">1</td><td class="nowrap"><code>legacy-crm</code></td><td>Legacy CRM</td>');
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).not.toMatch(EXTERNAL_REFERENCE);
  });

  it('lists dispositions in TIME order, other counts largest first', () => {
    const html = renderEstateReport(estate, ReportFormat.HTML).body;
    const order = ['INVEST', 'MIGRATE', 'TOLERATE', 'ELIMINATE'].map((d) =>
      html.indexOf(`<td>${d}</td><td class="num">`),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html.indexOf('<td>SAAS</td>')).toBeLessThan(html.indexOf('<td>INTERNAL</td>'));
  });

  it('Markdown, CSV and JSON', () => {
    const markdown = renderEstateReport(estate, ReportFormat.MARKDOWN).body;
    expect(markdown).toContain('# Estate report');
    expect(markdown).toContain('| 1 | legacy-crm | Legacy CRM | 82.5 | 0.92 | ELIMINATE | €120,000 |');
    const rows: Record<string, string>[] = parse(renderEstateReport(estate, ReportFormat.CSV).body, { columns: true });
    expect(Object.keys(rows[0])).toEqual([...ESTATE_CSV_HEADER]);
    expect(rows).toHaveLength(estate.quadrant.length);
    expect(rows.find((r) => r.key === 'legacy-crm')).toMatchObject({ candidate_rank: '1', confidence: '0.92' });
    expect(JSON.parse(renderEstateReport(estate, ReportFormat.JSON).body)).toEqual(estate);
  });
});
