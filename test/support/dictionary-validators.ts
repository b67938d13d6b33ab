import { validate as validateOpenApi } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { DICTIONARY_KEYWORDS } from '../../src/unified/dictionary/json-schema';

/**
 * Ajv for JSON Schema 2020-12 in strict mode, which refuses unknown keywords: Estate's
 * `x-estate-*` keywords are declared as annotations, as the dictionary's description tells consumers to.
 */
export function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary([...DICTIONARY_KEYWORDS]);
  return ajv;
}

/** Problems with a JSON Schema document: against the 2020-12 meta-schema, then when compiled strictly. */
export function jsonSchemaProblems(document: Record<string, unknown>): string[] {
  const ajv = strictAjv();
  if (!ajv.validateSchema(document)) return [ajv.errorsText(ajv.errors)];
  try {
    ajv.compile(document);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/**
 * Problems with an OpenAPI document, as @readme/openapi-parser finds them against the official
 * OpenAPI 3.1 schema (bundled with it: nothing is downloaded), then each component schema compiled
 * as JSON Schema 2020-12, which the OpenAPI schema leaves unchecked.
 */
export async function openApiProblems(document: Record<string, unknown>): Promise<string[]> {
  // The parser may change what it is given: it gets a copy.
  const result = await validateOpenApi(structuredClone(document) as never);
  if (!result.valid) return result.errors.map((e) => e.message);
  const schemas = ((document.components as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  return Object.entries(schemas).flatMap(([name, schema]) =>
    jsonSchemaProblems({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...schema }).map(
      (problem) => `components.schemas.${name}: ${problem}`,
    ),
  );
}
