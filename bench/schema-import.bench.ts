/**
 * Schema import benchmark.
 *
 * 1. Reading a spec (parse, resolve $refs, flatten to entities and fields), each
 *    run in a fresh child process so its peak RSS is the import's own: a
 *    generated Stripe-sized OpenAPI spec (1,500 densely linked schemas), and any
 *    real spec named in ESTATE_BENCH_SPEC (e.g. GitHub's, from the npm package
 *    @octokit/openapi: generated/api.github.com.json).
 * 2. The same spec through importServiceSchema over HTTP into PostgreSQL, then
 *    again (a no-op).
 * 3. 60,000 fields across 1,200 services: one putServiceSchema per service
 *    (50 fields in 4 entities each), 10 at a time; then an estate-wide search
 *    for every e-mail field.
 *
 *   npm run bench                 # embedded PostgreSQL in a scratch folder
 *   DATABASE_URL=postgres://… ESTATE_BENCH_SPEC=path/to/spec.json npm run bench
 *
 * Prints its figures and writes them to bench/RESULTS-schema-import.md.
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { countFields } from '../src/schemas/change-set';
import { importSchema } from '../src/schemas/importers/import-schema';
import { largeOpenApiSpec } from './datasets/large-openapi';
import { seededRandom } from './datasets/random';
import { gql, Results, startBenchApp, summary } from './harness';

const GENERATED_SCHEMAS = 1500;
const SERVICES = 1200;
const FIELDS_PER_SERVICE = 50;
const CONCURRENCY = 10;
const RUNS = 3;

interface ChildResult {
  ms: number;
  entities: number;
  fields: number;
  bytes: number;
  peakRssMb: number;
}

/** In the child: read one spec once and report time and peak memory. */
function childMain(source: string): void {
  if (source === 'baseline') {
    process.send!({ ms: 0, entities: 0, fields: 0, bytes: 0, peakRssMb: process.resourceUsage().maxRSS / 1024 }, () =>
      process.exit(0),
    );
    return;
  }
  const content =
    source === 'generated' ? JSON.stringify(largeOpenApiSpec(GENERATED_SCHEMAS)) : fs.readFileSync(source, 'utf8');
  const started = performance.now();
  const imported = importSchema(content, undefined);
  const ms = performance.now() - started;
  const result: ChildResult = {
    ms,
    entities: imported.entities.length,
    fields: countFields(imported.entities),
    bytes: Buffer.byteLength(content),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.send!(result, () => process.exit(0));
}

function inChild(source: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', source], { stdio: 'inherit' });
    child.once('message', (message) => resolve(message as ChildResult));
    child.once('exit', (code) => code !== 0 && reject(new Error(`child exited with ${code}`)));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const IMPORT = `mutation($key: String!, $content: String!) {
  importServiceSchema(serviceKey: $key, content: $content) { entityCount fieldCount changes { level } } }`;
const PUT = `mutation($key: String!, $entities: [DataEntityInput!]!) {
  putServiceSchema(serviceKey: $key, entities: $entities) { level } }`;

/** 50 fields in 4 entities with names and types like a small SaaS tool's. */
function smallSchema(i: number): object[] {
  const next = seededRandom(1000 + i);
  const words = [
    'customer',
    'email',
    'phone',
    'amount',
    'status',
    'created_at',
    'owner',
    'title',
    'city',
    'country',
    'notes',
    'due_date',
    'priority',
    'tags',
    'score',
  ];
  const types = ['varchar(255)', 'integer', 'numeric(12,2)', 'boolean', 'timestamp', 'text', 'date'];
  return ['Record', 'Contact', 'Activity', 'Attachment'].map((entity, e) => ({
    name: `${entity}${i % 7}`,
    description: `${entity} kept by tool ${i}`,
    fields: Array.from({ length: e === 0 ? FIELDS_PER_SERVICE - 36 : 12 }, (_, f) => ({
      name: f === 0 ? 'id' : `${words[Math.floor(next() * words.length)]}_${f}`,
      sourceType: f === 0 ? 'uuid' : types[Math.floor(next() * types.length)],
      identifier: f === 0,
      nullable: f !== 0,
    })),
  }));
}

async function main(): Promise<void> {
  const results = new Results();
  const say = (line: string) => results.say(line);
  const specs: [string, string][] = [[`generated OpenAPI 3.0, ${GENERATED_SCHEMAS} schemas`, 'generated']];
  if (process.env.ESTATE_BENCH_SPEC)
    specs.push([path.basename(process.env.ESTATE_BENCH_SPEC), process.env.ESTATE_BENCH_SPEC]);

  say(`## Reading a large spec (pure import: parse, resolve $refs, flatten)\n`);
  const baseline = await inChild('baseline');
  say(
    `Each run in a fresh process; median of ${RUNS} runs. Peak RSS is the whole process's; the same process ` +
      `importing nothing (all modules loaded) peaks at ${baseline.peakRssMb.toFixed(0)} MB.\n`,
  );
  say('| spec | size | entities | fields | time | peak RSS |');
  say('|---|---|---|---|---|---|');
  for (const [label, source] of specs) {
    const runs: ChildResult[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await inChild(source));
    const { entities, fields, bytes } = runs[0];
    say(
      `| ${label} | ${(bytes / 1024 / 1024).toFixed(1)} MiB | ${entities} | ${fields} | ${median(runs.map((r) => r.ms)).toFixed(0)} ms | ${median(runs.map((r) => r.peakRssMb)).toFixed(0)} MB |`,
    );
  }

  const bench = await startBenchApp();
  try {
    await gql(bench.url, `mutation { upsertTeam(input: { key: "bench", name: "Bench" }) { outcome } }`);
    const services = Array.from({ length: SERVICES }, (_, i) => ({
      key: `tool-${String(i).padStart(4, '0')}`,
      name: `Tool ${i}`,
      kind: 'SAAS',
      ownerTeam: 'bench',
    }));
    await gql(bench.url, `mutation($input: [ServiceInput!]!) { importServices(input: $input) { ok } }`, {
      input: services,
    });

    say(`\n## importServiceSchema over HTTP into PostgreSQL\n`);
    say('| spec | run | time | outcome |');
    say('|---|---|---|---|');
    for (const [label, source] of specs) {
      const content =
        source === 'generated' ? JSON.stringify(largeOpenApiSpec(GENERATED_SCHEMAS)) : fs.readFileSync(source, 'utf8');
      for (const run of ['first import', 'same file again (no-op)']) {
        const started = performance.now();
        const outcome = (await gql(bench.url, IMPORT, { key: services[0].key, content })).importServiceSchema;
        say(
          `| ${label} | ${run} | ${(performance.now() - started).toFixed(0)} ms | ${outcome.entityCount} entities, ${outcome.fieldCount} fields, ${outcome.changes.level} |`,
        );
      }
    }

    const latencies: number[] = [];
    let issued = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < SERVICES) {
          const i = issued++;
          const began = performance.now();
          await gql(bench.url, PUT, { key: services[i].key, entities: smallSchema(i) });
          latencies.push(performance.now() - began);
        }
      }),
    );
    const wall = performance.now() - started;
    const puts = summary(latencies, wall);
    const total = (await gql(bench.url, `{ dataFields(first: 1) { totalCount } }`)).dataFields.totalCount as number;

    const searches: number[] = [];
    for (let i = 0; i < 50; i++) {
      const began = performance.now();
      await gql(
        bench.url,
        `{ dataFields(filter: { piiClass: [EMAIL] }, first: 100) { totalCount edges { node { name entity { name service { key } } } } } }`,
      );
      searches.push(performance.now() - began);
    }
    const search = summary(
      searches,
      searches.reduce((a, b) => a + b, 0),
    );

    say(
      `\n## ${SERVICES} services × ${FIELDS_PER_SERVICE} fields: one putServiceSchema per service, c${CONCURRENCY}\n`,
    );
    say(`After the run the estate holds ${total} fields (${services[0].key}'s large spec was replaced by its 50).\n`);
    say('| what | requests | total | p50 | p95 | p99 |');
    say('|---|---|---|---|---|---|');
    say(
      `| putServiceSchema, 50 fields each | ${puts.requests} | ${(wall / 1000).toFixed(1)} s | ${puts.p50.toFixed(0)} ms | ${puts.p95.toFixed(0)} ms | ${puts.p99.toFixed(0)} ms |`,
    );
    say(
      `| dataFields(piiClass: EMAIL, first: 100) with entity and service, sequential | ${search.requests} | — | ${search.p50.toFixed(0)} ms | ${search.p95.toFixed(0)} ms | ${search.p99.toFixed(0)} ms |`,
    );
    results.write('RESULTS-schema-import.md', 'Schema import benchmark', bench.where);
  } finally {
    await bench.stop();
  }
}

if (process.argv[2] === '--child') childMain(process.argv[3]);
else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
