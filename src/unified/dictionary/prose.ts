import type { DataDictionary, DictionaryFormat } from './data-dictionary.types';

/** Which version this is, in words: `version 3, published 2025-05-01T09:30:00.000Z by alice ("CRM core")`. */
export function versionInWords(dictionary: DataDictionary): string {
  if (dictionary.version === 'draft') return 'the draft (not published: it may still change)';
  const by = dictionary.publishedBy ? ` by ${dictionary.publishedBy}` : '';
  const note = dictionary.note ? ` ("${dictionary.note}")` : '';
  return `version ${dictionary.version}, published ${dictionary.publishedAt ?? 'at an unknown time'}${by}${note}`;
}

/** Where suppliers come from: every format says it the same way. */
export const SUPPLIERS_RULE =
  'Suppliers are the services whose fields are mapped onto a unified field by CONFIRMED mappings, as the ' +
  'mappings stand now; suggested mappings are not listed, nor are deleted services. Systems of record come ' +
  'first, then services by key.';

const LAYOUT: Record<DictionaryFormat, string> = {
  jsonschema:
    'Each unified entity is an object schema under $defs; each unified field is a property, nested along ' +
    'its dotted path ([] marks a list). Estate facts are x-estate-* keywords (annotations): x-estate-field ' +
    '(the field name), x-estate-type, x-estate-synonyms, x-estate-pii-class, x-estate-suppliers, x-estate-coverage.',
  openapi:
    'Each unified entity is a schema under components.schemas; each unified field is a property, nested ' +
    'along its dotted path ([] marks a list). Estate facts are x-estate-* extensions: x-estate-entity, ' +
    'x-estate-field (the field name), x-estate-type, x-estate-synonyms, x-estate-pii-class, x-estate-suppliers, ' +
    'x-estate-coverage. There are no operations: this document describes data, not an API.',
  markdown: 'Each unified entity has a section with a table of its fields, then the services that supply them.',
};

/** The opening text of a dictionary document. */
export function aboutDictionary(dictionary: DataDictionary, format: DictionaryFormat): string {
  return (
    `The data dictionary of Estate's unified schema, ${versionInWords(dictionary)}: every canonical entity ` +
    `and field, with the services that supply each field. ${LAYOUT[format]} ${SUPPLIERS_RULE}`
  );
}
