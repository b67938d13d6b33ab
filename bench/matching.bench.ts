/**
 * Mapping matcher benchmark.
 *
 * 1. Quality: runs ../shared/tools/eval-matching.mjs on every pairs file in
 *    ../shared/data/mapping-gt/ (or ESTATE_BENCH_PAIRS) in both modes, through
 *    the contract command `estate schema match`, and prints its figures.
 * 2. Speed: suggestions for 60,000 source fields (1,200 services × 5 entities × 10
 *    fields) against a unified schema of 600 fields, once with every entity
 *    already mapped (candidates from one unified entity) and once without (the
 *    matcher finds the entity too), in a child process so its peak RSS is its own.
 *
 *   npm run bench
 *
 * Writes bench/RESULTS-matching.md.
 */
import { execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sharedLexicon } from '../src/unified/matching/lexicon-instance';
import { SchemaMatcher } from '../src/unified/matching/matcher';
import { mappingEstate } from './datasets/mapping-estate';
import { Results } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');
const SHARED = path.resolve(ROOT, '..', 'shared');
const ESTATE = path.join(ROOT, 'bin', 'estate.js');

interface SpeedResult {
  mode: string;
  fields: number;
  matched: number;
  buildMs: number;
  matchMs: number;
  peakRssMb: number;
}

function speed(mode: 'mapped' | 'unmapped'): SpeedResult {
  const estate = mappingEstate({
    entities: 60,
    fieldsPerEntity: 10,
    services: 1200,
    entitiesPerService: 5,
    sourceFieldsPerEntity: 10,
  });
  const started = performance.now();
  const matcher = new SchemaMatcher(sharedLexicon(), estate.unified);
  const built = performance.now();
  let fields = 0;
  let matched = 0;
  estate.services.forEach((entities) => {
    // mapped: each entity to the unified entity of its subject (`invoice3` → `domain0.Invoice`)
    const source =
      mode === 'mapped'
        ? entities.map((e) => ({
            ...e,
            mappedTo: estate.unified.entities.find((u) =>
              u.name.toLowerCase().endsWith(`.${e.name.replace(/\d+$/, '')}`),
            )?.name,
          }))
        : entities;
    for (const s of matcher.match(source, { top: 3 }).suggestions) {
      fields++;
      if (s.matched) matched++;
    }
  });
  const done = performance.now();
  return {
    mode,
    fields,
    matched,
    buildMs: built - started,
    matchMs: done - built,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function inChild(mode: string): Promise<SpeedResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--speed', mode], { env: { ...process.env } });
    child.once('message', (m) => resolve(m as SpeedResult));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`speed run exited with ${code}`)));
  });
}

function quality(results: Results): void {
  const pairsDir = path.join(SHARED, 'data', 'mapping-gt');
  const files = process.env.ESTATE_BENCH_PAIRS
    ? process.env.ESTATE_BENCH_PAIRS.split(',')
    : fs.existsSync(pairsDir)
      ? fs
          .readdirSync(pairsDir)
          .filter((f) => f.endsWith('.csv'))
          .map((f) => path.join(pairsDir, f))
      : [];
  const script = path.join(SHARED, 'tools', 'eval-matching.mjs');
  if (!files.length || !fs.existsSync(script)) {
    results.say('Quality: no ground-truth pairs found beside the repository (../shared/data/mapping-gt); skipped.');
    return;
  }
  results.say('## Quality (eval-matching.mjs through `estate schema match`)\n');
  for (const file of files) {
    for (const mode of ['entity', 'schema']) {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-eval-'));
      const printed = execFileSync(
        process.execPath,
        [script, file, '--mode', mode, '--cmd', `${process.execPath} ${ESTATE} schema match`, '--out', out],
        { encoding: 'utf8' },
      );
      results.say('```');
      results.say(printed.trim());
      results.say('```');
    }
  }
}

async function main(): Promise<void> {
  const results = new Results();
  quality(results);
  results.say('\n## Speed: 60,000 source fields against a unified schema of 600 fields\n');
  results.say(
    'Synthetic names (random business words in camelCase, snake_case, run-together and vendor-prefixed styles); ' +
      'with entities mapped, a field only has the ten fields of its one unified entity to choose from, so most have ' +
      'no good home there and the matcher says so. Each run in a fresh process.\n',
  );
  results.say('| entities | fields | with a suggestion | index build | matching | peak RSS |');
  results.say('|---|---:|---:|---:|---:|---:|');
  for (const mode of ['mapped', 'unmapped']) {
    const r = await inChild(mode);
    results.say(
      `| ${r.mode === 'mapped' ? 'already mapped' : 'found by the matcher'} | ${r.fields} | ${r.matched} | ` +
        `${r.buildMs.toFixed(0)} ms | ${(r.matchMs / 1000).toFixed(2)} s | ${r.peakRssMb.toFixed(0)} MB |`,
    );
  }
  results.write('RESULTS-matching.md', 'Mapping matcher', 'no database (the matcher is pure code)');
}

if (process.argv[2] === '--speed') {
  const result = speed(process.argv[3] as 'mapped' | 'unmapped');
  process.send?.(result, () => process.exit(0));
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
