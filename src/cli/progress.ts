import { SingleBar } from 'cli-progress';

/**
 * Reports `done` of `total` for a named phase, or only that a phase is under way when the work
 * cannot count its steps (one query, one computation); ends with `stop`.
 */
export interface Progress {
  update(phase: string, done: number, total: number): void;
  /** A line naming the work (`scoring 1200 services…`) until the next phase or `stop`. */
  phase(label: string): void;
  stop(): void;
}

/**
 * A progress bar on a terminal (stderr, so stdout stays clean for pipes), and
 * nothing when stderr is not a terminal (CI logs, redirects).
 */
export function progressOn(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, phase: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream,
    format: '{phase} [{bar}] {percentage}% | {value}/{total}',
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
  });
  let current: string | undefined;
  let line = false;
  const end = () => {
    if (current !== undefined) bar.stop();
    current = undefined;
    if (line) {
      stream.cursorTo(0);
      stream.clearLine(0);
    }
    line = false;
  };
  return {
    update(phase, done, total) {
      if (phase !== current) {
        end();
        bar.start(total, done, { phase: phase.padEnd(10) });
        current = phase;
      } else bar.update(done);
    },
    phase(label) {
      end();
      stream.write(`${label}…`);
      line = true;
    },
    stop: end,
  };
}
