import * as fs from 'node:fs';

/** SQL statements per request of one request tag: what the completion log lines said. */
export interface StatementCounts {
  requests: number;
  mean: number;
  min: number;
  max: number;
}

const STATEMENTS = /"sqlStatements":(\d+)/;
const REQUEST_ID = /"req":\{"id":"([^"]+)"/;

/**
 * Reads Estate's request completion lines (pino, JSON) as the server appends them: each names its
 * request id (the benchmark tags requests with `X-Request-Id: <tag>`) and how many SQL statements the
 * request cost (`sqlStatements`, counted by Estate's TypeORM logger for every statement it sends).
 */
export class StatementLog {
  private offset = 0;
  private rest = '';

  constructor(private readonly file: string) {}

  /** Counts of the requests completed since the last call, by tag. */
  read(): Map<string, StatementCounts> {
    const counts = new Map<string, StatementCounts>();
    const fd = fs.openSync(this.file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const buffer = Buffer.alloc(size - this.offset);
      fs.readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset = size;
      const lines = (this.rest + buffer.toString('utf8')).split('\n');
      this.rest = lines.pop() ?? '';
      for (const line of lines) {
        const statements = STATEMENTS.exec(line);
        const tag = statements && REQUEST_ID.exec(line)?.[1];
        if (!tag) continue;
        const n = Number(statements[1]);
        const c = counts.get(tag) ?? { requests: 0, mean: 0, min: Infinity, max: -Infinity };
        c.mean = (c.mean * c.requests + n) / (c.requests + 1);
        c.requests++;
        c.min = Math.min(c.min, n);
        c.max = Math.max(c.max, n);
        counts.set(tag, c);
      }
    } finally {
      fs.closeSync(fd);
    }
    return counts;
  }
}
