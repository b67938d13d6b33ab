import type { DataDictionary, DictionaryFormat, RenderedDictionary } from './data-dictionary.types';
import { toJsonSchema } from './json-schema';
import { toMarkdown } from './markdown';
import { toOpenApi } from './openapi';

/*
 * The dictionary as bytes: pure functions of the DataDictionary, so HTTP, GraphQL, the CLI and
 * the MCP server serve the same text for the same version. Nothing here reads the clock.
 */

const FORMATS: Record<DictionaryFormat, { contentType: string; suffix: string; body: (d: DataDictionary) => string }> =
  {
    jsonschema: { contentType: 'application/schema+json', suffix: 'schema.json', body: (d) => json(toJsonSchema(d)) },
    openapi: {
      contentType: 'application/vnd.oai.openapi+json;version=3.1',
      suffix: 'openapi.json',
      body: (d) => json(toOpenApi(d)),
    },
    markdown: { contentType: 'text/markdown; charset=utf-8', suffix: 'md', body: toMarkdown },
  };

export function renderDataDictionary(dictionary: DataDictionary, format: DictionaryFormat): RenderedDictionary {
  const spec = FORMATS[format];
  if (!spec) throw new RangeError(`Unknown data dictionary format: ${String(format)}`);
  const version = dictionary.version === 'draft' ? 'draft' : `v${dictionary.version}`;
  return {
    contentType: spec.contentType,
    fileName: `estate-unified-${version}.${spec.suffix}`,
    body: spec.body(dictionary),
  };
}

function json(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
