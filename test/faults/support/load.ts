import { succeeded, type EstateProcess } from './estate-process';

export interface RequestOutcome {
  kind: 'read' | 'write';
  /** ms since the epoch. */
  started: number;
  ended: number;
  ok: boolean;
  /** `extensions.code: message` of the first GraphQL error, or why no HTTP answer came. */
  error?: string;
}

export interface Load {
  readonly outcomes: RequestOutcome[];
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<RequestOutcome[]>;
}

const READ = `{ services(first: 20, orderBy: { field: NAME }) { totalCount edges { node { key version ownerTeam { key } } } } }`;
const WRITE = `mutation($input: ServiceInput!) { upsertService(input: $input) { outcome service { version } } }`;

/**
 * `workers` clients, each sending one request after the other — reads of a page of services
 * and upserts that change a service — until stopped. Every outcome is kept with its times.
 */
export function startLoad(app: EstateProcess, team: string, workers = 4, timeoutMs = 20_000): Load {
  const outcomes: RequestOutcome[] = [];
  let stopping = false;
  let sequence = 0;
  const worker = async (w: number) => {
    while (!stopping) {
      const n = sequence++;
      const kind = n % 2 === 0 ? 'read' : 'write';
      const started = Date.now();
      const reply =
        kind === 'read'
          ? await app.gql(READ, undefined, timeoutMs)
          : await app.gql(
              WRITE,
              {
                input: {
                  key: `load-${w}-${n % 10}`,
                  name: `Load ${w}`,
                  kind: 'INTERNAL',
                  ownerTeam: team,
                  tags: [`n${n}`],
                },
              },
              timeoutMs,
            );
      const ok = succeeded(reply);
      const error = reply.body?.errors?.[0];
      outcomes.push({
        kind,
        started,
        ended: Date.now(),
        ok,
        error: ok
          ? undefined
          : error
            ? `${error.extensions?.code}: ${error.message}`
            : (reply.failure ?? `HTTP ${reply.status}`),
      });
      // A refused connection answers at once; don't spin on it.
      if (reply.status === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const running = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return {
    outcomes,
    async stop() {
      stopping = true;
      await running;
      return outcomes;
    },
  };
}

/** How many of each distinct error, most frequent first. */
export function errorSummary(outcomes: RequestOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) if (!o.ok) counts.set(o.error ?? '?', (counts.get(o.error ?? '?') ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([error, count]) => `${count} × ${error}`)
    .join('\n');
}
