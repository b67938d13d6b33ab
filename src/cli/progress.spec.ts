import { PassThrough } from 'node:stream';
import { progressOn } from './progress';

/** A stream that says it is a terminal, keeping what is written and where the cursor was sent. */
function terminal(isTTY: boolean) {
  const written: string[] = [];
  const stream = Object.assign(new PassThrough(), {
    isTTY,
    columns: 100,
    cursorTo: (x: number) => (written.push(`<col ${x}>`), true),
    clearLine: () => (written.push('<clear>'), true),
    moveCursor: () => true,
  });
  stream.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

describe('progressOn', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const { stream, written } = terminal(false);
    const progress = progressOn(stream);
    progress.phase('scoring');
    progress.update('rows', 1, 2);
    progress.stop();
    expect(written).toEqual([]);
  });

  it('shows a phase as one line and clears it when the work is done', () => {
    const { stream, written } = terminal(true);
    const progress = progressOn(stream);
    progress.phase('scoring the estate');
    expect(written).toEqual(['scoring the estate…']);
    progress.stop();
    expect(written.slice(1)).toEqual(['<col 0>', '<clear>']);
    progress.stop();
    expect(written).toHaveLength(3);
  });

  it('clears a phase line before a bar takes its place', () => {
    const { stream, written } = terminal(true);
    const progress = progressOn(stream);
    progress.phase('reading');
    progress.update('rows', 1, 4);
    expect(written.slice(0, 3)).toEqual(['reading…', '<col 0>', '<clear>']);
    progress.stop();
  });
});
