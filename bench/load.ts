import autocannon from 'autocannon';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { percentile } from './harness';
import { BackendCpu, cpuSeconds, pause, peakRssMiB, resetPeakRss, type ServerProcess } from './processes';

/** One kind of request, as autocannon sends it: each call of `next` gives the next request's path and body. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  next(): { path: string; body?: string };
  /** A response body that does not answer the request (a GraphQL error, a refusal). */
  wrong(body: string): boolean;
}

/** What one timed run measured. */
export interface RunFigures {
  requests: number;
  failed: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU of the server process, in cores (1.0 = one CPU busy all the time) and per request. */
  serverCores: number;
  serverCpuMsPerRequest: number;
  /** CPU of the server's PostgreSQL backends; null when PostgreSQL is not on this machine. */
  databaseCores: number | null;
  /** CPU of the benchmark process itself (autocannon). */
  clientCores: number;
  /** CPU used on this machine by anything else during the run: other work sharing the machine. */
  otherCores: number;
  peakRssMiB: number;
  loadAverage: string;
}

/** Busy CPU seconds of the whole machine so far (/proc/stat, all CPUs). */
function machineBusySeconds(): number {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}

function clientCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

export const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * Sends `request` from `connections` concurrent connections for `seconds` and measures latency (of
 * every response, for p95 as well as p50/p99), throughput, and the CPU and peak memory of `server`.
 */
export async function runLoad(
  server: ServerProcess,
  backends: BackendCpu,
  request: LoadRequest,
  connections: number,
  seconds: number,
): Promise<RunFigures> {
  const latencies: number[] = [];
  let wrong = 0;
  const loadAtStart = loadAverage();
  resetPeakRss(server.pid);
  const before = {
    server: cpuSeconds(server.pid),
    backends: await backends.snapshot(server.applicationName),
    client: clientCpuSeconds(),
    machine: machineBusySeconds(),
    at: performance.now(),
  };
  const instance = autocannon({
    url: server.baseUrl,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: request.method,
        headers: request.headers,
        setupRequest: (req) => ({ ...req, ...request.next() }),
      },
    ],
    verifyBody: (body) => {
      const bad = request.wrong(body);
      if (bad) {
        wrong++;
        if (wrong === 1) console.error(`  wrong response: ${body.slice(0, 500)}`);
      }
      return !bad;
    },
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await instance;
  const after = {
    server: cpuSeconds(server.pid),
    backends: await backends.snapshot(server.applicationName),
    client: clientCpuSeconds(),
    machine: machineBusySeconds(),
    at: performance.now(),
  };
  const elapsed = (after.at - before.at) / 1000;
  const serverCpu = after.server - before.server;
  const databaseCpu = BackendCpu.used(before.backends, after.backends);
  const clientCpu = after.client - before.client;
  const ok = latencies.length - wrong;
  latencies.sort((a, b) => a - b);
  return {
    requests: ok,
    failed: wrong + result.errors + result.timeouts + result.non2xx,
    seconds: elapsed,
    reqPerSec: ok / elapsed,
    // No response within the run (each took longer than the run): no latency figures, 0 req/s.
    p50: latencies.length ? percentile(latencies, 50) : NaN,
    p95: latencies.length ? percentile(latencies, 95) : NaN,
    p99: latencies.length ? percentile(latencies, 99) : NaN,
    serverCores: serverCpu / elapsed,
    serverCpuMsPerRequest: (serverCpu / Math.max(1, ok)) * 1000,
    databaseCores: databaseCpu === null ? null : databaseCpu / elapsed,
    clientCores: clientCpu / elapsed,
    otherCores: Math.max(0, after.machine - before.machine - serverCpu - (databaseCpu ?? 0) - clientCpu) / elapsed,
    peakRssMiB: peakRssMiB(server.pid),
    loadAverage: loadAtStart,
  };
}

/** Median of each figure over several runs (each figure on its own). */
export function medianFigures(runs: RunFigures[]): RunFigures {
  const median = (pick: (r: RunFigures) => number) => {
    const sorted = runs.map(pick).sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b));
    return sorted[Math.floor(sorted.length / 2)];
  };
  const databaseCores = runs.some((r) => r.databaseCores === null) ? null : median((r) => r.databaseCores!);
  return {
    requests: median((r) => r.requests),
    failed: runs.reduce((n, r) => n + r.failed, 0),
    seconds: median((r) => r.seconds),
    reqPerSec: median((r) => r.reqPerSec),
    p50: median((r) => r.p50),
    p95: median((r) => r.p95),
    p99: median((r) => r.p99),
    serverCores: median((r) => r.serverCores),
    serverCpuMsPerRequest: median((r) => r.serverCpuMsPerRequest),
    databaseCores,
    clientCores: median((r) => r.clientCores),
    otherCores: Math.max(...runs.map((r) => r.otherCores)),
    peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
    loadAverage: runs.map((r) => r.loadAverage.split(' ')[0]).join('/'),
  };
}

/** CPU used by other work on this machine above which a run is repeated (once busy, figures are not the server's). */
export const BUSY_MACHINE_CORES = 0.25;

/**
 * Warm-up, then `repeats` timed runs; a run during which other work on the machine used more than
 * BUSY_MACHINE_CORES is run again (up to `retries` times in all, after a pause), and the figures say so.
 */
export async function measure(
  server: ServerProcess,
  backends: BackendCpu,
  request: LoadRequest,
  options: { connections: number; warmupSeconds: number; seconds: number; repeats: number; retries: number },
): Promise<{ median: RunFigures; runs: RunFigures[]; rerun: number }> {
  await runLoad(server, backends, request, options.connections, options.warmupSeconds);
  const runs: RunFigures[] = [];
  let rerun = 0;
  while (runs.length < options.repeats) {
    const run = await runLoad(server, backends, request, options.connections, options.seconds);
    if (run.otherCores > BUSY_MACHINE_CORES && rerun < options.retries) {
      rerun++;
      console.error(
        `  machine busy (${run.otherCores.toFixed(2)} cores of other work, load ${run.loadAverage}): again`,
      );
      await pause(5000);
      continue;
    }
    runs.push(run);
  }
  return { median: medianFigures(runs), runs, rerun };
}
