/**
 * Demo-load benchmark: generate the demo estate and load it as `estate demo` does (one
 * transaction, into an empty database), at the demo's default size (1×, 1,200 services) and ten
 * times that (10×, 12,000 services): the dataset the scoring and planning benchmarks run on.
 *
 *   npm run bench:demo          # embedded PostgreSQL in a scratch folder
 *   DATABASE_URL=postgres://… npm run bench:demo
 *
 * Prints its figures and writes them to bench/RESULTS-demo.md.
 */
import { DEMO_SCALES, loadDemoDataset, thousands, type DemoDataset } from './datasets/demo-dataset';
import { Results, startBenchDatabase } from './harness';

/** Loads per scale, each into a fresh database. */
const RUNS = 3;

interface Figures {
  runs: DemoDataset[];
  /** The median run by load time. */
  typical: DemoDataset;
  maxLoadSeconds: number;
  /** Peak RSS of the bench process so far: the scales run smallest first, so this is the peak at this scale. */
  peakRssMb: number;
}

function summarise(runs: DemoDataset[]): Figures {
  const byTime = [...runs].sort((a, b) => a.loadSeconds - b.loadSeconds);
  return {
    runs,
    typical: byTime[Math.ceil(byTime.length / 2) - 1],
    maxLoadSeconds: byTime[byTime.length - 1].loadSeconds,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

async function main(): Promise<void> {
  const results = new Results();
  const all: Figures[] = [];
  let where = '';
  for (const scale of DEMO_SCALES) {
    const runs: DemoDataset[] = [];
    for (let run = 0; run < RUNS; run++) {
      const database = await startBenchDatabase();
      where = database.where;
      try {
        runs.push(await loadDemoDataset(database.databaseUrl, scale));
      } finally {
        await database.stop();
      }
    }
    const figures = summarise(runs);
    all.push(figures);
    results.say(
      `${scale.label}: ${RUNS} loads of ${thousands(scale.services)} services in ` +
        `${runs.map((r) => `${r.loadSeconds.toFixed(1)} s`).join(', ')}`,
    );
  }

  const s = (x: number) => `${x.toFixed(1)} s`;
  results.say('');
  results.say(
    `Load = \`loadDemoEstate\`, what \`estate demo\` runs: one transaction (teams, services and the unified schema ` +
      `through Estate's services, entities, fields, integrations and confirmed mappings as set-based inserts), then ANALYZE; ` +
      `${RUNS} loads per size, each into a fresh migrated database; median and max. Generate = \`generateDemoEstate\` in memory. ` +
      `Rows = the rows the load wrote (teams, services, integrations, entities, fields, unified entities and fields, ` +
      `field and entity mappings; the audit log aside), per second of the median load.`,
  );
  results.say('');
  results.say(
    '| estate | services | entities | fields | integrations | unified fields | confirmed mappings | rows | generate | load median | load max | rows/s | peak RSS |',
  );
  results.say(
    '| ------ | -------: | -------: | -----: | -----------: | -------------: | -----------------: | ---: | -------: | ----------: | -------: | -----: | -------: |',
  );
  for (const f of all) {
    const d = f.typical;
    const c = d.counts;
    results.say(
      `| ${d.scale.label} | ${thousands(c.services)} | ${thousands(c.entities)} | ${thousands(c.fields)} | ${thousands(c.integrations)} | ` +
        `${thousands(c.unifiedFields)} | ${thousands(c.confirmedFieldMappings)} | ${thousands(d.rows)} | ${s(d.generateSeconds)} | ` +
        `${s(d.loadSeconds)} | ${s(f.maxLoadSeconds)} | ${thousands(Math.round(d.rows / d.loadSeconds))} | ${f.peakRssMb} MB |`,
    );
  }

  const [one, ten] = all;
  results.say('');
  results.say('Where the median load spent its time:');
  results.say('');
  results.say('| phase | 1× | 10× | 1× → 10× |');
  results.say('| ----- | -: | --: | -------: |');
  for (const phase of one.typical.phases) {
    const tenSeconds = ten.typical.phases.find((p) => p.phase === phase.phase)?.seconds ?? NaN;
    results.say(
      `| ${phase.phase} | ${phase.seconds.toFixed(2)} s | ${tenSeconds.toFixed(2)} s | ×${(tenSeconds / phase.seconds).toFixed(1)} |`,
    );
  }
  results.say('');
  results.say(
    `Scaling 1× → 10×: rows ×${(ten.typical.rows / one.typical.rows).toFixed(1)}, load ×${(ten.typical.loadSeconds / one.typical.loadSeconds).toFixed(1)}, ` +
      `generate ×${(ten.typical.generateSeconds / one.typical.generateSeconds).toFixed(1)}. ` +
      `Peak RSS is the bench process's (generator and loader; PostgreSQL runs apart), after the 1× loads and after the 10× loads.`,
  );
  results.write(
    'RESULTS-demo.md',
    'Demo-load benchmark',
    where,
    'Generator and loader in the bench process, as `estate demo` runs them.',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
