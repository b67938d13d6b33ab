import * as fs from 'node:fs';
import { oversizeProblem } from '../schemas/importers/import-schema';
import { describeLocation, type ImportMessage } from '../schemas/importers/import.types';
import type { SchemaChangeSet } from '../schemas/change-set';
import { progressOn } from './progress';

/** Reads a file to import, refusing it before reading when it is over the limit, with a progress bar for large files. */
export async function readImportFile(file: string): Promise<string> {
  const { size } = await fs.promises.stat(file).catch(() => {
    throw new Error(`cannot read ${file}: no such file`);
  });
  const tooLarge = oversizeProblem(size);
  if (tooLarge) throw new Error(`${file}: ${tooLarge}`);
  const progress = progressOn();
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of fs.createReadStream(file)) {
      chunks.push(chunk as Buffer);
      read += (chunk as Buffer).length;
      if (size > 1024 * 1024) progress.update('reading', read, size);
    }
  } finally {
    progress.stop();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `file:line:column: message` (or `file#/pointer: message`), as compilers print. */
export function located(file: string, problem: ImportMessage): string {
  if (problem.line !== undefined)
    return `${file}:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}: ${problem.message}`;
  if (problem.pointer !== undefined) return `${file}#${problem.pointer}: ${problem.message}`;
  return `${file}: ${describeLocation(problem)}`;
}

/** `<what> (<mode>): change level MINOR; 2 entities added, …` */
export function changeSummaryLine(what: string, mode: string, changes: SchemaChangeSet): string {
  const counts = [
    `${changes.entitiesAdded.length} entities added`,
    `${changes.entitiesRemoved.length} removed`,
    `${changes.entitiesChanged.length} changed`,
    `${changes.fieldsAdded.length} fields added`,
    `${changes.fieldsRemoved.length} removed`,
    `${changes.fieldsChanged.length} changed`,
  ];
  return `${what} (${mode}): change level ${changes.level}; ${counts.join(', ')}`;
}
