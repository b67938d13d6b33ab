import * as fs from 'node:fs';
import * as path from 'node:path';

/** The text of a schema fixture in test/fixtures/schemas. */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '../fixtures/schemas', name), 'utf8');
}
