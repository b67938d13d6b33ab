import fc from 'fast-check';
import type { PlanWave, QuadrantPoint } from '../plan.types';
import { csvText } from './csv';
import { abbreviate, escapeMarkdown, escapeXml, money } from './format';
import { estimateTextWidth, placeLabels } from './labels';
import { niceTicks, quadrantChart, savingsChart } from './svg-charts';

const count = (text: string, pattern: RegExp) => (text.match(new RegExp(pattern.source, 'g')) ?? []).length;
const keysOf = (svg: string) => [...svg.matchAll(/<g class="mark[^"]*" data-key="([^"]*)"/g)].map((m) => m[1]);

function point(key: string, changes: Partial<QuadrantPoint> = {}): QuadrantPoint {
  return {
    key,
    name: key,
    aiReadiness: 50,
    retirementScore: 50,
    annualCost: 1000,
    disposition: 'INVEST',
    inPlan: false,
    ...changes,
  };
}

describe('quadrantChart', () => {
  const points = [
    point('cheap', { annualCost: 10, retirementScore: 99 }),
    point('dear', { annualCost: 9_000 }),
    point('planned-cheap', { annualCost: 5, inPlan: true }),
    point('unknown-cost', { annualCost: null }),
    point('mid', { annualCost: 500, aiReadiness: 12, retirementScore: 7 }),
    point('unscored', { aiReadiness: null }),
  ];

  it('draws planned services first, then by annual cost, and aggregates the rest into the density grid', () => {
    const chart = quadrantChart(points, { currency: 'USD', markLimit: 3 });
    expect(chart).toMatchObject({ drawn: 3, aggregated: 2, unplaced: 1 });
    expect(keysOf(chart.svg).sort()).toEqual(['dear', 'mid', 'planned-cheap']);
    const cells = [...chart.svg.matchAll(/<title>(\d+) services? aggregated/g)].map((m) => Number(m[1]));
    expect(cells.reduce((a, b) => a + b, 0)).toBe(2);
    expect(chart.caption).toContain('6 services: 3 drawn individually');
    expect(chart.caption).toContain('2 aggregated into the shaded 20 × 20 density grid, 1 not placed');
  });

  it('sizes bubbles by area, and draws unknown costs as hollow markers', () => {
    const { svg } = quadrantChart(
      [point('big', { annualCost: 400 }), point('small', { annualCost: 100 }), point('none', { annualCost: null })],
      { currency: 'USD' },
    );
    const radius = (key: string) =>
      Number(new RegExp(`data-key="${key}">.*?<circle[^>]* r="([\\d.]+)"`, 's').exec(svg)?.[1]);
    expect(radius('big') / radius('small')).toBeCloseTo(2, 1);
    expect(svg).toMatch(/data-key="none"><title>[^<]*Annual cost unknown[^<]*<\/title><circle class="hollow"/);
    // Nothing planned, nothing to explain in the legend.
    expect(svg).not.toContain('In this plan');
    expect(quadrantChart([point('p', { inPlan: true })], { currency: 'USD' }).svg).toContain('In this plan');
  });

  it('labels the top N retirement scores with their keys', () => {
    const { svg, labelled } = quadrantChart(points, { currency: 'USD', labels: 2 });
    const labels = [...svg.matchAll(/<text class="label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labelled).toBe(2);
    expect(labels).toHaveLength(2);
    expect(labels[0]).toBe('cheap');
  });

  it('escapes keys and names in attributes, tooltips and labels', () => {
    const { svg } = quadrantChart([point('a"b<c>', { name: `<x y="1">&'` })], { currency: 'USD' });
    expect(svg).toContain('data-key="a&quot;b&lt;c&gt;"');
    expect(svg).toContain('a&quot;b&lt;c&gt; — &lt;x y=&quot;1&quot;&gt;&amp;&#39;');
    expect(svg).not.toContain('<x y=');
  });

  it('places scores outside 0–100 on the edge rather than off the chart', () => {
    const { svg } = quadrantChart([point('over', { aiReadiness: 140, retirementScore: -20 })], { currency: 'USD' });
    expect(svg).toMatch(/data-key="over">.*?<circle cx="764" cy="576"/s);
  });

  it('is empty but valid with no points', () => {
    const chart = quadrantChart([], { currency: 'USD' });
    expect(chart).toMatchObject({ drawn: 0, aggregated: 0, unplaced: 0 });
    expect(chart.svg).toMatch(/^<svg [^>]*>.*<\/svg>$/s);
  });
});

describe('savingsChart', () => {
  const wave = (number: number, annualSavings: number, cumulativeSavings: number): PlanWave => ({
    number,
    startDate: null,
    endDate: null,
    serviceKeys: ['a'],
    annualSavings,
    cumulativeSavings,
    effortPoints: 1,
    fields: 0,
    mappedFields: 0,
    fieldsToMap: 0,
    integrationsToRepoint: 0,
    orphanedUnifiedFields: [],
    cycles: [],
    risks: 0,
  });

  it('draws a bar and a cumulative point per wave, on an abbreviated currency axis', () => {
    const { svg, caption } = savingsChart(
      [wave(1, 20_000, 20_000), wave(2, 30_000, 50_000), wave(3, 12_500, 62_500)],
      'EUR',
    );
    expect(count(svg, /class="bar"/)).toBe(3);
    expect(count(svg, /class="point"/)).toBe(3);
    expect(svg).toContain('>Wave 1<');
    expect(svg).toContain('>Wave 3<');
    expect(svg).toContain('>€20k<');
    expect(svg).toContain('>€62.5k a year<');
    expect(svg).toContain('Annual savings (EUR)');
    expect(caption).toContain('€62,500 after the last');
  });

  it('labels a sample of many waves, and every point is still drawn', () => {
    const waves = Array.from({ length: 60 }, (_, i) => wave(i + 1, 1000, 1000 * (i + 1)));
    const { svg } = savingsChart(waves, 'USD');
    expect(count(svg, /class="bar"/)).toBe(60);
    expect(count(svg, /class="point"/)).toBe(60);
    expect(count(svg, /<text class="tick" x="[\d.]+" y="336"/)).toBeLessThanOrEqual(17);
  });

  it('draws a negative wave below the zero line', () => {
    const { svg } = savingsChart([wave(1, -5_000, -5_000), wave(2, 15_000, 10_000)], 'USD');
    const zero = Number(/<line x1="84" y1="([\d.]+)"[^>]*stroke="#8a939d"/.exec(svg)?.[1]);
    const bar = /data-wave="1" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/.exec(svg);
    expect(Number(bar?.[1])).toBeCloseTo(zero, 0);
    expect(Number(bar?.[2])).toBeGreaterThan(0);
    expect(svg).toContain('>−$5k<');
  });

  it('says so when there are no waves', () => {
    const { svg } = savingsChart([], 'USD');
    expect(svg).toContain('No waves planned');
    expect(count(svg, /class="bar"|class="point"/)).toBe(0);
  });
});

describe('placeLabels', () => {
  const bounds = { left: 0, right: 600, top: 0, bottom: 400 };
  const bubble = fc.record({
    x: fc.integer({ min: 0, max: 600 }),
    y: fc.integer({ min: 0, max: 400 }),
    r: fc.integer({ min: 2, max: 20 }),
    text: fc.string({ minLength: 1, maxLength: 14 }),
  });

  it('never overlaps two labels, nor leaves the plot', () => {
    fc.assert(
      fc.property(fc.array(bubble, { maxLength: 40 }), (bubbles) => {
        const { placed, skipped } = placeLabels(bubbles, bounds);
        expect(placed.length + skipped).toBe(bubbles.length);
        const boxes = placed.map((l) => {
          const width = estimateTextWidth(l.text);
          const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - width : l.x - width / 2;
          return { x0, x1: x0 + width, y0: l.y - 9, y1: l.y + 3 };
        });
        for (const [i, a] of boxes.entries()) {
          expect(a.x0).toBeGreaterThanOrEqual(bounds.left);
          expect(a.x1).toBeLessThanOrEqual(bounds.right);
          expect(a.y0).toBeGreaterThanOrEqual(bounds.top);
          expect(a.y1).toBeLessThanOrEqual(bounds.bottom);
          for (const b of boxes.slice(i + 1)) {
            expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('puts a lone label right beside its bubble, and crowded ones further out with a leader', () => {
    const lone = placeLabels([{ x: 100, y: 100, r: 10, text: 'crm' }], bounds);
    expect(lone.placed[0]).toEqual({ text: 'crm', x: 113, y: 103, anchor: 'start' });
    const crowd = Array.from({ length: 9 }, (_, i) => ({
      x: 300 + (i % 3) * 14,
      y: 200 + Math.floor(i / 3) * 14,
      r: 6,
      text: `svc-${i}`,
    }));
    const { placed } = placeLabels(crowd, bounds);
    expect(placed.some((l) => l.leader !== undefined)).toBe(true);
  });
});

describe('formatting', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [999.96, '1k'],
    [12_500, '12.5k'],
    [100_000, '100k'],
    [999_960, '1M'],
    [1_250_000, '1.3M'],
    [163_606_777, '164M'],
    [2_000_000_000, '2B'],
  ])('abbreviates %d as %s', (value, text) => {
    expect(abbreviate(value)).toBe(text);
  });

  it.each([
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 62_500, [0, 20_000, 40_000, 60_000, 80_000]],
    [-5_000, 15_000, [-5_000, 0, 5_000, 10_000, 15_000]],
    [0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]],
  ])('ticks from %d to %d: %j', (lo, hi, ticks) => {
    expect(niceTicks(lo, hi).map((t) => Number(t.toPrecision(12)))).toEqual(ticks);
  });

  it.each([
    ['USD', 1_234_567.4, '$1,234,567', '$1.2M'],
    ['EUR', 1_500, '€1,500', '€1.5k'],
    ['XYZ', 1_500, 'XYZ 1,500', 'XYZ 1.5k'],
    ['not a code', 1_500, '1,500 not a code', '1.5k not a code'],
  ])('money in %s', (currency, amount, full, short) => {
    expect(
      money(currency)
        .full(amount)
        .replace(/\u00a0/g, ' '),
    ).toBe(full);
    expect(
      money(currency)
        .short(amount)
        .replace(/\u00a0/g, ' '),
    ).toBe(short);
    expect(money(currency).full(null)).toBe('—');
  });

  it('escapes XML and drops characters XML does not allow', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0000\u001b`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('escapes Markdown onto one line', () => {
    expect(escapeMarkdown('a|b\n*c* _d_ [e](f) <g> \\')).toBe('a\\|b<br>\\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> \\\\');
  });

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-ops', "'-ops"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('CSV text %j becomes %j', (text, safe) => {
    expect(csvText(text)).toBe(safe);
  });
});
