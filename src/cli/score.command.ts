import { Command, CommandRunner, Option } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors';
import { money, percent } from '../scoring/factors';
import type { ScoringProfileSpec } from '../scoring/profile';
import type { ScoringService, ProfileRef, RankedCandidate } from '../scoring/scoring.service';
import { strongestFactor } from '../scoring/scorer';
import type { Score } from '../scoring/scoring.types';
import { progressOn, type Progress } from './progress';
import { parseProfileRef, textTable, type Column } from './text-table';
import { formatOrJson, UsageError } from './usage-error';

type ScoreFormat = 'table' | 'json' | 'csv';

interface ScoreOptions {
  profile?: ProfileRef;
  top?: number;
  format?: ScoreFormat;
  json?: boolean;
  all?: boolean;
}

/** What every format prints: the profile used, how many services it scored and the candidates shown. */
interface Ranking {
  profile: ScoringProfileSpec;
  services: number;
  /** Candidates in the whole ranking (live services that are not RETIRED). */
  total: number;
  candidates: RankedCandidate[];
}

const DEFAULT_TOP = 20;
const TABLE_WIDTH = 120;

/** Loaded when the command runs, as all the work is: `--help` and usage errors need none of it. */
async function scoringService(dataSource: DataSource): Promise<ScoringService> {
  const [{ ScoringService }, { ScoringRepository }, { AuditLog }] = await Promise.all([
    import('../scoring/scoring.service'),
    import('../scoring/scoring.repository'),
    import('../audit/audit-log'),
  ]);
  return new ScoringService(dataSource, new ScoringRepository(dataSource), new AuditLog(dataSource));
}

@Command({
  name: 'score',
  description: 'Rank the retirement candidates of the estate (RETIRED services excluded) with a scoring profile',
})
export class ScoreCommand extends CommandRunner {
  async run(_args: string[], options: ScoreOptions): Promise<void> {
    const format = formatOrJson(options.format, options.json, 'json') ?? 'table';
    const { withDatabase } = await import('./with-database');
    const progress = progressOn();
    let ranking: Ranking;
    try {
      ranking = await withDatabase(async (dataSource) => rank(await scoringService(dataSource), options, progress));
    } finally {
      progress.stop();
    }
    process.stdout.write(format === 'json' ? jsonOf(ranking) : format === 'csv' ? csvOf(ranking) : tableOf(ranking));
  }

  @Option({ flags: '--profile <name[@version]>', description: 'scoring profile (default: the built-in default)' })
  parseProfile(value: string): ProfileRef {
    return parseProfileRef(value);
  }

  @Option({ flags: '--top <n>', description: `how many candidates to print (default ${DEFAULT_TOP})` })
  parseTop(value: string): number {
    const top = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(top) || top < 1)
      throw new UsageError(`--top must be a positive integer (got "${value}")`);
    return top;
  }

  @Option({ flags: '--format <format>', description: 'table (default), json or csv' })
  parseFormat(value: string): ScoreFormat {
    const format = value.toLowerCase();
    if (format !== 'table' && format !== 'json' && format !== 'csv')
      throw new UsageError(`--format must be table, json or csv (got "${value}")`);
    return format;
  }

  @Option({ flags: '--json', description: 'print the ranking as JSON (short for --format json)' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--all', description: 'print every candidate (overrides --top)' })
  parseAll(): boolean {
    return true;
  }
}

async function rank(scoring: ScoringService, options: ScoreOptions, progress: Progress): Promise<Ranking> {
  const profile = await profileOrExplain(scoring, options.profile ?? {});
  progress.phase(`scoring the estate with ${profile.name}@${profile.version}`);
  const estate = await scoring.scoreEstate(profile);
  const first = options.all ? estate.ranked.length : (options.top ?? DEFAULT_TOP);
  const page = scoring.candidates(estate, {}, first);
  return { profile, services: estate.ranked.length, total: page.total, candidates: page.rows.map((r) => r.node) };
}

/** An unknown profile or version is the user's mistake: say so plainly and name the profiles there are. */
async function profileOrExplain(scoring: ScoringService, ref: ProfileRef): Promise<ScoringProfileSpec> {
  try {
    return await scoring.profile(ref, '--profile');
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== ErrorCode.BAD_USER_INPUT) throw error;
    const problems = (error.details.problems ?? []) as { message: string }[];
    const known = (await scoring.listProfiles()).map((p) => `${p.name}@${p.version}`);
    throw new Error(`${problems.map((p) => p.message).join('; ')} (profiles: ${known.join(', ')})`);
  }
}

function factorsOf(score: Score) {
  return score.factors.map((f) => ({
    name: f.factor,
    value: f.value,
    assumedValue: f.assumedValue,
    weight: f.weight,
    contribution: f.contribution,
    missing: f.missing,
    reason: f.reason,
  }));
}

function jsonOf({ profile, services, candidates }: Ranking): string {
  const output = {
    profile: { name: profile.name, version: profile.version },
    services,
    candidates: candidates.map(({ rank, row, scores }) => ({
      rank,
      key: row.key,
      name: row.name,
      retirement: {
        score: scores.retirement.score,
        confidence: scores.retirement.confidence,
        disposition: scores.disposition.disposition,
        businessValue: scores.disposition.businessValue,
        technicalFit: scores.disposition.technicalFit,
        factors: factorsOf(scores.retirement),
      },
      aiReadiness: {
        score: scores.aiReadiness.score,
        confidence: scores.aiReadiness.confidence,
        factors: factorsOf(scores.aiReadiness),
      },
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

const CSV_HEADER = [
  'rank',
  'key',
  'name',
  'retirement_score',
  'confidence',
  'disposition',
  'ai_readiness',
  'annual_cost',
  'currency',
  'top_reason',
];

/** RFC 4180: CRLF line breaks; a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvOf({ candidates }: Ranking): string {
  const cell = (value: string | number | null): string => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = candidates.map(({ rank, row, scores }) => [
    rank,
    row.key,
    row.name,
    scores.retirement.score,
    scores.retirement.confidence,
    scores.disposition.disposition,
    scores.aiReadiness.score,
    row.annualCostAmount,
    row.annualCostCurrency,
    strongestFactor(scores.retirement)?.reason ?? null,
  ]);
  return [CSV_HEADER, ...rows].map((r) => `${r.map(cell).join(',')}\r\n`).join('');
}

/** Aligned columns that fit TABLE_WIDTH: key and name are capped, the reason takes what is left. */
function tableOf({ profile, services, total, candidates }: Ranking): string {
  const shown = candidates.length < total ? `top ${candidates.length} of ${total}` : `all ${total}`;
  const header =
    `profile ${profile.name}@${profile.version}: ${services} service${services === 1 ? '' : 's'} scored, ` +
    `${shown} retirement candidate${total === 1 ? '' : 's'} (RETIRED services excluded)`;
  if (candidates.length === 0) return `${header}\n`;

  const columns: Column[] = [
    { title: '#', align: 'right' },
    { title: 'KEY', align: 'left', max: 18 },
    { title: 'NAME', align: 'left', max: 24 },
    { title: 'RETIRE', align: 'right' },
    { title: 'CONF', align: 'right' },
    { title: 'DISPOSITION', align: 'left' },
    { title: 'AI', align: 'right' },
    { title: 'ANNUAL COST', align: 'right', max: 14 },
    { title: 'TOP REASON', align: 'left' },
  ];
  const rows = candidates.map(({ rank, row, scores }) => [
    String(rank),
    row.key,
    row.name,
    scores.retirement.score?.toFixed(1) ?? '-',
    percent(scores.retirement.confidence),
    scores.disposition.disposition ?? '-',
    scores.aiReadiness.score?.toFixed(1) ?? '-',
    row.annualCostAmount !== null && row.annualCostCurrency !== null
      ? money(Number(row.annualCostAmount), row.annualCostCurrency)
      : '-',
    strongestFactor(scores.retirement)?.reason ?? '-',
  ]);
  return `${header}\n\n${textTable(columns, rows, TABLE_WIDTH)}`;
}
