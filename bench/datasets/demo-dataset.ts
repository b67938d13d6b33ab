import { performance } from 'node:perf_hooks';
import type { Caller } from '../../src/audit/audit-log';
import { Role } from '../../src/auth/roles';
import { createDataSource } from '../../src/database/data-source';
import type { DemoBreadth } from '../../src/demo/demo-breadth';
import { DEFAULT_DEMO_OPTIONS, generateDemoEstate, type DemoService } from '../../src/demo/demo-estate';
import { loadDemoEstate, type DemoLoadSummary } from '../../src/demo/demo-loader';

/**
 * The benchmarks' estate: the demo estate of `estate demo` (Salesforce, Workday and the other
 * well-known systems, a long tail of small tools, a published unified schema and confirmed
 * mappings), generated and loaded exactly as the CLI does it, at the demo's default size (1×) and
 * ten times that (10×: the well-known systems stay, the long tail grows).
 */
export interface DemoScale {
  label: string;
  services: number;
}

/** Said under each result table: the figures are of this estate, not of the one the benchmarks ran on before. */
export const DEMO_DATASET_NOTE =
  'Estate = the demo estate of `estate demo` (bench/datasets/demo-dataset.ts), at 1× and 10×. Results from before it ' +
  'replaced the synthetic scoring estate (bench/datasets/scoring-estate.ts: 50 fields per service, 600 unified fields ' +
  'at 1×) are of that other estate and not comparable.';

export const DEMO_SCALES: DemoScale[] = [
  { label: '1×', services: DEFAULT_DEMO_OPTIONS.services },
  { label: '10×', services: DEFAULT_DEMO_OPTIONS.services * 10 },
];

/**
 * Rows in the database after the load, counted there: the summary's counts, with its confirmed
 * mappings (field mappings only) counted apart as field and entity mappings.
 */
export type DemoCounts = Pick<
  DemoLoadSummary,
  'teams' | 'services' | 'integrations' | 'entities' | 'fields' | 'unifiedEntities' | 'unifiedFields'
> & {
  confirmedFieldMappings: number;
  confirmedEntityMappings: number;
};

export interface DemoDataset {
  scale: DemoScale;
  counts: DemoCounts;
  /** Every row counted above: what the load wrote (the audit log aside). */
  rows: number;
  /** Generating the estate in memory. */
  generateSeconds: number;
  /** loadDemoEstate: its one transaction and the ANALYZE after it. */
  loadSeconds: number;
  /** Where the load's time went: each phase of loadDemoEstate, then the commit and ANALYZE. */
  phases: { phase: string; seconds: number }[];
  /** The services as loaded (ServiceInput's shape): inputs for write benchmarks. */
  services: DemoService[];
}

const BENCH_CALLER: Caller = {
  actor: { tokenId: null, name: 'estate bench', role: Role.ADMIN, teamId: null, teamKey: null },
  requestId: null,
};

/**
 * Generates the demo estate at `scale` (widened to `breadth` when given: see BENCH_BREADTH) and loads
 * it into the empty, migrated database at `databaseUrl`.
 */
export async function loadDemoDataset(
  databaseUrl: string,
  scale: DemoScale,
  breadth?: DemoBreadth,
): Promise<DemoDataset> {
  const generateStart = performance.now();
  const estate = generateDemoEstate({ services: scale.services, seed: DEFAULT_DEMO_OPTIONS.seed, breadth });
  const generateSeconds = (performance.now() - generateStart) / 1000;
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    const phaseEnds = new Map<string, number>();
    const loadStart = performance.now();
    const summary = await loadDemoEstate(dataSource, estate, BENCH_CALLER, (phase) =>
      phaseEnds.set(phase, performance.now()),
    );
    phaseEnds.set('commit and ANALYZE', loadStart + summary.seconds * 1000);
    const [counts] = await dataSource.query<DemoCounts[]>(
      `SELECT (SELECT count(*) FROM team)::int AS teams, (SELECT count(*) FROM service)::int AS services,
              (SELECT count(*) FROM integration)::int AS integrations, (SELECT count(*) FROM data_entity)::int AS entities,
              (SELECT count(*) FROM data_field)::int AS fields,
              (SELECT count(*) FROM unified_entity)::int AS "unifiedEntities",
              (SELECT count(*) FROM unified_field)::int AS "unifiedFields",
              (SELECT count(*) FROM field_mapping WHERE status = 'CONFIRMED')::int AS "confirmedFieldMappings",
              (SELECT count(*) FROM entity_mapping WHERE status = 'CONFIRMED')::int AS "confirmedEntityMappings"`,
    );
    if (counts.services !== scale.services || counts.fields !== summary.fields)
      throw new Error(`the demo load wrote ${JSON.stringify(counts)}, its summary says ${JSON.stringify(summary)}`);
    return {
      scale,
      counts,
      rows: Object.values(counts).reduce((sum, n) => sum + n, 0),
      generateSeconds,
      loadSeconds: summary.seconds,
      phases: [...phaseEnds].map(([phase, end], n, all) => ({
        phase,
        seconds: (end - (n === 0 ? loadStart : all[n - 1][1])) / 1000,
      })),
      services: estate.services,
    };
  } finally {
    await dataSource.destroy();
  }
}

/** "1× (1,200 services, 14,369 fields, 3,119 integrations)": how the result tables name an estate. */
export function demoEstateLabel(dataset: DemoDataset): string {
  const { services, fields, integrations } = dataset.counts;
  return `${dataset.scale.label} (${thousands(services)} services, ${thousands(fields)} fields, ${thousands(integrations)} integrations)`;
}

/** One line on what was loaded, and how long it took. */
export function demoLoadLine(dataset: DemoDataset): string {
  const c = dataset.counts;
  return (
    `${dataset.scale.label}: loaded the demo estate, ${thousands(c.services)} services, ${thousands(c.fields)} fields, ` +
    `${thousands(c.integrations)} integrations, ${thousands(c.unifiedFields)} unified fields, ` +
    `${thousands(c.confirmedFieldMappings)} confirmed mappings, in ${dataset.loadSeconds.toFixed(1)} s`
  );
}

export const thousands = (n: number): string => n.toLocaleString('en-US');
