import { Command, CommandRunner, Option } from 'nest-commander';
import { DEFAULT_DEMO_OPTIONS, generateDemoEstate, MAX_DEMO_SERVICES, MIN_DEMO_SERVICES } from '../demo/demo-estate';
import type { DemoLoadSummary } from '../demo/demo-loader';
import { CLI_CALLER } from './cli-caller';
import { progressOn } from './progress';
import { UsageError } from './usage-error';

interface DemoCommandOptions {
  services?: number;
  seed?: number;
  json?: boolean;
}

const NEXT_STEPS = [
  'estate score --top 10',
  'estate plan --name "First cut" --top 50 --capacity 10',
  'estate report <planId> --out first-cut.html',
];

@Command({
  name: 'demo',
  description:
    'Load a realistic demo estate (Salesforce, Workday and a long tail of small tools) into an empty database',
})
export class DemoCommand extends CommandRunner {
  async run(_args: string[], options: DemoCommandOptions): Promise<void> {
    const estate = generateDemoEstate({
      services: options.services ?? DEFAULT_DEMO_OPTIONS.services,
      seed: options.seed ?? DEFAULT_DEMO_OPTIONS.seed,
    });
    // Loaded when the command runs, as all the work is: `--help` and usage errors need none of it.
    const [{ loadDemoEstate }, { withDatabase }] = await Promise.all([
      import('../demo/demo-loader'),
      import('./with-database'),
    ]);
    const progress = progressOn();
    let summary: DemoLoadSummary;
    try {
      summary = await withDatabase((dataSource) =>
        loadDemoEstate(dataSource, estate, CLI_CALLER, (phase, done, total) => progress.update(phase, done, total)),
      );
    } finally {
      progress.stop();
    }
    process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
  }

  @Option({ flags: '--services <n>', description: `services in total (default ${DEFAULT_DEMO_OPTIONS.services})` })
  parseServices(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < MIN_DEMO_SERVICES || n > MAX_DEMO_SERVICES)
      throw new UsageError(
        `--services must be an integer from ${MIN_DEMO_SERVICES} to ${MAX_DEMO_SERVICES} (got "${value}")`,
      );
    return n;
  }

  @Option({ flags: '--seed <n>', description: `seed of the long tail (default ${DEFAULT_DEMO_OPTIONS.seed})` })
  parseSeed(value: string): number {
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n))
      throw new UsageError(`--seed must be an integer (got "${value}")`);
    return n;
  }

  @Option({ flags: '--json', description: 'print the summary as JSON' })
  parseJson(): boolean {
    return true;
  }
}

function summaryText(s: DemoLoadSummary): string {
  const lines = [
    `demo estate loaded in ${s.seconds.toFixed(1)} s:`,
    `  ${s.teams} teams, ${s.services} services, ${s.integrations} integrations`,
    `  ${s.entities} entities with ${s.fields} fields`,
    `  unified schema v${s.unifiedSchemaVersion}: ${s.unifiedEntities} entities, ${s.unifiedFields} fields`,
    `  ${s.confirmedMappings} confirmed field mappings`,
    '',
    'next steps:',
    ...NEXT_STEPS.map((step) => `  ${step}`),
  ];
  return `${lines.join('\n')}\n`;
}
