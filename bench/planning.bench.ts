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
import { demoLoadLine, loadDemoDataset, type DemoDataset, type DemoScale } from './datasets/demo-dataset';
import { ADMIN_TOKEN, benchDemoScales, gql, percentile, type Results, startBenchApp } from './harness';

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
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  await benchDemoScales(measure, {
    file: 'RESULTS-planning.md',
    title: 'Planning benchmark',
    method:
      `Plan = \`planMigration(top: <every service>, waveCapacity: { services: ${WAVE_CAPACITY} })\` over HTTP, ` +
      `${RUNS} runs after a warm-up (each scores the estate if it changed, reads every selected service's fields, plans, and saves the plan). ` +
      `HTML = \`GET /reports/plans/<id>.html\` (read the saved plan, render, send) and the renderer alone on the same plan, ${RUNS} runs each.`,
    table: (all) => [
      '| what | median | max | size |',
      '| ---- | -----: | --: | ---: |',
      ...all.flatMap((f) => {
        const label = f.dataset.scale.label;
        return [
          `| ${label}: plan ${f.plan.serviceCount} services into ${f.plan.waveCount} waves | ${ms(median(f.planTimes))} | ${ms(max(f.planTimes))} | saved result ${(f.savedBytes / 1024 / 1024).toFixed(1)} MB (jsonb, compressed) |`,
          `| ${label}: HTML report over HTTP | ${ms(median(f.httpTimes))} | ${ms(max(f.httpTimes))} | ${(f.htmlChars / 1024).toFixed(0)} KB |`,
          `| ${label}: HTML renderer alone | ${ms(median(f.renderTimes))} | ${ms(max(f.renderTimes))} | |`,
        ];
      }),
      '',
      ...all.map((f) => {
        const totals = f.plan.totals;
        return (
          `Plan totals at ${f.dataset.scale.label}: ${totals.servicesRetired} services retired, ${totals.unscheduled} unscheduled, ` +
          `annual savings ${totals.annualSavings.currency} ${Number(totals.annualSavings.amount).toLocaleString('en-US')}. ` +
          `Peak RSS of the bench process (client and server): ${f.peakRssMb} MB.`
        );
      }),
    ],
    scaled: (f) => ({
      plan: median(f.planTimes),
      'HTML report over HTTP': median(f.httpTimes),
      'HTML renderer': median(f.renderTimes),
      'saved result': f.savedBytes,
    }),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
