import type { EntityMetadata } from 'typeorm';

/** Types whose driver value would not round-trip (Date at local midnight, floats, unparsed citext). */
const AS_TEXT = new Set(['date', 'numeric', 'decimal', 'citext']);

/** `alias."column" AS "property"` for every column, so raw rows come back shaped like the entity. */
export function selectColumns(metadata: Pick<EntityMetadata, 'columns'>, alias: string): string {
  return metadata.columns
    .map((column) => {
      const cast = AS_TEXT.has(String(column.type)) ? '::text' : '';
      return `${alias}."${column.databaseName}"${cast} AS "${column.propertyName}"`;
    })
    .join(', ');
}
