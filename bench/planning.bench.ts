/**
 * Planning benchmark: plan the retirement of every service of the demo estate (1,200 services, the
 * one `estate demo` loads, then ten times that) through `planMigration`, then render that plan's
 * HTML report over HTTP and in-process.
 *
 *   npm run bench:planning          # embedded PostgreSQL in a scratch folder
 *   DATABASE_URL=postgres://… npm run bench:planning
 *
 * Prints its figures and writes them to bench/RESULTS-planning.md.
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { ReportFormat, type MigrationPlanResult } from '../src/planning/plan.types';
import { renderPlanReport } from '../src/planning/report/render';
import {
  DEMO_DATASET_NOTE,
  DEMO_SCALES,
  demoLoadLine,
  loadDemoDataset,
  type DemoDataset,
  type DemoScale,
} from './datasets/demo-dataset';
import { ADMIN_TOKEN, gql, percentile, Results, startBenchApp } from './harness';

const RUNS = 10;
const WAVE_CAPACITY = 50;

const PLAN = `mutation($input: PlanMigrationInput!) { planMigration(input: $input) {
  id serviceCount waveCount totals { servicesRetired unscheduled annualSavings { amount currency } } } }`;

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const max = (values: number[]) => Math.max(...values);

interface Figures {
  dataset: DemoDataset;
  plan: { id: string; serviceCount: number; waveCount: number; totals: any };
  planTimes: number[];
  savedBytes: number;
  httpTimes: number[];
  htmlChars: number;
  renderTimes: number[];
  /** Peak RSS of the bench process so far: the scales run smallest first, so this is the peak at this scale. */
  peakRssMb: number;
}

async function measure(scale: DemoScale, results: Results): Promise<{ figures: Figures; where: string }> {
  const app = await startBenchApp();
  try {
    const dataset = await loadDemoDataset(app.databaseUrl, scale);
    results.say(demoLoadLine(dataset));
    const input = {
      name: 'Everything',
      top: dataset.counts.services,
      waveCapacity: { services: WAVE_CAPACITY },
      startDate: '2027-01-01',
    };
    await gql(app.url, PLAN, { input }); // warm-up
    const planTimes: number[] = [];
    let plan: Figures['plan'] | null = null;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      plan = (await gql(app.url, PLAN, { input })).planMigration;
      planTimes.push(performance.now() - start);
    }
    const client = new Client({ connectionString: app.databaseUrl });
    await client.connect();
    const [{ size }] = (
      await client.query<{ size: string }>(
        `SELECT pg_column_size(result)::text AS size FROM migration_plan WHERE id = $1`,
        [plan!.id],
      )
    ).rows;
    await client.end();

    const reportUrl = app.url.replace(/\/graphql$/, `/reports/plans/${plan!.id}.html`);
    const httpTimes: number[] = [];
    let html = '';
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const response = await fetch(reportUrl, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      html = await response.text();
      httpTimes.push(performance.now() - start);
      if (!response.ok) throw new Error(`report: HTTP ${response.status}`);
    }
    const json = await fetch(reportUrl.replace(/\.html$/, '.json'), {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const result = (await json.json()) as MigrationPlanResult;
    const renderTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      renderPlanReport(result, ReportFormat.HTML);
      renderTimes.push(performance.now() - start);
    }
    return {
      where: app.where,
      figures: {
        dataset,
        plan: plan!,
        planTimes,
        savedBytes: Number(size),
        httpTimes,
        htmlChars: html.length,
        renderTimes,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      },
    };
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const results = new Results();
  const all: Figures[] = [];
  let where = '';
  for (const scale of DEMO_SCALES) {
    const measured = await measure(scale, results);
    all.push(measured.figures);
    where = measured.where;
  }

  const ms = (x: number) => `${x.toFixed(0)} ms`;
  results.say('');
  results.say(
    `Plan = \`planMigration(top: <every service>, waveCapacity: { services: ${WAVE_CAPACITY} })\` over HTTP, ` +
      `${RUNS} runs after a warm-up (each scores the estate if it changed, reads every selected service's fields, plans, and saves the plan). ` +
      `HTML = \`GET /reports/plans/<id>.html\` (read the saved plan, render, send) and the renderer alone on the same plan, ${RUNS} runs each.`,
  );
  results.say('');
  results.say(DEMO_DATASET_NOTE);
  results.say('');
  results.say('| what | median | max | size |');
  results.say('| ---- | -----: | --: | ---: |');
  for (const f of all) {
    const label = f.dataset.scale.label;
    results.say(
      `| ${label}: plan ${f.plan.serviceCount} services into ${f.plan.waveCount} waves | ${ms(median(f.planTimes))} | ${ms(max(f.planTimes))} | saved result ${(f.savedBytes / 1024 / 1024).toFixed(1)} MB (jsonb, compressed) |`,
    );
    results.say(
      `| ${label}: HTML report over HTTP | ${ms(median(f.httpTimes))} | ${ms(max(f.httpTimes))} | ${(f.htmlChars / 1024).toFixed(0)} KB |`,
    );
    results.say(`| ${label}: HTML renderer alone | ${ms(median(f.renderTimes))} | ${ms(max(f.renderTimes))} | |`);
  }
  results.say('');
  for (const f of all) {
    const totals = f.plan.totals;
    results.say(
      `Plan totals at ${f.dataset.scale.label}: ${totals.servicesRetired} services retired, ${totals.unscheduled} unscheduled, ` +
        `annual savings ${totals.annualSavings.currency} ${Number(totals.annualSavings.amount).toLocaleString('en-US')}. ` +
        `Peak RSS of the bench process (client and server): ${f.peakRssMb} MB.`,
    );
  }
  const [one, ten] = all;
  const ratio = (a: number[], b: number[]) => (median(b) / median(a)).toFixed(1);
  results.say('');
  results.say(
    `Scaling 1× → 10×: plan ×${ratio(one.planTimes, ten.planTimes)}, HTML report over HTTP ×${ratio(one.httpTimes, ten.httpTimes)}, ` +
      `HTML renderer ×${ratio(one.renderTimes, ten.renderTimes)}, saved result ×${(ten.savedBytes / one.savedBytes).toFixed(1)} (linear would be ×10).`,
  );
  results.write('RESULTS-planning.md', 'Planning benchmark', where);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
