import { SingleBar } from 'cli-progress';

/** Reports `done` of `total` for a named phase; ends with `stop`. */
export interface Progress {
  update(phase: string, done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar on a terminal (stderr, so stdout stays clean for pipes), and
 * nothing when stderr is not a terminal (CI logs, redirects).
 */
export function progressOn(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream,
    format: '{phase} [{bar}] {percentage}% | {value}/{total}',
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
  });
  let current: string | undefined;
  return {
    update(phase, done, total) {
      if (phase !== current) {
        if (current !== undefined) bar.stop();
        bar.start(total, done, { phase: phase.padEnd(10) });
        current = phase;
      } else bar.update(done);
    },
    stop() {
      if (current !== undefined) bar.stop();
      current = undefined;
    },
  };
}
