import { Command, CommandRunner, Help, Option, SubCommand } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { DomainError, ErrorCode, type InputProblem } from '../common/errors';
import type { MigrationPlanEntity } from '../planning/migration-plan.entity';
import type { MigrationPlanner } from '../planning/migration-planner';
import type { PlanInputs, PlanWave } from '../planning/plan.types';
import type { PlanSummary } from '../planning/planning.repository';
import type { Reports } from '../planning/reports';
import { money } from '../scoring/factors';
import { DEFAULT_PROFILE_NAME } from '../scoring/profile';
import type { ScoringService, ProfileRef } from '../scoring/scoring.service';
import { CLI_CALLER } from './cli-caller';
import { progressOn } from './progress';
import { oneLine, parseProfileRef, textTable, type Column } from './text-table';
import { UsageError } from './usage-error';

/** The same default as the GraphQL planMigration input. */
const DEFAULT_WAVE_LENGTH_DAYS = 30;
/** Saved plans are read this many at a time (the repository's page bound). */
const LIST_PAGE_SIZE = 100;
const LINE_WIDTH = 100;
/** As the GraphQL input and the database's check allow. */
const MAX_NAME_LENGTH = 200;

/**
 * The planning services built by hand on the CLI's DataSource, as the Nest module would wire them;
 * loaded when a command runs, as all the work is: `--help` and usage errors need none of it.
 */
export async function planningServices(dataSource: DataSource): Promise<{
  scoring: ScoringService;
  planner: MigrationPlanner;
  reports: Reports;
}> {
  const [
    { AuditLog },
    { MigrationPlanner },
    { PlanningRepository },
    { Reports },
    { ScoringRepository },
    { ScoringService },
    { CoverageRepository },
    { CoverageService },
  ] = await Promise.all([
    import('../audit/audit-log'),
    import('../planning/migration-planner'),
    import('../planning/planning.repository'),
    import('../planning/reports'),
    import('../scoring/scoring.repository'),
    import('../scoring/scoring.service'),
    import('../unified/coverage.repository'),
    import('../unified/coverage.service'),
  ]);
  const scoring = new ScoringService(dataSource, new ScoringRepository(dataSource), new AuditLog(dataSource));
  const planner = new MigrationPlanner(
    dataSource,
    new PlanningRepository(dataSource),
    scoring,
    new AuditLog(dataSource),
  );
  const reports = new Reports(planner, scoring, new CoverageService(new CoverageRepository(dataSource)));
  return { scoring, planner, reports };
}

/**
 * Runs `work`; a BAD_USER_INPUT from the services becomes one error line with every problem told
 * in the CLI's words (`describe`), and a profile problem lists the profiles there are.
 */
export async function explainingInput<T>(
  scoring: ScoringService,
  describe: (problem: InputProblem) => string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== ErrorCode.BAD_USER_INPUT) throw error;
    const problems = (error.details.problems ?? []) as InputProblem[];
    const lines = problems.map(describe);
    if (problems.some((p) => /(^|\.)profile(Version)?$/.test(p.path))) {
      const known = (await scoring.listProfiles()).map((p) => `${p.name}@${p.version}`);
      lines.push(`profiles: ${known.join(', ')}`);
    }
    throw new Error(lines.join('; '));
  }
}

interface PlanOptions {
  name?: string;
  services?: string[];
  top?: number;
  minScore?: number;
  capacity?: number;
  effortCapacity?: number;
  maxWaves?: number;
  startDate?: string;
  waveLength?: number;
  profile?: ProfileRef;
  json?: boolean;
}

/** Where each planMigration input path lives on the command line. */
const OPTION_OF_PATH: Record<string, string> = {
  'input.name': '--name',
  'input.serviceKeys': '--services',
  'input.top': '--top',
  'input.minScore': '--min-score',
  'input.waveCapacity': '--capacity/--effort-capacity',
  'input.waveCapacity.services': '--capacity',
  'input.waveCapacity.effort': '--effort-capacity',
  'input.maxWaves': '--max-waves',
  'input.startDate': '--start-date',
  'input.waveLengthDays': '--wave-length',
  'input.profile': '--profile',
  'input.profileVersion': '--profile',
};

/** A planMigration input problem as the options that caused it. */
function describePlanProblem({ path, message }: InputProblem, options: PlanOptions): string {
  // The selection problem names input fields in its message: say the options instead.
  if (path === 'input')
    return message
      .replace(/\bserviceKeys\b/g, '--services')
      .replace(/\bminScore\b/g, '--min-score')
      .replace(/\btop\b/g, '--top');
  if (path === 'input.name' && options.name === undefined) return '--name is required';
  const item = /^input\.serviceKeys\[(\d+)\]$/.exec(path);
  const option = item ? `--services item ${Number(item[1]) + 1}` : (OPTION_OF_PATH[path] ?? path);
  return `${option}: ${message}`;
}

function numberOption(flag: string, value: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) throw new UsageError(`${flag} must be a number (got "${value}")`);
  return Number(value);
}

function planInputsOf(options: PlanOptions): PlanInputs {
  return {
    name: options.name ?? '',
    selection: { serviceKeys: options.services, top: options.top, minScore: options.minScore },
    profile: { name: options.profile?.name ?? DEFAULT_PROFILE_NAME, version: options.profile?.version ?? null },
    waveCapacity: { services: options.capacity ?? null, effort: options.effortCapacity ?? null },
    maxWaves: options.maxWaves ?? null,
    startDate: options.startDate ?? null,
    waveLengthDays: options.waveLength ?? DEFAULT_WAVE_LENGTH_DAYS,
  };
}

@SubCommand({ name: 'list', description: 'List the saved plans, newest first' })
export class PlanListCommand extends CommandRunner {
  async run(args: string[], options: { json?: boolean }): Promise<void> {
    if (args.length) throw new UsageError(`plan list takes no arguments (got "${args.join(' ')}")`);
    // Without positional options, commander hands `plan`'s own options to `plan`, wherever they stand.
    const { json, ...misplaced } = this.command.parent?.opts<PlanOptions>() ?? {};
    if (Object.values(misplaced).some((value) => value !== undefined))
      throw new UsageError('plan list takes only --json (the other options are for making a plan)');
    const { withDatabase } = await import('./with-database');
    const plans = await withDatabase(async (dataSource) => allPlans((await planningServices(dataSource)).planner));
    process.stdout.write(options.json || json ? planListJson(plans) : planListTable(plans));
  }

  @Option({ flags: '--json', description: 'print the plans as JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({
  name: 'plan',
  description: 'Plan the retirement of services in dependency-ordered waves and save the plan',
  subCommands: [PlanListCommand],
})
export class PlanCommand extends CommandRunner {
  async run(args: string[], options: PlanOptions): Promise<void> {
    if (args.length)
      throw new UsageError(
        `unknown plan subcommand "${args[0]}" (estate plan --name … makes a plan, estate plan list lists them)`,
      );
    const inputs = planInputsOf(options);
    const describe = (problem: InputProblem) => describePlanProblem(problem, options);
    // What needs no database is checked before one is opened (the embedded one takes seconds to start).
    const { checkInputs } = await import('../planning/migration-planner');
    const problems = checkInputs(inputs);
    if (problems.length) throw new UsageError(problems.map(describe).join('; '));
    const { withDatabase } = await import('./with-database');
    const progress = progressOn();
    let plan: MigrationPlanEntity;
    try {
      plan = await withDatabase(async (dataSource) => {
        const { scoring, planner } = await planningServices(dataSource);
        progress.phase(`planning "${oneLine(inputs.name)}"`);
        return explainingInput(scoring, describe, () => planner.create(inputs, CLI_CALLER));
      });
    } finally {
      progress.stop();
    }
    process.stdout.write(options.json ? planJson(plan) : planSummary(plan));
    if (!options.json) console.error(`report: estate report ${plan.id} --out plan.html`);
  }

  @Help('after')
  examples(): string {
    return [
      '',
      'Choose the services with exactly one of --services, --top or --min-score, and give --capacity,',
      '--effort-capacity or both. Examples:',
      '  estate plan --name "CRM consolidation" --services old-crm,crm-sync,leads --capacity 2',
      '  estate plan --name "Top 20" --top 20 --effort-capacity 15 --start-date 2027-01-04 --wave-length 14',
      '  estate plan list',
    ].join('\n');
  }

  @Option({ flags: '--name <name>', description: 'what the plan is called (required)' })
  parseName(value: string): string {
    // The database refuses longer names; the GraphQL input says so up front, and so does the CLI.
    if (value.trim().length > MAX_NAME_LENGTH)
      throw new UsageError(`--name must be at most ${MAX_NAME_LENGTH} characters (got ${value.trim().length})`);
    return value;
  }

  @Option({ flags: '--services <keys>', description: 'the services to retire, by key, comma-separated' })
  parseServices(value: string): string[] {
    return value
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '');
  }

  @Option({ flags: '--top <n>', description: 'the N strongest retirement candidates' })
  parseTop(value: string): number {
    return numberOption('--top', value);
  }

  @Option({ flags: '--min-score <score>', description: 'every candidate whose retirement score is at least this' })
  parseMinScore(value: string): number {
    return numberOption('--min-score', value);
  }

  @Option({ flags: '--capacity <n>', description: 'at most this many services per wave' })
  parseCapacity(value: string): number {
    return numberOption('--capacity', value);
  }

  @Option({ flags: '--effort-capacity <points>', description: 'at most this many effort points per wave' })
  parseEffortCapacity(value: string): number {
    return numberOption('--effort-capacity', value);
  }

  @Option({ flags: '--max-waves <n>', description: 'plan at most this many waves; the rest are listed as unscheduled' })
  parseMaxWaves(value: string): number {
    return numberOption('--max-waves', value);
  }

  @Option({ flags: '--start-date <YYYY-MM-DD>', description: 'the day the first wave starts (dates the waves)' })
  parseStartDate(value: string): string {
    return value;
  }

  @Option({ flags: '--wave-length <days>', description: `days per wave (default ${DEFAULT_WAVE_LENGTH_DAYS})` })
  parseWaveLength(value: string): number {
    return numberOption('--wave-length', value);
  }

  @Option({ flags: '--profile <name[@version]>', description: 'scoring profile (default: the built-in default)' })
  parseProfile(value: string): ProfileRef {
    return parseProfileRef(value);
  }

  @Option({ flags: '--json', description: 'print the saved plan as JSON' })
  parseJson(): boolean {
    return true;
  }
}

async function allPlans(planner: MigrationPlanner): Promise<PlanSummary[]> {
  const plans: PlanSummary[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await planner.list(LIST_PAGE_SIZE, after);
    plans.push(...page.rows.map((r) => r.node));
    if (!page.hasNextPage || page.rows.length === 0) return plans;
    after = page.rows[page.rows.length - 1].cursor;
  }
}

function planJson(plan: MigrationPlanEntity): string {
  const { result } = plan;
  const output = {
    id: plan.id,
    name: plan.name,
    createdAt: new Date(plan.createdAt).toISOString(),
    createdBy: plan.createdBy,
    profile: result.profile,
    unifiedSchemaVersion: result.unifiedSchemaVersion,
    inputs: result.inputs,
    waves: result.waves,
    unscheduled: result.services.filter((s) => s.wave === null).map((s) => s.key),
    totals: result.totals,
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const points = (x: number) => `${Math.round(x * 10) / 10} point${x === 1 ? '' : 's'}`;

function capacityOf({ services, effort }: PlanInputs['waveCapacity']): string {
  const limits = [
    services != null ? plural(services, 'service') : null,
    effort != null ? `${points(effort)} of effort` : null,
  ].filter((x) => x !== null);
  return `at most ${limits.join(' and ')} per wave`;
}

function waveLines(wave: PlanWave, currency: string): string[] {
  const dates = wave.startDate ? ` (${wave.startDate} to ${wave.endDate})` : '';
  return [
    `wave ${wave.number}${dates}: ${plural(wave.serviceKeys.length, 'service')}, ` +
      `saves ${money(wave.annualSavings, currency)} a year (cumulative ${money(wave.cumulativeSavings, currency)}), ` +
      `effort ${points(wave.effortPoints)}`,
    ...wrapList(wave.serviceKeys, '  '),
  ];
}

/** A human summary of a saved plan: what was made, its waves and what it adds up to. */
function planSummary(plan: MigrationPlanEntity): string {
  const { result } = plan;
  const { totals, inputs } = result;
  const unscheduled = result.services.filter((s) => s.wave === null).map((s) => s.key);
  const readiness = (x: number | null) => (x === null ? 'unknown' : x.toFixed(1));
  const planned = result.services.length - unscheduled.length;
  const selected =
    unscheduled.length === 0
      ? `${plural(planned, 'service')} in ${plural(result.waves.length, 'wave')}`
      : `${plural(result.services.length, 'service')}, ${planned} in ${plural(result.waves.length, 'wave')}`;
  const lines = [
    `saved plan ${plan.id} "${oneLine(plan.name)}"`,
    `profile ${result.profile.name}@${result.profile.version}: ${selected}, ${capacityOf(inputs.waveCapacity)}`,
    '',
    ...result.waves.flatMap((w) => waveLines(w, totals.currency)),
    ...(result.waves.length ? [''] : []),
    `total: saves ${money(totals.annualSavings, totals.currency)} a year, ` +
      `${plural(totals.servicesRetired, 'service')} and ${plural(totals.fieldsRetired, 'field')} retired, ` +
      `effort ${points(totals.effortPoints)}`,
    `remaining estate cost ${money(totals.remainingEstateCost, totals.currency)} a year, ` +
      (totals.aiReadinessBefore === null && totals.aiReadinessAfter === null
        ? 'AI-readiness unknown, '
        : `AI-readiness ${readiness(totals.aiReadinessBefore)} -> ${readiness(totals.aiReadinessAfter)}, `) +
      `${plural(totals.orphanedUnifiedFields, 'unified field')} left without a source`,
    `unscheduled: ${unscheduled.length}${unscheduled.length ? ` (beyond --max-waves ${inputs.maxWaves})` : ''}`,
    ...wrapList(unscheduled, '  '),
  ];
  return `${lines.join('\n')}\n`;
}

/** Keys comma-separated, wrapped at LINE_WIDTH, each line indented. */
function wrapList(items: string[], indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, item] of items.entries()) {
    const text = i < items.length - 1 ? `${item},` : item;
    if (line && indent.length + line.length + 1 + text.length > LINE_WIDTH) {
      lines.push(indent + line);
      line = text;
    } else line = line ? `${line} ${text}` : text;
  }
  if (line) lines.push(indent + line);
  return lines;
}

function planListJson(plans: PlanSummary[]): string {
  const output = plans.map((p) => ({
    id: p.id,
    name: p.name,
    createdAt: new Date(p.createdAt).toISOString(),
    createdBy: p.createdBy,
    profile: { name: p.profileName, version: p.profileVersion },
    waves: p.waveCount,
    services: p.serviceCount,
    annualSavings: Number(p.annualSavings),
    currency: p.currency,
    rerunOf: p.rerunOf,
  }));
  return `${JSON.stringify(output, null, 2)}\n`;
}

function planListTable(plans: PlanSummary[]): string {
  if (plans.length === 0) return 'no saved plans (estate plan --name … makes one)\n';
  const columns: Column[] = [
    { title: 'ID', align: 'left' },
    { title: 'NAME', align: 'left', max: 28 },
    { title: 'CREATED (UTC)', align: 'left' },
    { title: 'WAVES', align: 'right' },
    { title: 'SERVICES', align: 'right' },
    { title: 'SAVINGS', align: 'right' },
  ];
  const rows = plans.map((p) => [
    p.id,
    oneLine(p.name),
    new Date(p.createdAt).toISOString().slice(0, 16).replace('T', ' '),
    String(p.waveCount),
    String(p.serviceCount),
    money(Number(p.annualSavings), p.currency),
  ]);
  return textTable(columns, rows);
}
