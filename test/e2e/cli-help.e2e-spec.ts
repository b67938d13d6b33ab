import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase } from '../support/test-database';

const CLI = path.resolve(__dirname, '../../dist/src/cli.js');
const UNIFIED = path.resolve(__dirname, '../fixtures/unified/crm.unified.yaml');
const SCHEMA = path.resolve(__dirname, '../fixtures/schemas/crm.estate.json');

/** Nothing but a usage error or --help may reach a database: this one refuses at once instead of starting one. */
const NO_DATABASE = 'postgres://estate@127.0.0.1:1/none';

/** The commands the issue names (`import` and `export` are checked when `estate --help` lists them). */
const EXPECTED = [
  'serve',
  'migrate',
  'demo',
  'schema',
  'schema import',
  'schema match',
  'unified',
  'unified import',
  'unified export',
  'score',
  'plan',
  'plan list',
  'report',
  'token',
  'token create',
  'token list',
  'token revoke',
];

/** Commands whose output is data: each takes --json. */
const DATA = [
  'demo',
  'migrate',
  'score',
  'plan',
  'plan list',
  'report',
  'schema import',
  'schema match',
  'unified import',
  'unified export',
  'token create',
  'token list',
];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Each run is a Node process that loads Nest (about a second of CPU): not many more at once than there are processors. */
const slots = os.availableParallelism() + 1;
/**
 * A test that runs a process per command takes 10-20 s on two idle processors, but several times
 * that on a machine busy with other work (benchmarks, other test files): room for that, not a hang.
 */
const EVERY_COMMAND_TIMEOUT_MS = 180_000;
let running = 0;
const waiting: (() => void)[] = [];

async function estate(args: string[], databaseUrl = NO_DATABASE): Promise<Run> {
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const words = (commandLine: string) => (commandLine ? commandLine.split(' ') : []);

interface HelpEntry {
  term: string;
  description: string;
}

/** Commander's help as its sections (`Options`, `Commands`, `Arguments`): each entry's term and description. */
function helpSections(help: string): Map<string, HelpEntry[]> {
  const sections = new Map<string, HelpEntry[]>();
  let current: HelpEntry[] | undefined;
  for (const line of help.split('\n')) {
    const header = /^(\w[\w ]*):$/.exec(line);
    if (header) sections.set(header[1], (current = []));
    else if (!line.trim()) current = undefined;
    else if (current) {
      const entry = /^ {2}(\S(?:\S| (?! ))*)(?: {2,}(.*))?$/.exec(line);
      if (entry) current.push({ term: entry[1], description: entry[2] ?? '' });
      else if (current.length) current[current.length - 1].description += ` ${line.trim()}`;
    }
  }
  return sections;
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

interface Described {
  /** `plan list`; '' for estate itself. */
  commandLine: string;
  /** As its parent's help lists it. */
  description: string;
  help: Run;
}

describe('estate --help and usage errors (every command)', () => {
  /** Every command and subcommand, found by reading `estate --help` and then each command's own. */
  const commands: Described[] = [];
  const find = (commandLine: string) => commands.find((c) => c.commandLine === commandLine);

  beforeAll(async () => {
    const root: Described = { commandLine: '', description: '', help: await estate(['--help']) };
    commands.push(root);
    for (let level = [root]; level.length;) {
      const listed = level.flatMap((parent) =>
        (helpSections(parent.help.stdout).get('Commands') ?? [])
          .map((entry) => ({ name: entry.term.split(' ')[0], description: squeeze(entry.description) }))
          .filter(({ name }) => name !== 'help')
          .map(({ name, description }) => ({ commandLine: [parent.commandLine, name].join(' ').trim(), description })),
      );
      level = await Promise.all(
        listed.map(async (c) => ({ ...c, help: await estate([...words(c.commandLine), '--help']) })),
      );
      commands.push(...level);
    }
  }, EVERY_COMMAND_TIMEOUT_MS);

  it('has every command the issue names', () => {
    const found = commands.map((c) => c.commandLine);
    expect(found).toEqual(expect.arrayContaining(EXPECTED));
  });

  it('prints usage, the description and a description of every option and argument on --help, exit code 0', () => {
    for (const { commandLine, description, help } of commands) {
      const program = ['estate', ...words(commandLine)].join(' ');
      expect({ commandLine, status: help.status, stderr: help.stderr }).toEqual({ commandLine, status: 0, stderr: '' });
      expect(help.stdout.startsWith(`Usage: ${program} `)).toBe(true);
      // estate's own description is listed nowhere else.
      const expected = commandLine ? description : 'software estate';
      const described = expected !== '' && squeeze(help.stdout).includes(expected);
      expect({ commandLine, described }).toEqual({ commandLine, described: true });
      const sections = helpSections(help.stdout);
      expect(sections.get('Options')?.length).toBeGreaterThan(0);
      for (const section of ['Options', 'Arguments', 'Commands']) {
        const undescribed = (sections.get(section) ?? []).filter((e) => !e.description.trim()).map((e) => e.term);
        expect({ commandLine, section, undescribed }).toEqual({ commandLine, section, undescribed: [] });
      }
    }
  });

  it(
    'refuses an unknown option with exit code 2, naming it on stderr and pointing at the command help',
    async () => {
      const runs = await Promise.all(commands.map((c) => estate([...words(c.commandLine), '--no-such-option'])));
      commands.forEach(({ commandLine }, i) => {
        const { status, stdout, stderr } = runs[i];
        expect({ commandLine, status, stdout }).toEqual({ commandLine, status: 2, stdout: '' });
        const program = ['estate', ...words(commandLine)].join(' ');
        expect(stderr).toBe(`estate: unknown option '--no-such-option'\n(see ${program} --help)\n`);
      });
    },
    EVERY_COMMAND_TIMEOUT_MS,
  );

  it(
    'prints the help on stderr with exit code 2 for a command that needs a subcommand',
    async () => {
      const groups = commands.filter((c) => helpSections(c.help.stdout).has('Commands') && c.commandLine !== 'plan');
      expect(groups.map((c) => c.commandLine)).toEqual(expect.arrayContaining(['', 'schema', 'token', 'unified']));
      const runs = await Promise.all(groups.map((c) => estate(words(c.commandLine))));
      groups.forEach(({ commandLine, help }, i) => {
        const { status, stdout, stderr } = runs[i];
        expect({ commandLine, status, stdout, stderr }).toEqual({
          commandLine,
          status: 2,
          stdout: '',
          stderr: help.stdout,
        });
      });
    },
    EVERY_COMMAND_TIMEOUT_MS,
  );

  it('refuses an unknown subcommand with exit code 2', async () => {
    const groups = ['', 'token'];
    const runs = await Promise.all(groups.map((commandLine) => estate([...words(commandLine), 'no-such-command'])));
    groups.forEach((commandLine, i) => {
      const { status, stdout, stderr } = runs[i];
      expect({ commandLine, status, stdout }).toEqual({ commandLine, status: 2, stdout: '' });
      expect(stderr).toMatch(/^estate: unknown command 'no-such-command'/);
      expect(stderr.endsWith(`(see ${['estate', ...words(commandLine)].join(' ')} --help)\n`)).toBe(true);
    });
  });

  it('offers --json on every command whose output is data', () => {
    for (const commandLine of DATA) {
      const options = helpSections(find(commandLine)!.help.stdout).get('Options') ?? [];
      expect({ commandLine, json: options.some((o) => o.term === '--json') }).toEqual({ commandLine, json: true });
    }
  });

  it('refuses --json with another --format', async () => {
    const commandLines = [
      ['score', '--format', 'csv'],
      ['report', '--estate', '--format', 'md'],
      ['unified', 'export', '--format', 'yaml'],
    ];
    const runs = await Promise.all(commandLines.map((args) => estate([...args, '--json'])));
    commandLines.forEach((args, i) => {
      const { status, stdout, stderr } = runs[i];
      expect({ args, status, stdout }).toEqual({ args, status: 2, stdout: '' });
      expect(stderr).toMatch(/^estate: --json is short for --format json: give --json or --format \w+, not both\n/);
    });
  });
});

describe('estate … --json (on a database)', () => {
  let database: { url: string; drop: () => Promise<void> };
  const onDatabase = (...args: string[]) => estate(args, database.url);

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  const json = (run: Run): unknown => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    return JSON.parse(run.stdout);
  };

  it('prints tokens as JSON: the new one with its secret, the list without', async () => {
    const created = json(await onDatabase('token', 'create', '--role', 'viewer', '--name', 'ci', '--json')) as Record<
      string,
      unknown
    >;
    expect(created).toMatchObject({ name: 'ci', role: 'VIEWER', team: null, state: 'active', revokedAt: null });
    expect(created.secret).toEqual(expect.stringMatching(new RegExp(`^${String(created.prefix)}`)));
    const listed = json(await onDatabase('token', 'list', '--json')) as Record<string, unknown>[];
    const { secret: _secret, ...withoutSecret } = created;
    expect(listed).toEqual([withoutSecret]);
  });

  it(
    'prints migrations, ranking, plans, reports and the unified schema as JSON',
    async () => {
      const [status, up, score, scoreFormat, plans, report, exported, imported, noService] = await Promise.all([
        onDatabase('migrate', '--status', '--json'),
        onDatabase('migrate', '--json'),
        onDatabase('score', '--json'),
        onDatabase('score', '--format', 'json'),
        onDatabase('plan', 'list', '--json'),
        onDatabase('report', '--estate', '--json'),
        onDatabase('unified', 'export', '--json'),
        onDatabase('unified', 'import', UNIFIED, '--dry-run', '--json'),
        onDatabase('schema', 'import', 'no-such-service', SCHEMA, '--json'),
      ]);
      const { migrations } = json(status) as { migrations: { name: string; applied: boolean }[] };
      expect(migrations.length).toBeGreaterThan(0);
      expect(migrations.filter((m) => !m.applied)).toEqual([]);
      expect(json(up)).toEqual({ applied: [] });

      expect(json(score)).toEqual({ profile: { name: 'default', version: 0 }, services: 0, candidates: [] });
      expect(score.stdout).toBe(scoreFormat.stdout);
      expect(json(plans)).toEqual([]);
      expect(json(report)).toMatchObject({ profile: { name: 'default' }, inventory: { services: 0 } });
      expect(json(exported)).toMatchObject({ entities: [] });

      expect(imported.status).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({
        file: 'crm.unified.yaml',
        mode: 'REPLACE',
        dryRun: true,
        written: false,
        entitiesAdded: ['crm.Account', 'crm.Lead', 'crm.User'],
      });

      expect(noService.status).toBe(1);
      expect(noService.stdout).toBe('');
      expect(noService.stderr).toMatch(/^estate: .*no-such-service/m);
    },
    EVERY_COMMAND_TIMEOUT_MS,
  );
});
