/**
 * Scoring benchmark: rank the whole demo estate (1,200 services, the one `estate demo` loads)
 * through `retirementCandidates` over HTTP, then the same at ten times the size (12,000 services),
 * to show how it scales. Also the parts on their own: the facts statement in PostgreSQL and
 * the scoring in TypeScript, and `simulateRetirement` of the top 50 candidates.
 *
 *   npm run bench:scoring          # embedded PostgreSQL in a scratch folder
 *   DATABASE_URL=postgres://… npm run bench:scoring
 *
 * Prints its figures and writes them to bench/RESULTS-scoring.md.
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createDataSource } from '../src/database/data-source';
import { DEFAULT_PROFILE } from '../src/scoring/profile';
import { factsOf, ScoringRepository } from '../src/scoring/scoring.repository';
import { scoreEstate } from '../src/scoring/scorer';
import {
  demoEstateLabel,
  demoLoadLine,
  loadDemoDataset,
  type DemoDataset,
  type DemoScale,
} from './datasets/demo-dataset';
import { benchDemoScales, gql, percentile, type Results, startBenchApp, summary } from './harness';

const WARMUP = 20;
const SEQUENTIAL = 200;
const CONCURRENT_REQUESTS = 300;
const CONCURRENCY = 10;
const PART_RUNS = 50;
const COLD = 50;
const SIMULATIONS = 20;

const RANKING = `query { retirementCandidates(first: 50) {
  totalCount
  edges { node {
    rank service { key name annualCost { amount currency } }
    aiReadiness { score confidence }
    retirement { score confidence disposition factors { name value weight contribution missing reason } }
  } } } }`;

const SIMULATE = `query($keys: [String!]!) { simulateRetirement(serviceKeys: $keys) {
  annualSavings { amount } orphanedFields { field { name } } brokenIntegrations { consumer { key } }
  before { retirement { mean buckets } } after { retirement { mean buckets } } scoreChanges { service { key } after }
} }`;

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

interface Figures {
  dataset: DemoDataset;
  sequential: ReturnType<typeof summary>;
  cold: ReturnType<typeof summary>;
  concurrent: ReturnType<typeof summary>;
  factsMs: number;
  scoringMs: number;
  simulateMs: number;
  services: number;
}

async function measure(scale: DemoScale, results: Results): Promise<{ figures: Figures; where: string }> {
  const app = await startBenchApp();
  try {
    const dataset = await loadDemoDataset(app.databaseUrl, scale);
    results.say(demoLoadLine(dataset));

    for (let i = 0; i < WARMUP; i++) await gql(app.url, RANKING);
    const latencies: number[] = [];
    const wallStart = performance.now();
    let services = 0;
    for (let i = 0; i < SEQUENTIAL; i++) {
      const [ms, data] = await timed(() => gql(app.url, RANKING));
      latencies.push(ms);
      services = data.retirementCandidates.totalCount;
    }
    const sequential = summary(latencies, performance.now() - wallStart);

    // Cold: every request follows a committed write, so the facts are read and scored again.
    const writer = new Client({ connectionString: app.databaseUrl });
    await writer.connect();
    const coldLatencies: number[] = [];
    for (let i = 0; i < COLD; i++) {
      await writer.query(`UPDATE team SET name = name WHERE id = (SELECT min(id::text)::uuid FROM team)`);
      coldLatencies.push((await timed(() => gql(app.url, RANKING)))[0]);
    }
    await writer.end();
    const cold = summary(coldLatencies, 1);

    const concurrentLatencies: number[] = [];
    let next = 0;
    const concurrentStart = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < CONCURRENT_REQUESTS) concurrentLatencies.push((await timed(() => gql(app.url, RANKING)))[0]);
      }),
    );
    const concurrent = summary(concurrentLatencies, performance.now() - concurrentStart);

    // The two halves of a ranking request, on their own.
    const dataSource = createDataSource(app.databaseUrl);
    await dataSource.initialize();
    const repository = new ScoringRepository(dataSource);
    const factsTimes: number[] = [];
    const scoringTimes: number[] = [];
    for (let i = 0; i < PART_RUNS; i++) {
      const [factsMs, rows] = await timed(() => repository.estateFacts());
      factsTimes.push(factsMs);
      const start = performance.now();
      scoreEstate(rows.map(factsOf), DEFAULT_PROFILE);
      scoringTimes.push(performance.now() - start);
    }
    await dataSource.destroy();

    const top = (
      await gql(app.url, `{ retirementCandidates(first: 50) { edges { node { service { key } } } } }`)
    ).retirementCandidates.edges.map((e: { node: { service: { key: string } } }) => e.node.service.key);
    const simulations: number[] = [];
    for (let i = 0; i < SIMULATIONS; i++)
      simulations.push((await timed(() => gql(app.url, SIMULATE, { keys: top })))[0]);

    return {
      where: app.where,
      figures: {
        dataset,
        sequential,
        cold,
        concurrent,
        factsMs: median(factsTimes),
        scoringMs: median(scoringTimes),
        simulateMs: median(simulations),
        services,
      },
    };
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const ms = (x: number) => x.toFixed(1);
  await benchDemoScales(measure, {
    file: 'RESULTS-scoring.md',
    title: 'Scoring benchmark',
    method:
      `Ranking = \`retirementCandidates(first: 50)\` with every factor of every candidate. ` +
      `Warm: the estate has not changed since the last ranking, so Estate checks its revision (one statement) and reuses the scored estate; ` +
      `${SEQUENTIAL} sequential requests after ${WARMUP} warm-up, then ${CONCURRENT_REQUESTS} at concurrency ${CONCURRENCY}. ` +
      `Cold: each of ${COLD} requests follows a committed write, so the facts are aggregated in SQL and the whole estate is scored again. ` +
      `Facts SQL and TS scoring: medians of ${PART_RUNS} runs outside the app. Simulation: \`simulateRetirement\` of the top 50, median of ${SIMULATIONS}.`,
    table: (all) => [
      '| estate | candidates ranked | warm p50 | warm p95 | warm p99 | warm req/s at c10 | cold p50 | cold p95 | facts SQL | TS scoring | simulate top 50 |',
      '| ------ | ----------------: | -------: | -------: | -------: | ----------------: | -------: | -------: | --------: | ---------: | --------------: |',
      ...all.map(
        (f) =>
          `| ${demoEstateLabel(f.dataset)} | ${f.services} | ${ms(f.sequential.p50)} ms | ${ms(f.sequential.p95)} ms | ${ms(f.sequential.p99)} ms | ${f.concurrent.reqPerSec.toFixed(0)} | ${ms(f.cold.p50)} ms | ${ms(f.cold.p95)} ms | ${ms(f.factsMs)} ms | ${ms(f.scoringMs)} ms | ${ms(f.simulateMs)} ms |`,
      ),
    ],
    scaled: (f) => ({
      'warm p50': f.sequential.p50,
      'cold p50': f.cold.p50,
      'facts SQL': f.factsMs,
      'TS scoring': f.scoringMs,
    }),
    afterScaling: () => `Peak RSS of the bench process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
