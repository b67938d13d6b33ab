/**
 * Planning benchmark: plan the retirement of every service of a Klarna-sized estate (1,200
 * services, 60,000 fields, 3,000 integrations) through `planMigration`, then render that plan's
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
import { KLARNA_ESTATE, seedScoringEstate } from './datasets/scoring-estate';
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

async function main(): Promise<void> {
  const results = new Results();
  const app = await startBenchApp();
  try {
    const client = new Client({ connectionString: app.databaseUrl });
    await client.connect();
    const { seconds } = await seedScoringEstate(client, KLARNA_ESTATE);
    results.say(
      `Seeded ${KLARNA_ESTATE.services} services, ${KLARNA_ESTATE.services * KLARNA_ESTATE.fieldsPerService} fields, ` +
        `${KLARNA_ESTATE.integrations} integrations in ${seconds.toFixed(1)} s.`,
    );
    const input = {
      name: 'Everything',
      top: KLARNA_ESTATE.services,
      waveCapacity: { services: WAVE_CAPACITY },
      startDate: '2027-01-01',
    };
    await gql(app.url, PLAN, { input }); // warm-up
    const planTimes: number[] = [];
    let plan: { id: string; serviceCount: number; waveCount: number; totals: any } | null = null;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      plan = (await gql(app.url, PLAN, { input })).planMigration;
      planTimes.push(performance.now() - start);
    }
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

    const ms = (x: number) => `${x.toFixed(0)} ms`;
    results.say('');
    results.say(
      `Plan = \`planMigration(top: ${KLARNA_ESTATE.services}, waveCapacity: { services: ${WAVE_CAPACITY} })\` over HTTP, ` +
        `${RUNS} runs after a warm-up (each scores the estate if it changed, reads every selected service's fields, plans, and saves the plan). ` +
        `HTML = \`GET /reports/plans/<id>.html\` (read the saved plan, render, send) and the renderer alone on the same plan, ${RUNS} runs each.`,
    );
    results.say('');
    results.say('| what | median | max | size |');
    results.say('| ---- | -----: | --: | ---: |');
    results.say(
      `| plan ${plan!.serviceCount} services into ${plan!.waveCount} waves | ${ms(median(planTimes))} | ${ms(max(planTimes))} | saved result ${(Number(size) / 1024 / 1024).toFixed(1)} MB (jsonb, compressed) |`,
    );
    results.say(
      `| HTML report over HTTP | ${ms(median(httpTimes))} | ${ms(max(httpTimes))} | ${(html.length / 1024).toFixed(0)} KB |`,
    );
    results.say(`| HTML renderer alone | ${ms(median(renderTimes))} | ${ms(max(renderTimes))} | |`);
    results.say('');
    results.say(
      `Plan totals: ${plan!.totals.servicesRetired} services retired, ${plan!.totals.unscheduled} unscheduled, ` +
        `annual savings ${plan!.totals.annualSavings.currency} ${Number(plan!.totals.annualSavings.amount).toLocaleString('en-US')}. ` +
        `Peak RSS of the bench process (client and server): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`,
    );
    results.write('RESULTS-planning.md', 'Planning benchmark', app.where);
  } finally {
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
