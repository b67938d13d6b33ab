import type { PlanWave, QuadrantPoint } from '../plan.types';
import { escapeXml, formatCount, formatScore, money, plural, type Money } from './format';
import { placeLabels, type Bubble } from './labels';

/*
 * The two charts of the reports as inline SVG strings: deterministic (same input, same bytes), every
 * piece of text escaped, styled by a scoped <style> so that a mark costs a few dozen bytes.
 */

/** At most this many services get their own mark on the quadrant; the rest are aggregated. */
export const QUADRANT_MARK_LIMIT = 1500;
/** This many of the highest retirement scores are labelled with their key. */
export const QUADRANT_LABELS = 15;
/** Beyond this many marks, outlines get thinner so that the colours still read. */
const CROWDED = 300;
/** The density layer divides each axis into this many cells. */
export const DENSITY_CELLS = 20;

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies, and in greyscale by quadrant. */
export const DISPOSITIONS: { disposition: string | null; label: string; colour: string; className: string }[] = [
  { disposition: 'INVEST', label: 'Invest', colour: '#009E73', className: 'd-invest' },
  { disposition: 'MIGRATE', label: 'Migrate', colour: '#0072B2', className: 'd-migrate' },
  { disposition: 'TOLERATE', label: 'Tolerate', colour: '#E69F00', className: 'd-tolerate' },
  { disposition: 'ELIMINATE', label: 'Eliminate', colour: '#D55E00', className: 'd-eliminate' },
  { disposition: null, label: 'Unknown', colour: '#8C8C8C', className: 'd-unknown' },
];

const INK = '#1f2328';
const MUTED = '#59636e';
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';

export interface QuadrantOptions {
  currency: string;
  markLimit?: number;
  labels?: number;
  title?: string;
}

export interface QuadrantChart {
  svg: string;
  caption: string;
  /** Services drawn as their own mark. */
  drawn: number;
  /** Services counted in the density layer instead. */
  aggregated: number;
  /** Services without both scores, which have no place on the chart. */
  unplaced: number;
  labelled: number;
}

// Layout of the quadrant, in SVG user units: the plot on the left, the legend on the right.
const Q = { width: 980, height: 640, left: 64, right: 764, top: 20, bottom: 576, legendX: 792 };

interface Mark {
  point: QuadrantPoint & { aiReadiness: number; retirementScore: number };
  x: number;
  y: number;
  r: number;
  className: string;
  hollow: boolean;
}

/**
 * The portfolio quadrant: AI-readiness across, retirement score up, bubble area proportional to annual
 * cost, colour by disposition. Planned services are drawn first, then the costliest, up to `markLimit`;
 * the others are shaded in a density grid so that a large estate stays readable and small.
 */
export function quadrantChart(points: readonly QuadrantPoint[], options: QuadrantOptions): QuadrantChart {
  const limit = options.markLimit ?? QUADRANT_MARK_LIMIT;
  const labelCount = options.labels ?? QUADRANT_LABELS;
  const currency = money(options.currency);
  const placeable = points.filter(isPlaceable);
  const ordered = [...placeable].sort(byDrawPriority);
  const individual = ordered.slice(0, limit);
  const aggregated = ordered.slice(limit);
  const maxCost = Math.max(0, ...individual.map((p) => p.annualCost ?? 0));
  const rMax = maxRadius(individual.length);
  const marks = individual.map((p) => toMark(p, maxCost, rMax));
  // Big bubbles first so that small ones stay visible on top of them.
  const paintOrder = [...marks].sort((a, b) => b.r - a.r || compareText(a.point.key, b.point.key));
  const labelled = [...marks]
    .sort((a, b) => b.point.retirementScore - a.point.retirementScore || compareText(a.point.key, b.point.key))
    .slice(0, labelCount);
  const labels = placeLabels(
    labelled.map((m): Bubble => ({ x: m.x, y: m.y, r: m.r, text: m.point.key })),
    { left: Q.left, right: Q.right, top: Q.top, bottom: Q.bottom },
  );
  const title = options.title ?? 'Portfolio quadrant: AI-readiness × retirement score';

  const out: string[] = [
    svgOpen(`chart chart-quadrant${marks.length > CROWDED ? ' crowded' : ''}`, Q.width, Q.height, title),
    quadrantStyle(),
    `<rect x="0" y="0" width="${Q.width}" height="${Q.height}" fill="#fff"/>`,
    quadrantGrid(),
    density(aggregated),
    quadrantAxes(),
    `<g class="marks">`,
    ...paintOrder.map((m) => markElement(m, currency)),
    `</g>`,
    `<g class="labels">`,
    ...labels.placed.map(
      (l) =>
        (l.leader
          ? `<line class="leader" x1="${n(l.leader.x1)}" y1="${n(l.leader.y1)}" x2="${n(l.leader.x2)}" y2="${n(l.leader.y2)}"/>`
          : '') +
        `<text class="label" x="${n(l.x)}" y="${n(l.y)}" text-anchor="${l.anchor}">${escapeXml(l.text)}</text>`,
    ),
    `</g>`,
    quadrantLegend(marks, maxCost, rMax, aggregated, currency),
    '</svg>',
  ];
  const unplaced = points.length - placeable.length;
  return {
    svg: out.join(''),
    caption: quadrantCaption(points.length, marks, aggregated.length, unplaced, {
      tried: labelled.length,
      skipped: labels.skipped,
    }),
    drawn: marks.length,
    aggregated: aggregated.length,
    unplaced,
    labelled: labels.placed.length,
  };
}

function isPlaceable(p: QuadrantPoint): p is QuadrantPoint & { aiReadiness: number; retirementScore: number } {
  return (
    p.aiReadiness !== null &&
    p.retirementScore !== null &&
    Number.isFinite(p.aiReadiness) &&
    Number.isFinite(p.retirementScore)
  );
}

/** Planned services first, then by annual cost (unknown last), then by score, then by key. */
function byDrawPriority(a: QuadrantPoint, b: QuadrantPoint): number {
  return (
    Number(b.inPlan) - Number(a.inPlan) ||
    (b.annualCost ?? -Infinity) - (a.annualCost ?? -Infinity) ||
    (b.retirementScore ?? 0) - (a.retirementScore ?? 0) ||
    compareText(a.key, b.key)
  );
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fewer marks, bigger bubbles: 26 units for a handful, 12 for a crowded chart. */
function maxRadius(marks: number): number {
  return Math.max(12, Math.min(26, 26 * Math.pow(40 / Math.max(marks, 1), 0.25)));
}

const MIN_RADIUS = 2.5;
const HOLLOW_RADIUS = 4;

function toMark(p: Mark['point'], maxCost: number, rMax: number): Mark {
  const cost = p.annualCost;
  const hollow = cost === null;
  const r = hollow
    ? HOLLOW_RADIUS
    : maxCost > 0
      ? Math.max(MIN_RADIUS, rMax * Math.sqrt(Math.max(cost, 0) / maxCost))
      : MIN_RADIUS;
  return {
    point: p,
    x: scoreX(p.aiReadiness),
    y: scoreY(p.retirementScore),
    r,
    className: dispositionOf(p.disposition).className,
    hollow,
  };
}

function dispositionOf(disposition: string | null) {
  return DISPOSITIONS.find((d) => d.disposition === disposition) ?? DISPOSITIONS[DISPOSITIONS.length - 1];
}

function clampScore(score: number): number {
  return Math.min(100, Math.max(0, score));
}

function scoreX(score: number): number {
  return Q.left + (clampScore(score) / 100) * (Q.right - Q.left);
}

function scoreY(score: number): number {
  return Q.bottom - (clampScore(score) / 100) * (Q.bottom - Q.top);
}

/** A coordinate with at most one decimal: enough on screen, and it keeps 1,500 marks small. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function svgOpen(className: string, width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${className}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" font-family="${FONT}"><title>${escapeXml(title)}</title>`
  );
}

function quadrantStyle(): string {
  const fills = DISPOSITIONS.map(
    (d) =>
      `.chart-quadrant .${d.className} circle{fill:${d.colour}}.chart-quadrant .${d.className} circle.hollow{fill:none;stroke:${d.colour}}`,
  ).join('');
  return (
    '<style>' +
    `.chart-quadrant .mark circle{fill-opacity:.72;stroke:#fff;stroke-width:.8}` +
    `.chart-quadrant .mark.planned circle{stroke:${INK};stroke-width:1.5}` +
    `.chart-quadrant.crowded .mark circle{stroke-width:.5}.chart-quadrant.crowded .mark.planned circle{stroke-width:.9}` +
    fills +
    `.chart-quadrant .mark circle.hollow{fill:#fff;fill-opacity:.6;stroke-width:1.8}` +
    `.chart-quadrant .mark circle.ring{fill:none;stroke:${INK};stroke-width:1.3}` +
    `.chart-quadrant .density{fill:#4b6584}` +
    `.chart-quadrant .label{font-size:11px;font-weight:600;fill:${INK};paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}` +
    `.chart-quadrant .leader{stroke:${MUTED};stroke-width:.8}` +
    `.chart-quadrant .tick{font-size:11px;fill:${MUTED}}` +
    `.chart-quadrant .axis-title{font-size:12.5px;font-weight:600;fill:${INK}}` +
    `.chart-quadrant .quadrant-name{font-size:20px;font-weight:700;letter-spacing:.12em;fill:${INK};fill-opacity:.16}` +
    `.chart-quadrant .legend{font-size:12px;fill:${INK}}.chart-quadrant .legend-title{font-size:12px;font-weight:700;fill:${INK}}` +
    `.chart-quadrant .legend-note{font-size:11px;fill:${MUTED}}` +
    '</style>'
  );
}

function quadrantGrid(): string {
  const lines: string[] = [];
  for (let v = 10; v < 100; v += 10) {
    if (v === 50) continue;
    lines.push(
      `<line x1="${n(scoreX(v))}" y1="${Q.top}" x2="${n(scoreX(v))}" y2="${Q.bottom}"/>`,
      `<line x1="${Q.left}" y1="${n(scoreY(v))}" x2="${Q.right}" y2="${n(scoreY(v))}"/>`,
    );
  }
  // TIME names, faint, in the outer corner of their quadrant: a high retirement score means low value.
  const names = [
    ['ELIMINATE', Q.left + 12, Q.top + 28, 'start'],
    ['TOLERATE', Q.right - 12, Q.top + 28, 'end'],
    ['MIGRATE', Q.left + 12, Q.bottom - 14, 'start'],
    ['INVEST', Q.right - 12, Q.bottom - 14, 'end'],
  ] as const;
  return (
    `<g class="grid" stroke="#edf0f3" stroke-width="1">${lines.join('')}</g>` +
    `<g class="quadrant-names">${names
      .map(
        ([text, x, y, anchor]) =>
          `<text class="quadrant-name" x="${x}" y="${y}" text-anchor="${anchor}">${text}</text>`,
      )
      .join('')}</g>`
  );
}

function quadrantAxes(): string {
  const mid = { x: n(scoreX(50)), y: n(scoreY(50)) };
  const ticks: string[] = [];
  for (let v = 0; v <= 100; v += 10) {
    ticks.push(
      `<line x1="${n(scoreX(v))}" y1="${Q.bottom}" x2="${n(scoreX(v))}" y2="${Q.bottom + 5}" stroke="${MUTED}"/>`,
      `<text class="tick" x="${n(scoreX(v))}" y="${Q.bottom + 18}" text-anchor="middle">${v}</text>`,
      `<line x1="${Q.left - 5}" y1="${n(scoreY(v))}" x2="${Q.left}" y2="${n(scoreY(v))}" stroke="${MUTED}"/>`,
      `<text class="tick" x="${Q.left - 8}" y="${n(scoreY(v) + 4)}" text-anchor="end">${v}</text>`,
    );
  }
  return (
    `<g class="axes">` +
    `<rect x="${Q.left}" y="${Q.top}" width="${Q.right - Q.left}" height="${Q.bottom - Q.top}" fill="none" stroke="#c5ccd3"/>` +
    `<line x1="${mid.x}" y1="${Q.top}" x2="${mid.x}" y2="${Q.bottom}" stroke="#8a939d" stroke-dasharray="5 4"/>` +
    `<line x1="${Q.left}" y1="${mid.y}" x2="${Q.right}" y2="${mid.y}" stroke="#8a939d" stroke-dasharray="5 4"/>` +
    ticks.join('') +
    `<text class="axis-title" x="${(Q.left + Q.right) / 2}" y="${Q.bottom + 42}" text-anchor="middle">AI-readiness (0–100) →</text>` +
    `<text class="axis-title" transform="translate(18 ${(Q.top + Q.bottom) / 2}) rotate(-90)" text-anchor="middle">Retirement score (0–100) →</text>` +
    `</g>`
  );
}

function density(aggregated: readonly Mark['point'][]): string {
  if (aggregated.length === 0) return '';
  const counts = new Map<number, number>();
  const cellOf = (score: number) => Math.min(DENSITY_CELLS - 1, Math.floor((clampScore(score) / 100) * DENSITY_CELLS));
  for (const p of aggregated) {
    const cell = cellOf(p.aiReadiness) * DENSITY_CELLS + cellOf(p.retirementScore);
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const max = Math.max(...counts.values());
  const size = 100 / DENSITY_CELLS;
  const cells = [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([cell, count]) => {
      const ai = Math.floor(cell / DENSITY_CELLS) * size;
      const retirement = (cell % DENSITY_CELLS) * size;
      const x = scoreX(ai);
      const y = scoreY(retirement + size);
      return (
        `<rect class="density" x="${n(x)}" y="${n(y)}" width="${n(scoreX(ai + size) - x)}" height="${n(scoreY(retirement) - y)}" ` +
        `fill-opacity="${densityOpacity(count, max)}"><title>${plural(count, 'service')} aggregated: AI-readiness ${ai}–${
          ai + size
        }, retirement score ${retirement}–${retirement + size}</title></rect>`
      );
    });
  return `<g class="density-layer">${cells.join('')}</g>`;
}

/** Square root so that a few crowded cells do not wash out the rest. */
function densityOpacity(count: number, max: number): string {
  return (0.05 + 0.25 * Math.sqrt(count / max)).toFixed(3);
}

function markElement(m: Mark, currency: Money): string {
  const p = m.point;
  const title = [
    `${p.key} — ${p.name}`,
    `Retirement score ${formatScore(p.retirementScore)} · AI-readiness ${formatScore(p.aiReadiness)}`,
    `Annual cost ${p.annualCost === null ? 'unknown' : currency.full(p.annualCost)}`,
    `Disposition ${p.disposition ?? 'unknown'}${p.inPlan ? ' · in this plan' : ''}`,
  ].join('\n');
  const shapes = m.hollow
    ? `<circle class="hollow" cx="${n(m.x)}" cy="${n(m.y)}" r="${m.r}"/>` +
      (p.inPlan ? `<circle class="ring" cx="${n(m.x)}" cy="${n(m.y)}" r="${m.r + 2.5}"/>` : '')
    : `<circle cx="${n(m.x)}" cy="${n(m.y)}" r="${n(m.r)}"/>`;
  return `<g class="mark ${m.className}${p.inPlan ? ' planned' : ''}" data-key="${escapeXml(p.key)}"><title>${escapeXml(
    title,
  )}</title>${shapes}</g>`;
}

function quadrantLegend(
  marks: readonly Mark[],
  maxCost: number,
  rMax: number,
  aggregated: readonly Mark['point'][],
  currency: Money,
): string {
  const x = Q.legendX;
  const out: string[] = [
    `<g class="legend-block">`,
    `<text class="legend-title" x="${x}" y="${Q.top + 12}">Disposition</text>`,
  ];
  let y = Q.top + 32;
  for (const d of DISPOSITIONS) {
    out.push(
      `<circle cx="${x + 6}" cy="${y - 4}" r="6" fill="${d.colour}" fill-opacity=".8"/>`,
      `<text class="legend" x="${x + 18}" y="${y}">${d.label}</text>`,
    );
    y += 20;
  }
  y += 12;
  out.push(`<text class="legend-title" x="${x}" y="${y}">Marks</text>`);
  y += 20;
  if (marks.some((m) => m.point.inPlan)) {
    out.push(
      `<circle cx="${x + 6}" cy="${y - 4}" r="6" fill="#b8c0c8" stroke="${INK}" stroke-width="1.5"/>`,
      `<text class="legend" x="${x + 18}" y="${y}">In this plan</text>`,
    );
    y += 20;
  }
  out.push(
    `<circle cx="${x + 6}" cy="${y - 4}" r="${HOLLOW_RADIUS}" fill="none" stroke="${MUTED}" stroke-width="1.8"/>`,
    `<text class="legend" x="${x + 18}" y="${y}">Annual cost unknown</text>`,
  );
  y += 28;
  if (maxCost > 0 && marks.some((m) => !m.hollow)) {
    out.push(`<text class="legend-title" x="${x}" y="${y}">Annual cost (area)</text>`);
    const amounts = sizeReferences(maxCost);
    const radii = amounts.map((amount) => rMax * Math.sqrt(amount / maxCost));
    const base = y + 10 + 2 * Math.max(...radii);
    let previous: { cx: number; r: number } | null = null;
    amounts.forEach((amount, i) => {
      const r = radii[i];
      // Side by side on one baseline, far enough apart for their labels underneath.
      const cx: number = previous ? Math.max(previous.cx + 46, previous.cx + previous.r + 10 + r) : x + Math.max(r, 18);
      out.push(
        `<circle cx="${n(cx)}" cy="${n(base - r)}" r="${n(r)}" fill="#d0d7de" fill-opacity=".5" stroke="${MUTED}"/>`,
        `<text class="legend-note" x="${n(cx)}" y="${n(base + 14)}" text-anchor="middle">${escapeXml(currency.short(amount))}</text>`,
      );
      previous = { cx, r };
    });
    y = base + 40;
  }
  if (aggregated.length > 0) {
    out.push(`<text class="legend-title" x="${x}" y="${y}">Aggregated services</text>`);
    y += 10;
    const steps = [0.05, 0.25, 0.5, 0.75, 1];
    steps.forEach((step, i) =>
      out.push(
        `<rect x="${x + i * 22}" y="${y}" width="20" height="14" fill="#4b6584" fill-opacity="${densityOpacity(step, 1)}"/>`,
      ),
    );
    y += 28;
    out.push(
      `<text class="legend-note" x="${x}" y="${y}">Shaded cells: services not</text>`,
      `<text class="legend-note" x="${x}" y="${y + 14}">drawn one by one (${formatCount(aggregated.length)})</text>`,
    );
  }
  out.push('</g>');
  return out.join('');
}

/** Round amounts for the size legend: the largest cost to one significant digit, a quarter and a 25th of it. */
function sizeReferences(maxCost: number): number[] {
  const round = (value: number) => {
    const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    return Math.max(1, Math.round(value / magnitude) * magnitude);
  };
  const largest = round(maxCost);
  return [...new Set([largest, round(largest / 4), round(largest / 25)])];
}

function quadrantCaption(
  total: number,
  marks: readonly Mark[],
  aggregated: number,
  unplaced: number,
  labels: { tried: number; skipped: number },
): string {
  const planned = marks.filter((m) => m.point.inPlan).length;
  const counts = [
    `${formatCount(marks.length)} drawn individually` +
      (aggregated > 0 ? ' (planned services first, then the highest annual costs)' : ''),
    aggregated > 0
      ? `${formatCount(aggregated)} aggregated into the shaded ${DENSITY_CELLS} × ${DENSITY_CELLS} density grid`
      : null,
    unplaced > 0 ? `${formatCount(unplaced)} not placed (no AI-readiness or retirement score)` : null,
  ].filter((c) => c !== null);
  const parts = [`${plural(total, 'service')}: ${counts.join(', ')}.`];
  if (planned > 0) parts.push(`${plural(planned, 'planned service')} outlined in black.`);
  if (labels.tried > 0) {
    parts.push(
      `Labelled: the ${plural(labels.tried, 'highest retirement score')}` +
        (labels.skipped > 0 ? ` (${formatCount(labels.skipped)} left unlabelled, no free space)` : '') +
        '.',
    );
  }
  parts.push('Bubble area is proportional to annual cost; hollow markers have no known cost.');
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Savings by wave

const S = { width: 980, height: 380, left: 84, right: 956, top: 48, bottom: 318 };

export interface SavingsChart {
  svg: string;
  caption: string;
}

/** Annual savings per wave as bars, and the cumulative savings as a line with a point per wave. */
export function savingsChart(waves: readonly PlanWave[], currencyCode: string): SavingsChart {
  const currency = money(currencyCode);
  const title = 'Annual savings by wave, and cumulative';
  if (waves.length === 0) {
    return {
      svg:
        svgOpen('chart chart-savings', S.width, 120, title) +
        `<rect x="0" y="0" width="${S.width}" height="120" fill="#fff"/>` +
        `<text x="${S.width / 2}" y="64" text-anchor="middle" font-size="14" fill="${MUTED}">No waves planned</text></svg>`,
      caption: 'No waves planned: no savings to show.',
    };
  }
  const values = waves.flatMap((w) => [w.annualSavings, w.cumulativeSavings]);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  const y = (v: number) => S.bottom - ((v - lo) / (hi - lo)) * (S.bottom - S.top);
  const band = (S.right - S.left) / waves.length;
  const barWidth = Math.min(64, band * 0.62);
  const centre = (i: number) => S.left + band * (i + 0.5);
  const labelEvery = Math.ceil(waves.length / 16);
  const showValues = waves.length <= 16;
  const pointRadius = waves.length > 40 ? 2.5 : 4;

  const out: string[] = [
    svgOpen('chart chart-savings', S.width, S.height, title),
    '<style>' +
      `.chart-savings .bar,.chart-savings .swatch-bar{fill:#56B4E9}` +
      `.chart-savings .point,.chart-savings .swatch-point{fill:#fff;stroke:#D55E00;stroke-width:2}` +
      `.chart-savings .line{fill:none;stroke:#D55E00;stroke-width:2.2;stroke-linejoin:round}` +
      `.chart-savings .tick{font-size:11px;fill:${MUTED}}.chart-savings .value{font-size:11px;fill:${INK}}` +
      `.chart-savings .legend{font-size:12px;fill:${INK}}.chart-savings .axis-title{font-size:12.5px;font-weight:600;fill:${INK}}` +
      '</style>',
    `<rect x="0" y="0" width="${S.width}" height="${S.height}" fill="#fff"/>`,
  ];
  out.push(`<g class="axes">`);
  for (const tick of ticks) {
    out.push(
      `<line x1="${S.left}" y1="${n(y(tick))}" x2="${S.right}" y2="${n(y(tick))}" stroke="${tick === 0 ? '#8a939d' : '#edf0f3'}"/>`,
      `<text class="tick" x="${S.left - 8}" y="${n(y(tick) + 4)}" text-anchor="end">${escapeXml(currency.short(tick))}</text>`,
    );
  }
  waves.forEach((w, i) => {
    if (i % labelEvery !== 0 && i !== waves.length - 1) return;
    const text = waves.length <= 12 ? `Wave ${w.number}` : String(w.number);
    out.push(`<text class="tick" x="${n(centre(i))}" y="${S.bottom + 18}" text-anchor="middle">${text}</text>`);
  });
  out.push(
    `<text class="axis-title" transform="translate(18 ${(S.top + S.bottom) / 2}) rotate(-90)" text-anchor="middle">` +
      `Annual savings (${escapeXml(currencyCode)})</text>`,
  );
  if (waves.length > 12) {
    out.push(
      `<text class="axis-title" x="${(S.left + S.right) / 2}" y="${S.bottom + 42}" text-anchor="middle">Wave</text>`,
    );
  }
  out.push('</g>', '<g class="bars">');
  waves.forEach((w, i) => {
    const top = y(Math.max(w.annualSavings, 0));
    const height = Math.abs(y(w.annualSavings) - y(0));
    out.push(
      `<rect class="bar" data-wave="${w.number}" x="${n(centre(i) - barWidth / 2)}" y="${n(top)}" width="${n(barWidth)}" height="${n(height)}">` +
        `<title>Wave ${w.number}${dateRange(w)}: ${escapeXml(currency.full(w.annualSavings))} a year from ${plural(
          w.serviceKeys.length,
          'service',
        )}</title></rect>`,
    );
    if (showValues) {
      // Above the bar, or above the cumulative point when that sits on the bar's top (the first wave).
      const point = y(w.cumulativeSavings);
      const labelY = Math.abs(point - top) < 16 ? Math.min(top, point) - pointRadius - 6 : top - 5;
      out.push(
        `<text class="value" x="${n(centre(i))}" y="${n(labelY)}" text-anchor="middle">${escapeXml(currency.short(w.annualSavings))}</text>`,
      );
    }
  });
  out.push('</g>');
  const path = waves.map((w, i) => `${i === 0 ? 'M' : 'L'}${n(centre(i))} ${n(y(w.cumulativeSavings))}`).join('');
  out.push(`<path class="line" d="${path}"/>`, '<g class="points">');
  waves.forEach((w, i) => {
    out.push(
      `<circle class="point" data-wave="${w.number}" cx="${n(centre(i))}" cy="${n(y(w.cumulativeSavings))}" r="${pointRadius}">` +
        `<title>After wave ${w.number}: ${escapeXml(currency.full(w.cumulativeSavings))} a year saved</title></circle>`,
    );
  });
  const last = waves[waves.length - 1];
  out.push(
    '</g>',
    `<text class="value" x="${n(centre(waves.length - 1) - 8)}" y="${n(y(last.cumulativeSavings) - 10)}" text-anchor="end" font-weight="700">` +
      `${escapeXml(currency.short(last.cumulativeSavings))} a year</text>`,
  );
  out.push(
    `<g class="legend-block">` +
      `<rect x="${S.left}" y="14" width="14" height="12" class="swatch-bar"/>` +
      `<text class="legend" x="${S.left + 20}" y="24">Annual savings in the wave</text>` +
      `<line x1="${S.left + 210}" y1="20" x2="${S.left + 238}" y2="20" class="line"/>` +
      `<circle cx="${S.left + 224}" cy="20" r="4" class="swatch-point"/>` +
      `<text class="legend" x="${S.left + 246}" y="24">Cumulative annual savings</text>` +
      `</g>`,
    '</svg>',
  );
  const total = last.cumulativeSavings;
  return {
    svg: out.join(''),
    caption:
      `${plural(waves.length, 'wave')}; bars show the annual savings of the services retired in each wave, the line ` +
      `what is saved a year once that wave is done (${currency.full(total)} after the last).`,
  };
}

function dateRange(w: PlanWave): string {
  return w.startDate ? ` (${escapeXml(w.startDate)} → ${escapeXml(w.endDate ?? '')})` : '';
}

/** Round tick values (1, 2 or 5 × 10ⁿ apart) covering [lo, hi], about five of them. */
export function niceTicks(lo: number, hi: number): number[] {
  if (hi <= lo) hi = lo + 1;
  const rough = (hi - lo) / 5;
  const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = Math.floor(lo / step) * step; v < hi + step * 0.999; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}
